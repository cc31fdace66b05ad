// `validate`, `build` and `pack` run one dataset check (src/pipeline/check-dataset.ts): every broken
// fixture is refused by all three with the same diagnostics, and nothing is written for it.
import { readdirSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { pack } from '../../src/pipeline/pack.js';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import type { Diagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const brokenDir = fromRoot('tests', 'fixtures', 'broken');
const fixtures = readdirSync(brokenDir).sort();

const byFile = (diagnostics: readonly Diagnostic[]) => {
  const files = new Map<string, Diagnostic[]>();
  for (const diagnostic of diagnostics) files.set(diagnostic.file ?? '', [...(files.get(diagnostic.file ?? '') ?? []), diagnostic]);
  return files;
};

describe('validate, build and pack agree about every broken fixture', () => {
  it('there are fixtures to compare, among them characters no font has', () => {
    expect(fixtures.length).toBeGreaterThan(40);
    expect(fixtures).toEqual(expect.arrayContaining(['missing-glyph-title.yaml', 'missing-glyph-cell.yaml']));
  });

  it.each(fixtures)('%s', async (name) => {
    const input = join(brokenDir, name);
    const validated = await validateFiles([input]);
    expect(validated.diagnostics).toEqual([]);
    const refused = validated.results.filter((result) => !result.ok);
    expect(refused.length, 'validate refuses the fixture').toBeGreaterThan(0);

    const outDir = tmpDir(`same-checks-${name}`);
    const built = await build({ inputs: [input], outDir, workers: 1 });
    expect(built.ok).toBe(false);
    expect(built.diagnostics).toEqual([]);
    // The build reports refused datasets first, before rendering the others: compare file by file.
    const handouts = [...built.handouts].sort((a, b) => a.file.localeCompare(b.file));
    expect(handouts.map((h) => [h.file, h.status])).toEqual(validated.results.map((r) => [r.file, r.ok ? 'built' : 'failed']));
    for (const [index, result] of validated.results.entries()) {
      expect(handouts[index]!.diagnostics, `build and validate differ about ${result.file}`).toEqual(result.diagnostics);
    }
    // A PDF and an HTML file for each dataset validate passed; nothing for a refused one.
    const handoutFiles = (await readdir(outDir)).filter((file) => /\.(pdf|html)$/.test(file) && file !== 'index.html' && file !== 'index-teacher.html');
    expect(handoutFiles).toHaveLength(2 * validated.results.filter((r) => r.ok).length);

    const packed = await pack({ inputs: [input], out: join(outDir, 'pack.pdf') });
    expect(packed.ok).toBe(false);
    const packDiagnostics = byFile(packed.diagnostics);
    for (const result of refused) expect(packDiagnostics.get(result.file), `pack and validate differ about ${result.file}`).toEqual(result.diagnostics);
    expect(await readdir(outDir)).not.toContain('pack.pdf');
  });
});

describe('problems in reading order', () => {
  it('lists a file’s problems top to bottom, whichever check found them', async () => {
    const folder = tmpDir('reading-order');
    const file = join(folder, 'tea.yaml');
    // A character no font has in the title (line 1), and a language without labels at the end: the
    // language check runs before the glyph check, so unsorted the title's problem would come last.
    const text = [
      'title: Tea vs. Coffee 🦄',
      'subjects:',
      '  - id: tea',
      '    name: Tea',
      '  - id: coffee',
      '    name: Coffee',
      'summary: Both are brewed drinks.',
      'attributes:',
      '  - name: Origin',
      '    values:',
      '      tea: China',
      '      coffee: Ethiopia',
      'conclusion: Both are enjoyed around the world.',
      'meta:',
      '  language: it',
      '',
    ].join('\n');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, text);
    const [result] = (await validateFiles([file])).results;
    const lines = result!.diagnostics.map((d) => d.position?.line ?? Infinity);
    expect(lines.length, JSON.stringify(result!.diagnostics)).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(lines[0]).toBe(1);
  });
});
