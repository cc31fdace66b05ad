// Every paper size the CLI accepts, in any case, is the size the PDF's pages have (pdfinfo) and the
// size the HTML asks a printer for (@page); sizes it does not know (Tabloid, Legal) are a usage error
// naming the ones there are, never quietly A4. (A `page.size` in theme.json is refused as well:
// tests/templates/theme-errors.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageSizes as cliPageSizes } from '../../src/cli/shared-options.js';
import { pageSizes as paperPoints } from '../../src/writers/pdf/layout-document.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { extractPdfPages } from '../support/pdf-text.js';
import { pdfinfo } from '../support/poppler.js';
import { handout, show } from '../robustness/support/cli.js';

const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');
/** pdfinfo's name for each paper size. */
const pdfinfoName: Record<string, string> = { A4: 'A4', Letter: 'letter' };

describe('every accepted page size is used', () => {
  it('the CLI accepts exactly the sizes the PDF writer has', () => {
    expect([...cliPageSizes].sort()).toEqual(Object.keys(paperPoints).sort());
  });

  // Each size in lower case upright and in upper case on its side.
  const cases = cliPageSizes.flatMap((size) => [[size, size.toLowerCase(), false] as const, [size, size.toUpperCase(), true] as const]);
  it.each(cases)('%s written %s, landscape %s: the PDF pages and the HTML @page have that size', async (size, spelling, landscape) => {
    const out = tmpDir(`page-size-${spelling}`);
    const result = await handout(['build', SMALL, '-o', out, '--page-size', spelling, ...(landscape ? ['--landscape'] : [])]);
    expect(result.code, show(result)).toBe(0);
    const [width, height] = landscape ? [...paperPoints[size]].reverse() : paperPoints[size];
    const pdf = join(out, 'minimal-tea-vs-coffee.pdf');
    expect((await pdfinfo(pdf))['Page size']).toBe(`${width} x ${height} pts (${pdfinfoName[size]})`);
    for (const page of (await extractPdfPages(pdf)).pages) {
      expect(page.width).toBeCloseTo(width!, 1);
      expect(page.height).toBeCloseTo(height!, 1);
    }
    expect(readFileSync(join(out, 'minimal-tea-vs-coffee.html'), 'utf8')).toContain(`size: ${size} ${landscape ? 'landscape' : 'portrait'};`);
  });

  it('pack --page-size letter makes every page of the class pack US Letter', async () => {
    const file = join(tmpDir('page-size-pack'), 'pack.pdf');
    const result = await handout(['pack', SMALL, fromRoot('tests', 'fixtures', 'bundled'), '--out', file, '--page-size', 'letter']);
    expect(result.code, show(result)).toBe(0);
    const pages = (await extractPdfPages(file)).pages;
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect([page.width, page.height]).toEqual([612, 792]);
  });

  it.each(['Tabloid', 'legal', 'A3', 'letter-size'])('--page-size %s is a usage error naming the sizes there are', async (size) => {
    const out = tmpDir('page-size-unknown');
    const result = await handout(['build', SMALL, '-o', out, '--page-size', size]);
    expect(result.code, show(result)).toBe(2);
    expect(result.stderr).toContain(`--page-size expects one of ${cliPageSizes.join(', ')} (got "${size}")`);
    expect(result.stdout).toBe('');
  });
});
