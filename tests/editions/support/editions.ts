/**
 * Helpers for the classroom-editions tests (issue 5): render a dataset's edition in memory exactly as
 * `renderHandout` does (dataset → document tree → page model → PDF bytes, and → HTML), and read the
 * page model back: which text belongs to which table cell, figure or heading, which rules and fills
 * lie where, colours and contrast.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../../../src/pipeline/render-handout.js';
import type { Dataset } from '../../../src/load/dataset-schema.js';
import { loadDataset, type LoadedDataset } from '../../../src/load/load-dataset.js';
import type { Diagnostic } from '../../../src/shared/diagnostic.js';
import { loadTheme } from '../../../src/templates/load-theme.js';
import type { Theme } from '../../../src/templates/theme.js';
import type { DocumentNode } from '../../../src/tree/document-tree.js';
import type { Edition } from '../../../src/view/build-view-model.js';
import { writeHtml } from '../../../src/writers/html/write-html.js';
import { drawPdf } from '../../../src/writers/pdf/draw-pdf.js';
import { FontBook } from '../../../src/writers/pdf/font-book.js';
import { layoutDocument } from '../../../src/writers/pdf/layout-document.js';
import type { Decoration, Page, PageModel, PlacedText, StructNode } from '../../../src/writers/pdf/page-model.js';
import { fromRoot, tmpDir } from '../../support/paths.js';
import { normalizeText, straightQuotes, type PdfExtraction } from '../../support/pdf-text.js';

export const SEED = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');
export const THREE = fromRoot('tests', 'fixtures', 'bundled', 'bacteria-vs-viruses-vs-fungi.yaml');
export const fixture = (...segments: string[]) => fromRoot('tests', 'fixtures', 'editions', ...segments);
export const FOUR = fixture('four-subjects-worksheet.yaml');
export const TWO_VENN = fixture('two-subjects-venn.yaml');

const themes = new Map<string, Promise<Theme>>();

export function theme(nameOrPath = 'default'): Promise<Theme> {
  let pending = themes.get(nameOrPath);
  if (!pending) {
    pending = loadTheme(nameOrPath).then((result) => {
      if (!result.theme) throw new Error(`theme ${nameOrPath}: ${JSON.stringify(result.diagnostics)}`);
      return result.theme;
    });
    themes.set(nameOrPath, pending);
  }
  return pending;
}

export async function load(file: string): Promise<LoadedDataset> {
  const result = await loadDataset(file);
  if (!result.loaded) throw new Error(`${file} does not load: ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.loaded;
}

export interface RenderOptions {
  edition?: Edition;
  includeDetails?: boolean;
  theme?: string;
  pageSize?: 'A4' | 'Letter';
}

export interface Rendered {
  loaded: LoadedDataset;
  dataset: Dataset;
  theme: Theme;
  document: DocumentNode;
  model: PageModel;
  pdf: Uint8Array;
  html: string;
  parents: Map<StructNode, StructNode>;
}

/** One edition of a dataset, in memory, through the same stages as `renderHandout` (PDF: layout, then draw). */
export async function render(file: string, options: RenderOptions = {}): Promise<Rendered> {
  const loaded = await load(file);
  const chosen = await theme(options.theme ?? 'default');
  const built = buildDocument(loaded, chosen, { edition: options.edition ?? 'handout', includeDetails: options.includeDetails === true });
  if (!built.document) throw new Error(`${file} (${options.edition ?? 'handout'}): ${JSON.stringify(built.diagnostics, null, 2)}`);
  const pageSize = options.pageSize ?? 'A4';
  const { model } = layoutDocument(built.document, chosen, { pageSize });
  // drawPdf takes the pages out of the model it is given: hand it a copy, the tests read the model after.
  const pdf = await drawPdf({ ...model, pages: [...model.pages] }, built.document.meta, new FontBook(chosen));
  const html = writeHtml(built.document, chosen, { pageSize });
  return { loaded, dataset: loaded.dataset, theme: chosen, document: built.document, model, pdf, html, parents: parentMap(model.structure) };
}

/** The diagnostics of building the document tree (e.g. an unsupported language). */
export async function documentDiagnostics(file: string, edition: Edition = 'handout'): Promise<Diagnostic[]> {
  return buildDocument(await load(file), await theme('default'), { edition }).diagnostics;
}

/** Write a rendering's PDF and HTML into a fresh folder under tests/.artifacts. */
export function saveRendering(rendered: Rendered, label: string): { dir: string; pdf: string; html: string } {
  const dir = tmpDir(`editions-${label}`);
  const pdf = join(dir, `${label}.pdf`);
  const html = join(dir, `${label}.html`);
  writeFileSync(pdf, rendered.pdf);
  writeFileSync(html, rendered.html);
  return { dir, pdf, html };
}

/** tests/.artifacts/editions: PNGs and files kept for people to look at. */
export function artifactsFolder(): string {
  const dir = fromRoot('tests', '.artifacts', 'editions');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// ---------- structure tree ----------

export function parentMap(root: StructNode): Map<StructNode, StructNode> {
  const parents = new Map<StructNode, StructNode>();
  const visit = (node: StructNode) => {
    for (const child of node.children) {
      parents.set(child, node);
      visit(child);
    }
  };
  visit(root);
  return parents;
}

export function findAll(root: StructNode, role: string): StructNode[] {
  const found: StructNode[] = [];
  const visit = (node: StructNode) => {
    if (node.role === role) found.push(node);
    node.children.forEach(visit);
  };
  visit(root);
  return found;
}

/** The nearest ancestor-or-self of a text's owner with the given role. */
export function ownerWithRole(text: PlacedText, role: string, parents: Map<StructNode, StructNode>): StructNode | undefined {
  if (typeof text.owner !== 'object') return undefined;
  for (let node: StructNode | undefined = text.owner; node; node = parents.get(node)) if (node.role === role) return node;
  return undefined;
}

export function isWithin(node: StructNode, ancestor: StructNode, parents: Map<StructNode, StructNode>): boolean {
  for (let current: StructNode | undefined = node; current; current = parents.get(current)) if (current === ancestor) return true;
  return false;
}

export interface LocatedText extends PlacedText {
  pageIndex: number;
}

export function allTexts(model: PageModel): LocatedText[] {
  return model.pages.flatMap((page, pageIndex) => page.texts.map((text) => ({ ...text, pageIndex })));
}

/** Texts drawn for a structure element (or inside it), in drawing order, across pages. */
export function textsOf(rendered: Pick<Rendered, 'model' | 'parents'>, node: StructNode): LocatedText[] {
  return allTexts(rendered.model).filter((text) => typeof text.owner === 'object' && isWithin(text.owner, node, rendered.parents));
}

export function joinTexts(texts: readonly PlacedText[]): string {
  // A line of one element that ends without a space continues a word split at the line end (after a
  // hard hyphen, or where the writer set a hyphen, which is an artifact and not among these texts).
  const continues = (previous: PlacedText | undefined, text: PlacedText) => previous !== undefined && previous.owner === text.owner && Math.abs(previous.y - text.y) > 0.5 && !/\s$/.test(previous.text);
  return flat(texts.map((text, index) => (index > 0 && !continues(texts[index - 1], text) ? ' ' : '') + text.text).join(''));
}

/** A table in the page model, as rows of cells (structure nodes), head rows first. */
export interface TableCells {
  table: StructNode;
  head: StructNode[][];
  body: StructNode[][];
}

export function tableCells(table: StructNode, headRows = 1): TableCells {
  const rows = table.children.filter((child) => child.role === 'TR').map((row) => row.children.filter((cell) => cell.role === 'TD' || cell.role === 'TH'));
  return { table, head: rows.slice(0, headRows), body: rows.slice(headRows) };
}

/** The comparison table: the Table whose header row starts with the attribute column. */
export function comparisonTable(rendered: Rendered): TableCells {
  const tables = findAll(rendered.model.structure, 'Table');
  if (tables.length !== 1) throw new Error(`expected one table, found ${tables.length}`);
  return tableCells(tables[0]!);
}

/** Where a cell is drawn (page and rectangle of each slice). */
export function cellSlices(model: PageModel, cell: StructNode): { pageIndex: number; x: number; y: number; width: number; height: number }[] {
  return model.pages.flatMap((page, pageIndex) => page.cells.filter((placed) => placed.owner === cell).map(({ x, y, width, height }) => ({ pageIndex, x, y, width, height })));
}

/** Horizontal rules lying inside a rectangle of a page (not on its edges). */
export function rulesInside(page: Page, box: { x: number; y: number; width: number; height: number }, inset = 1): Extract<Decoration, { kind: 'rule' }>[] {
  return page.decorations.filter(
    (decoration): decoration is Extract<Decoration, { kind: 'rule' }> =>
      decoration.kind === 'rule' &&
      Math.abs(decoration.y1 - decoration.y2) < 0.01 &&
      decoration.y1 > box.y + inset &&
      decoration.y1 < box.y + box.height - inset &&
      decoration.x1 >= box.x - 0.01 &&
      decoration.x2 <= box.x + box.width + 0.01 &&
      decoration.x2 - decoration.x1 > box.width * 0.5,
  );
}

/** The fill of the rect decoration drawn exactly under a cell slice (a header's background). */
export function fillUnder(page: Page, box: { x: number; y: number; width: number; height: number }): string | undefined {
  const rect = page.decorations.find(
    (decoration) => decoration.kind === 'rect' && Math.abs(decoration.x - box.x) < 0.01 && Math.abs(decoration.y - box.y) < 0.01 && Math.abs(decoration.width - box.width) < 0.01 && Math.abs(decoration.height - box.height) < 0.01,
  );
  return rect?.kind === 'rect' ? rect.fill : undefined;
}

// ---------- colours ----------

export function rgb(color: string): [number, number, number] {
  const hex = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(hex);
  if (short) return [parseInt(short[1]! + short[1]!, 16), parseInt(short[2]! + short[2]!, 16), parseInt(short[3]! + short[3]!, 16)];
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(hex);
  if (long) return [parseInt(long[1]!, 16), parseInt(long[2]!, 16), parseInt(long[3]!, 16)];
  const css = /^rgba?\(\s*(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)[,\s]+(\d+(?:\.\d+)?)/.exec(hex);
  if (css) return [Number(css[1]), Number(css[2]), Number(css[3])];
  throw new Error(`not a colour: ${color}`);
}

export function sameColor(a: string, b: string): boolean {
  const [x, y] = [rgb(a), rgb(b)];
  return x.every((value, index) => Math.abs(value - y[index]!) < 1);
}

export function isGrey(color: string): boolean {
  const [r, g, b] = rgb(color);
  return r === g && g === b;
}

export function isWhite(color: string): boolean {
  return rgb(color).every((value) => value === 255);
}

function luminance(color: string): number {
  const [r, g, b] = rgb(color).map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** The fill of the topmost filled rectangle under the middle of a text run (white paper when none). */
export function backgroundOf(page: Page, text: PlacedText): string {
  const x = text.x + text.width / 2;
  const y = text.y - text.size * 0.35;
  let fill = '#ffffff';
  for (const decoration of page.decorations) {
    if (decoration.kind === 'rect' && decoration.width > 4 && decoration.height > 4 && x >= decoration.x && x <= decoration.x + decoration.width && y >= decoration.y && y <= decoration.y + decoration.height) fill = decoration.fill;
  }
  return fill;
}

// ---------- text comparisons ----------

/**
 * Text for comparisons: whitespace collapsed, soft hyphens dropped and compatibility characters folded
 * (pdf.js reports U+00B5 MICRO SIGN as U+03BC GREEK SMALL LETTER MU).
 */
export function flat(text: string): string {
  // Quotes are set by language from the dataset's straight ones; both sides of a comparison read them straight.
  return straightQuotes(normalizeText(text)).normalize('NFKC');
}

/**
 * The flowing text of a PDF (pdf.js), pages joined, without the running header and footer that the
 * writer draws after each page's body (so a paragraph split over two pages reads as one).
 */
export function bodyText(pdf: PdfExtraction, options: { header?: string; footer?: RegExp } = {}): string {
  const footer = options.footer ?? /Page \d+ of \d+$/;
  return pdf.pages
    .map((page) => {
      let text = flat(page.text).replace(footer, '').trim();
      const header = options.header ? flat(options.header) : undefined;
      if (header && page.pageNumber > 0 && text.endsWith(header)) text = text.slice(0, -header.length).trim();
      return text;
    })
    .join(' ');
}

/** Dataset text (inline Markdown) as it prints: markers and link targets dropped, whitespace collapsed. */
export function plain(markdown: string): string {
  return flat(
    markdown
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*\*([^*]+)\*\*/g, '$1')
      .replace(/\*([^*]+)\*/g, '$1')
      .replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2'),
  );
}

/** Runs of `n` words of a text, for "no part of this text is printed" checks. */
export function wordGrams(text: string, n = 4): string[] {
  const words = plain(text).split(' ').filter(Boolean);
  if (words.length <= n) return [words.join(' ')];
  return Array.from({ length: words.length - n + 1 }, (_, index) => words.slice(index, index + n).join(' '));
}

export interface CellExpectation {
  row: number;
  attribute: string;
  subjectId: string;
  subjectPosition: number;
  text: string;
  given: boolean;
}

/** Every subject cell of the dataset's table, with whether the worksheet keeps it as an example. */
export function datasetCells(dataset: Dataset): CellExpectation[] {
  return dataset.attributes.flatMap((attribute, row) =>
    dataset.subjects.map((subject, index) => ({
      row,
      attribute: attribute.name,
      subjectId: subject.id,
      subjectPosition: index + 1,
      text: attribute.values[subject.id] ?? '',
      given: attribute.given === true || (Array.isArray(attribute.given) && attribute.given.includes(subject.id)),
    })),
  );
}

/** Every detail section, depth first (heading and body). */
export function datasetSections(dataset: Dataset): { heading: string; body?: string; subject?: string }[] {
  const out: { heading: string; body?: string; subject?: string }[] = [];
  const visit = (sections: Dataset['sections']) => {
    for (const section of sections) {
      out.push({ heading: section.heading, ...(section.body ? { body: section.body } : {}), ...(section.subject ? { subject: section.subject } : {}) });
      visit(section.sections ?? []);
    }
  };
  visit(dataset.sections);
  return out;
}
