// Bounded work on hostile but valid input: a header row taller than the page (8 subjects with
// ~300-character names in portrait A4) is split once, not repeated on every new page; whitespace runs
// cost time in proportion to their length; and a property test lays out tables whose subject names
// and cells are pathological whitespace and widths, checking that pages stay few and nothing is lost.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestFileName } from '../../src/pipeline/manifest.js';
import type { Dataset, DatasetInput } from '../../src/load/dataset-schema.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import { splitParagraphs } from '../../src/templates/inline-markdown.js';
import type { Theme } from '../../src/templates/theme.js';
import { layoutDocument } from '../../src/writers/pdf/layout-document.js';
import { headRepeats } from '../../src/writers/pdf/paginate.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { pdfinfo, pdftotext, qpdfCheck } from '../support/poppler.js';
import { measured } from './support/big-datasets.js';
import { BIN, show } from './support/cli.js';
import { documentTree } from './support/document-tree.js';
import { layoutProblems } from './support/layout-problems.js';
import { datasetYaml, defaultTheme } from './support/round-trip.js';

const numRuns = Number(process.env.FC_RUNS) || 30;

let theme: Theme;
beforeAll(async () => {
  theme = await defaultTheme();
});

function load(data: DatasetInput): Dataset {
  const loaded = loadDatasetText(datasetYaml(data), 'generated.yaml');
  if (!loaded.loaded) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.loaded.dataset;
}

function wideHeader(subjects: number, name: string): DatasetInput {
  const list = Array.from({ length: subjects }, (_, i) => ({ id: `s${i}`, name: `${name} ${i}` }));
  return {
    title: 'Wide header',
    subjects: list,
    summary: 'Names longer than their columns.',
    attributes: [{ name: 'Only', values: Object.fromEntries(list.map((s) => [s.id, `value ${s.id}`])) }],
  } as DatasetInput;
}

/** Every word the page model places, in order. */
function placedWords(data: Dataset, setup: { pageSize: 'A4' | 'Letter'; landscape: boolean }) {
  const { model } = layoutDocument(documentTree(data, theme), theme, setup);
  const words = model.pages.flatMap((page) => page.texts.filter((t) => typeof t.owner === 'object').flatMap((t) => t.text.split(/\s+/))).filter(Boolean);
  return { model, words };
}

describe('a header row taller than the page', () => {
  it('the header repeats only while it takes at most a third of the page', () => {
    expect(headRepeats(100, 700)).toBe(true);
    expect(headRepeats(240, 700)).toBe(false);
    expect(headRepeats(900, 700)).toBe(false);
  });

  it('8 subjects with ~300-character names, portrait A4: the CLI builds a few pages under 1 GB, every name printed', async () => {
    const dir = tmpDir('bounded-wide-header');
    const file = join(dir, 'wide-header.yaml');
    const data = wideHeader(8, 'Wide '.repeat(60).trim());
    writeFileSync(file, datasetYaml(data));
    expect(readFileSync(file).byteLength).toBeLessThan(4096);
    const outDir = join(dir, 'out');
    // The heap bound makes the run that repeated the header onto every new page (4.3 GB, then an
    // abort) fail at 1 GB instead of taking the machine's memory first.
    const result = await measured(process.execPath, ['--max-old-space-size=1024', BIN, 'build', file, '--format', 'pdf', '--out', outDir], join(dir, 'time.txt'));
    expect(result.code, show(result)).toBe(0);
    expect(result.peakMB).toBeLessThan(1024);
    const pdf = join(outDir, 'wide-header.pdf');
    expect((await qpdfCheck(pdf)).code).toBe(0);
    expect(Number((await pdfinfo(pdf)).Pages)).toBeLessThanOrEqual(4);
    const text = (await pdftotext(pdf)).replace(/\s+/g, ' ');
    for (let i = 0; i < 8; i++) expect(text).toContain(`Wide Wide ${i}`);
    expect(text.match(/Wide/g)!.length).toBeGreaterThanOrEqual(8 * 60);
  }, 300_000);

  it('in a batch beside ordinary datasets: every handout built, the manifest and the index written', async () => {
    const dir = tmpDir('bounded-batch');
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'wide-header.yaml'), datasetYaml(wideHeader(8, 'Wide '.repeat(60).trim())));
    for (const name of ['tea', 'coffee']) copyFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), join(dir, 'data', `${name}.yaml`));
    const outDir = join(dir, 'out');
    const result = await measured(process.execPath, ['--max-old-space-size=1024', BIN, 'build', join(dir, 'data'), '--out', outDir], join(dir, 'time.txt'));
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toContain('3 handouts: 3 built');
    for (const file of ['wide-header.pdf', 'tea.pdf', 'coffee.html', 'index.html', manifestFileName]) expect(existsSync(join(outDir, file)), file).toBe(true);
  }, 300_000);

  it.each([
    ['A4', false],
    ['A4', true],
    ['Letter', false],
  ] as const)('%s landscape=%s: the page model places every word of every name once in the header, within the margins', (pageSize, landscape) => {
    const data = load(wideHeader(8, Array.from({ length: 90 }, (_, i) => `w${i}`).join(' ')));
    const { model, words } = placedWords(data, { pageSize, landscape });
    expect(model.pages.length).toBeLessThanOrEqual(5);
    expect(layoutProblems(model, theme.tokens.page.margin)).toEqual([]);
    // Each name appears in the caption and once in the header: not once per page.
    for (let i = 0; i < 8; i++) expect(words.filter((w) => w === `w89`).length).toBe(2 * 8);
  });
});

describe('whitespace costs time in proportion to its length', () => {
  it('`a` + 19,990 spaces + `b` keeps both letters and its spaces; runs with a line break collapse', () => {
    expect(splitParagraphs(`a${' '.repeat(19_990)}b`)).toEqual([`a${' '.repeat(19_990)}b`]);
    expect(splitParagraphs(`a${' '.repeat(10_000)}\n${' '.repeat(10_000)}b`)).toEqual(['a b']);
    expect(splitParagraphs(`a\n${' \t'.repeat(5000)}\nb`)).toEqual(['a', 'b']);
  });

  it('ten times the spaces cost far less than a hundred times the CPU time (linear, not quadratic)', () => {
    // CPU time of this process per call, from enough calls to be measurable; compared as a ratio
    // (linear ≈ 10×, quadratic ≈ 100×), so a slow or busy machine does not change the outcome.
    const cost = (text: string) => {
      let calls = 0;
      const start = process.cpuUsage();
      let used = 0;
      while (used < 200_000 || calls < 3) {
        splitParagraphs(text);
        calls++;
        const now = process.cpuUsage(start);
        used = now.user + now.system;
      }
      return used / calls;
    };
    const small = Math.min(cost(`a${' '.repeat(5000)}b`), cost(`a${' '.repeat(5000)}b`));
    const large = Math.min(cost(`a${' '.repeat(50_000)}b`), cost(`a${' '.repeat(50_000)}b`));
    expect(large / small).toBeLessThan(40);
  }, 300_000);
});

describe('property: pathological whitespace and widths', () => {
  const space = fc.constantFrom(' ', '  ', '\t', '\n', ' \n ', '\u00a0', '\u2003', '\u3000', '\u200b', ' '.repeat(400));
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z]{1,12}$/) },
    { weight: 1, arbitrary: fc.integer({ min: 40, max: 400 }).map((n) => 'x'.repeat(n)) },
    { weight: 2, arbitrary: space },
  );
  const cell = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => `w${parts.join('')}z`);
  // Subject names are at most 500 characters (the loader's limit).
  const name = fc.oneof(cell.map((text) => `${text.slice(0, 480)}z`), fc.integer({ min: 1, max: 90 }).map((n) => 'Wide '.repeat(n).trim()));
  const data = fc.record({ names: fc.array(name, { minLength: 2, maxLength: 8 }), cells: fc.array(cell, { minLength: 8, maxLength: 8 }) }).map(
    ({ names, cells }): DatasetInput =>
      ({
        title: 'Whitespace',
        subjects: names.map((n, i) => ({ id: `s${i}`, name: n })),
        summary: 'Generated.',
        attributes: [{ name: 'Row', values: Object.fromEntries(names.map((_, i) => [`s${i}`, cells[i]!])) }],
      }) as DatasetInput,
  );
  const setup = fc.record({ pageSize: fc.constantFrom('A4' as const, 'Letter' as const), landscape: fc.boolean() });

  it('pages grow with the text, not the header; every word is placed; texts stay inside the margins', () => {
    fc.assert(
      fc.property(data, setup, (input, pageSetup) => {
        const dataset = load(input);
        const { model, words } = placedWords(dataset, pageSetup);
        const characters = JSON.stringify(input).length;
        // A generous bound that a header repeated onto every new page (unbounded) cannot meet.
        expect(model.pages.length).toBeLessThanOrEqual(4 + Math.ceil(characters / 400));
        const problems = layoutProblems(model, theme.tokens.page.margin);
        if (problems.length > 0) throw new Error(problems.slice(0, 8).join('\n'));
        const placed = words.join('');
        for (const name of dataset.subjects.map((s) => s.name)) {
          for (const word of name.split(/[\s\u200b]+/).filter(Boolean)) expect(placed).toContain(word.slice(0, 40));
        }
      }),
      { numRuns },
    );
  }, 600_000);
});
