// Issue 5, comparisons of 3 and 4 subjects: the table switches to a narrower type scale by rule (and
// still fits the portrait page), and each subject keeps one colour throughout: table header fill,
// section heading, Venn circle, in the PDF page model and in the HTML's computed styles.
import type { Page as BrowserPage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { openHtmlFile, withPage } from '../support/browser.js';
import { extractPdfPages } from '../support/pdf-text.js';
import {
  cellSlices,
  comparisonTable,
  findAll,
  FOUR,
  plain,
  render,
  saveRendering,
  sameColor,
  SEED,
  textsOf,
  THREE,
  type Rendered,
} from './support/editions.js';

const datasets = [
  { subjects: 2, file: SEED },
  { subjects: 3, file: THREE },
  { subjects: 4, file: FOUR },
] as const;

const rendered = new Map<number, Rendered>();
const htmlFiles = new Map<number, string>();

beforeAll(async () => {
  for (const { subjects, file } of datasets) {
    const handout = await render(file, { edition: 'handout' });
    rendered.set(subjects, handout);
    htmlFiles.set(subjects, saveRendering(handout, `subjects-${subjects}`).html);
  }
});

/** Sizes of the text in the table's body cells (TD) and header cells (column TH). */
function tableSizes(handout: Rendered): { td: Set<number>; th: Set<number> } {
  const table = comparisonTable(handout);
  const td = new Set(table.body.flatMap((row) => row.slice(1)).flatMap((cell) => textsOf(handout, cell).map((text) => text.size)));
  const th = new Set(table.head[0]!.flatMap((cell) => textsOf(handout, cell).map((text) => text.size)));
  return { td, th };
}

describe('type scale of 2-, 3- and 4-subject tables', () => {
  it('uses a smaller size for the table text the more subjects there are (page model)', () => {
    const sizes = datasets.map(({ subjects }) => tableSizes(rendered.get(subjects)!));
    for (const size of sizes) {
      expect(size.td.size).toBe(1);
      expect(size.th.size).toBe(1);
    }
    const [two, three, four] = sizes.map((size) => [...size.td][0]!);
    expect(three).toBeLessThan(two!);
    expect(four).toBeLessThan(three!);
    const [headTwo, headThree, headFour] = sizes.map((size) => [...size.th][0]!);
    expect(headThree).toBeLessThan(headTwo!);
    expect(headFour).toBeLessThan(headThree!);
    // The body text keeps its size: only the table narrows.
    const body = rendered.get(4)!.theme.tokens.styles.body!.size!;
    expect(four).toBeLessThan(body);
  });

  it('draws the table text at that size in the PDF (pdf.js glyph height)', async () => {
    for (const { subjects } of datasets) {
      const handout = rendered.get(subjects)!;
      const expected = [...tableSizes(handout).td][0]!;
      const pdf = await extractPdfPages(handout.pdf);
      const cell = handout.dataset.attributes[0]!.values[handout.dataset.subjects[1]!.id]!;
      const firstWords = plain(cell).split(' ').slice(0, 2).join(' ');
      const items = pdf.pages.flatMap((page) => page.items).filter((item) => item.str.startsWith(firstWords));
      expect(items.length, `${subjects} subjects: "${firstWords}"`).toBeGreaterThan(0);
      for (const item of items) expect(item.height, `${subjects} subjects`).toBeCloseTo(expected, 1);
    }
  });

  it('keeps 4 subjects on a portrait page with every cell text inside its cell', () => {
    const handout = rendered.get(4)!;
    expect(handout.model.width).toBeLessThan(handout.model.height);
    const table = comparisonTable(handout);
    for (const cell of [...table.head, ...table.body].flat()) {
      const slices = cellSlices(handout.model, cell);
      for (const text of textsOf(handout, cell)) {
        const slice = slices.find((entry) => entry.pageIndex === text.pageIndex)!;
        expect(text.x, text.text).toBeGreaterThanOrEqual(slice.x - 0.01);
        expect(text.x + text.width, text.text).toBeLessThanOrEqual(slice.x + slice.width + 0.01);
      }
    }
  });
});

describe('one colour per subject', () => {
  /** Per subject position: header fill, section heading colour, Venn circle stroke (if any). */
  function subjectColours(handout: Rendered): { header: string; heading: string; circle?: string }[] {
    const table = comparisonTable(handout);
    const headings = findAll(handout.model.structure, 'H3');
    const circles = handout.model.pages.flatMap((page) => page.decorations).filter((decoration) => decoration.kind === 'circle');
    return handout.dataset.subjects.map((subject, index) => {
      const headerCell = table.head[0]![index + 1]!;
      const slice = cellSlices(handout.model, headerCell)[0]!;
      const page = handout.model.pages[slice.pageIndex]!;
      const fill = page.decorations.find((d) => d.kind === 'rect' && Math.abs(d.x - slice.x) < 0.01 && Math.abs(d.y - slice.y) < 0.01 && Math.abs(d.width - slice.width) < 0.01);
      const section = handout.dataset.sections.find((entry) => entry.subject === subject.id);
      const heading = headings.find((node) => node.title === section?.heading);
      const headingColours = heading ? [...new Set(textsOf(handout, heading).map((text) => text.color))] : [];
      expect(headingColours, `${subject.name} heading colours`).toHaveLength(1);
      const circle = circles[index];
      return { header: fill?.kind === 'rect' ? fill.fill : 'none', heading: headingColours[0]!, ...(circle?.kind === 'circle' ? { circle: circle.stroke } : {}) };
    });
  }

  it.each([3, 4])('%i subjects: table header fill = section heading colour (= Venn circle), distinct per subject (page model)', (subjects) => {
    const colours = subjectColours(rendered.get(subjects)!);
    expect(colours).toHaveLength(subjects);
    for (const [index, colour] of colours.entries()) {
      expect(sameColor(colour.header, colour.heading), `subject ${index + 1}: header ${colour.header}, heading ${colour.heading}`).toBe(true);
      if (colour.circle) expect(sameColor(colour.circle, colour.header), `subject ${index + 1} circle`).toBe(true);
    }
    expect(new Set(colours.map((colour) => colour.header)).size).toBe(subjects);
    if (subjects === 3) expect(colours.every((colour) => colour.circle !== undefined)).toBe(true);
  });

  it.each([3, 4])('%i subjects: the same in the HTML (computed styles in Chromium)', async (subjects) => {
    const handout = rendered.get(subjects)!;
    const pdfColours = subjectColours(handout);
    const html = await withPage(async (page) => {
      await openHtmlFile(page, htmlFiles.get(subjects)!);
      return htmlSubjectColours(page, subjects);
    });
    for (const [index, colour] of html.entries()) {
      expect(colour.header, `subject ${index + 1} header`).not.toBe('');
      expect(colour.heading, `subject ${index + 1}`).toBe(colour.header);
      if (subjects === 3) expect(colour.circle, `subject ${index + 1} circle`).toBe(colour.header);
      expect(sameColor(colour.header, pdfColours[index]!.header), `subject ${index + 1}: HTML ${colour.header} vs PDF ${pdfColours[index]!.header}`).toBe(true);
    }
    expect(new Set(html.map((colour) => colour.header)).size).toBe(subjects);
  });

  it('narrows the HTML table text too', async () => {
    const ratios = await Promise.all(
      datasets.map(({ subjects }) =>
        withPage(async (page) => {
          await openHtmlFile(page, htmlFiles.get(subjects)!);
          return page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('table.comparison-table tbody td')!).fontSize) / parseFloat(getComputedStyle(document.querySelector('main .summary p')!).fontSize));
        }),
      ),
    );
    const [two, three, four] = ratios.map((ratio, index) => {
      const sizes = tableSizes(rendered.get(datasets[index]!.subjects)!);
      const body = rendered.get(datasets[index]!.subjects)!.theme.tokens.styles.body!.size!;
      expect(ratio).toBeCloseTo([...sizes.td][0]! / body, 3);
      return ratio;
    });
    expect(three).toBeLessThan(two!);
    expect(four).toBeLessThan(three!);
  });
});

async function htmlSubjectColours(page: BrowserPage, subjects: number): Promise<{ header: string; heading: string; circle: string }[]> {
  return page.evaluate((count) => {
    const colour = (selector: string, property: 'backgroundColor' | 'color' | 'stroke') => {
      const element = document.querySelector(selector);
      return element ? getComputedStyle(element)[property] : '';
    };
    return Array.from({ length: count }, (_, index) => ({
      header: colour(`table.comparison-table thead th.subject-${index + 1}`, 'backgroundColor'),
      heading: colour(`main section.subject-${index + 1} h3`, 'color'),
      circle: colour(`figure.venn circle.subject-${index + 1}`, 'stroke'),
    }));
  }, subjects);
}
