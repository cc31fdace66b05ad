// Issue 5, editions: the handout, the worksheet (blank ruled cells except the given examples, Name /
// Class / Date, questions with room to write, no detail sections unless asked) and the answer key
// (every answer filled in, "Answer key" on every page), for the seed, the 3-subject dataset and a
// 4-subject fixture, checked in the PDF (page model and pdf.js text) and in the HTML (Chromium).
import { embedFonts } from '../../src/writers/html/embed-fonts.js';
import { writeHtml } from '../../src/writers/html/write-html.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page as BrowserPage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { buildViewModel, type Edition } from '../../src/view/build-view-model.js';
import { openHtmlFile, withPage } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages, type PdfExtraction } from '../support/pdf-text.js';
import {
  bodyText,
  cellSlices,
  flat,
  comparisonTable,
  datasetCells,
  datasetSections,
  findAll,
  FOUR,
  joinTexts,
  plain,
  render,
  rulesInside,
  saveRendering,
  SEED,
  textsOf,
  THREE,
  wordGrams,
  type Rendered,
} from './support/editions.js';

interface Variant {
  rendered: Rendered;
  pdfText: PdfExtraction;
  /** pdf.js text of all pages without running header and footer (see `bodyText`). */
  body: string;
  /** `main` innerText in Chromium (the raw HTML for the --with-details variants). */
  htmlText: string;
  htmlFile: string;
}

const HANDWRITING_RULE = 0.6; // line width of writing lines and fill-in blanks (paginate.ts)

/** Every 4-word run of text the worksheet must not print: blank cells, answers, Venn points. */
function hiddenGrams(rendered: Rendered, allowed: string): string[] {
  const { dataset } = rendered;
  const hidden = [
    ...datasetCells(dataset).filter((cell) => !cell.given).map((cell) => cell.text),
    ...(dataset.questions ?? []).map((question) => question.answer),
  ];
  const allowedText = ` ${plain(allowed)} `;
  // A run that also occurs in text the worksheet does print (the summary, a given cell…) proves nothing.
  return [...new Set(hidden.flatMap((text) => wordGrams(text)))].filter((gram) => !allowedText.includes(` ${gram} `) && !allowedText.includes(gram));
}

/** The first 4-word run of `text` that does not occur in `shown`. */
function distinctiveGram(text: string, shown: string): string {
  const haystack = plain(shown);
  const gram = wordGrams(text).find((candidate) => !haystack.includes(candidate));
  if (!gram) throw new Error(`no distinctive words in ${text}`);
  return gram;
}

/** Text the worksheet legitimately prints. */
function shownText(rendered: Rendered): string {
  const { dataset } = rendered;
  return [
    dataset.title,
    dataset.subtitle ?? '',
    dataset.summary,
    dataset.disclaimer ?? '',
    ...dataset.attributes.map((attribute) => attribute.name),
    ...dataset.subjects.map((subject) => subject.name),
    ...datasetCells(dataset).filter((cell) => cell.given).map((cell) => cell.text),
    ...(dataset.questions ?? []).map((question) => question.prompt),
  ].join(' \n ');
}

async function variant(file: string, edition: Edition, includeDetails = false): Promise<Variant> {
  const rendered = await render(file, { edition, includeDetails });
  const saved = saveRendering(rendered, `${edition}${includeDetails ? '-details' : ''}`);
  const pdfText = await extractPdfPages(rendered.pdf);
  const header = edition === 'answers' ? `Answer key · ${rendered.dataset.title}` : rendered.dataset.title;
  const body = bodyText(pdfText, { header });
  // The variants with details are only checked for their sections: their HTML needs no browser.
  const htmlText = includeDetails
    ? rendered.html
    : await withPage(async (page) => {
        await openHtmlFile(page, saved.html);
        return page.locator('main').innerText();
      });
  return { rendered, pdfText, body, htmlText: flat(htmlText), htmlFile: saved.html };
}

function expectedRuleCount(rendered: Rendered, edition: Edition): number {
  const view = buildViewModel(rendered.dataset, { slug: rendered.loaded.slug, edition }).view!;
  const cells = view.table.rows.reduce((sum, row) => sum + row.cells.filter((cell) => cell.blank).length * row.lines, 0);
  const questions = edition === 'worksheet' ? view.questions.reduce((sum, question) => sum + question.lines, 0) : 0;
  return cells + questions + 3; // + Name / Class / Date
}

function handwritingRules(rendered: Rendered) {
  return rendered.model.pages.flatMap((page) => page.decorations.filter((decoration) => decoration.kind === 'rule' && decoration.lineWidth === HANDWRITING_RULE));
}

describe.each([
  { name: 'seed (2 subjects)', file: SEED },
  { name: '3 subjects', file: THREE },
  { name: '4 subjects', file: FOUR },
])('editions of the $name dataset', ({ file }) => {
  let handout: Variant;
  let worksheet: Variant;
  let worksheetDetails: Variant;
  let answers: Variant;
  let answersDetails: Variant;

  beforeAll(async () => {
    [handout, worksheet, worksheetDetails, answers, answersDetails] = await Promise.all([
      variant(file, 'handout'),
      variant(file, 'worksheet'),
      variant(file, 'worksheet', true),
      variant(file, 'answers'),
      variant(file, 'answers', true),
    ]);
  });

  describe('worksheet', () => {
    it('keeps exactly the given cells filled (page model) and rules every blank cell for handwriting', () => {
      const { rendered } = worksheet;
      const table = comparisonTable(rendered);
      const cells = datasetCells(rendered.dataset);
      expect(table.body).toHaveLength(rendered.dataset.attributes.length);
      expect(cells.some((cell) => !cell.given)).toBe(true);
      for (const cell of cells) {
        const node = table.body[cell.row]![cell.subjectPosition]!; // column 0 is the attribute name
        const printed = joinTexts(textsOf(rendered, node));
        const where = `${cell.attribute} / ${cell.subjectId}`;
        if (cell.given) {
          expect(printed, `given cell ${where}`).toBe(plain(cell.text));
        } else {
          expect(printed, `blank cell ${where} prints text`).toBe('');
          const slices = cellSlices(rendered.model, node);
          expect(slices.length, `blank cell ${where} is not placed`).toBeGreaterThan(0);
          const rules = slices.reduce((sum, slice) => sum + rulesInside(rendered.model.pages[slice.pageIndex]!, slice).length, 0);
          expect(rules, `ruled lines in blank cell ${where}`).toBeGreaterThanOrEqual(2);
        }
      }
      // The attribute names stay.
      expect(table.body.map((row) => joinTexts(textsOf(rendered, row[0]!)))).toEqual(rendered.dataset.attributes.map((attribute) => plain(attribute.name)));
    });

    it('draws one handwriting rule per writing line: blank cells, questions and the Name / Class / Date blanks', () => {
      // The PDF may add lines to a blank (3.2 mm of line per character at the blank's real width), never drop one.
      const rules = handwritingRules(worksheet.rendered);
      expect(rules.filter((rule) => rule.kind === 'rule' && !rule.blank)).toHaveLength(3);
      expect(rules.length).toBeGreaterThanOrEqual(expectedRuleCount(worksheet.rendered, 'worksheet'));
    });

    it('PDF text (pdf.js) has no subject cell text except the given examples, and no answers', () => {
      const text = worksheet.body;
      const grams = hiddenGrams(worksheet.rendered, shownText(worksheet.rendered));
      expect(grams.length).toBeGreaterThan(5);
      expect(grams.filter((gram) => text.includes(gram))).toEqual([]);
      const raw = flat(worksheet.pdfText.text);
      expect(grams.filter((gram) => raw.includes(gram))).toEqual([]);
      for (const cell of datasetCells(worksheet.rendered.dataset).filter((entry) => entry.given)) expect(text).toContain(plain(cell.text));
    });

    it('PDF has the Worksheet mark and the Name / Class / Date line on page 1, and every question prompt', () => {
      const first = flat(worksheet.pdfText.pages[0]!.text);
      for (const label of ['Worksheet', 'Name:', 'Class:', 'Date:']) expect(first).toContain(label);
      const text = worksheet.body;
      expect(text).not.toContain('Answer key');
      for (const question of worksheet.rendered.dataset.questions ?? []) expect(text).toContain(plain(question.prompt));
    });

    it('leaves the detail sections and the conclusion out unless --with-details', () => {
      const { dataset } = worksheet.rendered;
      const sections = datasetSections(dataset);
      expect(sections.length).toBeGreaterThan(0);
      const text = worksheet.body;
      expect(text).not.toContain('Further Detail');
      expect(findAll(worksheet.rendered.model.structure, 'H3')).toEqual([]);
      const shown = shownText(worksheet.rendered);
      for (const section of sections) if (section.body) expect(text).not.toContain(distinctiveGram(section.body, shown));
      if (dataset.conclusion) expect(text).not.toContain(plain(dataset.conclusion));
      expect(worksheet.htmlText).not.toContain('Further Detail');

      const detailed = worksheetDetails.body;
      expect(detailed).toContain('Further Detail');
      expect(findAll(worksheetDetails.rendered.model.structure, 'H3').map((heading) => heading.title)).toEqual(dataset.sections.map((section) => section.heading));
      for (const section of sections) {
        expect(detailed).toContain(plain(section.heading));
        if (section.body) expect(detailed).toContain(distinctiveGram(section.body, shown));
      }
      if (dataset.conclusion) expect(detailed).toContain(plain(dataset.conclusion));
      expect(worksheetDetails.htmlText).toContain('Further Detail');
      // Still a worksheet: no answers.
      expect(hiddenGrams(worksheetDetails.rendered, [shownText(worksheetDetails.rendered), dataset.conclusion ?? '', ...sections.map((section) => `${section.heading} \n ${section.body ?? ''}`)].join(' \n ')).filter((gram) => detailed.includes(gram))).toEqual([]);
    });

    it('HTML: blank cells are ruled writing spaces, given cells keep their text, no hidden text, Name / Class / Date', async () => {
      const { rendered } = worksheet;
      const cells = datasetCells(rendered.dataset);
      const grams = hiddenGrams(rendered, shownText(rendered));
      expect(grams.filter((gram) => worksheet.htmlText.includes(gram))).toEqual([]);
      for (const label of ['Worksheet', 'Name:', 'Class:', 'Date:']) expect(worksheet.htmlText).toContain(label);
      for (const question of rendered.dataset.questions ?? []) expect(worksheet.htmlText).toContain(plain(question.prompt));
      const table = await withPage(async (page) => {
        await openHtmlFile(page, worksheet.htmlFile);
        return tableInBrowser(page);
      });
      expect(table.map((row) => row.map((cell) => cell.kind === 'text' ? cell.text : 'blank'))).toEqual(
        rendered.dataset.attributes.map((_, row) => cells.filter((cell) => cell.row === row).map((cell) => (cell.given ? plain(cell.text) : 'blank'))),
      );
      for (const cell of table.flat()) {
        if (cell.kind !== 'blank') continue;
        expect(cell.ruled, 'writing space has ruled lines (repeating gradient)').toBe(true);
        expect(cell.height).toBeGreaterThanOrEqual(2 * cell.fontSize * 2); // at least two lines of 2.1em
      }
    });
  });

  describe('answer key', () => {
    it('PDF text contains every cell text and every answer', () => {
      const text = answers.body;
      for (const cell of datasetCells(answers.rendered.dataset)) expect(text, `${cell.attribute} / ${cell.subjectId}`).toContain(plain(cell.text));
      for (const question of answers.rendered.dataset.questions ?? []) {
        expect(text).toContain(plain(question.prompt));
        expect(text).toContain(plain(question.answer));
      }
    });

    it('shows "Answer key" on every page of the PDF (with and without details)', () => {
      for (const key of [answers, answersDetails]) {
        expect(key.pdfText.pageCount).toBeGreaterThan(0);
        key.pdfText.pages.forEach((page) => expect(flat(page.text), `page ${page.pageNumber}`).toContain('Answer key'));
      }
      expect(answersDetails.pdfText.pageCount).toBeGreaterThanOrEqual(answers.pdfText.pageCount);
    });

    it('is the worksheet filled in: same Name / Class / Date line, answers written on the worksheet\'s lines in the answer colour', () => {
      const { rendered } = answers;
      expect(handwritingRules(rendered)).toHaveLength(handwritingRules(worksheet.rendered).length);
      const text = flat(answers.pdfText.pages[0]!.text);
      for (const label of ['Name:', 'Class:', 'Date:']) expect(text).toContain(label);
      const table = comparisonTable(rendered);
      const answerColor = rendered.theme.tokens.colors.answer!;
      for (const cell of datasetCells(rendered.dataset)) {
        const texts = textsOf(rendered, table.body[cell.row]![cell.subjectPosition]!);
        expect(joinTexts(texts)).toBe(plain(cell.text));
        // Answers stand out from the given examples.
        if (!cell.given) expect(new Set(texts.map((t) => t.color)), `${cell.attribute} / ${cell.subjectId}`).toEqual(new Set([answerColor]));
        else expect(texts.some((t) => t.color === answerColor)).toBe(false);
      }
    });

    it('leaves the details out unless --with-details', () => {
      const sections = datasetSections(answers.rendered.dataset);
      expect(answers.body).not.toContain('Further Detail');
      const detailed = answersDetails.body;
      for (const section of sections) expect(detailed).toContain(plain(section.heading));
    });

    it('HTML contains every cell text and answer, and its printout says "Answer key" on every page', async () => {
      for (const cell of datasetCells(answers.rendered.dataset)) expect(answers.htmlText).toContain(plain(cell.text));
      for (const question of answers.rendered.dataset.questions ?? []) expect(answers.htmlText).toContain(plain(question.answer));
      const printed = await withPage(async (page) => {
        await openHtmlFile(page, answersDetails.htmlFile);
        return extractPdfPages(await page.pdf({ preferCSSPageSize: true }));
      });
      expect(printed.pageCount).toBeGreaterThan(1);
      printed.pages.forEach((page) => expect(flat(page.text), `printed HTML page ${page.pageNumber}`).toContain('Answer key'));
    });
  });

  describe('handout', () => {
    it('prints every cell and the details, without worksheet furniture', () => {
      const text = handout.body;
      for (const cell of datasetCells(handout.rendered.dataset)) expect(text).toContain(plain(cell.text));
      for (const section of datasetSections(handout.rendered.dataset)) expect(text).toContain(plain(section.heading));
      for (const label of ['Name:', 'Worksheet', 'Answer key']) {
        expect(text).not.toContain(label);
        expect(handout.htmlText).not.toContain(label);
      }
      expect(handwritingRules(handout.rendered)).toEqual([]);
    });
  });
});

type BrowserCell = { kind: 'text'; text: string } | { kind: 'blank'; ruled: boolean; height: number; fontSize: number };

/** The comparison table's body cells as Chromium shows them. */
async function tableInBrowser(page: BrowserPage): Promise<BrowserCell[][]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('table.comparison-table tbody tr')].map((row) =>
      [...row.querySelectorAll('td')].map((cell) => {
        const space = cell.querySelector('.writing-space');
        if (!space) return { kind: 'text' as const, text: (cell as HTMLElement).innerText.replace(/\s+/g, ' ').trim().normalize('NFKC') };
        const style = getComputedStyle(space);
        return { kind: 'blank' as const, ruled: style.backgroundImage.includes('repeating-linear-gradient') && cell.innerText.trim() === '', height: space.getBoundingClientRect().height, fontSize: parseFloat(style.fontSize) };
      }),
    ),
  );
}

describe('build --edition all', () => {
  it('writes <slug>.pdf, <slug>.worksheet.pdf, <slug>.answers.pdf and the same .html, identical to the editions rendered alone', async () => {
    const outDir = tmpDir('editions-build-all');
    const report = await build({ inputs: [SEED, THREE], outDir, formats: ['pdf', 'html'], editions: ['handout', 'worksheet', 'answers'], workers: 1 });
    expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
    const names = report.handouts.flatMap((handout) => handout.outputs.map((output) => output.path.slice(outDir.length + 1))).sort();
    const slugs = ['bacteria-vs-viruses-vs-fungi', 'cytokine-storm-vs-sepsis'];
    expect(names).toEqual(slugs.flatMap((slug) => [`${slug}.answers.html`, `${slug}.answers.pdf`, `${slug}.html`, `${slug}.pdf`, `${slug}.worksheet.html`, `${slug}.worksheet.pdf`]).sort());
    for (const [edition, suffix] of [['handout', ''], ['worksheet', '.worksheet'], ['answers', '.answers']] as const) {
      const alone = await render(SEED, { edition });
      expect(Buffer.compare(await readFile(join(outDir, `cytokine-storm-vs-sepsis${suffix}.pdf`)), Buffer.from(alone.pdf)), `${edition} PDF`).toBe(0);
      // The build embeds the fonts (subset to the characters used) in the HTML.
      const html = writeHtml(alone.document, alone.theme, { pageSize: 'A4', fontCss: (await embedFonts(alone.document, alone.theme)).css });
      expect(await readFile(join(outDir, `cytokine-storm-vs-sepsis${suffix}.html`), 'utf8'), `${edition} HTML`).toBe(html);
    }
  });

  it('--with-details keeps the detail sections in the worksheet and answer key only', async () => {
    const outDir = tmpDir('editions-build-details');
    const report = await build({ inputs: [SEED], outDir, formats: ['pdf'], editions: ['worksheet', 'answers'], includeDetails: true, workers: 1 });
    expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
    for (const name of ['cytokine-storm-vs-sepsis.worksheet.pdf', 'cytokine-storm-vs-sepsis.answers.pdf']) {
      const text = flat((await extractPdfPages(join(outDir, name))).text);
      expect(text, name).toContain('Further Detail');
      expect(text, name).toContain('Comparing Cytokine Storm and Sepsis');
    }
  });
});
