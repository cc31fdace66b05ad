/**
 * Page-model helpers: lay out small markup strings with the default theme (no PDF involved), and
 * check the typesetting rules on the result. Each check returns a list of readable violations, so a
 * failing test says what broke where ("page 3: heading "Sepsis" is the last thing on the page").
 */
import type { DocumentNode } from '../../../src/tree/document-tree.js';
import { parseMarkup } from '../../../src/tree/parse-markup.js';
import { loadTheme } from '../../../src/templates/load-theme.js';
import type { Theme } from '../../../src/templates/theme.js';
import { layoutDocument, type LayoutOptions } from '../../../src/writers/pdf/layout-document.js';
import type { Page, PageModel, PlacedText, StructNode } from '../../../src/writers/pdf/page-model.js';

let themePromise: Promise<Theme> | undefined;

export function defaultTheme(): Promise<Theme> {
  themePromise ??= loadTheme('default').then((result) => {
    if (!result.theme) throw new Error(`default theme: ${JSON.stringify(result.diagnostics)}`);
    return result.theme;
  });
  return themePromise;
}

const runningSlots =
  '<header data-slot="page-header">Running title</header>' +
  '<footer data-slot="page-footer">Page <span data-field="page-number"></span> of <span data-field="page-count"></span></footer>';

export interface LaidOut {
  model: PageModel;
  /** Content area of every page, in points from the top-left corner. */
  frame: { top: number; bottom: number; left: number; right: number };
  parents: Map<StructNode, StructNode>;
}

/** Markup (the template stage's output) → page model, with a running header and footer. */
export async function layoutMarkup(markup: string, options: LayoutOptions = { pageSize: 'A4' }): Promise<LaidOut> {
  const theme = await defaultTheme();
  const parsed = parseMarkup(runningSlots + markup, 'test markup');
  if (!parsed.markup) throw new Error(`markup: ${JSON.stringify(parsed.diagnostics)}`);
  const document: DocumentNode = { type: 'document', meta: { title: 'Test', language: 'en', date: new Date(0) }, ...parsed.markup };
  const { model } = layoutDocument(document, theme, options);
  const margin = theme.tokens.page.margin;
  const frame = { top: margin.top, bottom: model.height - margin.bottom, left: margin.left, right: model.width - margin.right };
  return { model, frame, parents: parentMap(model.structure) };
}

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

/** The nearest ancestor-or-self with one of `roles`. */
export function ancestor(node: StructNode, roles: readonly string[], parents: Map<StructNode, StructNode>): StructNode | undefined {
  for (let current: StructNode | undefined = node; current; current = parents.get(current)) if (roles.includes(current.role)) return current;
  return undefined;
}

/** The block a text belongs to: its owner, or the owner's parent for inline elements (links). */
export function blockOf(owner: StructNode, parents: Map<StructNode, StructNode>): StructNode {
  return owner.inline ? (parents.get(owner) ?? owner) : owner;
}

export function isStructText(text: PlacedText): text is PlacedText & { owner: StructNode } {
  return typeof text.owner === 'object';
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

export const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Text of every text owned by `owner` or its descendants, in page and drawing order. */
export function textOf(laid: LaidOut, owner: StructNode): string {
  const within = (node: StructNode): boolean => node === owner || (laid.parents.has(node) && within(laid.parents.get(node)!));
  return normalize(
    laid.model.pages
      .flatMap((page) => page.texts)
      .filter(isStructText)
      .filter((text) => within(text.owner))
      .map((text) => text.text)
      .join(''),
  );
}

/** 1-based numbers of the pages holding text of `owner` (or its descendants). */
export function pagesOf(laid: LaidOut, owner: StructNode): number[] {
  const within = (node: StructNode): boolean => node === owner || (laid.parents.has(node) && within(laid.parents.get(node)!));
  return laid.model.pages.flatMap((page, index) => (page.texts.some((text) => isStructText(text) && within(text.owner)) ? [index + 1] : []));
}

const heading = /^H[1-6]$/;

/** Rule: a heading is never the last thing on a page (its text is followed by content on the same page). */
export function headingsAtPageBottom(laid: LaidOut): string[] {
  const problems: string[] = [];
  laid.model.pages.forEach((page, index) => {
    if (index === laid.model.pages.length - 1) return;
    const body = page.texts.filter(isStructText);
    const lowest = body.reduce<(PlacedText & { owner: StructNode }) | undefined>((low, text) => (!low || text.y > low.y + 0.01 ? text : low), undefined);
    if (!lowest) return;
    const block = blockOf(lowest.owner, laid.parents);
    if (heading.test(block.role)) problems.push(`page ${index + 1}: heading "${block.title}" is the last thing on the page`);
  });
  return problems;
}

/** Lines (distinct baselines) of each block per page. */
function linesPerPage(laid: LaidOut, roles: readonly string[]): Map<StructNode, number[]> {
  const result = new Map<StructNode, number[]>();
  laid.model.pages.forEach((page, index) => {
    const baselines = new Map<StructNode, Set<number>>();
    for (const text of page.texts.filter(isStructText)) {
      const block = blockOf(text.owner, laid.parents);
      if (!roles.includes(block.role)) continue;
      const set = baselines.get(block) ?? new Set<number>();
      set.add(Math.round(text.y * 100) / 100);
      baselines.set(block, set);
    }
    for (const [block, set] of baselines) {
      const counts = result.get(block) ?? new Array<number>(laid.model.pages.length).fill(0);
      counts[index] = set.size;
      result.set(block, counts);
    }
  });
  return result;
}

/** Rule: a paragraph split across pages leaves at least two lines on each side (no orphan, no widow). */
export function orphansAndWidows(laid: LaidOut, roles: readonly string[] = ['P']): string[] {
  const problems: string[] = [];
  for (const [block, counts] of linesPerPage(laid, roles)) {
    const pieces = counts.map((count, index) => ({ count, page: index + 1 })).filter((piece) => piece.count > 0);
    if (pieces.length < 2) continue;
    for (const piece of pieces) {
      if (piece.count < 2) problems.push(`page ${piece.page}: a single line of ${block.role} "${textOf(laid, block).slice(0, 40)}…" (pieces ${pieces.map((p) => p.count).join('+')})`);
    }
  }
  return problems;
}

/** Rule: every text lies inside the page's margins (running header and footer lie in the margins, inside the page). */
export function textsOutsideMargins(laid: LaidOut): string[] {
  const problems: string[] = [];
  const { frame, model } = laid;
  model.pages.forEach((page, index) => {
    for (const text of page.texts) {
      const where = `page ${index + 1}: "${text.text.slice(0, 30)}" at x ${text.x.toFixed(1)}–${(text.x + text.width).toFixed(1)}, baseline ${text.y.toFixed(1)}`;
      if (text.x < frame.left - 0.01 || text.x + text.width > frame.right + 0.01) problems.push(`${where} crosses a side margin`);
      const running = text.owner === 'pagination' && (text.y < frame.top || text.y > frame.bottom);
      if (running) {
        if (text.y - text.size < 0 || text.y > model.height) problems.push(`${where} is off the page`);
      } else if (text.y - text.size * 0.75 < frame.top - 0.01 || text.y > frame.bottom + 0.01) problems.push(`${where} crosses the top or bottom margin`);
    }
  });
  return problems;
}

/** Rule: the text of every table cell lies inside its cell's box, padding included, on its page. */
export function textsOutsideCells(laid: LaidOut, padding: number): string[] {
  const problems: string[] = [];
  laid.model.pages.forEach((page, index) => {
    for (const text of page.texts.filter(isStructText)) {
      const cell = ancestor(text.owner, ['TD', 'TH'], laid.parents);
      if (!cell) continue;
      const boxes = page.cells.filter((box) => box.owner === cell);
      const inside = boxes.some(
        (box) =>
          text.x >= box.x + padding - 0.01 &&
          text.x + text.width <= box.x + box.width - padding + 0.01 &&
          text.y - text.size * 0.75 >= box.y - 0.01 &&
          text.y <= box.y + box.height + 0.01,
      );
      if (!inside) problems.push(`page ${index + 1}: "${text.text.slice(0, 30)}" (${text.x.toFixed(1)}–${(text.x + text.width).toFixed(1)}) is not inside its ${cell.role} box ${boxes.map((b) => `${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)}`).join(', ') || '(none on this page)'}`);
    }
  });
  return problems;
}

/** Rule: a table row that fits on a page is on one page. Returns rows spread over several pages. */
export function splitRows(laid: LaidOut, table: StructNode): { row: StructNode; pages: number[] }[] {
  return table.children
    .filter((row) => row.role === 'TR')
    .map((row) => ({ row, pages: [...new Set(laid.model.pages.flatMap((page, index) => (page.cells.some((cell) => laid.parents.get(cell.owner) === row) ? [index + 1] : [])))] }))
    .filter((entry) => entry.pages.length > 1);
}

/**
 * Rule: every page a table's body spans shows its header rows above the body: the header's own text
 * on the first page, a copy owned by 'pagination' (an artifact) on the others.
 */
export function missingHeaders(laid: LaidOut, table: StructNode): string[] {
  const rows = table.children.filter((row) => row.role === 'TR');
  const headerRow = rows[0]!;
  const headerTexts = headerRow.children.map((cell) => textOf(laid, cell));
  const bodyRows = new Set(rows.slice(1));
  const problems: string[] = [];
  let first = true;
  laid.model.pages.forEach((page: Page, index) => {
    const bodyCells = page.cells.filter((cell) => bodyRows.has(laid.parents.get(cell.owner)!));
    if (bodyCells.length === 0) return;
    const bodyTop = Math.min(...bodyCells.map((cell) => cell.y));
    const above = page.texts.filter((text) => text.y < bodyTop && (first ? isStructText(text) && ancestor(text.owner, ['TR'], laid.parents) === headerRow : text.owner === 'pagination' && text.y > laid.frame.top));
    const shown = normalize(above.map((text) => text.text).join(' '));
    for (const expected of headerTexts) if (!shown.includes(expected)) problems.push(`page ${index + 1}: header "${expected}" missing above the body rows (found "${shown}")`);
    first = false;
  });
  return problems;
}
