import type { CellLine, RowLayout, TableLayout } from './table-layout.js';
import type { PageCursor } from './page-cursor.js';
import { firstPieceHeight, linesHeight, minimumLinesAtBreak } from './line-heights.js';

/**
 * Share of the page body up to which a table's header rows repeat on each page the table spans. A
 * taller header (long subject names in narrow columns) is shown once: repeated, it would leave no room
 * for the rows below it, or none at all, and every new page would need another.
 */
const maxRepeatedHeadShare = 1 / 3;

export function headRepeats(headHeight: number, pageBody: number): boolean {
  return headHeight <= pageBody * maxRepeatedHeadShare;
}

/** A table on its way down the pages: what repeats at the top of each page it continues on. */
interface TableRun {
  cursor: PageCursor;
  /** Header rows to repeat after a page break: none until the header is placed, or if it is too tall to repeat. */
  repeatedHead: readonly RowLayout[];
  /** Room a page has for body rows, below a repeated header. */
  pageRoom: number;
}

/**
 * Places a table at the cursor. A row that fits on a page is never split, a taller one splits
 * between lines; the header repeats on every page the table spans (unless taller than a third of the
 * page) and never sits alone at a page bottom. `breakBeforeRow`: index of the body row that starts a
 * new page (0: none; a break before the whole table is made by the caller). `takeRows`: the body rows
 * are taken out of the table and each let go once placed (its text is on the page by then), so the
 * pages of a long table, drawn as they are made, use up its measured rows as they grow.
 */
export function placeTable(cursor: PageCursor, table: TableLayout, breakBeforeRow: number, takeRows = false): void {
  // Caption, header and the first row (or, for a row taller than a page, its first lines) travel together.
  if (cursor.y + tableLead(table, cursor.pageBody) > cursor.bottom && !cursor.atPageTop()) cursor.breakPage();
  placeCaption(cursor, table);
  const headHeight = table.head.reduce((sum, row) => sum + row.height, 0);
  const repeatHead = headRepeats(headHeight, cursor.pageBody);
  const run: TableRun = { cursor, repeatedHead: [], pageRoom: cursor.pageBody - (repeatHead ? headHeight : 0) };
  // A header too tall for its page is split like a body row (shown once, not repeated).
  for (const row of table.head) placeRowInFlow(run, row);
  if (repeatHead) run.repeatedHead = table.head;
  const body: (RowLayout | undefined)[] = takeRows ? table.body.splice(0) : table.body;
  for (let rowIndex = 0; rowIndex < body.length; rowIndex++) {
    if (rowIndex > 0 && rowIndex === breakBeforeRow && !cursor.atPageTop()) continueOnNextPage(run);
    placeRowInFlow(run, body[rowIndex]!);
    if (takeRows) body[rowIndex] = undefined;
  }
}

function placeCaption(cursor: PageCursor, table: TableLayout): void {
  if (!table.caption) return;
  for (const line of table.caption.lines) {
    // Only a caption taller than what tableLead kept together breaks (between its lines).
    if (cursor.y + line.height > cursor.bottom + 0.01 && !cursor.atPageTop()) cursor.breakPage();
    cursor.placeLine(line, table.caption.x, table.caption.owner);
  }
  cursor.y += table.caption.spaceAfter;
}

function continueOnNextPage(run: TableRun): void {
  run.cursor.breakPage();
  for (const row of run.repeatedHead) placeRow(run.cursor, row, true);
}

/** Places a row where it fits whole: here, else on the next page; a row taller than a page is split. */
function placeRowInFlow(run: TableRun, row: RowLayout): void {
  const cursor = run.cursor;
  if (cursor.y + row.height <= cursor.bottom + 0.01) {
    placeRow(cursor, row, false);
    return;
  }
  // A row that fits on a page is never split; a taller one starts here if two lines fit.
  if (row.height <= run.pageRoom || cursor.y + minimumRowSlice(row) > cursor.bottom) {
    continueOnNextPage(run);
    if (cursor.y + row.height <= cursor.bottom + 0.01) {
      placeRow(cursor, row, false);
      return;
    }
  }
  placeSplitRow(run, row);
}

/** Places a whole row at the cursor (a body row, or a header row: repeated ones are artifacts). */
function placeRow(cursor: PageCursor, row: RowLayout, repeated: boolean): void {
  const sliceTop = cursor.y;
  drawCellSlices(cursor, row, sliceTop, row.height, repeated);
  for (const cell of row.cells) {
    for (const cellLine of cell.lines) {
      cursor.y = sliceTop + cell.style.paddingTop + cellLine.top;
      cursor.placeLine(cellLine.line, cellLine.x, repeated ? 'pagination' : cellLine.owner);
    }
  }
  cursor.y = sliceTop + row.height;
}

/** The cells' areas, backgrounds and bottom borders for a row, or the slice of it on this page. */
function drawCellSlices(cursor: PageCursor, row: RowLayout, sliceTop: number, height: number, repeated: boolean): void {
  const page = cursor.page;
  for (const cell of row.cells) {
    if (!repeated) page.cells.push({ x: cell.x, y: sliceTop, width: cell.width, height, owner: cell.owner });
    if (cell.style.background) page.decorations.push({ kind: 'rect', x: cell.x, y: sliceTop, width: cell.width, height, fill: cell.style.background });
    if (cell.style.borderBottom) {
      // Over the backgrounds: the next row's fill, snapped to pixels by a viewer, must not hide it.
      const lineY = sliceTop + height - cell.style.borderBottom.width / 2;
      page.overlays.push({ kind: 'rule', x1: cell.x, y1: lineY, x2: cell.x + cell.width, y2: lineY, lineWidth: cell.style.borderBottom.width, color: cell.style.borderBottom.color });
    }
  }
}

/** A row being split across pages: how far each cell has got, and the padding every slice keeps. */
interface RowSplit {
  row: RowLayout;
  /** Per cell, the index of its first line not yet placed. */
  next: number[];
  padTop: number;
  padBottom: number;
  /** The slice being placed is the row's first (its cells keep their own top padding). */
  firstSlice: boolean;
}

/**
 * A row taller than a page: each cell is cut at its own line boundary (cells' lines do not line up),
 * keeping two lines of a paragraph on each side of a cut where it can; the header repeats on each
 * page and every slice keeps the cells' padding. Nothing is lost: every line lands on some page.
 */
function placeSplitRow(run: TableRun, row: RowLayout): void {
  const cursor = run.cursor;
  const split: RowSplit = {
    row,
    next: row.cells.map(() => 0),
    padTop: Math.max(0, ...row.cells.map((cell) => cell.style.paddingTop)),
    padBottom: Math.max(0, ...row.cells.map((cell) => cell.style.paddingBottom)),
    firstSlice: true,
  };
  for (;;) {
    const counts = sliceLineCounts(split, cursor.bottom - cursor.y);
    if (!counts.some((count) => count > 0)) {
      // Not even one line fits here: try a fresh page, or at a page top place one line regardless.
      if (!cursor.atPageTop()) {
        continueOnNextPage(run);
        continue;
      }
      counts[split.next.findIndex((start, index) => start < row.cells[index]!.lines.length)] = 1;
    }
    if (placeSlice(cursor, split, counts)) return;
    split.firstSlice = false;
    continueOnNextPage(run);
  }
}

/** Offset of line `top` (cell content coordinates) of cell `index` from the slice's top edge. */
function slicePosition(split: RowSplit, index: number, top: number): number {
  const cell = split.row.cells[index]!;
  if (split.firstSlice) return cell.style.paddingTop + top;
  const start = cell.lines[split.next[index]!]?.top ?? cell.contentHeight;
  return split.padTop + top - start;
}

/** How many more lines of each cell fit in `room`, keeping paragraphs' lines together unless the rest of the row fits. */
function sliceLineCounts(split: RowSplit, room: number): number[] {
  const { row, next } = split;
  const restFits = row.cells.every((cell, index) => slicePosition(split, index, cell.contentHeight) + cell.style.paddingBottom <= room + 0.01);
  const limit = restFits ? room : room - split.padBottom;
  return row.cells.map((cell, index) => {
    let count = 0;
    while (next[index]! + count < cell.lines.length) {
      const line = cell.lines[next[index]! + count]!;
      if (slicePosition(split, index, line.top) + line.line.height > limit + 0.01) break;
      count++;
    }
    return restFits ? count : keepParagraphLines(cell.lines, next[index]!, count);
  });
}

/** Places `counts` more lines of each cell as one slice at the cursor, with its cell areas; true when the row is done. */
function placeSlice(cursor: PageCursor, split: RowSplit, counts: readonly number[]): boolean {
  const { row, next } = split;
  const sliceTop = cursor.y;
  let used = 0;
  row.cells.forEach((cell, index) => {
    const placed = cell.lines.slice(next[index], next[index]! + counts[index]!);
    for (const cellLine of placed) {
      cursor.y = sliceTop + slicePosition(split, index, cellLine.top);
      cursor.placeLine(cellLine.line, cellLine.x, cellLine.owner);
      used = Math.max(used, cursor.y - sliceTop);
    }
    if (placed.length === 0) used = Math.max(used, split.firstSlice ? cell.style.paddingTop : split.padTop);
    next[index]! += counts[index]!;
  });
  const done = next.every((start, index) => start >= row.cells[index]!.lines.length);
  const height = used + (done ? Math.max(0, ...row.cells.map((cell) => cell.style.paddingBottom)) : split.padBottom);
  drawCellSlices(cursor, row, sliceTop, height, false);
  cursor.y = sliceTop + height;
  return done;
}

/** Height a table needs at the bottom of a page to start there: caption, header and its first row (or first lines). */
export function tableLead(table: TableLayout, pageBody: number): number {
  const caption = table.caption ? linesHeight(table.caption.lines) + table.caption.spaceAfter : 0;
  const head = table.head.reduce((sum, row) => sum + row.height, 0);
  // A header too tall to repeat, or with its caption taller than a page, is split where it stands:
  // what has to travel together is then only the first lines.
  if (!headRepeats(head, pageBody) || caption + head > pageBody) {
    if (table.caption) return firstPieceHeight(table.caption.lines);
    const firstHead = table.head[0];
    return firstHead ? minimumRowSlice(firstHead) : 0;
  }
  const firstRow = table.body[0];
  const first = !firstRow ? 0 : firstRow.height <= pageBody - head ? firstRow.height : minimumRowSlice(firstRow);
  return caption + head + first;
}

/** The smallest slice of a row worth starting on a page: two lines of its tallest cell. */
function minimumRowSlice(row: RowLayout): number {
  let slice = 0;
  for (const cell of row.cells) {
    const lines = cell.lines.slice(0, minimumLinesAtBreak);
    const last = lines.at(-1);
    if (last) slice = Math.max(slice, cell.style.paddingTop + last.top + last.line.height);
  }
  return Math.min(row.height, slice);
}

/**
 * How many of a cell's lines, from `start`, to place before a page break when `count` fit: no
 * paragraph (a run of lines with one owner) leaves a single line on either side of the break.
 */
function keepParagraphLines(lines: readonly CellLine[], start: number, count: number): number {
  const end = start + count;
  if (end >= lines.length || count === 0) return count;
  const owner = lines[end]!.owner;
  if (lines[end - 1]!.owner !== owner) return count;
  let before = 0;
  while (end - before - 1 >= start && lines[end - before - 1]!.owner === owner) before++;
  let after = 0;
  while (end + after < lines.length && lines[end + after]!.owner === owner && after < minimumLinesAtBreak) after++;
  let keep = count;
  if (after < minimumLinesAtBreak) keep -= minimumLinesAtBreak - after;
  const left = before - (count - keep);
  if (left < minimumLinesAtBreak) keep -= Math.max(0, left);
  return Math.max(0, keep);
}
