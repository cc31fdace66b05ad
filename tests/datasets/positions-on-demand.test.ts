// A valid dataset is loaded without the parser's node tree (with its source ranges, many times the
// size of the data): positions come from a parse of the same text that builds it, made only when a
// problem must be placed. Counted here by the calls to the parsers that build such trees; the
// positions themselves must be exactly those the first parse would have given.
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDatasetText, withSourcePositions } from '../../src/load/load-dataset.js';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import type { Diagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot } from '../support/paths.js';

const calls = vi.hoisted(() => ({ yaml: 0, json: 0 }));
vi.mock('yaml', async (importOriginal) => {
  const original = await importOriginal<typeof import('yaml')>();
  return {
    ...original,
    parseDocument: ((...args: Parameters<typeof original.parseDocument>) => {
      calls.yaml++;
      return original.parseDocument(...args);
    }) as typeof original.parseDocument,
  };
});
vi.mock('jsonc-parser', async (importOriginal) => {
  const original = await importOriginal<typeof import('jsonc-parser')>();
  return {
    ...original,
    parseTree: ((...args: Parameters<typeof original.parseTree>) => {
      calls.json++;
      return original.parseTree(...args);
    }) as typeof original.parseTree,
  };
});

beforeEach(() => {
  calls.yaml = 0;
  calls.json = 0;
});

const valid = readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8');

describe('source positions on demand', () => {
  it('a valid YAML dataset is read without a node tree; positions cost one parse that makes it, at the first question only', () => {
    const result = loadDatasetText(valid, 'tea.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(calls.yaml).toBe(0);
    const loaded = result.loaded!;
    // `title: Tea vs. Coffee` is line 2 of the fixture; the first value of the table further down.
    expect(loaded.locate(['title'])).toEqual({ line: 2, column: 8 });
    expect(loaded.locate(['attributes', 0, 'values', 'tea'])).toEqual({ line: 13, column: 12 });
    expect(loaded.locate(['attributes'], { key: true })).toEqual({ line: 10, column: 1 });
    expect(calls.yaml).toBe(1);
  });

  it('a problem found after loading (a field path only) still gets its line and column', () => {
    const loaded = loadDatasetText(valid, 'tea.yaml').loaded!;
    const problem: Diagnostic = { severity: 'error', code: 'unsupported-language', message: 'x', path: 'attributes[1].values.coffee' };
    const [placed] = withSourcePositions([problem], loaded);
    expect(placed!.position).toEqual({ line: 18, column: 15 });
  });

  it('a valid JSON dataset is read without a syntax tree; positions cost one parse that makes it', () => {
    const json = JSON.stringify({ title: 'Tea vs. Coffee', subjects: [{ id: 'tea', name: 'Tea' }, { id: 'coffee', name: 'Coffee' }], summary: 'Two drinks.', attributes: [{ name: 'Origin', values: { tea: 'China', coffee: 'Ethiopia' } }] }, null, 2);
    const loaded = loadDatasetText(json, 'tea.json').loaded!;
    expect(calls.json).toBe(0);
    expect(loaded.locate(['summary'])).toEqual({ line: 13, column: 14 });
    expect(loaded.locate(['summary'])).toEqual({ line: 13, column: 14 });
    expect(calls.json).toBe(1);
  });

  it('characters no font has, found after loading, are placed at their own line and column', async () => {
    const { results } = await validateFiles([fromRoot('tests/fixtures/broken/missing-glyph-cell.yaml')]);
    const glyphs = results.flatMap((result) => result.diagnostics).filter((d) => d.code === 'missing-glyph');
    expect(glyphs.map((d) => [d.position?.line, d.position?.column])).toEqual([[14, 25]]);
    // Only the parse made to place the problem.
    expect(calls.yaml).toBe(1);
  });
});
