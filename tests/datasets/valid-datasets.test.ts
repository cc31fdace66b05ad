// Valid datasets load cleanly, in every source format, and the loader treats the data as data:
// text is kept as written, and keys such as `__proto__` never reach an object's prototype.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import type { DatasetInput } from '../../src/load/dataset-schema.js';
import { loadDataset, loadDatasetText, type LoadedDataset } from '../../src/load/load-dataset.js';
import { parseSource } from '../../src/load/parse-source.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const seedFile = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');
const seedText = readFileSync(seedFile, 'utf8');

/** A small valid dataset, as plain data, for variants written by the tests. */
function smallDataset(): DatasetInput {
  return {
    title: 'Tea vs. Coffee',
    subjects: [
      { id: 'tea', name: 'Tea' },
      { id: 'coffee', name: 'Coffee' },
    ],
    summary: 'Both are hot drinks made from a plant.',
    attributes: [{ name: 'Caffeine per cup', values: { tea: 'About 40 mg', coffee: 'About 95 mg' } }],
  };
}

async function loadOk(file: string): Promise<LoadedDataset> {
  const result = await loadDataset(file);
  expect(result.diagnostics).toEqual([]);
  expect(result.loaded).toBeDefined();
  return result.loaded!;
}

describe('the seed dataset', () => {
  let seed: LoadedDataset;
  let dir: string;

  beforeAll(async () => {
    seed = await loadOk(seedFile);
    dir = tmpDir('valid-datasets');
  });

  it('loads and validates (including the language check) with zero diagnostics', async () => {
    const { results, diagnostics } = await validateFiles([seedFile]);
    expect(diagnostics).toEqual([]);
    expect(results).toEqual([{ file: seedFile, ok: true, diagnostics: [] }]);
    expect(seed.slug).toBe('cytokine-storm-vs-sepsis');
    expect(seed.dataset.subjects.map((s) => s.id)).toEqual(['cytokine-storm', 'sepsis']);
    expect(seed.dataset.attributes).toHaveLength(6);
    expect(seed.dataset.meta.language).toBe('en');
    // An unquoted YAML date stays text (YAML 1.2 core schema), as the schema requires.
    expect(seed.dataset.meta.date).toBe('2026-11-25');
  });

  it('converted to JSON, loads to the identical dataset', async () => {
    const file = join(dir, 'cytokine-storm-vs-sepsis.json');
    writeFileSync(file, JSON.stringify(parseYaml(seedText), null, 2));
    const fromJson = await loadOk(file);
    expect(fromJson.dataset).toEqual(seed.dataset);
    expect(fromJson.slug).toBe(seed.slug);
  });

  it('named .yml, loads to the identical dataset', async () => {
    const file = join(dir, 'cytokine-storm-vs-sepsis.yml');
    writeFileSync(file, seedText);
    const fromYml = await loadOk(file);
    expect(fromYml.dataset).toEqual(seed.dataset);
    expect(fromYml.slug).toBe(seed.slug);
  });

  it('with a byte-order mark, loads to the identical dataset', () => {
    const result = loadDatasetText(`\uFEFF${seedText}`, 'cytokine-storm-vs-sepsis.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.loaded?.dataset).toEqual(seed.dataset);
  });
});

describe('text fields are text', () => {
  const markdown = 'Both are **hot** drinks; see [the guide](https://example.org/tea) and *this* `code`.\n\nSecond paragraph.';
  const html = '<script>alert(1)</script> and <img src=x onerror=alert(1)> & &amp; "quotes"';

  function textDataset(): DatasetInput {
    const data = smallDataset();
    data.subtitle = html;
    data.summary = markdown;
    data.subjects[1]!.aka = '<b>Java</b>';
    data.attributes[0]!.values = { tea: markdown, coffee: html };
    data.sections = [{ heading: '# Not a heading', body: html, subject: 'tea' }];
    data.conclusion = '<!-- comment --> ]]> {{handlebars}} {{{triple}}}';
    return data;
  }

  it.each(['yaml', 'json'] as const)('markdown-like and HTML-like text is accepted and kept verbatim (%s)', async (format) => {
    const data = textDataset();
    const file = join(tmpDir(`text-fields-${format}`), `tea-vs-coffee.${format}`);
    writeFileSync(file, format === 'json' ? JSON.stringify(data) : stringifyYaml(data));
    const { results } = await validateFiles([file]);
    expect(results[0]!.diagnostics).toEqual([]);
    const { dataset } = await loadOk(file);
    expect(dataset.subtitle).toBe(html);
    expect(dataset.summary).toBe(markdown);
    expect(dataset.subjects[1]!.aka).toBe('<b>Java</b>');
    expect(dataset.attributes[0]!.values).toEqual({ tea: markdown, coffee: html });
    expect(dataset.sections[0]).toEqual({ heading: '# Not a heading', body: html, subject: 'tea' });
    expect(dataset.conclusion).toBe('<!-- comment --> ]]> {{handlebars}} {{{triple}}}');
  });
});

describe('slug', () => {
  it('is derived from the file name when absent', async () => {
    const dir = tmpDir('slug');
    const file = join(dir, 'My Topic.yaml');
    writeFileSync(file, stringifyYaml(smallDataset()));
    expect((await loadOk(file)).slug).toBe('my-topic');
  });

  it('is the given one when present', async () => {
    const file = join(tmpDir('slug'), 'My Topic.json');
    writeFileSync(file, JSON.stringify({ ...smallDataset(), slug: 'tea-vs-coffee' }));
    expect((await loadOk(file)).slug).toBe('tea-vs-coffee');
  });
});

describe('YAML aliases', () => {
  it('a few aliases are fine (only alias bombs are refused)', () => {
    const text = [
      'title: Tea vs. Coffee',
      'subjects:',
      '  - id: tea',
      '    name: Tea',
      '  - id: coffee',
      '    name: Coffee',
      'summary: &same Both are hot drinks made from a plant.',
      'attributes:',
      '  - name: Origin',
      '    values:',
      '      tea: *same',
      '      coffee: *same',
    ].join('\n');
    const result = loadDatasetText(text, 'aliases.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.loaded?.dataset.attributes[0]!.values).toEqual({
      tea: 'Both are hot drinks made from a plant.',
      coffee: 'Both are hot drinks made from a plant.',
    });
  });
});

describe('__proto__ and constructor keys', () => {
  const broken = (name: string) => fromRoot('tests', 'fixtures', 'broken', name);

  function expectNoPollution(): void {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  }

  it.each(['proto-key.yaml', 'proto-key.json'])('%s: reported as unknown keys, and no prototype changes', async (name) => {
    const result = await loadDataset(broken(name));
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['unknown-key', '__proto__'],
      ['unknown-key', 'constructor'],
    ]);
    expectNoPollution();
  });

  it.each([
    ['yaml', 'proto-key.yaml'],
    ['json', 'proto-key.json'],
  ] as const)('%s: the parsed object keeps a plain prototype and `__proto__` as an own key', (format, name) => {
    const text = readFileSync(broken(name), 'utf8');
    const parsed = parseSource(text, format, name);
    expect(parsed.diagnostics).toEqual([]);
    const data = parsed.source!.data as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(true);
    expect(Object.hasOwn(data, 'constructor')).toBe(true);
    expect(data.polluted).toBeUndefined();
    expect(typeof data.toString).toBe('function');
    expectNoPollution();
  });

  it.each(['yaml', 'json'] as const)('nested `__proto__` (in a row’s values) is an unknown subject, and no prototype changes (%s)', async (format) => {
    const text =
      format === 'json'
        ? '{"title":"T","subjects":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"summary":"S",' +
          '"attributes":[{"name":"N","values":{"a":"1","b":"2","__proto__":{"polluted":"yes"}}}]}'
        : 'title: T\nsubjects:\n  - {id: a, name: A}\n  - {id: b, name: B}\nsummary: S\nattributes:\n' +
          '  - name: N\n    values:\n      a: "1"\n      b: "2"\n      __proto__:\n        polluted: yes\n';
    const result = loadDatasetText(text, `nested.${format}`);
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toContain('unknown-subject');
    expect(result.diagnostics.map((d) => d.path)).toContain('attributes[0].values.__proto__');
    expectNoPollution();
  });
});
