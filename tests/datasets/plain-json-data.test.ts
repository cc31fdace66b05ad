// A large JSON dataset is read by `JSON.parse` when it is valid JSON without repeated keys, so that
// jsonc-parser's syntax tree is never built for it. Wherever `JSON.parse` answers, the tree path must
// accept the text without a problem and give the same data; everything else is left to that path.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { parseJson, parseJsonTree } from '../../src/load/parse-json.js';
import { plainJsonData } from '../../src/load/plain-json-data.js';
import { fromRoot } from '../support/paths.js';

const calls = vi.hoisted(() => ({ tree: 0 }));
vi.mock('jsonc-parser', async (importOriginal) => {
  const original = await importOriginal<typeof import('jsonc-parser')>();
  return {
    ...original,
    parseTree: ((...args: Parameters<typeof original.parseTree>) => {
      calls.tree++;
      return original.parseTree(...args);
    }) as typeof original.parseTree,
  };
});

beforeEach(() => {
  calls.tree = 0;
});

/** A text of a megabyte: what a large dataset is like. */
const largeLength = 1024 * 1024;

/** The tree path's reading of `text` against `plainJsonData`'s. */
function compare(text: string): 'same' | 'declined' {
  const plain = plainJsonData(text);
  if (!plain) return 'declined';
  // Nesting is checked before either reader runs.
  const checked = parseJson(text, 'x.json');
  if (checked.diagnostics.length === 1 && checked.diagnostics[0]!.code === 'too-deep') return 'declined';
  const full = parseJsonTree(text, 'x.json');
  expect(full.diagnostics, text).toEqual([]);
  // Prototypes, own keys (an own `__proto__` too) and -0 included.
  if (!isDeepStrictEqual(plain.data, full.source!.data)) expect(plain.data, text).toEqual(full.source!.data);
  expect(isDeepStrictEqual(plain.data, full.source!.data), text).toBe(true);
  return 'same';
}

function jsonFixtures(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return jsonFixtures(path);
    return entry.name.endsWith('.json') ? [path] : [];
  });
}

describe('JSON read without a syntax tree', () => {
  const fixtures = jsonFixtures(fromRoot('tests/fixtures')).filter((path) => !path.includes('utf16'));

  it.each(fixtures.map((path) => [path.slice(fromRoot('tests/fixtures').length + 1), path]))('gives the data the tree path gives, or leaves it to that path: %s', (_, path) => {
    compare(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  });

  it.each([
    ['a repeated key', '{"a": 1, "a": 2}'],
    ['a repeated key deep inside', '{"a": [{"b": {"c": 1, "d": 2, "c": 3}}]}'],
    ['a repeated __proto__', '{"__proto__": 1, "__proto__": 2}'],
    ['a trailing comma', '{"a": 1,}'],
    ['a comment', '{"a": 1 // x\n}'],
    ['a raw control character', '{"a": "x\u0001y"}'],
    ['an unclosed brace', '{"a": 1'],
    ['single quotes', "{'a': 1}"],
  ])('leaves %s to the tree path', (_, text) => {
    expect(plainJsonData(text)).toBeUndefined();
  });

  it.each([
    ['colons and escaped quotes inside strings', '{"a:b": "c: \\"d:\\" \\\\", "e": ["f:", {"g": ":"}]}'],
    ['inherited names as keys', '{"__proto__": {"polluted": true}, "toString": 1, "constructor": {"prototype": 2}}'],
    ['numbers', '{"a": -0, "b": 1e400, "c": 0.1, "d": 12345678901234567890, "e": -1.5E-3}'],
    ['escapes and lone surrogates', '{"a": "\\u00e9\\ud83d\\ude00\\ud800\\n\\t\\/", "\\u0041": "key"}'],
    ['a top-level list', '[1, {"a": null}]'],
  ])('gives the data of the tree path: %s', (_, text) => {
    expect(compare(text)).toBe('same');
  });

  it('gives the data of the tree path for generated JSON, and leaves it a text with a repeated key', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        expect(compare(text)).toBe('same');
        // The same key written twice into the first object of the text.
        const repeated = text.replace(/\{(\s*)("(?:[^"\\]|\\.)*")(\s*):/, (whole, space, key, before) => `{${space}${key}${before}: 0, ${key}:`);
        if (repeated !== text) expect(plainJsonData(repeated)).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});

describe('a large JSON dataset', () => {
  const rows = Math.ceil(largeLength / 40);
  const data = { title: 'Large', attributes: Array.from({ length: rows }, (_, index) => ({ name: `Row ${index}`, values: { a: String(index), b: 'x' } })) };
  const large = JSON.stringify(data);

  it('is read without the syntax tree, to the same data', () => {
    expect(large.length).toBeGreaterThanOrEqual(largeLength);
    const result = parseJson(large, 'large.json');
    expect(result.diagnostics).toEqual([]);
    expect(calls.tree).toBe(0);
    expect(result.source!.data).toEqual(data);
  });

  it('with a repeated key is read by the tree path, with its diagnostic', () => {
    const result = parseJson(`${large.slice(0, -1)}, "title": "again"}`, 'large.json');
    expect(calls.tree).toBe(1);
    expect(result.diagnostics.map((d) => [d.code, d.position])).toEqual([['duplicate-key', { line: 1, column: large.length + 2 }]]);
  });
});
