// Clear messages for inputs that used to get a wrong or puzzling one: UTF-16 without a byte-order
// mark, CR-only line endings, an over-long slug, a merge key among a row's values, text after `...`,
// folders that are empty, hold only links, cannot be read or have paths too long for the system,
// nesting too deep in flow brackets, an upper-case language tag, and one file named twice.
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { findDatasets } from '../../src/pipeline/find-datasets.js';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import { loadDataset, loadDatasetText } from '../../src/load/load-dataset.js';
import { fromRoot, tmpDir } from '../support/paths.js';

// Root reads every folder, so an unreadable one is simulated: reading these names fails as it would.
const failingFolders: Record<string, string> = { locked: 'EACCES', 'too-long': 'ENAMETOOLONG' };
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    readdir: (async (folder: string, ...rest: unknown[]) => {
      const code = failingFolders[String(folder).split(/[\\/]/).pop()!];
      if (code) throw Object.assign(new Error(`${code}: ${String(folder)}`), { code });
      return (original.readdir as (...args: unknown[]) => Promise<unknown>)(folder, ...rest);
    }) as typeof original.readdir,
  };
});

const valid = readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8');

describe('encodings and line endings', () => {
  it.each([
    ['UTF-16 little-endian', 'utf16le'],
    ['UTF-16 big-endian', 'utf16be'],
  ] as const)('%s without a byte-order mark is `not-utf8`', async (_name, encoding) => {
    const dir = tmpDir('loader-utf16');
    const file = join(dir, 'tea.yaml');
    const little = Buffer.from(valid, 'utf16le');
    writeFileSync(file, encoding === 'utf16le' ? little : little.swap16());
    const result = await loadDataset(file);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['not-utf8']);
    expect(result.diagnostics[0]!.message).toContain('UTF-16');
  });

  it('CR-only line endings (classic Mac OS) load like LF', () => {
    const result = loadDatasetText(valid.replace(/\n/g, '\r'), 'tea.yaml');
    expect(result.diagnostics).toEqual([]);
    expect(result.loaded!.dataset.title).toBe('Tea vs. Coffee');
    expect(result.loaded!.dataset.attributes).toHaveLength(2);
  });
});

describe('messages that say what is wrong', () => {
  it('a slug over 100 characters says its length', () => {
    const result = loadDatasetText(`slug: ${'a'.repeat(120)}\n${valid}`, 'tea.yaml');
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['text-too-long', 'slug']]);
    expect(result.diagnostics[0]!.message).toContain('120 characters');
    expect(result.diagnostics[0]!.message).toContain('100');
  });

  it('a `<<` merge key inside `values:` is one error with the merge-key hint', () => {
    const text = valid.replace('    values:\n      tea: China\n', '    values:\n      <<: {tea: Assam}\n      tea: China\n');
    const result = loadDatasetText(text, 'tea.yaml');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'unknown-key', path: 'attributes[0].values["<<"]', position: { line: 13, column: 7 } });
    expect(result.diagnostics[0]!.hint).toContain('merge keys');
  });

  it('`...` followed by text names the `...` line', () => {
    const lines = valid.split('\n').length;
    const result = loadDatasetText(`${valid}...\n# after the end\nmore: text\n`, 'tea.yaml');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]!.message).toContain('`...`');
    expect(result.diagnostics[0]!.message).not.toContain('---');
    expect(result.diagnostics[0]!.position).toEqual({ line: lines, column: 1 });
  });

  it('`too-deep` in flow brackets points at the bracket that opens level 129', () => {
    const result = loadDatasetText(`title: T\nsummary: s\nx: ${'['.repeat(100_000)}\n`, 'deep.yaml');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['too-deep']);
    // `x: ` is three columns; the top-level mapping is level 1, so bracket 128 opens level 129.
    expect(result.diagnostics[0]!.position).toEqual({ line: 3, column: 3 + 128 });
  });

  it.each([
    ['EN', 'en'],
    ['es-mx', 'es-MX'],
    ['ZH-HANT-tw', 'zh-Hant-TW'],
  ])('`language: %s` is accepted as `%s` (BCP 47 tags are case-insensitive)', (tag, normalised) => {
    const result = loadDatasetText(valid.replace('language: en', `language: ${tag}`), 'tea.yaml');
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.loaded!.dataset.meta.language).toBe(normalised);
  });
});

describe('folders and paths', () => {
  it('an empty folder is a `no-datasets` diagnostic', async () => {
    const dir = tmpDir('loader-empty');
    const { results, diagnostics } = await validateFiles([dir]);
    expect(results).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['no-datasets', dir]]);
  });

  it('a folder of symbolic links: links to datasets are checked, a dangling one is reported', async () => {
    const dir = tmpDir('loader-links');
    copyFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), join(dir, 'real.yaml.txt'));
    mkdirSync(join(dir, 'links'));
    symlinkSync(join(dir, 'real.yaml.txt'), join(dir, 'links', 'tea.yaml'));
    symlinkSync(join(dir, 'missing.yaml'), join(dir, 'links', 'gone.yaml'));
    const { results, diagnostics } = await validateFiles([join(dir, 'links')]);
    expect(results.map((r) => [r.file, r.ok])).toEqual([[join(dir, 'links', 'tea.yaml'), true]]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([['skipped-link', 'warning', join(dir, 'links', 'gone.yaml')]]);
  });

  it('an unreadable sub-folder is reported, the rest still found', async () => {
    const dir = tmpDir('loader-unreadable');
    copyFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), join(dir, 'tea.yaml'));
    mkdirSync(join(dir, 'locked'));
    const found = await findDatasets([dir]);
    expect(found.files).toEqual([join(dir, 'tea.yaml')]);
    expect(found.diagnostics).toMatchObject([{ code: 'unreadable-path', file: join(dir, 'locked'), message: 'this folder cannot be read: permission denied' }]);
  });

  it('a folder whose path is too long for the system is reported, not thrown', async () => {
    const dir = tmpDir('loader-too-long');
    mkdirSync(join(dir, 'too-long'));
    const found = await findDatasets([dir]);
    expect(found.diagnostics.map((d) => d.code)).toEqual(['unreadable-path']);
    expect(found.diagnostics[0]!.message).toContain('too long');
  });

  it('a dataset path longer than PATH_MAX is a clear error', async () => {
    const long = join(tmpDir('loader-path-max'), `${'d'.repeat(250)}/`.repeat(20), 'tea.yaml');
    expect(long.length).toBeGreaterThan(4096);
    const { results, diagnostics } = await validateFiles([long]);
    expect(results).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/^the path is too long for the system \([\d,]+ characters\)$/);
  });

  it('the same file named twice in different spellings is one dataset, not a duplicate slug of itself', async () => {
    const dir = tmpDir('loader-two-spellings');
    mkdirSync(join(dir, 'data'));
    copyFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), join(dir, 'data', 'tea.yaml'));
    symlinkSync(join(dir, 'data'), join(dir, 'alias'));
    const { results } = await validateFiles([join(dir, 'data', 'tea.yaml'), `${dir}/./data//tea.yaml`, join(dir, 'alias', 'tea.yaml')]);
    expect(results).toHaveLength(1);
    expect(results[0]!.ok).toBe(true);
    expect(results[0]!.diagnostics).toEqual([]);
  });
});
