// The PDF writer's page model, without a PDF: markup → layoutDocument → pages of placed boxes, checked
// against the typesetting rules of issue 3 (headings kept with what follows, no orphan or widow
// lines, rows never split unless taller than a page, header rows repeated, text inside margins and
// cells). Sweeps move the same content down the page one line at a time, so every rule meets a page
// break at every position.
import { describe, expect, it } from 'vitest';
import type { LayoutOptions } from '../../src/writers/pdf/layout-document.js';
import {
  findAll,
  headingsAtPageBottom,
  layoutMarkup,
  missingHeaders,
  normalize,
  orphansAndWidows,
  pagesOf,
  splitRows,
  textOf,
  textsOutsideCells,
  textsOutsideMargins,
  type LaidOut,
} from './support/page-model.js';

const cellPadding = 5; // theme.json `th`/`td` padding

const words = 'immune response cytokine release fever organ infection bacteria inflammation tissue pressure signal treatment'.split(' ');
/** Deterministic filler text of `count` words. */
function prose(count: number, seed = 1): string {
  return Array.from({ length: count }, (_, index) => words[(index * 7 + seed * 3) % words.length]).join(' ');
}
/** A paragraph of exactly `count` lines (forced breaks). */
function linesParagraph(count: number, label: string): string {
  return `<p>${Array.from({ length: count }, (_, index) => `${label} line ${index + 1}`).join('<br>')}</p>`;
}

/** Everything that may meet a page break: headings before paragraphs, tables, boxes and lists. */
function sweepMarkup(fillerLines: number): string {
  return [
    `<section class="title-block"><h1>Sweep ${fillerLines}</h1></section>`,
    linesParagraph(fillerLines, 'Filler'),
    `<section><h2>Three lines follow</h2>${linesParagraph(3, 'Three')}</section>`,
    `<section><h2>Two headings</h2><section><h3>Then five wrapped lines</h3><p>${prose(70, 2)}</p></section></section>`,
    `<section><h2>A table follows</h2><table><caption>Caption of the table</caption><thead><tr><th scope="col">Attribute</th><th scope="col">Alpha</th><th scope="col">Beta</th></tr></thead>` +
      `<tbody><tr><th scope="row">First</th><td>${prose(30, 3)}</td><td>${prose(12, 4)}</td></tr><tr><th scope="row">Second</th><td>${prose(8, 5)}</td><td>${prose(20, 6)}</td></tr></tbody></table></section>`,
    `<section class="summary"><h2>Boxed heading</h2><p>${prose(25, 7)}</p></section>`,
    `<section><h3>A list follows</h3><ul><li>${prose(12, 8)}</li><li>${prose(30, 9)}</li><li>Short item.</li></ul></section>`,
    `<p>${prose(110, 10)}</p>`,
    `<section><h2>One line follows</h2><p>Just one line.</p></section>`,
    `<section><h2>Four lines follow</h2>${linesParagraph(4, 'Four')}</section>`,
    `<aside class="disclaimer"><p>${prose(40, 11)}</p></aside>`,
  ].join('\n');
}

async function sweep(options: LayoutOptions, from: number, to: number): Promise<{ laid: LaidOut[]; problems: string[] }> {
  const laid: LaidOut[] = [];
  const problems: string[] = [];
  for (let filler = from; filler <= to; filler++) {
    const result = await layoutMarkup(sweepMarkup(filler), options);
    laid.push(result);
    const tag = (list: string[]) => list.map((problem) => `filler ${filler}: ${problem}`);
    problems.push(...tag(headingsAtPageBottom(result)), ...tag(orphansAndWidows(result)), ...tag(textsOutsideMargins(result)), ...tag(textsOutsideCells(result, cellPadding)));
    for (const table of findAll(result.model.structure, 'Table')) {
      problems.push(...tag(splitRows(result, table).map(({ row, pages }) => `row "${textOf(result, row).slice(0, 30)}" split over pages ${pages.join(', ')}`)));
      problems.push(...tag(missingHeaders(result, table)));
    }
  }
  return { laid, problems };
}

describe('page model: flow across page breaks', () => {
  it('keeps headings with what follows and leaves no orphan or widow line (A4, every position on the page)', async () => {
    const { laid, problems } = await sweep({ pageSize: 'A4' }, 1, 62);
    expect(problems).toEqual([]);
    // The sweep really did move content across page breaks.
    expect(new Set(laid.map((result) => result.model.pages.length)).size).toBeGreaterThan(1);
  });

  it('keeps the same rules on Letter and on landscape pages', async () => {
    const letter = await sweep({ pageSize: 'Letter' }, 20, 58);
    expect(letter.problems).toEqual([]);
    const landscape = await sweep({ pageSize: 'A4', landscape: true }, 1, 40);
    expect(landscape.problems).toEqual([]);
    expect(landscape.laid[0]!.model.width).toBeCloseTo(841.89, 1);
  });

  it('loses no text: every paragraph reads back whole, in order', async () => {
    const text = prose(800, 12);
    const laid = await layoutMarkup(`<h1>Long</h1><p>${text}</p><p>${prose(5, 13)}</p>`);
    const paragraphs = findAll(laid.model.structure, 'P');
    expect(textOf(laid, paragraphs[0]!)).toBe(text);
    expect(pagesOf(laid, paragraphs[0]!)).toEqual([1, 2]);
    expect(orphansAndWidows(laid)).toEqual([]);
  });

  it('never breaks a line after « or before : ; ! ? » % (French spacing)', async () => {
    const french = Array.from({ length: 40 }, (_, index) => `Le ${prose(index % 5, index)} « mot ${index} » est-il clair ? Oui : ${index} % ; enfin !`).join(' ');
    const laid = await layoutMarkup(`<p>${french}</p><table><tbody><tr><th scope="row">Critère</th><td>${french}</td><td>${french.slice(0, 400)}</td></tr></tbody></table>`);
    const problems: string[] = [];
    for (const page of laid.model.pages) {
      const lines = new Map<string, string>();
      for (const text of page.texts) {
        if (text.owner === 'pagination') continue;
        const key = `${text.y.toFixed(2)}:${text.x < 250 ? 'left' : text.x < 400 ? 'middle' : 'right'}`;
        lines.set(key, (lines.get(key) ?? '') + text.text);
      }
      for (const line of lines.values()) {
        if (/«\s*$/.test(line)) problems.push(`line ends with «: "${line}"`);
        if (/^\s*[:;!?»%]/.test(line)) problems.push(`line starts with punctuation: "${line}"`);
      }
    }
    expect(problems).toEqual([]);
    expect(textOf(laid, findAll(laid.model.structure, 'P')[0]!)).toBe(normalize(french));
  });

  it('places the running header (after page 1) and the footer "Page X of Y" in the margins, as artifacts', async () => {
    const laid = await layoutMarkup(linesParagraph(130, 'Line'));
    const pages = laid.model.pages;
    expect(pages.length).toBe(3);
    pages.forEach((page, index) => {
      const running = page.texts.filter((text) => text.owner === 'pagination');
      const header = running.filter((text) => text.y < laid.frame.top).map((text) => text.text);
      const footer = normalize(running.filter((text) => text.y > laid.frame.bottom).map((text) => text.text).join(''));
      expect(header).toEqual(index === 0 ? [] : ['Running title']);
      expect(footer).toBe(`Page ${index + 1} of 3`);
    });
  });

  it('makes bookmarks from the headings, with their page and position', async () => {
    const laid = await layoutMarkup(`<h1>Top</h1><h2>First</h2>${linesParagraph(20, 'x')}<hr data-page-break><h2>Second</h2><h3>Inner</h3><p>End.</p>`);
    expect(laid.model.outline.map(({ title, level, pageIndex }) => ({ title, level, pageIndex }))).toEqual([
      { title: 'Top', level: 1, pageIndex: 0 },
      { title: 'First', level: 2, pageIndex: 0 },
      { title: 'Second', level: 2, pageIndex: 1 },
      { title: 'Inner', level: 3, pageIndex: 1 },
    ]);
    expect(laid.model.outline[2]!.y).toBeCloseTo(laid.frame.top, 1);
  });

  it('tags link text as a Link element inside its paragraph, between the text around it', async () => {
    const laid = await layoutMarkup('<p>Before <a href="https://example.org/a">the <strong>link</strong> text</a> after.</p>');
    const paragraph = findAll(laid.model.structure, 'P')[0]!;
    expect(paragraph.children.map((child) => ({ role: child.role, href: child.href }))).toEqual([{ role: 'Link', href: 'https://example.org/a' }]);
    const page = laid.model.pages[0]!;
    const owners = page.texts.filter((text) => typeof text.owner === 'object').map((text) => [typeof text.owner === 'object' ? text.owner.role : '', text.text]);
    expect(owners).toEqual([
      ['P', 'Before '],
      ['Link', 'the '],
      ['Link', 'link'],
      ['Link', ' text'],
      // On paper the address follows the link, as plain text of the paragraph.
      ['P', ' (https://example.org/a) after.'],
    ]);
    expect(page.links.map((link) => link.href)).toEqual(['https://example.org/a', 'https://example.org/a', 'https://example.org/a']);
    expect(page.links.every((link) => link.owner === paragraph.children[0])).toBe(true);
  });
});

/** A table of `rows` rows whose cells hold 1 to ~8 lines. */
function tableMarkup(rows: number, columns = 3): string {
  const head = `<thead><tr><th scope="col">Attribute</th>${Array.from({ length: columns - 1 }, (_, index) => `<th scope="col">Subject ${index + 1}</th>`).join('')}</tr></thead>`;
  const body = Array.from({ length: rows }, (_, row) => {
    const cells = Array.from({ length: columns - 1 }, (_, column) => `<td>R${row + 1}C${column + 1} ${prose(((row * 5 + column * 3) % 9) * 9 + 2, row + column)}</td>`).join('');
    return `<tr><th scope="row">Row ${row + 1}</th>${cells}</tr>`;
  }).join('');
  return `<h2>Table</h2><table><caption>Many rows</caption>${head}<tbody>${body}</tbody></table><p>After the table.</p>`;
}

describe('page model: tables across pages', () => {
  for (const options of [{ pageSize: 'A4' }, { pageSize: 'Letter' }, { pageSize: 'A4', landscape: true }] as LayoutOptions[]) {
    it(`never splits a row that fits and repeats the header on every page (${options.pageSize}${options.landscape ? ' landscape' : ''})`, async () => {
      const laid = await layoutMarkup(tableMarkup(120), options);
      const table = findAll(laid.model.structure, 'Table')[0]!;
      expect(laid.model.pages.length).toBeGreaterThan(4);
      expect(splitRows(laid, table)).toEqual([]);
      expect(missingHeaders(laid, table)).toEqual([]);
      expect(textsOutsideMargins(laid)).toEqual([]);
      expect(textsOutsideCells(laid, cellPadding)).toEqual([]);
      // Every cell comes back whole.
      const rows = table.children.filter((child) => child.role === 'TR');
      expect(rows).toHaveLength(121);
      rows.slice(1).forEach((row, index) => expect(textOf(laid, row.children[1]!)).toMatch(new RegExp(`^R${index + 1}C1 `)));
    });
  }

  it('keeps the caption, the header and the first row together (no header alone at a page bottom)', async () => {
    const problems: string[] = [];
    for (let filler = 30; filler <= 52; filler++) {
      const laid = await layoutMarkup(linesParagraph(filler, 'Filler') + tableMarkup(3));
      const table = findAll(laid.model.structure, 'Table')[0]!;
      const rows = table.children.filter((child) => child.role === 'TR');
      const caption = table.children.find((child) => child.role === 'Caption')!;
      const pages = [pagesOf(laid, caption), pagesOf(laid, rows[0]!), pagesOf(laid, rows[1]!)];
      if (new Set(pages.flat()).size !== 1) problems.push(`filler ${filler}: caption/header/first row on pages ${JSON.stringify(pages)}`);
      problems.push(...headingsAtPageBottom(laid).map((p) => `filler ${filler}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('splits a row taller than a page between lines, repeats the header, and loses nothing', async () => {
    // Two cells with different line heights (th 12.35 pt, td 12.825 pt) and paragraph gaps: their
    // lines never line up, so each cell must be cut at its own line boundary.
    const long = Array.from({ length: 14 }, (_, index) => `[P${index + 1}] ${prose(60, index)} [end P${index + 1}]`);
    const medium = Array.from({ length: 6 }, (_, index) => `[Q${index + 1}] ${prose(50, index + 3)} [end Q${index + 1}]`);
    const rowHeader = Array.from({ length: 40 }, (_, index) => `H${index + 1}`).join('<br>');
    const markup =
      `<h2>Tall</h2><table><thead><tr><th scope="col">Attribute</th><th scope="col">Long</th><th scope="col">Medium</th></tr></thead><tbody>` +
      `<tr><th scope="row">Before</th><td>Short.</td><td>Short.</td></tr>` +
      `<tr><th scope="row">${rowHeader}</th><td>${long.map((p) => `<p>${p}</p>`).join('')}</td><td>${medium.map((p) => `<p>${p}</p>`).join('')}</td></tr>` +
      `<tr><th scope="row">After</th><td>Short.</td><td>Short.</td></tr></tbody></table>`;
    for (const options of [{ pageSize: 'A4' }, { pageSize: 'Letter', landscape: true }] as LayoutOptions[]) {
      const laid = await layoutMarkup(markup, options);
      const table = findAll(laid.model.structure, 'Table')[0]!;
      const tall = table.children.filter((child) => child.role === 'TR')[2]!;
      const [headerCell, longCell, mediumCell] = tall.children;
      expect(pagesOf(laid, tall).length).toBeGreaterThanOrEqual(3);
      // Nothing lost, nothing doubled, order kept: paragraph by paragraph.
      expect(longCell!.children.map((p) => textOf(laid, p))).toEqual(long);
      expect(mediumCell!.children.map((p) => textOf(laid, p))).toEqual(medium);
      expect(textOf(laid, headerCell!)).toBe(Array.from({ length: 40 }, (_, index) => `H${index + 1}`).join(''));
      expect(missingHeaders(laid, table)).toEqual([]);
      expect(textsOutsideMargins(laid)).toEqual([]);
      expect(textsOutsideCells(laid, cellPadding)).toEqual([]);
      expect(orphansAndWidows(laid)).toEqual([]);
      // The split row fills its pages: no page it continues onto is left more than a third empty.
      const spanned = pagesOf(laid, tall);
      for (const pageNumber of spanned.slice(0, -1)) {
        const page = laid.model.pages[pageNumber - 1]!;
        const lowest = Math.max(...page.cells.filter((cell) => laid.parents.get(cell.owner) === tall).map((cell) => cell.y + cell.height));
        expect(lowest, `page ${pageNumber}`).toBeGreaterThan(laid.frame.bottom - (laid.frame.bottom - laid.frame.top) / 3);
      }
    }
  });

  it('wraps long unbreakable words, URLs and 200-character words inside their cells and the margins', async () => {
    const giant = 'x'.repeat(200);
    const chemical = '(2S,5R,6R)-6-[[(2R)-2-amino-2-(4-hydroxyphenyl)acetyl]amino]-3,3-dimethyl-7-oxo-4-thia-1-azabicyclo[3.2.0]heptane-2-carboxylic';
    const url = 'https://example.org/a/very/long/path/that/goes/on/and/on/index.html?query=value&other=thing';
    const cells = [giant, chemical, `See <a href="${url}">${url}</a> now`, `Pneumonoultramicroscopicsilicovolcanoconiosis ${giant}`];
    const markup =
      `<p>${giant}</p><p>Visit <a href="${url}">${url}</a> and ${chemical} today.</p>` +
      `<table><thead><tr><th scope="col">Attribute</th><th scope="col">A</th><th scope="col">B</th><th scope="col">C</th></tr></thead><tbody>` +
      `<tr><th scope="row">${chemical}</th><td>${cells[0]}</td><td>${cells[1]}</td><td>${cells[2]}</td></tr>` +
      `<tr><th scope="row">Words</th><td>${cells[3]}</td><td>${giant}</td><td>short</td></tr></tbody></table>`;
    for (const options of [{ pageSize: 'A4' }, { pageSize: 'Letter' }, { pageSize: 'A4', landscape: true }] as LayoutOptions[]) {
      const laid = await layoutMarkup(markup, options);
      expect(textsOutsideMargins(laid)).toEqual([]);
      expect(textsOutsideCells(laid, cellPadding)).toEqual([]);
      const table = findAll(laid.model.structure, 'Table')[0]!;
      const [first, second] = table.children.filter((child) => child.role === 'TR').slice(1);
      expect(textOf(laid, first!.children[0]!)).toBe(chemical);
      expect(textOf(laid, first!.children[1]!)).toBe(giant);
      expect(textOf(laid, first!.children[2]!)).toBe(chemical);
      expect(textOf(laid, first!.children[3]!)).toBe(`See ${url} now`);
      expect(textOf(laid, second!.children[1]!)).toBe(cells[3]);
      const paragraphs = findAll(laid.model.structure, 'P');
      expect(textOf(laid, paragraphs[0]!)).toBe(giant);
      expect(textOf(laid, paragraphs[1]!)).toBe(`Visit ${url} and ${chemical} today.`);
    }
  });

  // How the layout's time grows with the rows is measured, not asserted here (a wall-clock limit fails
  // on a busy machine and passes a slow change on a fast one): tests/robustness/support/measure-scaling.ts.
  it('five times the rows fill about five times the pages', async () => {
    const small = await layoutMarkup(tableMarkup(200));
    const large = await layoutMarkup(tableMarkup(1000));
    expect(large.model.pages.length).toBeGreaterThan(small.model.pages.length * 4);
    expect(large.model.pages.length).toBeLessThan(small.model.pages.length * 6);
  });
});
