// Tables across many pages, through the real pipeline (`build()` → PDF file), read back with pdf.js
// and poppler: a 300-row table (header on every page, every cell extracted, page count) and a row
// taller than a page (split between lines, header repeated, nothing lost).
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPdfPages, normalizeText, type PdfExtraction } from '../support/pdf-text.js';
import { pdfinfo, qpdfCheck } from '../support/poppler.js';
import { buildPdf, fixture, type BuiltPdf } from './support/build-pdf.js';

interface Attribute {
  name: string;
  values: Record<string, string>;
}

/** Text with every whitespace run removed: line breaks inside cells do not matter for "extracted whole". */
/** Text without whitespace; a hyphen the writer set where it split a word (U+2010 at a line end) rejoins the word. */
const squeeze = (text: string) => normalizeText(text).replace(/\s+/g, '');

describe('a 300-row table', () => {
  let built: BuiltPdf;
  let pdf: PdfExtraction;
  let attributes: Attribute[];

  beforeAll(async () => {
    built = await buildPdf(fixture('three-hundred-rows.yaml'), { label: 'three-hundred-rows' });
    pdf = await extractPdfPages(built.file);
    attributes = (parseYaml(await readFile(fixture('three-hundred-rows.yaml'), 'utf8')) as { attributes: Attribute[] }).attributes;
  });

  it('has a stable page count, the same in the build report, pdf.js and pdfinfo', async () => {
    expect(pdf.pageCount).toBe(built.pages);
    expect(Number((await pdfinfo(built.file)).Pages)).toBe(built.pages);
    // 18 pages with the default theme on A4 when written; a big change means rows were lost or doubled.
    expect(built.pages).toBeGreaterThanOrEqual(15);
    expect(built.pages).toBeLessThanOrEqual(21);
    const again = await buildPdf(fixture('three-hundred-rows.yaml'), { label: 'three-hundred-rows-again' });
    expect(again.pages).toBe(built.pages);
  });

  it('shows the header row at the top of the table on every page', () => {
    const tablePages = pdf.pages.filter((page) => page.items.some((item) => /^R\d{3}-A/.test(item.str)));
    expect(tablePages.length).toBe(pdf.pageCount);
    for (const page of tablePages) {
      const header = ['Attribute', 'Alpha', 'Beta'].map((label) => page.items.find((item) => item.str.trim() === label));
      expect(header.every(Boolean), `page ${page.pageNumber}: ${page.items.slice(0, 6).map((i) => i.str).join(' | ')}`).toBe(true);
      // Above every body cell of the page.
      const highestCell = Math.max(...page.items.filter((item) => /^R\d{3}-[AB]/.test(item.str)).map((item) => item.y));
      for (const item of header) expect(item!.y).toBeGreaterThan(highestCell);
      // Side by side, left to right, on one line.
      expect(header[0]!.x).toBeLessThan(header[1]!.x);
      expect(header[1]!.x).toBeLessThan(header[2]!.x);
      expect(new Set(header.map((item) => item!.y.toFixed(1))).size).toBe(1);
    }
  });

  it('extracts every cell, whole and once, in row order', () => {
    const all = squeeze(pdf.text);
    let from = 0;
    for (const attribute of attributes) {
      for (const text of [attribute.name, attribute.values.alpha!, attribute.values.beta!]) {
        const found = all.indexOf(squeeze(text), from);
        expect(found, `"${text}" after offset ${from}`).toBeGreaterThanOrEqual(0);
        from = found;
      }
      const marker = attribute.values.alpha!.split(' ')[0]!;
      expect(all.split(marker).length - 1, marker).toBe(1);
    }
  });

  it('passes qpdf --check', async () => {
    const check = await qpdfCheck(built.file);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});

describe('a row taller than a page', () => {
  let built: BuiltPdf;
  let pdf: PdfExtraction;
  let course: Attribute;

  beforeAll(async () => {
    built = await buildPdf(fixture('tall-row.yaml'), { label: 'tall-row' });
    pdf = await extractPdfPages(built.file);
    course = (parseYaml(await readFile(fixture('tall-row.yaml'), 'utf8')) as { attributes: Attribute[] }).attributes[1]!;
  });

  it('splits over pages with the header repeated on each', () => {
    const spanned = pdf.pages.filter((page) => /\[P\d\d\]|\[end P\d\d\]/.test(page.text));
    expect(spanned.length).toBeGreaterThanOrEqual(2);
    for (const page of spanned) {
      for (const label of ['Attribute', 'Case notes', 'Summary']) expect(page.items.some((item) => item.str.trim() === label), `page ${page.pageNumber}: ${label}`).toBe(true);
    }
  });

  it('loses nothing: each column, read across the pages, holds its whole cell in order', () => {
    // Items of one column, between the header row and the page's bottom margin, top to bottom.
    const column = (left: string, right?: string) =>
      pdf.pages
        .map((page) => {
          const start = page.items.find((item) => item.str.trim() === left);
          const end = right === undefined ? undefined : page.items.find((item) => item.str.trim() === right);
          if (!start) return '';
          return page.items
            .filter((item) => item.x >= start.x - 0.5 && (!end || item.x < end.x - 0.5) && item.y < start.y - 1 && item.y > 56)
            .sort((a, b) => b.y - a.y || a.x - b.x)
            // The hyphen set at a split is drawn as a run of its own at the line end.
            .map((item) => (item.str === '\u2010' ? '\n' : item.str))
            .join('');
        })
        .join('');
    const caseColumn = squeeze(column('Case notes', 'Summary'));
    const summaryColumn = squeeze(column('Summary'));
    expect(caseColumn).toBe(squeeze(`Short cell before.${course.values.case!}Short cell after.`));
    expect(summaryColumn).toBe(squeeze(`Short.${course.values.summary!}Short.`));
  });

  it('keeps every line of the split cells inside the page margins', () => {
    for (const page of pdf.pages) {
      for (const item of page.items) {
        expect(item.x).toBeGreaterThanOrEqual(56 - 0.5);
        expect(item.x + item.width).toBeLessThanOrEqual(page.width - 56 + 0.5);
        expect(item.y).toBeGreaterThan(0);
        expect(item.y).toBeLessThan(page.height);
      }
    }
  });
});
