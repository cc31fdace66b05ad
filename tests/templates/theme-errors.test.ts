// A broken theme.json is refused with the file, line, column, key path and a hint, before anything
// is rendered; never an internal error from deep in a writer.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import type { Diagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const theme = (name: string) => fromRoot('tests', 'fixtures', 'themes', name);
const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

const essentials = (d: Diagnostic) => ({ code: d.code, file: d.file, at: d.position ? [d.position.line, d.position.column] : undefined, path: d.path, hint: d.hint });

async function problems(name: string) {
  const loaded = await loadTheme(theme(name));
  expect(loaded.theme).toBeUndefined();
  return loaded.diagnostics.map(essentials);
}

describe('theme.json problems', () => {
  it('"size": "11pt" says sizes are numbers of points; "big" says a number is expected', async () => {
    expect(await problems('size-with-unit')).toEqual([
      { code: 'theme-wrong-type', file: join(theme('size-with-unit'), 'theme.json'), at: [4, 23], path: 'styles.body.size', hint: 'sizes are plain numbers of points (1/72 inch), without a unit or quotes: write 11' },
      { code: 'theme-wrong-type', file: join(theme('size-with-unit'), 'theme.json'), at: [5, 21], path: 'styles.h1.size', hint: 'write a number without quotes, e.g. 11' },
    ]);
  });

  it('a build with that theme fails with those diagnostics, not an internal error', async () => {
    const report = await build({ inputs: [SMALL], outDir: tmpDir('theme-size-unit'), theme: theme('size-with-unit'), workers: 1 });
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['theme-wrong-type', 'theme-wrong-type']);
    expect(JSON.stringify(report)).not.toMatch(/internal-error|NaN/);
  });

  it('unknown keys get "did you mean" (colour → colors, colr → color)', async () => {
    const found = await problems('unknown-keys');
    expect(found.map((d) => [d.path, d.at, d.hint])).toEqual([
      ['colour', [3, 3], 'did you mean `colors`?'],
      ['styles.h1.colr', [5, 13], 'did you mean `color`?'],
    ]);
  });

  it('a colour a child theme adds one letter off an inherited one (acent) is reported as a misspelling', async () => {
    const found = await problems('colour-typo');
    expect(found).toEqual([expect.objectContaining({ code: 'theme-unknown-key', path: 'colors.acent', at: [3, 15], hint: expect.stringContaining('did you mean `accent`?') })]);
  });

  it('"accent": "purple-ish" is not a CSS colour', async () => {
    const found = await problems('bad-colour');
    expect(found).toEqual([expect.objectContaining({ code: 'theme-invalid-colour', path: 'colors.accent', at: [3, 25] })]);
  });

  it('extends: "defualt" names theme.json and suggests `default`', async () => {
    const found = await problems('extends-typo');
    expect(found).toEqual([{ code: 'theme', file: join(theme('extends-typo'), 'theme.json'), at: [3, 14], path: 'extends', hint: expect.stringMatching(/^did you mean `default`\?/) }]);
  });

  it('a misspelt `extends` is reported in the same run as the file’s other problems', async () => {
    const found = await problems('extends-typo-and-bad-colour');
    expect(found).toEqual([
      { code: 'theme', file: join(theme('extends-typo-and-bad-colour'), 'theme.json'), at: [3, 14], path: 'extends', hint: expect.stringMatching(/^did you mean `default`\?/) },
      expect.objectContaining({ code: 'theme-invalid-colour', path: 'colors.accent', at: [4, 25] }),
    ]);
  });

  it('page.size is refused: the paper is chosen when building', async () => {
    const found = await problems('page-size');
    expect(found).toEqual([expect.objectContaining({ code: 'theme-unknown-key', path: 'page.size', hint: expect.stringContaining('--page-size') })]);
  });

  it('a style colour naming no colour gets "did you mean"', async () => {
    const { diagnostics } = await loadTheme(theme('style-colour-typo'));
    expect(diagnostics.map(essentials)).toEqual([expect.objectContaining({ code: 'theme-unknown-colour', path: 'styles.h2.color', at: [4, 22], hint: 'did you mean `accent`?' })]);
  });

  it('the built-in themes load without a problem', async () => {
    for (const name of ['default', 'large-print', 'print-economy']) expect((await loadTheme(name)).diagnostics).toEqual([]);
  });
});
