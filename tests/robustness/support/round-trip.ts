/**
 * One dataset through the real pipeline (YAML text → loader → renderHandout) and back out of the
 * outputs: the PDF checked by qpdf and read by pdf.js, the HTML parsed by htmlparser2. Returns what
 * went wrong as plain strings, so a property test can report (and shrink) any failure.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { stringify } from 'yaml';
import { build } from '../../../src/pipeline/build.js';
import { renderHandout } from '../../../src/pipeline/render-handout.js';
import type { DatasetInput } from '../../../src/load/dataset-schema.js';
import { loadDatasetText } from '../../../src/load/load-dataset.js';
import { formatDiagnostic } from '../../../src/shared/diagnostic.js';
import { loadTheme } from '../../../src/templates/load-theme.js';
import type { Theme } from '../../../src/templates/theme.js';
import { FontBook } from '../../../src/writers/pdf/font-book.js';
import { extractPdfPages, normalizeText, straightQuotes, type PdfPage } from '../../support/pdf-text.js';
import { qpdfCheck } from '../../support/poppler.js';
import { printedStrings } from './generate.js';

let theme: Promise<Theme> | undefined;

export function defaultTheme(): Promise<Theme> {
  theme ??= loadTheme('default').then(({ theme: loaded, diagnostics }) => {
    if (!loaded) throw new Error(`default theme: ${diagnostics.map(formatDiagnostic).join('\n')}`);
    return loaded;
  });
  return theme;
}

export function datasetYaml(data: DatasetInput): string {
  return stringify(data, { lineWidth: 0 });
}

export interface RoundTrip {
  problems: string[];
  pages: number;
}

/**
 * Renders `yamlText` as `<dir>/<name>.yaml` would be and checks: loads without diagnostics, renders
 * without diagnostics, `qpdf --check` exits 0, and every printed string of the dataset is found in
 * the PDF's text (pdf.js) and in the HTML's text.
 */
export async function roundTrip(yamlText: string, dir: string, name: string): Promise<RoundTrip> {
  const loaded = loadDatasetText(yamlText, `${name}.yaml`);
  if (!loaded.loaded || loaded.diagnostics.length > 0) return { problems: [`does not load: ${loaded.diagnostics.map(formatDiagnostic).join('\n')}`], pages: 0 };
  const rendered = await renderHandout(loaded.loaded, await defaultTheme(), { formats: ['pdf', 'html'], pageSize: 'A4' });
  if (rendered.diagnostics.length > 0 || !rendered.pdf || rendered.html === undefined) {
    return { problems: [`does not render: ${rendered.diagnostics.map(formatDiagnostic).join('\n')}`], pages: 0 };
  }
  const pdfFile = join(dir, `${name}.pdf`);
  await writeFile(pdfFile, rendered.pdf.bytes);
  await writeFile(join(dir, `${name}.html`), rendered.html);
  return checkOutputs(loaded.loaded.dataset as DatasetInput, pdfFile, rendered.pdf.bytes, rendered.html);
}

/**
 * `roundTrip` through what a batch build runs: `<dir>/<name>.yaml` written, `build()` on it (the
 * dataset check, a render task in this process, atomic writes, the manifest), and the files it wrote
 * read back. Called for many datasets in a row in one process, it exercises every cache the handouts
 * of a batch share (parsed fonts, shaped words, compiled templates).
 */
export async function buildRoundTrip(yamlText: string, dir: string, name: string): Promise<RoundTrip> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, yamlText);
  const outDir = join(dir, 'out');
  const report = await build({ inputs: [file], outDir, workers: 1, formats: ['pdf', 'html'], pageSize: 'A4', force: true });
  const handout = report.handouts[0];
  const problems = [...report.diagnostics, ...(handout?.diagnostics ?? [])];
  const pdfFile = handout?.outputs.find((output) => output.format === 'pdf')?.path;
  const htmlFile = handout?.outputs.find((output) => output.format === 'html')?.path;
  if (!report.ok || problems.length > 0 || !pdfFile || !htmlFile) return { problems: [`does not build: ${problems.map(formatDiagnostic).join('\n') || 'no outputs'}`], pages: 0 };
  const loaded = loadDatasetText(yamlText, file);
  return checkOutputs(loaded.loaded!.dataset as DatasetInput, pdfFile, new Uint8Array(await readFile(pdfFile)), await readFile(htmlFile, 'utf8'));
}

/** qpdf accepts the PDF, and every printed string of the dataset is in the PDF's and the HTML's text. */
async function checkOutputs(dataset: DatasetInput, pdfFile: string, pdfBytes: Uint8Array, html: string): Promise<RoundTrip> {
  const problems: string[] = [];
  const qpdf = await qpdfCheck(pdfFile);
  if (qpdf.code !== 0) problems.push(`qpdf --check exits ${qpdf.code}: ${qpdf.stderr || qpdf.stdout}`);

  const expected = printedStrings(dataset);
  const pdf = await extractPdfPages(pdfBytes);
  const margin = (await defaultTheme()).tokens.page.margin;
  const fonts = new FontBook(await defaultTheme());
  // pdf.js folds compatibility characters in extracted text (NFKC: µ U+00B5 → μ U+03BC), so both sides are folded.
  // Quotes are set by language on both sides of each comparison (straightQuotes), nothing else.
  const pdfText = straightQuotes(normalizeText(pdf.pages.map((page) => bodyText(page, margin)).join(' ')).normalize('NFKC'));
  const pdfCompact = compact(pdfText);
  for (const string of expected) {
    if (pdfText.includes(straightQuotes(normalizeText(string).normalize('NFKC')))) continue;
    // A word wider than its column is split between lines: the reader gets a line break inside it.
    if (mayBeSplit(string, fonts) && pdfCompact.includes(compact(straightQuotes(string.normalize('NFKC'))))) continue;
    problems.push(`PDF text lacks ${JSON.stringify(string.slice(0, 120))}`);
  }
  const htmlText = straightQuotes(normalizeText(DomUtils.textContent(DomUtils.getElementsByTagName('body', parseDocument(html)))));
  for (const string of expected) {
    if (!htmlText.includes(straightQuotes(normalizeText(string)))) problems.push(`HTML text lacks ${JSON.stringify(string.slice(0, 120))}`);
  }
  return { problems, pages: pdf.pageCount };
}

/**
 * A page's text without the running header and footer (they sit in the top and bottom margins),
 * so a paragraph that continues on the next page reads on without the page furniture in between.
 * Runs on one line with (almost) no gap are joined without a space.
 */
function bodyText(page: PdfPage, margin: { top: number; bottom: number }): string {
  let out = '';
  let previous: PdfPage['items'][number] | undefined;
  for (const item of page.items) {
    const fromTop = page.height - item.y;
    if (fromTop < margin.top - 4 || fromTop > page.height - margin.bottom + 6) continue;
    if (previous) {
      const sameLine = Math.abs(item.y - previous.y) < Math.max(item.height, 1) * 0.5;
      const gap = item.x - (previous.x + previous.width);
      out += sameLine && gap < Math.max(item.height, 1) * 0.15 && gap > -Math.max(item.height, 1) ? '' : ' ';
    }
    out += item.str;
    previous = item;
  }
  return out;
}

function compact(text: string): string {
  return text.replace(/\u00AD/g, '').replace(/\s+/g, '');
}

/**
 * Whether the layout may have to split a word of `text` between lines: some unbreakable unit is
 * wider than the narrowest table column can be (four subjects on a portrait page leave a cell about
 * 55 pt of text; 45 pt is on the safe side). Units are words, joined across a space before
 * `: ; ! ? » › %` or after `« ‹`, where the line breaker never breaks (French punctuation).
 */
function mayBeSplit(text: string, fonts: FontBook): boolean {
  const units = text.split(/\s+/).reduce<string[]>((out, word) => {
    const previous = out.at(-1);
    if (previous !== undefined && (/^[:;!?»›%]/.test(word) || /[«‹]$/.test(previous))) out[out.length - 1] = `${previous} ${word}`;
    else out.push(word);
    return out;
  }, []);
  return units.some((unit) => fonts.width(unit, { family: 'body', face: 'bold' }, 9.5) > 45);
}
