// Printing the HTML handout from a browser: Chromium's print to PDF (`page.pdf`, the engine behind
// "Save as PDF"), read back with pdf.js and poppler. The page size is the theme's (or Letter when
// built for Letter), the table header repeats on every page, no row is split, headings stay with
// their text, links show their address, and the page count is close to our own PDF's.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/index.js';
import { openHtmlFile, withPage } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages, normalizeText, type PdfExtraction } from '../support/pdf-text.js';
import { pdfinfo } from '../support/poppler.js';
import { bodyStart, buildDatasets, expectBuilt, headingLabel, LONG_ROWS, LONG_SECTIONS, LONG_SUBJECTS, longDataset, outputOf, rowEnd, rowLabel, SEED_DATASET } from './html-fixtures.js';

const SEED = 'cytokine-storm-vs-sepsis';
let dir: string;
let a4: BuildReport;
let letter: BuildReport;
/** Chromium's PDFs of the HTML handouts, and pdf.js's reading of them. */
const printed: Record<'seedA4' | 'seedLetter' | 'long' | 'wide', { file: string; pdf: PdfExtraction }> = {} as never;

async function printHtml(html: string, pdfFile: string): Promise<{ file: string; pdf: PdfExtraction }> {
  await withPage(async (page) => {
    await openHtmlFile(page, html);
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
  });
  return { file: pdfFile, pdf: await extractPdfPages(pdfFile) };
}

beforeAll(async () => {
  dir = tmpDir('html-print');
  ({ report: a4 } = await buildDatasets(join(dir, 'a4'), { [`${SEED}.yaml`]: SEED_DATASET, 'long.yaml': longDataset(), 'wide.yaml': WIDE_DATASET }));
  ({ report: letter } = await buildDatasets(join(dir, 'letter'), { [`${SEED}.yaml`]: SEED_DATASET }, { pageSize: 'Letter' }));
  expectBuilt(a4);
  expectBuilt(letter);
  [printed.seedA4, printed.seedLetter, printed.long, printed.wide] = await Promise.all([
    printHtml(outputOf(a4, SEED, 'html').path, join(dir, 'seed-a4.chromium.pdf')),
    printHtml(outputOf(letter, SEED, 'html').path, join(dir, 'seed-letter.chromium.pdf')),
    printHtml(outputOf(a4, 'long', 'html').path, join(dir, 'long.chromium.pdf')),
    printHtml(outputOf(a4, 'wide', 'html').path, join(dir, 'wide.chromium.pdf')),
  ]);
});

/** Eight subjects named by long single words: a table whose column headers alone are wider than a page. */
const WIDE_NAMES = ['Pneumonoultramicroscopicsilicovolcanoconiosis', 'Hippopotomonstrosesquippedaliophobia', 'Supercalifragilisticexpialidocious', 'Floccinaucinihilipilification', 'Antidisestablishmentarianism', 'Honorificabilitudinitatibus', 'Thyroparathyroidectomized', 'Dichlorodiphenyltrichloroethane'];
const WIDE_DATASET = {
  title: 'Eight long names',
  slug: 'wide',
  subjects: WIDE_NAMES.map((name, index) => ({ id: `s${index + 1}`, name })),
  summary: 'Eight subjects whose names are single long words.',
  attributes: [{ name: 'Reference', values: Object.fromEntries(WIDE_NAMES.map((_, index) => [`s${index + 1}`, `Value ${index + 1}`])) }],
};

/** Pages (1-based) whose text contains `token` as a whole word. */
function pagesWith(pdf: PdfExtraction, token: string): number[] {
  const word = new RegExp(`(^|[^A-Za-z0-9])${token}([^A-Za-z0-9]|$)`);
  return pdf.pages.filter((page) => word.test(normalizeText(page.text))).map((page) => page.pageNumber);
}

describe('page size', () => {
  it('is the theme’s A4 (595.28 × 841.89 pt) by default', async () => {
    for (const page of printed.seedA4.pdf.pages) {
      expect(page.width).toBeCloseTo(595.28, -0.5); // within 1 pt: Chromium rounds the page to whole pixels
      expect(page.height).toBeCloseTo(841.89, -0.5);
    }
    expect((await pdfinfo(printed.seedA4.file))['Page size']).toMatch(/\(A4\)/);
  });

  it('is Letter (612 × 792 pt) for a handout built for Letter', async () => {
    for (const page of printed.seedLetter.pdf.pages) {
      expect(page.width).toBeCloseTo(612, -0.5);
      expect(page.height).toBeCloseTo(792, -0.5);
    }
    expect((await pdfinfo(printed.seedLetter.file))['Page size']).toMatch(/\(letter\)/i);
  });

  it('has a page count close to our own PDF’s (±1 page or ±30%)', () => {
    const cases = [
      { name: 'seed A4', ours: outputOf(a4, SEED, 'pdf').pages!, browser: printed.seedA4.pdf.pageCount },
      { name: 'seed Letter', ours: outputOf(letter, SEED, 'pdf').pages!, browser: printed.seedLetter.pdf.pageCount },
      { name: 'long A4', ours: outputOf(a4, 'long', 'pdf').pages!, browser: printed.long.pdf.pageCount },
    ];
    console.info(`page counts, browser print vs ours: ${cases.map((c) => `${c.name} ${c.browser} vs ${c.ours}`).join('; ')}`);
    for (const { ours, browser } of cases) expect(Math.abs(browser - ours)).toBeLessThanOrEqual(Math.max(1, Math.round(ours * 0.3)));
  });
});

describe('a long table (120 rows) and 36 sections', () => {
  it('spans several pages', () => {
    expect(printed.long.pdf.pageCount).toBeGreaterThanOrEqual(6);
    expect(pagesWith(printed.long.pdf, rowLabel(1))).toEqual([1]);
    expect(pagesWith(printed.long.pdf, rowLabel(LONG_ROWS))[0]).toBeGreaterThan(2);
  });

  it('repeats the table header above the rows on every page that has rows', () => {
    const { pdf } = printed.long;
    const rowPages = new Set(Array.from({ length: LONG_ROWS }, (_, i) => pagesWith(pdf, rowLabel(i + 1))).flat());
    expect(rowPages.size).toBeGreaterThanOrEqual(3);
    for (const number of rowPages) {
      const page = pdf.pages[number - 1]!;
      const labels = ['Attribute', ...LONG_SUBJECTS];
      for (const label of labels) expect(pagesWith({ ...pdf, pages: [page] }, label), `page ${number} has "${label}"`).toEqual([number]);
      // …above the rows (pdf.js y grows upwards).
      const headerY = Math.min(...page.items.filter((item) => labels.includes(item.str.trim())).map((item) => item.y));
      const rowY = Math.max(...page.items.filter((item) => /^Row\d{3}$/.test(item.str.trim())).map((item) => item.y));
      expect(headerY, `header above the first row on page ${number}`).toBeGreaterThan(rowY);
    }
  });

  it('never splits a row across pages', () => {
    const { pdf } = printed.long;
    const split: string[] = [];
    for (let n = 1; n <= LONG_ROWS; n += 1) {
      const pages = [rowLabel(n), rowEnd(n, 'a'), rowEnd(n, 'b')].map((token) => pagesWith(pdf, token));
      for (const found of pages) expect(found, `${rowLabel(n)}: each part printed once`).toHaveLength(1);
      if (new Set(pages.flat()).size !== 1) split.push(`${rowLabel(n)} on pages ${pages.flat().join(', ')}`);
    }
    expect(split).toEqual([]);
  });

  it('keeps every heading on the page where its text starts', () => {
    const { pdf } = printed.long;
    const orphaned: string[] = [];
    for (let n = 1; n <= LONG_SECTIONS; n += 1) {
      const heading = pagesWith(pdf, headingLabel(n));
      const body = pagesWith(pdf, bodyStart(n));
      expect(heading).toHaveLength(1);
      if (heading[0] !== body[0]) orphaned.push(`${headingLabel(n)} on page ${heading[0]}, its text on ${body[0]}`);
    }
    // The section headings above them too: "Further Detail" stays with the first section.
    expect(pagesWith(pdf, 'Further Detail')).toEqual(pagesWith(pdf, headingLabel(1)));
    expect(orphaned).toEqual([]);
  });

  it('prints each link’s address after its text', () => {
    const text = printed.long.pdf.text.replace(/\s+/g, '');
    expect(text).toContain('theprintguide(https://example.org/print-guide)');
    expect(text).toContain('Printguide(https://example.org/print-guide)');
    expect(text).toContain('Tableguide(https://example.com/tables/header-groups)');
  });

  it('shows the running header and "Page X of Y" footer in the margins, no header on page 1', () => {
    const { pdf } = printed.long;
    const total = pdf.pageCount;
    for (const page of pdf.pages) {
      expect(normalizeText(page.text)).toContain(`Page ${page.pageNumber} of ${total}`);
      const top = page.items.filter((item) => item.y > page.height - 62).map((item) => item.str).join(' ');
      if (page.pageNumber === 1) expect(top).not.toContain('Long Table Test');
      else expect(top).toContain('Long Table Test');
    }
  });
});

describe('links on screen', () => {
  it('show no address after them on screen, only in print', async () => {
    await withPage(async (page) => {
      await openHtmlFile(page, outputOf(a4, 'long', 'html').path);
      const after = () => page.evaluate(() => getComputedStyle(document.querySelector('main a[href]')!, '::after').content);
      expect(await after()).toBe('none');
      await page.emulateMedia({ media: 'print' });
      expect(await after()).toBe('" (https://example.org/print-guide)"');
    });
  });
});

describe('a table with many long column headers', () => {
  it('stays within the page: every subject name and value is printed, none past the page edge', () => {
    const { pdf } = printed.wide;
    const letters = pdf.text.replace(/[\s\u00ad\u2010-]/g, '');
    for (const name of WIDE_NAMES) expect(letters, name).toContain(name);
    for (let index = 1; index <= WIDE_NAMES.length; index++) expect(normalizeText(pdf.text)).toContain(`Value ${index}`);
    for (const page of pdf.pages) {
      const beyond = page.items.filter((item) => item.str.trim().length > 0 && item.x + item.width > page.width + 0.5);
      expect(beyond.map((item) => item.str)).toEqual([]);
    }
  });
});
