import { inlineText, type BlockNode, type TableCell, type TableNode, type TableRow } from '../../tree/document-tree.js';
import type { ComputedStyle, ElementKey } from './computed-style.js';
import type { Line } from './break-lines.js';
import { breakLines } from './break-lines.js';
import { inlineRuns, tagLinks } from './text-runs.js';
import { buildFlow, type FlowContext } from './flow.js';
import { faceOf } from './font-book.js';
import type { StructNode } from './page-model.js';

export interface CellLine {
  line: Line;
  /** Offset of the line box from the top of the cell's content area. */
  top: number;
  x: number;
  owner: StructNode;
}

export interface CellLayout {
  owner: StructNode;
  x: number;
  width: number;
  style: ComputedStyle;
  lines: CellLine[];
  contentHeight: number;
}

export interface RowLayout {
  owner: StructNode;
  cells: CellLayout[];
  /** Full height: tallest cell content plus padding. */
  height: number;
}

export interface TableLayout {
  x: number;
  width: number;
  caption?: { lines: Line[]; owner: StructNode; spaceAfter: number; x: number };
  head: RowLayout[];
  body: RowLayout[];
}

/**
 * Measures a table: column widths from the content (a short attribute column, wider subject columns,
 * within the theme's limits), then every cell's lines at its column width. Placing rows on pages is
 * the paginator's job. With `context.takeTableRows` the body rows are taken out of the tree and each
 * let go once measured, so a long table is never held both as tree rows and as measured rows.
 */
export function layoutTable(table: TableNode, path: ElementKey[], x: number, width: number, context: FlowContext, owner: StructNode): TableLayout {
  const tableStyle = context.styles.resolve(path);
  const head = table.head;
  const body: (TableRow | undefined)[] = context.takeTableRows ? table.body.splice(0) : table.body;
  const rowCount = head.length + body.length;
  const rowAt = (index: number): { row: TableRow; group: string } => (index < head.length ? { row: head[index]!, group: 'thead' } : { row: body[index - head.length]!, group: 'tbody' });
  const cellPath = (group: string, row: TableRow, cell: TableCell): ElementKey[] => [
    ...path,
    { tag: group, classes: [] },
    { tag: 'tr', classes: row.classes },
    { tag: cell.header ? 'th' : 'td', classes: cell.classes },
  ];
  let columnCount = 1;
  for (let index = 0; index < rowCount; index++) columnCount = Math.max(columnCount, rowAt(index).row.cells.length);
  const measuredRow = ({ row, group }: { row: TableRow; group: string }) => row.cells.map((cell) => ({ cell, style: context.styles.resolve(cellPath(group, row, cell)) }));
  const widths = columnWidths(sampleRows(rowCount).map((index) => measuredRow(rowAt(index))), columnCount, width, tableStyle, context);
  const columnX: number[] = [];
  widths.reduce((left, w, index) => ((columnX[index] = left), left + w), x);

  const layout: TableLayout = { x, width, head: [], body: [] };
  if (table.caption && table.caption.length > 0) {
    const captionStyle = context.styles.resolve([...path, { tag: 'caption', classes: [] }]);
    const captionOwner: StructNode = { role: 'Caption', children: [] };
    owner.children.push(captionOwner);
    const runs = inlineRuns(table.caption, captionStyle, context.runOptions);
    tagLinks(runs, captionOwner);
    const lines = breakLines(runs, width, captionStyle.lineHeight, context.fonts, captionStyle.align, context.hyphenate ? { hyphenate: context.hyphenate } : {});
    layout.caption = { lines, owner: captionOwner, spaceAfter: captionStyle.spaceAfter, x };
  }
  for (let index = 0; index < rowCount; index++) {
    const { row, group } = rowAt(index);
    const rowOwner: StructNode = { role: 'TR', children: [] };
    owner.children.push(rowOwner);
    const cells = row.cells.map((cell, column) => {
      const style = context.styles.resolve(cellPath(group, row, cell));
      const cellOwner: StructNode = { role: cell.header ? 'TH' : 'TD', children: [], ...(cell.header ? { scope: cell.scope === 'row' ? 'Row' : 'Column' } : {}) } as StructNode;
      rowOwner.children.push(cellOwner);
      return layoutCell(cell.children, cellPath(group, row, cell), style, columnX[column] ?? x, widths[column] ?? 0, context, cellOwner);
    });
    const height = Math.max(0, ...cells.map((cell) => cell.contentHeight + cell.style.paddingTop + cell.style.paddingBottom));
    (group === 'thead' ? layout.head : layout.body).push({ owner: rowOwner, cells, height });
    if (context.takeTableRows && index >= head.length) body[index - head.length] = undefined;
  }
  return layout;
}

/**
 * The rows (indexes, header first) whose cells decide the column widths: all of a short table; of a
 * long one the first 300 and every hundredth of the rest, since measuring every cell of a 10,000-row
 * table would dominate and the first rows decide the shape.
 */
function sampleRows(rowCount: number): number[] {
  const all = Array.from({ length: rowCount }, (_, index) => index);
  if (rowCount <= 400) return all;
  const step = Math.ceil(rowCount / 100);
  return [...all.slice(0, 300), ...all.filter((index) => index % step === 0)];
}

function layoutCell(blocks: readonly BlockNode[], path: ElementKey[], style: ComputedStyle, x: number, width: number, context: FlowContext, owner: StructNode): CellLayout {
  const innerX = x + style.paddingLeft;
  const innerWidth = Math.max(1, width - style.paddingLeft - style.paddingRight);
  // A cell is a small flow of its own; its paragraphs become lines owned by the cell.
  const flow = buildFlowInCell(blocks, path, innerX, innerWidth, context, owner);
  const lines: CellLine[] = [];
  let top = 0;
  let pending = 0;
  for (const item of flow) {
    if (item.kind !== 'lines') continue;
    if (lines.length > 0) top += Math.max(pending, item.spaceBefore);
    for (const line of item.lines) {
      lines.push({ line, top, x: item.x, owner: item.owner });
      top += line.height;
    }
    pending = item.spaceAfter;
  }
  // Copied to its length (see composeLine): a cell has a line or a few, and lives as long as the page plan.
  return { owner, x, width, style, lines: lines.slice(), contentHeight: top };
}

function buildFlowInCell(blocks: readonly BlockNode[], path: ElementKey[], x: number, width: number, context: FlowContext, owner: StructNode) {
  // Paragraphs directly in a cell are the cell's own content (TD > P would be fine too, but a cell's
  // text reads best as one unit); nested structure keeps its own tags.
  const holder: StructNode = { role: 'Div', children: [] };
  const flow = buildFlow(blocks, x, width, context, holder, path);
  const only = holder.children.length === 1 && holder.children[0]!.role === 'P' ? holder.children[0] : undefined;
  if (only) {
    // The paragraph's inline elements (links) become the cell's own.
    owner.children.push(...only.children);
    for (const item of flow) if (item.kind === 'lines' && item.owner === only) item.owner = owner;
  } else {
    owner.children.push(...holder.children);
  }
  return flow;
}

interface MeasuredCell {
  cell: TableCell;
  style: ComputedStyle;
}

/** Column widths in points that add up to `width`. */
function columnWidths(rows: MeasuredCell[][], columnCount: number, width: number, tableStyle: ComputedStyle, context: FlowContext): number[] {
  const minContent = new Array<number>(columnCount).fill(0);
  const maxContent = new Array<number>(columnCount).fill(0);
  for (const row of rows) {
    row.forEach(({ cell, style }, column) => {
      const text = cell.children.map(blockText).join(' ');
      const font = { family: style.font, face: faceOf(style.bold, style.italic) };
      const padding = style.paddingLeft + style.paddingRight;
      // Word widths are cached by the font book, so the whole text's width is summed from them
      // rather than shaped again as one long string.
      let longest = 0;
      let total = 0;
      let words = 0;
      for (const word of text.split(/\s+/)) {
        if (!word) continue;
        const width = context.fonts.width(word, font, style.size);
        longest = Math.max(longest, width);
        total += width;
        words++;
      }
      total += Math.max(0, words - 1) * context.fonts.width(' ', font, style.size);
      minContent[column] = Math.max(minContent[column]!, longest + padding);
      maxContent[column] = Math.max(maxContent[column]!, total + padding);
    });
  }
  if (columnCount === 1) return [width];
  const floor = tableStyle.minColumn * width;
  // The attribute column is as wide as its longest name on one line (its content), within the theme's
  // share; it is not stretched to an equal share of the width.
  const first = Math.min(tableStyle.maxFirstColumn * width, Math.max(floor, maxContent[0]!));
  const rest = width - first;
  const equal = rest / (columnCount - 1);
  const wishes = maxContent.slice(1).map((content) => Math.min(equal * 1.33, Math.max(equal * 0.75, content)));
  const total = wishes.reduce((sum, wish) => sum + wish, 0);
  return [first, ...wishes.map((wish) => (wish / total) * rest)];
}

function blockText(block: BlockNode): string {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return inlineText(block.children);
    case 'list':
      return block.items.map((item) => item.map(blockText).join(' ')).join(' ');
    case 'container':
      return block.children.map(blockText).join(' ');
    case 'table':
      return [...block.head, ...block.body].map((row) => row.cells.map((cell) => cell.children.map(blockText).join(' ')).join(' ')).join(' ');
    case 'page-break':
    case 'writing-space':
    case 'fill-in':
    case 'qr':
      return '';
    case 'venn':
      return [...block.sets.flatMap((set) => [set.label, ...set.points.map(inlineText)]), ...(block.pairs ?? []).flatMap((pair) => pair.points.map(inlineText)), block.shared.label, ...block.shared.points.map(inlineText)].join(' ');
  }
}
