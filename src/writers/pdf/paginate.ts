import type { Line } from './break-lines.js';
import type { BoxDecoration, FlowItem } from './flow.js';
import type { CellLayout, RowLayout, TableLayout } from './table-layout.js';
import { newPage, type OutlineEntry, type Page, type PlacedText, type StructNode } from './page-model.js';

export interface PageFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** Lines a paragraph keeps together at a page break: no single orphan or widow line. */
const minimumLinesAtBreak = 2;

/**
 * Places the measured flow on pages. Rules: a heading stays with the start of what follows it; a
 * paragraph breaks only where at least two lines stay on each side; a table row that fits on a page is
 * never split, a taller one splits between lines; table header rows repeat on every page the table
 * spans and never sit alone at a page bottom; container backgrounds follow their content across pages.
 */
export function paginate(flow: readonly FlowItem[], frame: PageFrame): { pages: Page[]; outline: OutlineEntry[] } {
  const top = frame.margin.top;
  const bottom = frame.height - frame.margin.bottom;
  const pages: Page[] = [newPage()];
  const outline: OutlineEntry[] = [];
  let page = pages[0]!;
  let y = top;
  let pending = 0;
  /** Open decorated boxes and where their fragment on the current page starts. */
  const openBoxes: { box: BoxDecoration; startY: number }[] = [];

  const atPageTop = () => y <= top + 0.01;
  const drawBox = (box: BoxDecoration, from: number, to: number, closed: { top: boolean; bottom: boolean }) => {
    if (to - from <= 0.01) return;
    if (box.background) page.decorations.push({ kind: 'rect', x: box.x, y: from, width: box.width, height: to - from, fill: box.background });
    if (box.borderLeft) page.decorations.push({ kind: 'rect', x: box.x, y: from, width: box.borderLeft.width, height: to - from, fill: box.borderLeft.color });
    if (box.borderTop && closed.top) page.decorations.push({ kind: 'rule', x1: box.x, y1: from + box.borderTop.width / 2, x2: box.x + box.width, y2: from + box.borderTop.width / 2, lineWidth: box.borderTop.width, color: box.borderTop.color });
    if (box.borderBottom && closed.bottom) page.decorations.push({ kind: 'rule', x1: box.x, y1: to - box.borderBottom.width / 2, x2: box.x + box.width, y2: to - box.borderBottom.width / 2, lineWidth: box.borderBottom.width, color: box.borderBottom.color });
  };
  const breakPage = () => {
    for (const open of openBoxes) {
      drawBox(open.box, open.startY, y, { top: open.startY > top, bottom: false });
      open.startY = top;
    }
    page = newPage();
    pages.push(page);
    y = top;
    pending = 0;
  };
  /** Apply collapsed vertical space before content, except at the top of a page. */
  const settle = (spaceBefore: number) => {
    const space = Math.max(pending, spaceBefore);
    if (!atPageTop()) y += space;
    pending = 0;
    if (y > bottom) breakPage();
  };
  const placeLine = (line: Line, x: number, owner: StructNode | 'layout' | 'pagination') => {
    for (const fragment of line.fragments) {
      const text: PlacedText = { x: x + fragment.x, y: y + line.baseline, text: fragment.text, width: fragment.width, font: fragment.font, size: fragment.size, color: fragment.color, owner };
      page.texts.push(text);
      if (fragment.link) {
        page.links.push({ x: text.x, y, width: fragment.width, height: line.height, href: fragment.link, ...(owner !== 'layout' && owner !== 'pagination' ? { owner } : {}) });
        const underline = text.y + fragment.size * 0.14;
        page.overlays.push({ kind: 'rule', x1: text.x, y1: underline, x2: text.x + fragment.width, y2: underline, lineWidth: Math.max(0.4, fragment.size * 0.05), color: fragment.color });
      }
    }
    y += line.height;
  };

  for (let index = 0; index < flow.length; index++) {
    const item = flow[index]!;
    switch (item.kind) {
      case 'page-break':
        if (!atPageTop()) breakPage();
        break;
      case 'open':
        pending = Math.max(pending, item.spaceBefore);
        if (item.box) {
          // Keep an empty decorated box from starting at the very bottom of a page.
          if (y + pending + item.box.paddingTop + leadHeight(flow, index) > bottom && !atPageTop()) breakPage();
          settle(0);
          openBoxes.push({ box: item.box, startY: y });
          y += item.box.paddingTop;
        }
        break;
      case 'close':
        if (item.box) {
          const open = openBoxes.pop();
          y += item.box.paddingBottom;
          if (open) drawBox(open.box, open.startY, Math.min(y, bottom), { top: open.startY > top || pages.length === 1, bottom: true });
          pending = item.spaceAfter;
        } else {
          pending = Math.max(pending, item.spaceAfter);
        }
        break;
      case 'lines': {
        settle(item.spaceBefore);
        const total = item.lines.reduce((sum, line) => sum + line.height, 0);
        if (item.heading) {
          const needed = total + leadHeight(flow, index);
          if (y + needed > bottom && !atPageTop()) breakPage();
          outline.push({ title: item.heading.title, level: item.heading.level, pageIndex: pages.length - 1, y, children: [] });
        }
        let remaining = item.lines;
        let first = true;
        while (remaining.length > 0) {
          let fitting = countFitting(remaining, bottom - y);
          if (fitting < remaining.length) {
            // No widow: at least two lines go to the next page; no orphan: at least two stay here.
            if (remaining.length - fitting < minimumLinesAtBreak) fitting = Math.max(0, remaining.length - minimumLinesAtBreak);
            if (fitting < minimumLinesAtBreak) fitting = 0;
            // A block taller than a whole page has to break somewhere.
            if (fitting === 0 && atPageTop()) fitting = Math.max(1, countFitting(remaining, bottom - y));
          }
          remaining.slice(0, fitting).forEach((line, lineIndex) => {
            if (first && lineIndex === 0 && item.marker) {
              const saved = y;
              placeLine(item.marker.text, item.x - item.marker.text.width - item.marker.text.height * 0.3, item.marker.owner);
              y = saved;
            }
            placeLine(line, item.x, item.owner);
          });
          if (fitting > 0) first = false;
          remaining = remaining.slice(fitting);
          if (remaining.length > 0) breakPage();
        }
        pending = item.spaceAfter;
        break;
      }
      case 'table':
        settle(item.spaceBefore);
        placeTable(item.table);
        pending = item.spaceAfter;
        break;
    }
  }
  return { pages, outline };

  function placeTable(table: TableLayout) {
    const headHeight = table.head.reduce((sum, row) => sum + row.height, 0);
    const captionHeight = table.caption ? table.caption.lines.reduce((sum, line) => sum + line.height, 0) + table.caption.spaceAfter : 0;
    const firstRow = table.body[0];
    const firstSlice = firstRow ? Math.min(firstRow.height, minimumRowSlice(firstRow)) : 0;
    // Caption, header and the start of the first row travel together.
    if (y + captionHeight + headHeight + firstSlice > bottom && !atPageTop()) breakPage();
    if (table.caption) {
      for (const line of table.caption.lines) placeLine(line, table.caption.x, table.caption.owner);
      y += table.caption.spaceAfter;
    }
    const placeHead = (repeated: boolean) => {
      for (const row of table.head) placeRowSlice(row, 0, row.height, repeated);
    };
    placeHead(false);
    for (const row of table.body) {
      if (y + row.height <= bottom + 0.01) {
        placeRowSlice(row, 0, row.height, false);
        continue;
      }
      const pageBody = bottom - top - headHeight;
      if (row.height <= pageBody || y + minimumRowSlice(row) > bottom) {
        breakPage();
        placeHead(true);
        if (y + row.height <= bottom + 0.01) {
          placeRowSlice(row, 0, row.height, false);
          continue;
        }
      }
      // Taller than a page: split between lines, header repeated on each page.
      let offset = 0;
      while (offset < row.height - 0.01) {
        const next = sliceEnd(row, offset, bottom - y);
        placeRowSlice(row, offset, next, false);
        offset = next;
        if (offset < row.height - 0.01) {
          breakPage();
          placeHead(true);
        }
      }
    }
  }

  /** Draws the part of a row between content offsets `from` and `to` (row coordinates, padding included). */
  function placeRowSlice(row: RowLayout, from: number, to: number, repeatedHeader: boolean) {
    const sliceTop = y;
    const height = to - from;
    for (const cell of row.cells) {
      if (cell.style.background) page.decorations.push({ kind: 'rect', x: cell.x, y: sliceTop, width: cell.width, height, fill: cell.style.background });
      if (cell.style.borderBottom) {
        const lineY = sliceTop + height - cell.style.borderBottom.width / 2;
        page.decorations.push({ kind: 'rule', x1: cell.x, y1: lineY, x2: cell.x + cell.width, y2: lineY, lineWidth: cell.style.borderBottom.width, color: cell.style.borderBottom.color });
      }
      for (const cellLine of cell.lines) {
        const lineTop = cell.style.paddingTop + cellLine.top;
        const lineBottom = lineTop + cellLine.line.height;
        if (lineTop < from - 0.01 || lineBottom > to + 0.01) continue;
        y = sliceTop + lineTop - from;
        placeLine(cellLine.line, cellLine.x, repeatedHeader ? 'pagination' : cellLine.owner);
      }
    }
    y = sliceTop + height;
  }
}

/** Height of everything after `index` up to and including the first lines of real content. */
function leadHeight(flow: readonly FlowItem[], index: number): number {
  let height = 0;
  for (let next = index + 1; next < flow.length; next++) {
    const item = flow[next]!;
    if (item.kind === 'open') height += item.spaceBefore + (item.box?.paddingTop ?? 0);
    else if (item.kind === 'close') continue;
    else if (item.kind === 'page-break') return height;
    else if (item.kind === 'lines') {
      height += item.spaceBefore;
      if (item.heading) height += item.lines.reduce((sum, line) => sum + line.height, 0);
      else return height + item.lines.slice(0, minimumLinesAtBreak).reduce((sum, line) => sum + line.height, 0);
    } else {
      const table = item.table;
      const caption = table.caption ? table.caption.lines.reduce((sum, line) => sum + line.height, 0) + table.caption.spaceAfter : 0;
      const head = table.head.reduce((sum, row) => sum + row.height, 0);
      const firstRow = table.body[0];
      return height + item.spaceBefore + caption + head + (firstRow ? Math.min(firstRow.height, minimumRowSlice(firstRow)) : 0);
    }
  }
  return height;
}

function countFitting(lines: readonly Line[], space: number): number {
  let used = 0;
  let count = 0;
  for (const line of lines) {
    if (used + line.height > space + 0.01) break;
    used += line.height;
    count++;
  }
  return count;
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

/** Furthest row offset ≤ from + space that does not cut through any cell's line. */
function sliceEnd(row: RowLayout, from: number, space: number): number {
  const limit = from + space;
  if (row.height <= limit + 0.01) return row.height;
  let end = from;
  for (const cell of row.cells) end = Math.max(end, lastLineBottomWithin(cell, from, limit));
  // Every cell must be cut below its last fitting line; take the smallest safe cut across cells.
  let cut = limit;
  for (const cell of row.cells) {
    for (const cellLine of cell.lines) {
      const lineTop = cell.style.paddingTop + cellLine.top;
      const lineBottom = lineTop + cellLine.line.height;
      if (lineTop < cut - 0.01 && lineBottom > cut + 0.01) cut = lineTop;
    }
  }
  return cut > from + 0.01 ? cut : Math.max(end, from + space);
}

function lastLineBottomWithin(cell: CellLayout, from: number, limit: number): number {
  let bottom = from;
  for (const cellLine of cell.lines) {
    const lineBottom = cell.style.paddingTop + cellLine.top + cellLine.line.height;
    if (lineBottom <= limit + 0.01) bottom = Math.max(bottom, lineBottom);
  }
  return bottom;
}
