// Issue 5, class packs (`handout pack`): one PDF with a cover, a contents page, and every handout
// starting on a right-hand (odd) page; the page count, contents entries and bookmarks must match the
// handouts as they are built alone; a broken dataset stops the pack with nothing written.
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { pack, type PackReport } from '../../src/pipeline/pack.js';
import { main } from '../../src/cli/main.js';
import type { Edition } from '../../src/view/build-view-model.js';
import { joinNames } from '../../src/view/join-names.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { extractPdfPages, flattenOutline, type PdfExtraction } from '../support/pdf-text.js';
import { mutoolOutline, pdfinfo, qpdfCheck } from '../support/poppler.js';
import { fixture, flat, load, render, SEED, THREE } from './support/editions.js';

interface Expected {
  title: string;
  subjectNames: string;
  pages: number;
  start: number;
  /** pdf.js text of each page of the handout built alone. */
  texts: string[];
}

const FRONT_MATTER_PAGES = 2; // cover + contents

/** Where each handout must start, computed from the handouts built alone. */
async function expectedLayout(files: readonly string[], edition: Edition): Promise<{ handouts: Expected[]; blanks: number[]; pageCount: number }> {
  const handouts: Expected[] = [];
  const blanks: number[] = [];
  let next = FRONT_MATTER_PAGES + 1;
  for (const file of files) {
    const alone = await render(file, { edition });
    const pdf = await extractPdfPages(alone.pdf);
    if (next % 2 === 0) blanks.push(next++);
    handouts.push({ title: alone.dataset.title, subjectNames: joinNames(alone.dataset.subjects.map((subject) => subject.name), alone.dataset.meta.language), pages: pdf.pageCount, start: next, texts: pdf.pages.map((page) => flat(page.text)) });
    next += pdf.pageCount;
  }
  return { handouts, blanks, pageCount: next - 1 };
}

async function packInto(label: string, options: Omit<Parameters<typeof pack>[0], 'out'>): Promise<{ report: PackReport; out: string; pdf: PdfExtraction }> {
  const out = join(tmpDir(`editions-pack-${label}`), 'class-pack.pdf');
  const report = await pack({ ...options, out });
  expect(report.ok, JSON.stringify(report.diagnostics, null, 2)).toBe(true);
  return { report, out, pdf: await extractPdfPages(out) };
}

// data/ sorted by file name: the 3-subject dataset, then the seed.
const DATA_FILES = [THREE, SEED];

describe.each(['handout', 'worksheet', 'answers'] as const)('class pack of data/ (%s edition)', (edition) => {
  let built: { report: PackReport; out: string; pdf: PdfExtraction };
  let expected: Awaited<ReturnType<typeof expectedLayout>>;

  beforeAll(async () => {
    [built, expected] = await Promise.all([packInto(edition, { inputs: [fromRoot('tests', 'fixtures', 'bundled')], edition }), expectedLayout(DATA_FILES, edition)]);
  });

  it('has cover + contents + every handout + the blank pages needed for right-hand starts', async () => {
    const { report, pdf, out } = built;
    const handoutPages = expected.handouts.reduce((sum, handout) => sum + handout.pages, 0);
    expect(expected.pageCount).toBe(FRONT_MATTER_PAGES + handoutPages + expected.blanks.length);
    expect(pdf.pageCount).toBe(expected.pageCount);
    expect(report.pageCount).toBe(expected.pageCount);
    expect((await pdfinfo(out)).Pages).toBe(String(expected.pageCount));
    expect((await qpdfCheck(out)).code).toBe(0);
    expect(report.handouts.map(({ title, page, pages }) => ({ title, page, pages }))).toEqual(expected.handouts.map(({ title, start, pages }) => ({ title, page: start, pages })));
    // The inserted pages are empty.
    for (const blank of expected.blanks) expect(pdf.pages[blank - 1]!.text, `page ${blank}`).toBe('');
    expect(pdf.pages.filter((page) => page.text === '').map((page) => page.pageNumber)).toEqual(expected.blanks);
  });

  it('starts every handout on an odd (right-hand) page, laid out exactly as on its own', () => {
    for (const handout of expected.handouts) {
      expect(handout.start % 2, handout.title).toBe(1);
      const packed = built.pdf.pages.slice(handout.start - 1, handout.start - 1 + handout.pages).map((page) => flat(page.text));
      // Same pages as the handout built alone, except the running footer, which counts the pack's
      // pages so that "Page 7" is where the contents page says.
      const withoutFooter = (text: string) => text.replace(/Page \d+ of \d+/g, '');
      expect(packed.map(withoutFooter)).toEqual(handout.texts.map(withoutFooter));
      packed.forEach((text, index) => expect(text).toContain(`Page ${handout.start + index} of ${built.pdf.pageCount}`));
      expect(packed[0]).toContain(flat(handout.title));
    }
  });

  it('lists every handout with its subjects and start page on the contents page', () => {
    const contents = flat(built.pdf.pages[1]!.text);
    expect(contents.startsWith('Contents')).toBe(true);
    for (const handout of expected.handouts) expect(contents).toContain(`${flat(handout.title)} ${flat(handout.subjectNames)} ${handout.start}`);
    // The handouts in contents order.
    const positions = expected.handouts.map((handout) => contents.indexOf(flat(handout.title)));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('has one top-level bookmark per handout at its start page (mutool and pdf.js agree)', async () => {
    const { entries } = await mutoolOutline(built.out);
    const top = entries.filter((entry) => entry.depth === 0).map((entry) => ({ title: entry.title, page: Number(/#page=(\d+)/.exec(entry.target)?.[1]) }));
    // The cover's own bookmark first, then the handouts.
    // data/ datasets name no common course: the cover is titled "Class pack".
    expect(top).toEqual([{ title: 'Class pack', page: 1 }, ...expected.handouts.map((handout) => ({ title: handout.title, page: handout.start }))]);
    expect(built.pdf.outline.map((node) => ({ title: node.title, page: node.pageNumber }))).toEqual(top);
    // Each handout's headings are nested under it, on its own pages.
    for (const [index, node] of built.pdf.outline.slice(1).entries()) {
      const handout = expected.handouts[index]!;
      for (const child of flattenOutline(node.items)) expect(child.pageNumber! >= handout.start && child.pageNumber! < handout.start + handout.pages, `${child.title} on page ${child.pageNumber}`).toBe(true);
    }
  });

  it('marks the edition: Worksheet / Answer key on the cover and every handout', () => {
    const cover = flat(built.pdf.pages[0]!.text);
    const mark = edition === 'worksheet' ? 'Worksheet' : edition === 'answers' ? 'Answer key' : undefined;
    if (mark) expect(cover).toContain(mark);
    else for (const word of ['Worksheet', 'Answer key']) expect(cover).not.toContain(word);
    for (const handout of expected.handouts) {
      for (let page = handout.start; page < handout.start + handout.pages; page++) {
        const text = flat(built.pdf.pages[page - 1]!.text);
        if (edition === 'answers') expect(text, `page ${page}`).toContain('Answer key');
        if (edition === 'worksheet' && page === handout.start) expect(text).toContain('Name:');
      }
    }
  });
});

describe('class pack cover', () => {
  it('shows title, course, teacher and date given as options (and uses them as PDF metadata)', async () => {
    const { pdf, out } = await packInto('cover-options', { inputs: [SEED, THREE], title: 'Infection and Immunity', course: 'Year 10 Biology', teacher: 'Ms. Chen', date: '2026-01-15' });
    const cover = flat(pdf.pages[0]!.text);
    for (const field of ['Infection and Immunity', 'Year 10 Biology', 'Ms. Chen', '2026-01-15', '2 handouts']) expect(cover).toContain(field);
    const info = await pdfinfo(out);
    expect(info.Title).toBe('Infection and Immunity');
    expect(info.Author).toBe('Ms. Chen');
  });

  it("takes course, teacher and date from the datasets' meta when the options are absent", async () => {
    const files = [fixture('pack-meta', 'a-tea-vs-coffee.yaml'), fixture('pack-meta', 'b-cats-vs-dogs.yaml')];
    const meta = (await load(files[0]!)).dataset.meta;
    expect(meta).toMatchObject({ course: 'Food Science 101', author: 'Dr. Amira Haddad', date: '2026-09-14' });
    const { pdf, report } = await packInto('cover-meta', { inputs: [fixture('pack-meta')] });
    const cover = flat(pdf.pages[0]!.text);
    for (const field of [meta.course!, meta.author!, meta.date!]) expect(cover).toContain(field);
    // Two one-page handouts: the second needs a blank page before it.
    expect(report.handouts.map((handout) => handout.page)).toEqual([3, 5]);
    expect(pdf.pageCount).toBe(5);
    expect(pdf.pages[3]!.text).toBe('');
  });

  it('prints the course once when it also titles the cover', async () => {
    const { pdf } = await packInto('cover-course-once', { inputs: [fixture('pack-meta')] });
    const cover = flat(pdf.pages[0]!.text);
    expect(cover.split('Food Science 101')).toHaveLength(2);
    expect(pdf.info.Title).toBe('Food Science 101');
  });

  it('dates the cover with the newest dataset date when they differ, and never with 1970-01-01', async () => {
    vi.stubEnv('SOURCE_DATE_EPOCH', '');
    try {
      const mixed = await packInto('cover-mixed-dates', { inputs: [fixture('pack-meta'), SEED] });
      const cover = flat(mixed.pdf.pages[0]!.text);
      expect(cover).toContain('2026-11-25'); // the seed's, newer than 2026-09-14
      expect(cover).not.toContain('1970');
      expect(cover).not.toContain('Food Science 101'); // the seed names no course

      const dir = tmpDir('editions-pack-undated');
      await writeFile(join(dir, 'undated.yaml'), (await readFile(fixture('pack-meta', 'b-cats-vs-dogs.yaml'), 'utf8')).replace(/^\s+date: .*$/m, ''));
      const undated = await packInto('cover-no-date', { inputs: [join(dir, 'undated.yaml')] });
      expect(flat(undated.pdf.pages[0]!.text)).toBe('Food Science 101 Dr. Amira Haddad · 1 handout');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('prefers the options over the meta', async () => {
    const { pdf } = await packInto('cover-override', { inputs: [fixture('pack-meta')], teacher: 'Mr. Substitute', date: '2026-10-01' });
    const cover = flat(pdf.pages[0]!.text);
    expect(cover).toContain('Mr. Substitute');
    expect(cover).toContain('2026-10-01');
    expect(cover).not.toContain('Dr. Amira Haddad');
    expect(cover).not.toContain('2026-09-14');
    expect(cover).toContain('Food Science 101');
  });
});

describe('class pack with a broken dataset', () => {
  const stderr: string[] = [];
  afterEach(() => {
    vi.restoreAllMocks();
    stderr.length = 0;
  });

  it('fails with a diagnostic naming the file and the problem, and writes nothing', async () => {
    const dir = tmpDir('editions-pack-broken');
    const out = join(dir, 'class-pack.pdf');
    const report = await pack({ inputs: [fixture('pack-broken')], out });
    expect(report.ok).toBe(false);
    const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((error) => error.file?.endsWith('b-broken.yaml'))).toBe(true);
    expect(errors.map((error) => error.code)).toContain('unknown-key');
    expect(JSON.stringify(errors)).toContain('attributes'); // "did you mean `attributes`?"
    expect(report.pageCount).toBeUndefined();
    expect(existsSync(out)).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves an earlier pack in place, and the CLI exits 1 saying nothing was written', async () => {
    const dir = tmpDir('editions-pack-broken-cli');
    const out = join(dir, 'class-pack.pdf');
    await writeFile(out, 'earlier pack');
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const code = await main(['pack', fixture('pack-broken'), '--out', out]);
    const printed = stderr.join('');
    expect(code, printed).toBe(1);
    expect(printed).toContain('b-broken.yaml');
    expect(printed).toMatch(/unknown-key/);
    expect(printed).toMatch(/nothing was written/);
    expect(await readFile(out, 'utf8')).toBe('earlier pack');
    expect((await readdir(dir)).sort()).toEqual(['class-pack.pdf']);
  });
});
