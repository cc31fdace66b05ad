// Hostile datasets and themes: links with other schemes than http, https and mailto do not survive
// into the HTML or the PDF; `__proto__`, `constructor` and `prototype` keys (nested, YAML and JSON)
// change no prototype; alias bombs and oversized files are refused quickly; slugs — given or derived
// from the file name — cannot leave the output folder, use reserved device names or overwrite another
// dataset's files; theme templates cannot reach prototype properties.
// (Scripts in data are covered by tests/html; here only links.)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, outputPath } from '../../src/pipeline/build.js';
import { renderHandout } from '../../src/pipeline/render-handout.js';
import type { DatasetInput } from '../../src/load/dataset-schema.js';
import { loadDataset, loadDatasetText, maxDatasetBytes } from '../../src/load/load-dataset.js';
import { parseSource } from '../../src/load/parse-source.js';
import { formatDiagnostic } from '../../src/shared/diagnostic.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import type { Theme } from '../../src/templates/theme.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { pdfLinks } from './support/pdf-links.js';
import { datasetYaml, defaultTheme } from './support/round-trip.js';

const allowedHref = /^(https?:\/\/|mailto:)/i;

let theme: Theme;
beforeAll(async () => {
  theme = await defaultTheme();
});

function tea(extra: Partial<DatasetInput> = {}): DatasetInput {
  return {
    title: 'Tea vs. Coffee',
    subjects: [
      { id: 'tea', name: 'Tea' },
      { id: 'coffee', name: 'Coffee' },
    ],
    summary: 'Both are hot drinks.',
    attributes: [{ name: 'Origin', values: { tea: 'China', coffee: 'Ethiopia' } }],
    ...extra,
  };
}

function loadOk(data: DatasetInput, file = 'tea-vs-coffee.yaml') {
  const result = loadDatasetText(datasetYaml(data), file);
  expect(result.diagnostics).toEqual([]);
  return result.loaded!;
}

/** Every attribute of every element that can make a browser go somewhere. */
function urlAttributes(html: string): { tag: string; name: string; value: string }[] {
  const out: { tag: string; name: string; value: string }[] = [];
  for (const element of DomUtils.findAll(() => true, parseDocument(html).children)) {
    for (const [name, value] of Object.entries(element.attribs)) {
      if (/^(href|src|srcset|action|formaction|xlink:href|poster|data|background|ping)$/i.test(name)) out.push({ tag: element.name, name, value });
    }
  }
  return out;
}

describe('links: only http, https and mailto', () => {
  const hostile = [
    '[js](javascript:alert(1))',
    '[js upper](JAVASCRIPT:alert(1))',
    '[js spaced]( javascript:alert(1))',
    '[js entity](&#106;avascript:alert(1))',
    '[js escaped](java&#x09;script:alert(1))',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[vb](vbscript:msgbox(1))',
    '[file](file:///etc/passwd)',
    '[ftp](ftp://files.example.org/)',
    '[relative](../../etc/passwd)',
    '[protocol-relative](//evil.example/)',
    '[anchor](#top)',
    '[tel](tel:+123456)',
    '<javascript:alert(1)>',
    '<a href="javascript:alert(1)">raw html</a>',
  ];
  const friendly = ['[https](https://ok.example/a?x=1&y=2)', '[mail](mailto:someone@example.org)', '[upper](HTTPS://UPPER.EXAMPLE/)'];
  const text = [...hostile, ...friendly].join(' and ');

  let html: string;
  let pdf: Uint8Array;
  beforeAll(async () => {
    const loaded = loadOk(
      tea({
        summary: text,
        attributes: [{ name: 'Links', values: { tea: text, coffee: hostile.join(' ') } }],
        sections: [{ heading: 'More', body: `${text}\n\n${hostile.reverse().join(' ')}` }],
        conclusion: text,
        meta: { language: 'en', sources: [{ title: 'A source', url: 'https://example.org/source' }] },
      }),
    );
    const rendered = await renderHandout(loaded, theme, { formats: ['pdf', 'html'], pageSize: 'A4' });
    expect(rendered.diagnostics).toEqual([]);
    html = rendered.html!;
    pdf = rendered.pdf!.bytes;
  });

  it('the HTML has no URL attribute with another scheme, and keeps the allowed links', () => {
    const urls = urlAttributes(html);
    const bad = urls.filter((u) => u.tag === 'a' && !allowedHref.test(u.value));
    expect(bad).toEqual([]);
    // Nothing else in the handout points anywhere (no src, action…); links are <a href> only.
    expect(urls.filter((u) => u.tag !== 'a' || u.name !== 'href')).toEqual([]);
    const hrefs = urls.map((u) => u.value);
    expect(hrefs).toContain('https://ok.example/a?x=1&y=2');
    expect(hrefs).toContain('mailto:someone@example.org');
    expect(hrefs).toContain('https://example.org/source');
    // A refused link stays readable as text; it is not silently dropped.
    const body = DomUtils.textContent(DomUtils.getElementsByTagName('body', parseDocument(html)));
    expect(body).toContain('[js](javascript:alert(1))');
  });

  it('the PDF has link annotations only for http, https and mailto URIs, and no other actions', async () => {
    const links = await pdfLinks(pdf);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !link.uri || !allowedHref.test(link.uri))).toEqual([]);
    expect(links.filter((link) => link.otherActions.length > 0)).toEqual([]);
    const uris = new Set(links.map((link) => link.uri));
    expect(uris).toContain('https://ok.example/a?x=1&y=2');
    expect(uris).toContain('mailto:someone@example.org');
    expect(uris).toContain('https://example.org/source');
  });

  it.each(['javascript:alert(1)', 'data:text/html,x', 'ftp://example.org/', 'file:///etc/passwd', '//example.org', 'https://exa mple.org'])('a source or meta URL %s is refused when loading', (url) => {
    const result = loadDatasetText(datasetYaml(tea({ meta: { language: 'en', url, sources: [{ title: 'S', url }] } })), 'x.yaml');
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['invalid-format', 'meta.url'],
      ['invalid-format', 'meta.sources[0].url'],
    ]);
  });
});

describe('__proto__, constructor and prototype keys', () => {
  function expectNoPollution(): void {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
    expect(typeof Object.prototype.constructor).toBe('function');
  }

  it.each(['yaml', 'json'] as const)('nested in subjects, rows, sections and meta (%s): own keys, plain prototypes, reported, no pollution', async (format) => {
    const file = fromRoot('tests', 'fixtures', 'broken', `proto-keys-nested.${format}`);
    const parsed = parseSource(readFileSync(file, 'utf8'), format, file);
    expect(parsed.diagnostics).toEqual([]);
    const data = parsed.source!.data as {
      subjects: Record<string, unknown>[];
      attributes: { values: Record<string, unknown> }[];
      sections: Record<string, unknown>[];
      meta: Record<string, unknown>;
    };
    for (const object of [data.subjects[0]!, data.meta]) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect(Object.hasOwn(object, '__proto__')).toBe(true);
      expect((object as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(Object.hasOwn(data.attributes[0]!.values, 'constructor')).toBe(true);
    expect(Object.hasOwn(data.sections[0]!, 'prototype')).toBe(true);
    const result = await loadDataset(file);
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.length).toBe(5);
    expectNoPollution();
  });

  it('subject ids `constructor` and `prototype` are ordinary ids: their own cells are shown, never a function', async () => {
    const loaded = loadOk({
      title: 'Constructor vs. Prototype',
      subjects: [
        { id: 'constructor', name: 'Constructor' },
        { id: 'prototype', name: 'Prototype' },
      ],
      summary: 'Two words.',
      attributes: [{ name: 'Meaning', values: { constructor: 'Builds things', prototype: 'A first model' } }],
      sections: [{ heading: 'About the constructor', subject: 'constructor', body: 'It builds.' }],
      venn: { unique: { constructor: ['Builds'], prototype: ['Models'] }, shared: ['Words'] },
    });
    const rendered = await renderHandout(loaded, theme, { formats: ['html'], pageSize: 'A4' });
    expect(rendered.diagnostics).toEqual([]);
    expect(rendered.html).toContain('Builds things');
    expect(rendered.html).toContain('A first model');
    expect(rendered.html).not.toMatch(/native code|function Object|\[object Object\]/);
  });

  it('a row without a value for subject `constructor` is a missing cell, not Object.prototype.constructor', () => {
    const data = tea({
      subjects: [
        { id: 'constructor', name: 'Constructor' },
        { id: 'tea', name: 'Tea' },
      ],
      attributes: [{ name: 'Origin', values: { tea: 'China' } as Record<string, string> }],
    });
    const result = loadDatasetText(datasetYaml(data), 'x.yaml');
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['missing-cell', 'attributes[0].values']]);
  });
});

describe('alias bombs and oversized files are refused', () => {
  it('the billion-laughs fixture: refused by the alias limit, without expanding', async () => {
    const result = await loadDataset(fromRoot('tests', 'fixtures', 'broken', 'alias-bomb.yaml'));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['too-many-aliases']);
  });

  it('a file over the size limit: refused from its size', async () => {
    const file = join(tmpDir('oversized'), 'huge.yaml');
    writeFileSync(file, `title: x\nsummary: ${'a'.repeat(maxDatasetBytes)}\n`);
    const result = await loadDataset(file);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['file-too-large', file]]);
    expect(result.diagnostics[0]!.hint).toBeTruthy();
  });

  it('the same text handed to the library directly is refused too', () => {
    const result = loadDatasetText(`title: x\nsummary: ${'a'.repeat(maxDatasetBytes)}\n`, 'huge.yaml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
  });

  it('a file just under the limit holding one giant field: refused by the field limit', async () => {
    const file = join(tmpDir('giant-field'), 'giant.yaml');
    writeFileSync(file, datasetYaml(tea({ summary: 'word '.repeat(Math.floor((maxDatasetBytes - 2000) / 5)).trim() })));
    const result = await loadDataset(file);
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['text-too-long', 'summary']]);
  });

  it('a named pipe called .yaml is refused at once instead of being read forever', async () => {
    const fifo = join(tmpDir('fifo'), 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const result = await loadDataset(fifo);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unreadable-file']);
  });

  it('a 10,000-row table after a subject id was renamed: 100 problems shown, the rest counted', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Row ${i + 1}`, values: { tea: 'Leaves', cofee: 'Beans' } as Record<string, string> }));
    const result = loadDatasetText(datasetYaml(tea({ attributes: rows })), 'renamed.yaml');
    expect(result.diagnostics).toHaveLength(101);
    expect(result.diagnostics.slice(0, 100).every((d) => d.code === 'unknown-subject' && d.hint === 'did you mean `coffee`?')).toBe(true);
    expect(result.diagnostics[100]).toMatchObject({ code: 'too-many-problems', message: '… and 9,900 more problems not shown' });
  });

  it('keys and values echoed in messages cannot send escape sequences to the terminal', () => {
    const result = loadDatasetText('title: T\n"\\e[2J\\e[31mred": x\nreviewed: "\\e[31m"\n', 'escapes.yaml');
    const text = result.diagnostics.map(formatDiagnostic).join('\n');
    expect(text).toContain('\\u{1B}[31mred');
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it('100,000 nested brackets: refused before any parser recursion (no stack overflow)', () => {
    for (const [format, text] of [
      ['json', `{"title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
      ['yaml', `title: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`],
    ] as const) {
      const result = loadDatasetText(text, `deep.${format}`);
      expect(result.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
    }
  });
});

describe('slugs cannot escape the output folder or take another dataset’s files', () => {
  it.each([
    ['..', 'invalid-format'],
    ['../escape', 'invalid-format'],
    ['a/b', 'invalid-format'],
    ['a\\b', 'invalid-format'],
    ['/etc/passwd', 'invalid-format'],
    ['C:\\temp\\x', 'invalid-format'],
    ['a\u0000b', 'invalid-format'],
    ['.hidden', 'invalid-format'],
    ['con', 'invalid-format'],
    ['nul', 'invalid-format'],
    ['aux.v2', 'invalid-format'],
    ['com1', 'invalid-format'],
    ['lpt9', 'invalid-format'],
    ['tea.worksheet', 'invalid-format'],
    ['tea.answers', 'invalid-format'],
    ['x'.repeat(101), 'text-too-long'],
  ])('slug %j is refused', (slug, code) => {
    const result = loadDatasetText(datasetYaml(tea({ slug })), 'x.yaml');
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.path])).toContainEqual([code, 'slug']);
  });

  it.each(['CON.yaml', 'aux.json', 'Nul.yml', 'com1.yaml', 'LPT3.json', 'prn.data.yaml', 'tea.worksheet.yaml'])('the file name %s gives a slug that is refused (reserved-slug)', (name) => {
    const data = tea();
    const text = name.endsWith('.json') ? JSON.stringify(data) : datasetYaml(data);
    const result = loadDatasetText(text, join('data', name));
    expect(result.loaded).toBeUndefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['reserved-slug']);
    expect(result.diagnostics[0]!.hint).toMatch(/rename the file|slug/);
  });

  it('outputPath refuses a slug that would leave the folder, even if one reached it', () => {
    expect(() => outputPath('/tmp/out', '../x', 'pdf')).toThrow(/outside the output folder/);
    expect(() => outputPath('/tmp/out', 'a/b', 'pdf')).toThrow(/outside the output folder/);
  });

  it('a build of hostile file names writes only inside --out, one file per name, nothing overwritten', async () => {
    const root = tmpDir('slug-build');
    const data = join(root, 'data');
    const nested = join(data, 'nested');
    mkdirSync(nested, { recursive: true });
    const write = (file: string, title: string, extra: Partial<DatasetInput> = {}) => writeFileSync(file, datasetYaml(tea({ title, ...extra })));
    write(join(data, 'CON.yaml'), 'Reserved name');
    write(join(data, '日本語.yaml'), 'Japanese name'); // slug `handout`
    write(join(data, '中文.yaml'), 'Chinese name'); // slug `handout` again: duplicate
    write(join(data, 'Tea.yaml'), 'Tea upper');
    write(join(nested, 'tea.yaml'), 'Tea lower'); // slug `tea` again, from another folder
    write(join(data, 'tea-explicit.yaml'), 'Tea explicit slug', { slug: 'tea' });
    write(join(data, 'base.yaml'), 'Base with editions');
    write(join(data, 'edition-clash.yaml'), 'Edition clash', { slug: 'base.worksheet' });
    write(join(data, '..yaml'), 'Dots only'); // a dot-file: not a dataset at all
    const outDir = join(root, 'out');
    const before = listFiles(root).filter((file) => !file.startsWith('out/'));
    const report = await build({ inputs: [data], outDir, formats: ['pdf', 'html'], editions: ['handout', 'worksheet', 'answers'], workers: 1 });

    const after = listFiles(root);
    // Only the output folder gained files.
    expect(after.filter((file) => !file.startsWith('out/'))).toEqual(before);
    const byFile = (name: string) => report.handouts.filter((h) => relative(data, h.file) === name);
    const codes = (name: string) => byFile(name).flatMap((h) => h.diagnostics.map((d) => d.code));
    expect(codes('CON.yaml')).toContain('reserved-slug');
    expect(codes('edition-clash.yaml')).toContain('invalid-format');
    expect(byFile('..yaml')).toEqual([]);
    // Of the two files whose names give `handout`, and the three datasets with slug `tea`, the first
    // in path order is built (all three editions); the others fail with duplicate-slug.
    const built = report.handouts.filter((h) => h.status === 'built');
    for (const [slug, files] of [
      ['handout', ['日本語.yaml', '中文.yaml']],
      ['tea', ['Tea.yaml', 'nested/tea.yaml', 'tea-explicit.yaml']],
    ] as const) {
      const winners = new Set(built.filter((h) => h.slug === slug).map((h) => relative(data, h.file)));
      expect(winners.size, slug).toBe(1);
      expect(built.filter((h) => h.slug === slug).map((h) => h.edition).sort()).toEqual(['answers', 'handout', 'worksheet']);
      for (const file of files.filter((f) => !winners.has(f))) expect(codes(file), file).toEqual(['duplicate-slug']);
    }
    expect(built.filter((h) => h.slug === 'base')).toHaveLength(3);
    // Every output file was written by exactly one handout of this build.
    const outputs = built.flatMap((h) => h.outputs.map((o) => o.path));
    expect(new Set(outputs).size).toBe(outputs.length);
    for (const output of outputs) expect(relative(outDir, output)).not.toMatch(/^\.\.|[\\/]/);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a dataset named ../x.yaml (relative to the working folder) is built into --out, not next to itself', async () => {
    const root = tmpDir('relative-input');
    mkdirSync(join(root, 'work'));
    writeFileSync(join(root, 'x.yaml'), datasetYaml(tea()));
    const cwd = process.cwd();
    process.chdir(join(root, 'work'));
    try {
      const report = await build({ inputs: ['../x.yaml'], outDir: 'out', formats: ['html'], workers: 1 });
      expect(report.handouts.map((h) => [h.status, h.slug])).toEqual([['built', 'x']]);
    } finally {
      process.chdir(cwd);
    }
    expect(listFiles(root).filter((file) => !file.startsWith('work/out/'))).toEqual(['x.yaml']);
    expect(readdirSync(join(root, 'work', 'out'))).toContain('x.html');
  });
});

describe('theme templates cannot reach prototype properties', () => {
  const dataset = () => loadOk(tea());
  const templates = [
    '{{constructor}}',
    '{{__proto__}}',
    '{{lookup this "constructor"}}',
    '{{lookup this "__proto__"}}',
    '{{#with this.constructor}}{{name}}{{/with}}',
    '{{lookup (lookup this "constructor") "name"}}',
    '{{constructor.constructor}}',
    '{{title.constructor}}',
    '{{lookup subjects "constructor"}}',
    '{{#each subjects}}{{lookup this "__defineGetter__"}}{{/each}}',
    '{{#with (lookup this "__proto__")}}{{lookup this "toString"}}{{/with}}',
    '{{lookup title "constructor"}}',
    '{{#each this}}{{#if (eq @key "constructor")}}{{this}}{{/if}}{{/each}}',
  ];

  it.each(templates)('%s: an error or empty output, never a function', async (expression) => {
    const dir = tmpDir('proto-theme');
    writeFileSync(join(dir, 'theme.json'), JSON.stringify({ extends: 'default', name: 'proto-probe' }));
    writeFileSync(join(dir, 'handout.hbs'), `<h1>{{title}}</h1>\n<p>[${expression}]</p>\n`);
    const { theme: probe, diagnostics } = await loadTheme(dir);
    expect(diagnostics).toEqual([]);
    const rendered = await renderHandout(dataset(), probe!, { formats: ['html'], pageSize: 'A4' });
    if (rendered.html === undefined) {
      // Refused: a template error, reported as such.
      expect(rendered.diagnostics.map((d) => d.code)).toEqual(['template']);
      return;
    }
    const paragraph = /<p>\[(.*?)\]<\/p>/s.exec(rendered.html)?.[1];
    expect(paragraph).toBe('');
    expect(rendered.html).not.toMatch(/native code|function |\[object /);
  });
});

/** Every file under `root`, as `/`-separated paths relative to it, sorted. */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}
