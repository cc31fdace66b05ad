// `align: justify` in a theme: the PDF's body lines end at the same right edge (read back with pdf.js),
// the last line of a paragraph stays ragged, and the HTML says `text-align: justify`.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { extractPdfPages, type PdfTextItem } from '../support/pdf-text.js';
import { readFile } from 'node:fs/promises';

const SEED = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');
const THEME = fromRoot('tests', 'fixtures', 'themes', 'justified');

/** Text items grouped into lines by baseline, left to right. */
function linesOf(items: PdfTextItem[]): PdfTextItem[][] {
  const byBaseline = new Map<number, PdfTextItem[]>();
  for (const item of items) {
    if (item.str.trim() === '') continue;
    const key = Math.round(item.y * 2) / 2;
    byBaseline.set(key, [...(byBaseline.get(key) ?? []), item]);
  }
  return [...byBaseline.entries()].sort((a, b) => b[0] - a[0]).map(([, line]) => line.sort((a, b) => a.x - b.x));
}

describe('justified body text', () => {
  it('ends every line of the summary but the last at one right edge', async () => {
    const outDir = tmpDir('justify');
    const report = await build({ inputs: [SEED], outDir, theme: THEME, formats: ['pdf', 'html'], workers: 1 });
    expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
    const pdf = await extractPdfPages(join(outDir, 'cytokine-storm-vs-sepsis.pdf'));
    const lines = linesOf(pdf.pages[0]!.items);
    const first = lines.findIndex((line) => line[0]!.str.startsWith('Cytokine storm and sepsis'));
    expect(first).toBeGreaterThan(0);
    // The summary's lines: same left edge as its first line, until the "Comparison" heading.
    const left = lines[first]![0]!.x;
    const summary: PdfTextItem[][] = [];
    for (const line of lines.slice(first)) {
      if (Math.abs(line[0]!.x - left) > 1 || line[0]!.str.startsWith('Comparison')) break;
      summary.push(line);
    }
    expect(summary.length).toBeGreaterThan(4);
    const rightEdge = (line: PdfTextItem[]) => {
      const last = line.at(-1)!;
      // A trailing space kept for text extraction has no width in the layout; pdf.js counts it.
      const trailingSpace = last.str.endsWith(' ') ? last.width / last.str.length : 0;
      return last.x + last.width - trailingSpace;
    };
    const edges = summary.slice(0, -1).map(rightEdge);
    expect(Math.max(...edges) - Math.min(...edges), `right edges ${edges.map((e) => e.toFixed(1)).join(', ')}`).toBeLessThan(1.5);
    expect(rightEdge(summary.at(-1)!)).toBeLessThan(Math.min(...edges) - 10);
    const html = await readFile(join(outDir, 'cytokine-storm-vs-sepsis.html'), 'utf8');
    expect(html).toMatch(/text-align: justify/);
  });
});
