// A large YAML dataset is read by a second parser (js-yaml's event parser) when it stays within a
// plain subset of YAML, so that the `yaml` library's node tree is never built for it. Two parsers
// must give one answer: wherever the second reader answers, the `yaml` library must accept the text
// without a problem and give the same data; everything else must be left to the `yaml` library.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { parseYaml, parseYamlDocument } from '../../src/load/parse-yaml.js';
import { plainYamlData } from '../../src/load/plain-yaml-data.js';
import { fromRoot } from '../support/paths.js';

const calls = vi.hoisted(() => ({ yaml: 0 }));
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

beforeEach(() => {
  calls.yaml = 0;
});

/** A text of a megabyte: what a large dataset is like. */
const largeLength = 1024 * 1024;

/**
 * The `yaml` library's reading of `text`, and the plain reader's, which must be either no answer or
 * the same data for a text without problems.
 */
function compare(text: string): 'same' | 'declined' {
  const plain = plainYamlData(text);
  if (!plain) return 'declined';
  const full = parseYamlDocument(text, 'x.yaml');
  expect(full.diagnostics, text).toEqual([]);
  // Prototypes, own keys (an own `__proto__` too) and -0 included.
  if (!isDeepStrictEqual(plain.data, full.source!.data)) expect(plain.data, text).toEqual(full.source!.data);
  expect(isDeepStrictEqual(plain.data, full.source!.data), text).toBe(true);
  return 'same';
}

function yamlFixtures(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return yamlFixtures(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

/** A mapping `levels` deep, the file's own top-level mapping included. */
function nested(levels: number): string {
  return `${Array.from({ length: levels - 1 }, (_, level) => `${'  '.repeat(level)}k:\n`).join('')}${'  '.repeat(levels - 1)}v: 1\n`;
}

describe('the plain YAML reader', () => {
  const fixtures = yamlFixtures(fromRoot('tests/fixtures'));

  it.each(fixtures.map((path) => [path.slice(fromRoot('tests/fixtures').length + 1), path]))('gives the data the yaml library gives, or leaves it to that library: %s', (_, path) => {
    compare(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  });

  it('answers for the valid datasets (the comparison above is not vacuous)', () => {
    const valid = fixtures.filter((path) => /[/\\](valid|bundled|editions|pdf)[/\\]/.test(path));
    expect(valid.length).toBeGreaterThan(10);
    const declined = valid.filter((path) => compare(readFileSync(path, 'utf8')) === 'declined');
    expect(declined).toEqual([]);
  });

  it.each([
    ['a tag', 'title: !!str 12\n'],
    ['a local tag', 'title: !include other.yaml\n'],
    ['an anchor and an alias', 'a: &x text\nb: *x\n'],
    ['a merge key', 'a: &x\n  k: v\nb:\n  <<: *x\n'],
    ['a flow sequence as a key', '[1, 2]: a\n'],
    ['an indented document marker', 'a: |\n  ---\n'],
    ['text after a document end marker', 'a:\n  ...  b\n'],
    ['a line of spaces only', 'a: |\n  x\n   \n'],
    ['an explicit block indentation', 'a: |2\n    x\n'],
    ['a document that is not a mapping', '- a\n- b\n'],
    ['a document that is a text', 'just text\n'],
    ['the deepest nesting allowed', nested(128)],
    ['nesting deeper than allowed', nested(129)],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a second document start', '---\n---\na: 1\n'],
    ['text after a document end', 'a: 1\n...\nb: 2\n'],
    ['a document end', 'a: 1\n...\n'],
    ['a %YAML directive', '%YAML 1.1\n---\na: yes\n'],
    ['a null key', '~: a\nb: c\n'],
    ['an empty key', ': a\n'],
    ['a list as a key', '? - a\n: b\n'],
    ['a mapping as a key', '? a: 1\n: b\n'],
    ['a repeated key', 'a: 1\na: 2\n'],
    ['a key repeated as a number and as text', '1: a\n"1": b\n'],
    ['a key of 1,100 characters', `${'k'.repeat(1100)}: v\n`],
    ['a quoted key over two lines', '"a\n b": c\n'],
    ['a tab', 'a:\n\tb: 1\n'],
    ['a tab inside a value', 'a: "x\ty"\n'],
    ['a carriage return alone', 'a: 1\rb: 2\n'],
    ['a byte-order mark inside', 'a: x\uFEFFy\n'],
    ['a next-line character', 'a: x\u0085y\n'],
    ['a line separator', 'a: x\u2028y\n'],
    ['a syntax error', 'a: "open\n'],
    ['text glued to a closing quote', 'b:\n- "q"ab: \n'],
    ['bad indentation', 'a:\n  b: 1\n c: 2\n'],
  ])('leaves %s to the yaml library', (_, text) => {
    expect(plainYamlData(text)).toBeUndefined();
  });

  it.each([
    ['core-schema numbers', 'a: 0x1F\nb: -0x1F\nc: 0o17\nd: +.5\ne: -.5\nf: 1_000\ng: .inf\nh: -.Inf\ni: .NaN\nj: 1e3\nk: 1.50\nl: 012\nm: -0\nn: 0b101\no: 12345678901234567890\np: +12\nq: 1.\n'],
    ['booleans and nulls', 'a: True\nb: TRUE\nc: yes\nd: on\ne: ~\nf: Null\ng: NULL\nh:\ni: nULL\nj: "true"\n'],
    ['keys that are numbers or booleans', '1: a\n1.50: b\ntrue: c\n.inf: d\n0x10: e\n'],
    ['inherited names as keys', '__proto__: a\ntoString: b\nconstructor:\n  prototype: c\nhasOwnProperty: d\n'],
    ['block scalars', 'a: |\n  one\n   two\n\n  three\n\n\nb: >\n  folded\n  text\n\n  para\n    more\n  end\nc: |-\n  strip\n\nd: |+\n  keep\n\n'],
    ['quoted scalars', `a: "esc \\" \\\\ \\n \\t \\x41 \\u00e9 \\U0001F600 \\N \\_ \\L \\P \\0 \\a \\e \\/"\nb: 'it''s'\nc: "folded\n  over\n\n  lines \\\n  joined"\nd: 'single\n\n  two'\n`],
    ['plain scalars', 'a: text # comment\nb: a:b c#d\nc: multi\n  line\n\n  plain\ne: "x" \nf: ://x\ng: 50%\n'],
    ['flow collections', 'a: [1, "2", x y, [c], {d: e}]\nb: {c: 1, "d": [], e: {}}\nc: [\n  one,\n  two\n  ]\n'],
    ['deep nesting', nested(127)],
    ['nested collections', 'a:\n- b\n- - c\n  - d\n-\n  e: f\n  g:\n  - h\nb:\n  c:\n    d: []\n'],
    ['Windows line endings', 'title: T\r\nsubjects:\r\n  - id: a\r\n    name: |\r\n      x\r\n      y\r\n'],
    ['a document start and comments', '# c\n---\n# c\na: 1 # c\n# c\n'],
    ['Unicode', 'título: ünïcödé — “quotes” 日本語 😀\n"ключ": значение\n'],
  ])('gives the same data as the yaml library: %s', (_, text) => {
    expect(compare(text)).toBe('same');
  });

  it('gives the same data for generated documents in every scalar style', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('', ' ', 'a: b', '# x', '- x', '"', "'", '|', '>', '0x1F', '.5', 'True', '~', 'null', '1e3', '12', '\n', 'a\n\nb ', ' lead', 'trail '));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), tie('list'), tie('map')),
      list: fc.array(tie('node'), { maxLength: 4 }),
      map: fc.dictionary(text, tie('node'), { maxKeys: 4 }),
    }));
    const style = fc.record({
      defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'),
      defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
      lineWidth: fc.constantFrom(0, 20, 80),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      collectionStyle: fc.constantFrom('block', 'flow', 'any'),
    });
    let answered = 0;
    fc.assert(
      fc.property(fc.dictionary(text, value.node, { minKeys: 1, maxKeys: 6 }), style, (data, options) => {
        const source = stringify(data, null, options);
        if (compare(source) === 'same') answered++;
      }),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(100);
  });

  it('never answers where the yaml library finds a problem or other data, for generated near-YAML text', () => {
    const piece = fc.constantFrom('a', 'b: ', 'c:', '- ', '  ', '    ', '\n', '\n  ', ' # x', '#', '"q"', "'s'", '"', "'", '|', '>-', '|+', '|2', '>1', '? ', ': ', ':', '---', '...', '~', '12', '0x1', '.5', '\\', '\\n', 'é', '\r\n', '-', ',', '[', '{', ']', '}', '&', '*', '!', '%', '@', '`', 'x y', '\n- ', '\n  - ', 'k: ', '\nk2: ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        compare(pieces.join(''));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('a large YAML dataset', () => {
  const rows = Math.ceil(largeLength / 40);
  const table = Array.from({ length: rows }, (_, index) => `  - name: Row ${index}\n    values:\n      a: "${index}"\n      b: x\n`).join('');
  const large = `title: Large\nattributes:\n${table}`;

  it('is read without the yaml library (no node tree), to the data the yaml library gives', () => {
    expect(large.length).toBeGreaterThanOrEqual(largeLength);
    const result = parseYaml(large, 'large.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(calls.yaml).toBe(0);
    const data = result.source!.data as { attributes: { name: string; values: Record<string, string> }[] };
    expect(data.attributes).toHaveLength(rows);
    expect(data.attributes[rows - 1]).toEqual({ name: `Row ${rows - 1}`, values: { a: String(rows - 1), b: 'x' } });
  });

  it('outside the plain subset is read by the yaml library, with its diagnostics', () => {
    const result = parseYaml(`${large}extra: &x 1\nagain: *x\nextra: 2\n`, 'large.yaml');
    expect(calls.yaml).toBe(1);
    expect(result.diagnostics.map((d) => [d.code, d.position?.line])).toEqual([['duplicate-key', 3 + rows * 4 + 2]]);
  });
});

describe('a small YAML dataset', () => {
  it('is read without the yaml library too; its node tree is made when a position is asked for', () => {
    const text = readFileSync(fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml'), 'utf8');
    const result = parseYaml(text, 'tea.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(calls.yaml).toBe(0);
    expect(result.source!.locate(['title'])).toEqual({ line: text.split('\n').findIndex((line) => line.startsWith('title:')) + 1, column: 8 });
    expect(calls.yaml).toBe(1);
  });
});
