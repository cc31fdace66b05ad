// End to end: the seed dataset through the library's `build()`, then the PDF read back by two
// independent readers (pdf.js and poppler) and the HTML rendered by Chromium. The reference for
// "nothing lost" is the ORIGINAL ARTICLE, not our dataset: every paragraph of its prose, every
// heading and every table cell must survive into each output.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildReport } from '../../src/index.js';
import { fileUrl, networkRequests, openHtmlFile, requestsBeyond, withPage, type PageRecord } from '../support/browser.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { extractPdfPages, normalizeText, type PdfExtraction } from '../support/pdf-text.js';
import { pdffonts, pdfinfo, pdfStructText, pdftotext, qpdfCheck } from '../support/poppler.js';

const ARTICLE_FILE = fromRoot('tests', 'fixtures', 'article', 'cytokine-storm-vs-sepsis.txt');
const DATASET_FILE = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');
const TITLE = 'Cytokine Storm vs. Sepsis';

// ---------------------------------------------------------------------------------------------
// The article, taken apart

interface Article {
  /** Prose paragraphs (summary, section bodies, conclusion, disclaimer), in article order. */
  paragraphs: string[];
  /** Short label lines: title, "What's the Difference?", section headings..., in article order. */
  labels: string[];
  /** The table's lines, whose cells are concatenated without separators. */
  tableLines: string[];
}

/** A block is a paragraph of prose when it is one line of several words ending like a sentence. */
function isProse(block: string): boolean {
  return !block.includes('\n') && block.split(/\s+/).length >= 8 && /[.!?:]$/.test(block);
}

function parseArticle(text: string): Article {
  const blocks = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  const article: Article = { paragraphs: [], labels: [], tableLines: [] };
  for (const [index, block] of blocks.entries()) {
    if (index === 0 && block === 'vs.') continue; // stray first line of the scraped page
    if (block.includes('\n')) article.tableLines.push(...block.split('\n').map((l) => l.trim()));
    else if (isProse(block)) article.paragraphs.push(block);
    else article.labels.push(block);
  }
  return article;
}

/** The first sentences of `paragraph` that `haystack` lacks (for a failure message). */
function missingSentences(haystack: string, paragraph: string): string[] {
  const sentences = paragraph.match(/[^.!?:]+(?:[.!?:]+|$)/g) ?? [paragraph];
  return sentences.map((s) => comparable(s)).filter((s) => s !== '' && !haystack.includes(s));
}

/**
 * `normalizeText`, plus: a line break right after a hard hyphen ("life-\nthreatening") is not a
 * space. Applied to both sides.
 */
function comparable(s: string): string {
  return normalizeText(s).replace(/-\s+/g, '-');
}

// ---------------------------------------------------------------------------------------------
// Page furniture: the running header (the title, on pages after the first) and the footer
// "Page N of M" interrupt paragraphs that continue on the next page; they are not content.

function bodyTextOfPage(pageText: string, pageNumber: number, title: string): string {
  let headerRemoved = pageNumber === 1;
  return pageText
    .split('\n')
    .filter((line) => {
      const trimmed = normalizeText(line);
      if (/^Page \d+ of \d+$/.test(trimmed)) return false;
      if (!headerRemoved && trimmed === title) {
        headerRemoved = true;
        return false;
      }
      return true;
    })
    .join('\n');
}

/**
 * The text of the tagged structure (what a screen reader reads), from `pdfinfo -struct-text`: the
 * lines that are only a quoted string, one per marked-content run, one per output line.
 */
function structTextLines(structText: string): string[] {
  return structText
    .split('\n')
    .map((line) => /^\s*"(.*)"\s*$/.exec(line)?.[1])
    .filter((text): text is string => text !== undefined);
}

/** pdftotext's output split into pages (each page ends with a form feed). */
function pdftotextPages(text: string): string[] {
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages;
}

// ---------------------------------------------------------------------------------------------

interface DatasetRow {
  name: string;
  values: Record<string, string>;
}

interface SeedDataset {
  title: string;
  subjects: { id: string; name: string }[];
  attributes: DatasetRow[];
}

let article: Article;
let dataset: SeedDataset;
let report: BuildReport;
let pdfFile: string;
let htmlFile: string;
let pdf: PdfExtraction;
/** Content text (page furniture removed) of the three readers, as `comparable` strings. */
let pdfjsText: string;
let popplerText: string;
let popplerRaw: string;
let structLines: string[];
let structText: string;
let htmlText: string;
let htmlRaw: string;
let htmlRecord: PageRecord;

beforeAll(async () => {
  article = parseArticle(await readFile(ARTICLE_FILE, 'utf8'));
  dataset = parseYaml(await readFile(DATASET_FILE, 'utf8')) as SeedDataset;

  const outDir = tmpDir('e2e-nothing-lost');
  report = await build({ inputs: [DATASET_FILE], outDir, formats: ['pdf', 'html'], pageSize: 'A4', theme: 'default' });
  const handout = report.handouts[0];
  if (!report.ok || !handout || handout.status !== 'built') {
    throw new Error(`the seed dataset did not build:\n${JSON.stringify(report, null, 2)}`);
  }
  pdfFile = join(outDir, 'cytokine-storm-vs-sepsis.pdf');
  htmlFile = join(outDir, 'cytokine-storm-vs-sepsis.html');

  pdf = await extractPdfPages(pdfFile);
  pdfjsText = comparable(pdf.pages.map((p) => bodyTextOfPage(p.text, p.pageNumber, TITLE)).join(' '));
  popplerRaw = await pdftotext(pdfFile);
  popplerText = comparable(
    pdftotextPages(popplerRaw)
      .map((text, i) => bodyTextOfPage(text, i + 1, TITLE))
      .join(' '),
  );
  structLines = structTextLines(await pdfStructText(pdfFile));
  structText = comparable(structLines.join(' '));
  const rendered = await withPage(async (page, record) => {
    await openHtmlFile(page, htmlFile);
    return { text: await page.evaluate(() => document.body.innerText), record };
  });
  htmlRaw = rendered.text;
  htmlText = comparable(rendered.text);
  htmlRecord = rendered.record;
});

describe('the article itself (sanity of the reference)', () => {
  it('has the expected prose paragraphs, labels and table lines', () => {
    // summary, 1 intro, 3 + 3 subject paragraphs, 1 comparing intro, 5 differences, conclusion, disclaimer
    expect(article.paragraphs).toHaveLength(16);
    expect(article.labels[0]).toBe(TITLE);
    expect(article.labels).toContain('Further Detail');
    expect(article.tableLines).toHaveLength(1 + dataset.attributes.length);
  });

  it('every table cell of the dataset is in the article table, on its row line, in column order', () => {
    const subjectIds = dataset.subjects.map((s) => s.id);
    expect(article.tableLines[0]).toBe(['Attribute', ...dataset.subjects.map((s) => s.name)].join(''));
    for (const row of dataset.attributes) {
      const line = article.tableLines.find((l) => l.startsWith(row.name));
      expect(line, `no article table line for row "${row.name}"`).toBeDefined();
      for (const id of subjectIds) {
        const cell = row.values[id];
        expect(cell, `dataset row "${row.name}" has no value for ${id}`).toBeDefined();
        expect(line, `cell ${row.name}/${id} is not in the article's table line`).toContain(cell);
      }
      expect(line).toBe([row.name, ...subjectIds.map((id) => row.values[id])].join(''));
    }
  });
});

const readers = [
  { name: 'pdf.js', text: () => pdfjsText },
  { name: 'pdftotext', text: () => popplerText },
  { name: 'Chromium (HTML innerText)', text: () => htmlText },
  // Not asked for by the brief, but the same promise for screen-reader users: the tag tree.
  { name: 'PDF tag tree (pdfinfo -struct-text)', text: () => structText },
] as const;

describe.each(readers)('nothing lost: $name', ({ name, text }) => {
  it('has every prose paragraph of the article (summary, sections, conclusion, disclaimer)', () => {
    const haystack = text();
    const problems: string[] = [];
    for (const [index, paragraph] of article.paragraphs.entries()) {
      if (haystack.includes(comparable(paragraph))) continue;
      const missing = missingSentences(haystack, paragraph);
      problems.push(
        `paragraph ${index + 1} ("${paragraph.slice(0, 60)}…") is not intact in ${name}; ` +
          (missing.length > 0 ? `missing sentence(s): ${missing.map((s) => `"${s}"`).join(' | ')}` : 'every sentence is there, but not in one piece'),
      );
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('has every table cell, row name and column header', () => {
    const haystack = text();
    const expected = [
      'Attribute',
      ...dataset.subjects.map((s) => s.name),
      ...dataset.attributes.flatMap((row) => [row.name, ...dataset.subjects.map((s) => row.values[s.id]!)]),
    ];
    const missing = expected.filter((cell) => !haystack.includes(comparable(cell)));
    expect(missing, `table cells missing from ${name}:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has the summary, the conclusion and the disclaimer from the article', () => {
    const haystack = text();
    const [summary] = article.paragraphs;
    const conclusion = article.paragraphs.at(-2)!;
    const disclaimer = article.paragraphs.at(-1)!;
    expect(summary).toMatch(/^Cytokine storm and sepsis are both severe immune responses/);
    expect(conclusion).toMatch(/^Cytokine storm and sepsis are two distinct medical conditions/);
    expect(disclaimer).toMatch(/^Comparisons may contain inaccurate information/);
    for (const [what, paragraph] of [['summary', summary!], ['conclusion', conclusion], ['disclaimer', disclaimer]] as const) {
      expect(haystack.includes(comparable(paragraph)), `${what} missing from ${name}: ${missingSentences(haystack, paragraph).join(' | ')}`).toBe(true);
    }
  });
});

describe('headings and labels, as whole lines and in article order', () => {
  function linesOf(text: string): string[] {
    return text.split('\n').map((l) => normalizeText(l)).filter((l) => l !== '');
  }

  function assertLabelsInOrder(lines: string[], reader: string): void {
    let from = 0;
    for (const label of article.labels) {
      const at = lines.indexOf(label, from);
      expect(at, `heading/label "${label}" is not a line of ${reader} after line ${from} ("${lines[from - 1] ?? ''}")`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  }

  it('pdf.js', () => {
    assertLabelsInOrder(linesOf(pdf.pages.map((p) => p.text).join('\n')), 'pdf.js text');
  });

  it('pdftotext', () => {
    assertLabelsInOrder(linesOf(popplerRaw), 'pdftotext');
  });

  it('PDF tag tree', () => {
    assertLabelsInOrder(structLines.map((l) => normalizeText(l)), 'pdfinfo -struct-text');
  });

  it('Chromium', () => {
    assertLabelsInOrder(linesOf(htmlRaw), 'HTML innerText');
  });
});

describe('PDF file', () => {
  it('passes qpdf --check', async () => {
    const check = await qpdfCheck(pdfFile);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it('has the title in its metadata and is tagged (pdfinfo)', async () => {
    const info = await pdfinfo(pdfFile);
    expect(info.Title).toBe(TITLE);
    expect(info.Tagged).toBe('yes');
    expect(Number(info.Pages)).toBe(pdf.pageCount);
  });

  it('embeds and subsets every font (pdffonts)', async () => {
    const fonts = await pdffonts(pdfFile);
    expect(fonts.length).toBeGreaterThan(0);
    const bad = fonts.filter((f) => !f.emb || !f.sub || !/^[A-Z]{6}\+/.test(f.name));
    expect(bad, `fonts not embedded as subsets: ${JSON.stringify(bad)}`).toEqual([]);
  });

  it('reads the comparison table in order on page 1: header row, then each row name, first cell, second cell', () => {
    const page1 = comparable(pdf.pages[0]!.text);
    const [first, second] = dataset.subjects;
    const headerAt = page1.indexOf('Attribute');
    expect(headerAt, 'no "Attribute" column header on page 1').toBeGreaterThanOrEqual(0);
    const sequence: { label: string; text: string }[] = [
      { label: 'column header "Attribute"', text: 'Attribute' },
      { label: `column header "${first!.name}"`, text: first!.name },
      { label: `column header "${second!.name}"`, text: second!.name },
    ];
    for (const row of dataset.attributes) {
      sequence.push({ label: `row name "${row.name}"`, text: row.name });
      sequence.push({ label: `${row.name} / ${first!.name} cell`, text: row.values[first!.id]! });
      sequence.push({ label: `${row.name} / ${second!.name} cell`, text: row.values[second!.id]! });
    }
    let from = headerAt;
    let previous = '(start of the table)';
    for (const item of sequence) {
      const at = page1.indexOf(comparable(item.text), from);
      expect(at, `${item.label} ("${item.text.slice(0, 50)}") does not follow ${previous} in the pdf.js text of page 1 (or is not in one piece)`).toBeGreaterThanOrEqual(0);
      from = at + comparable(item.text).length;
      previous = item.label;
    }
  });

  it('numbers every page "Page N of M" (pdf.js and pdftotext)', () => {
    const total = pdf.pageCount;
    expect(total).toBeGreaterThan(1);
    for (const page of pdf.pages) {
      expect(normalizeText(page.text).match(/Page \d+ of \d+/g), `pdf.js page ${page.pageNumber}`).toEqual([`Page ${page.pageNumber} of ${total}`]);
    }
    const popplerPages = pdftotextPages(popplerRaw);
    expect(popplerPages).toHaveLength(total);
    popplerPages.forEach((text, i) => {
      expect(normalizeText(text).match(/Page \d+ of \d+/g), `pdftotext page ${i + 1}`).toEqual([`Page ${i + 1} of ${total}`]);
    });
  });
});

describe('HTML file in Chromium', () => {
  it('makes no request beyond the file itself, and logs no errors', () => {
    expect(htmlRecord.requests.map((r) => r.url)).toContain(fileUrl(htmlFile));
    expect(requestsBeyond(htmlRecord, fileUrl(htmlFile))).toEqual([]);
    expect(networkRequests(htmlRecord)).toEqual([]);
    expect(htmlRecord.failedRequests).toEqual([]);
    expect(htmlRecord.consoleErrors).toEqual([]);
    expect(htmlRecord.pageErrors.map((e) => e.message)).toEqual([]);
  });

  it('reports the build of both formats', () => {
    expect(report.handouts[0]!.outputs.map((o) => o.format).sort()).toEqual(['html', 'pdf']);
  });
});
