// Template problems name the .hbs file the user must edit and the line in it: a misspelt field in
// strict mode, an element outside the handout markup written in a partial, a partial that includes
// itself without end (instead of "Maximum call stack size exceeded").
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import type { Diagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const theme = (name: string) => fromRoot('tests', 'fixtures', 'themes', name);
const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

async function problemsWith(name: string): Promise<Diagnostic[]> {
  const report = await build({ inputs: [SMALL], outDir: tmpDir(name), theme: theme(name), workers: 1, formats: ['pdf', 'html'] });
  expect(report.ok).toBe(false);
  return [...report.diagnostics, ...report.handouts.flatMap((h) => h.diagnostics)];
}

describe('template errors point into the .hbs files', () => {
  it('a misspelt field (licence) in a partial: that partial, its line and column', async () => {
    const [problem, ...rest] = await problemsWith('template-misspelt-field');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template', file: join(theme('template-misspelt-field'), 'partials', 'title-block.hbs'), position: { line: 3, column: 23 } });
    expect(problem!.message).toBe('`licence` is not a field here');
    expect(problem!.message).not.toContain('[object Object]');
  });

  it('an <img> in a partial: the partial’s line, not a line of the rendered output', async () => {
    const [problem, ...rest] = await problemsWith('template-img-in-partial');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template-markup', file: join(theme('template-img-in-partial'), 'partials', 'title-block.hbs'), position: { line: 4, column: 3 } });
    expect(problem!.message).toContain('<img>');
  });

  it('a partial that includes itself: said plainly, at its own {{> …}} line', async () => {
    const [problem, ...rest] = await problemsWith('template-self-include');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template', file: join(theme('template-self-include'), 'partials', 'title-block.hbs'), position: { line: 3, column: 3 } });
    expect(problem!.message).toMatch(/the partial `title-block` includes itself without end/);
    expect(JSON.stringify(problem)).not.toMatch(/call stack/i);
  });

  it('a block left open: said in template words, at the end of the partial, not the parser\'s tokens', async () => {
    const [problem, ...rest] = await problemsWith('template-unclosed-block');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template', file: join(theme('template-unclosed-block'), 'partials', 'title-block.hbs'), position: { line: 12, column: 1 } });
    expect(problem!.message).toBe('the template does not parse here: expected `{{else}}` or a closing `{{/…}}`, found the end of the file');
    expect(problem!.hint).toContain('{{/block}}');
  });

  it('a block closed by another block\'s end: both named, at the closing tag', async () => {
    const [problem, ...rest] = await problemsWith('template-mismatched-block');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'template', file: join(theme('template-mismatched-block'), 'partials', 'title-block.hbs'), position: { line: 4, column: 6 } });
    expect(problem!.message).toBe('`{{/each}}` closes a `{{#if}}` block');
  });
});
