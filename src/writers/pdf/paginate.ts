import type { Line } from './break-lines.js';
import type { BoxDecoration, FlowItem } from './flow.js';
import type { CellLine, RowLayout, TableLayout } from './table-layout.js';
import { newPage, recordLastPages, type Decoration, type OutlineEntry, type Page, type PlacedText, type StructNode } from './page-model.js';

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
 * spans (unless taller than a third of the page) and never sit alone at a page bottom; container backgrounds follow their content across pages.
 */
export function paginate(flow: readonly FlowItem[], frame: PageFrame): { pages: Page[]; outline: OutlineEntry[] } {
  const plan = planPages(flow, frame);
  const pages: Page[] = [];
  plan.place((page) => pages.push(page));
  return { pages, outline: plan.outline };
}

/**
 * Pagination decided but not yet done: how many pages, where the headings land, on which page each
 * structure element's content ends, and `place`, which makes the pages one by one, in order. The
 * tries that decide (figures floated, trailing matter pulled back) keep no pages, so a long table is
 * never held as pages more than one at a time.
 */
export interface PagePlan {
  pageCount: number;
  outline: OutlineEntry[];
  /** The last page with content of each structure element that owns content itself. */
  lastPages: Map<StructNode, number>;
  /** Makes the pages again, exactly as decided, handing each to `onPage` once it is complete. */
  place(onPage: (page: Page, index: number) => void): void;
}

export function planPages(flow: readonly FlowItem[], frame: PageFrame): PagePlan {
  const chosen = choosePlacement(flow, frame);
  return { pageCount: chosen.pageCount, outline: chosen.outline, lastPages: chosen.lastPages, place: (onPage) => void placeFlow(chosen.flow, frame, chosen.options, onPage) };
}

function choosePlacement(flow: readonly FlowItem[], frame: PageFrame): Placement {
  let placed = placeFlow(flow, frame, {});
  let placedFlow = flow;
  if (placed.figureGap !== undefined) {
    const floated = floatFigure(flow, placed.figureGap);
    if (floated) {
      const retry = placeFlow(floated, frame, {});
      if (retry.pageCount <= placed.pageCount && retry.figureGap === undefined) {
        placed = retry;
        placedFlow = floated;
      }
    }
  }
  if (!placed.trailingAlone) return placed;
  return pullBackTrailingMatter(placedFlow, frame, placed);
}

/**
 * A figure that does not fit under what precedes it floats: the section holding it changes places
 * with the section after it, so that text fills the rest of the page and the figure heads the next.
 * Trailing matter never moves ahead of it. The tagged structure keeps the document's own order.
 */
function floatFigure(flow: readonly FlowItem[], figure: number): FlowItem[] | undefined {
  const start = enclosingOpen(flow, figure);
  if (start === undefined) return undefined;
  const end = matchingClose(flow, start);
  const next = end + 1;
  const nextItem = flow[next];
  if (nextItem?.kind !== 'open' || nextItem.keepWithPrevious) return undefined;
  const nextEnd = matchingClose(flow, next);
  return [...flow.slice(0, start), ...flow.slice(next, nextEnd + 1), ...flow.slice(start, end + 1), ...flow.slice(nextEnd + 1)];
}

/** The `open` marker of the innermost container around `index`. */
function enclosingOpen(flow: readonly FlowItem[], index: number): number | undefined {
  let depth = 0;
  for (let at = index - 1; at >= 0; at--) {
    const kind = flow[at]!.kind;
    if (kind === 'close') depth++;
    else if (kind === 'open') {
      if (depth === 0) return at;
      depth--;
    }
  }
  return undefined;
}

/** The `close` marker matching the `open` at `index` (the flow's end if unmatched). */
function matchingClose(flow: readonly FlowItem[], index: number): number {
  let depth = 0;
  for (let at = index; at < flow.length; at++) {
    const kind = flow[at]!.kind;
    if (kind === 'open') depth++;
    else if (kind === 'close' && --depth === 0) return at;
  }
  return flow.length - 1;
}

/** The figure that the item at `index` is, or leads into (a heading, a caption before it). */
function figureAhead(flow: readonly FlowItem[], index: number): number | undefined {
  for (let at: number | undefined = index; at !== undefined; at = firstContentAfter(flow, at)) {
    const item = flow[at]!;
    if (item.kind === 'figure') return at;
    if (item.kind !== 'lines' || !(item.heading || item.owner.role === 'Caption')) return undefined;
  }
  return undefined;
}

/** The first content item after `index`, skipping container markers. */
function firstContentAfter(flow: readonly FlowItem[], index: number): number | undefined {
  for (let at = index + 1; at < flow.length; at++) {
    const kind = flow[at]!.kind;
    if (kind === 'open' || kind === 'close') continue;
    return kind === 'page-break' ? undefined : at;
  }
  return undefined;
}

/** Spacing factors tried, in order, to pull trailing matter back onto the page before: at most 40 % less space between blocks. */
const squeezeFactors = [0.85, 0.7, 0.6];

/**
 * The last page holds only trailing matter (the disclaimer, sources, conclusion: blocks marked
 * keep-with-previous). First a small, bounded squeeze of the vertical spacing between blocks, if that
 * saves the page; else a keep rule: the end of the content before it goes to that page too.
 */
function pullBackTrailingMatter(flow: readonly FlowItem[], frame: PageFrame, first: Placement): Placement {
  for (const factor of squeezeFactors) {
    const squeezed = placeFlow(squeezeSpacing(flow, factor), frame, {});
    if (squeezed.pageCount < first.pageCount) return squeezed;
  }
  const breakAt = keepWithTrailingMatter(flow, first.lastContentIndex);
  if (!breakAt) return first;
  const kept = placeFlow(flow, frame, { breakAt });
  return kept.trailingAlone || kept.pageCount > first.pageCount ? first : kept;
}

/**
 * Where to break the page so that the end of the content at `index` travels with the trailing matter
 * after it: the last two lines of a paragraph (all of one too short to split, with its heading); a
 * whole question, prompt and answer lines (a blank is one place to write, never cut to save a page);
 * a table's last row (the header repeats above it), or a one-row table whole; a figure whole, with its
 * caption and heading.
 */
function keepWithTrailingMatter(flow: readonly FlowItem[], index: number): BreakAt | undefined {
  const item = flow[index];
  switch (item?.kind) {
    case 'lines':
      if (!isWritingSpace(item) && item.lines.length >= 2 * minimumLinesAtBreak) return { index, linesBefore: item.lines.length - minimumLinesAtBreak };
      return { index: leadInStart(flow, index), linesBefore: 0 };
    case 'table':
      if (item.table.body.length >= 2) return { index, linesBefore: item.table.body.length - 1 };
      return { index: leadInStart(flow, index), linesBefore: 0 };
    case 'figure':
      return { index: leadInStart(flow, index), linesBefore: 0 };
    default:
      return undefined;
  }
}

/** The content item before `index` (skipping container markers), if any. */
function previousContent(flow: readonly FlowItem[], index: number): number | undefined {
  for (let previous = index - 1; previous >= 0; previous--) {
    const item = flow[previous]!;
    if (item.kind === 'open' || item.kind === 'close') continue;
    return item.kind === 'page-break' ? undefined : previous;
  }
  return undefined;
}

/**
 * Ruled lines to write on: a worksheet's empty answer space, or the same blank in the answer key with
 * the answer written on its rules. Both count alike, so that worksheet and key break at the same places
 * (a Name/Class/Date line has rules too, but labels on them and no blank).
 */
function isWritingSpace(item: FlowItem | undefined): boolean {
  return item?.kind === 'lines' && item.lines.length > 0 && item.lines.every((line) => (line.rules?.length ?? 0) > 0 && (line.fragments.length === 0 || line.rules!.every((rule) => rule.blank !== undefined)));
}

/** Where the unit that ends at `index` starts: a question's prompt travels with its answer lines, a figure's caption with the figure, a heading with what follows. */
function leadInStart(flow: readonly FlowItem[], index: number): number {
  let start = index;
  const prompt = previousContent(flow, start);
  const promptItem = prompt !== undefined ? flow[prompt] : undefined;
  if (promptItem?.kind === 'lines' && isWritingSpace(flow[start]) && !isWritingSpace(promptItem)) start = prompt!;
  if (promptItem?.kind === 'lines' && flow[start]!.kind === 'figure' && promptItem.owner.role === 'Caption') start = prompt!;
  const heading = previousContent(flow, start);
  const headingItem = heading !== undefined ? flow[heading] : undefined;
  if (heading !== undefined && headingItem?.kind === 'lines' && headingItem.heading) start = heading;
  return start;
}

/** A question's prompt keeps with the first lines of its answer space: the height they need together. */
function promptWithAnswer(flow: readonly FlowItem[], index: number): number | undefined {
  const item = flow[index];
  if (item?.kind !== 'lines' || item.heading || isWritingSpace(item)) return undefined;
  const next = flow[index + 1];
  if (next?.kind !== 'lines' || !isWritingSpace(next)) return undefined;
  return linesHeight(item.lines) + Math.max(item.spaceAfter, next.spaceBefore) + linesHeight(next.lines.slice(0, minimumLinesAtBreak));
}

/** The flow with the space between blocks (and decorated boxes' padding) scaled by `factor`. */
function squeezeSpacing(flow: readonly FlowItem[], factor: number): FlowItem[] {
  const box = (decoration: BoxDecoration | undefined) => (decoration ? { box: { ...decoration, paddingTop: decoration.paddingTop * factor, paddingBottom: decoration.paddingBottom * factor } } : {});
  return flow.map((item): FlowItem => {
    switch (item.kind) {
      case 'open':
        return { ...item, spaceBefore: item.spaceBefore * factor, ...box(item.box) };
      case 'close':
        return { ...item, spaceAfter: item.spaceAfter * factor, ...box(item.box) };
      case 'lines':
      case 'table':
      case 'figure':
        return { ...item, spaceBefore: item.spaceBefore * factor, spaceAfter: item.spaceAfter * factor };
      case 'page-break':
        return item;
    }
  });
}

interface Placement {
  /** What was placed, so that the same pages can be made again (see PagePlan.place). */
  flow: readonly FlowItem[];
  options: PlaceOptions;
  pageCount: number;
  outline: OutlineEntry[];
  lastPages: Map<StructNode, number>;
  /** The last page(s) hold only trailing matter. */
  trailingAlone: boolean;
  /** Flow index of the last content (lines, table, figure) before the trailing matter. */
  lastContentIndex: number;
  /** Flow index of a figure that left more than a third of a page empty before it. */
  figureGap?: number;
}

/** A page break inside the flow item at `index`: after `linesBefore` lines of a paragraph or body rows of a table, or before the item (0). */
interface BreakAt {
  index: number;
  linesBefore: number;
}

interface PlaceOptions {
  breakAt?: BreakAt;
}

/** Places the flow; each page, once complete, goes to `onPage` (if any) and is not kept here. */
function placeFlow(flow: readonly FlowItem[], frame: PageFrame, options: PlaceOptions, onPage?: (page: Page, index: number) => void): Placement {
  const top = frame.margin.top;
  const bottom = frame.height - frame.margin.bottom;
  const pageBody = bottom - top;
  const outline: OutlineEntry[] = [];
  const lastPages = new Map<StructNode, number>();
  let page = newPage();
  let pageCount = 1;
  const completePage = () => {
    recordLastPages(page, pageCount - 1, lastPages);
    onPage?.(page, pageCount - 1);
  };
  let y = top;
  let pending = 0;
  /** Where the content placed on the current page ends (spacing owed after it is not content). */
  let contentEnd = top;
  /** Open decorated boxes, where their fragment on the current page starts, and whether it continues one from an earlier page. */
  const openBoxes: { box: BoxDecoration; startY: number; continued: boolean }[] = [];

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
      drawBox(open.box, open.startY, y, { top: !open.continued, bottom: false });
      open.startY = top;
      open.continued = true;
    }
    completePage();
    page = newPage();
    pageCount++;
    y = top;
    contentEnd = top;
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
      // Link text belongs to its Link element, except in artifacts (a repeated table header).
      const textOwner = fragment.artifact ? 'layout' : typeof owner === 'object' && fragment.owner ? fragment.owner : owner;
      const text: PlacedText = { x: x + fragment.x, y: y + line.baseline, text: fragment.text, width: fragment.width, font: fragment.font, size: fragment.size, color: fragment.color, owner: textOwner };
      page.texts.push(text);
      if (fragment.link) {
        // Artifacts (a repeated header row) get no annotation: PDF/UA wants every link tagged, and the
        // same link is clickable in the tagged original.
        if (typeof textOwner === 'object') page.links.push({ x: text.x, y, width: fragment.width, height: line.height, href: fragment.link, owner: textOwner });
        const underline = text.y + fragment.size * 0.14;
        page.overlays.push({ kind: 'rule', x1: text.x, y1: underline, x2: text.x + fragment.width, y2: underline, lineWidth: Math.max(0.4, fragment.size * 0.05), color: fragment.color });
      }
    }
    for (const rule of line.rules ?? []) {
      const ruleY = y + line.baseline + 2.5;
      page.decorations.push({ kind: 'rule', x1: x + rule.x1, y1: ruleY, x2: x + rule.x2, y2: ruleY, lineWidth: 0.6, color: rule.color, ...(rule.blank ? { blank: rule.blank } : {}) });
    }
    y += line.height;
  };

  let trailing = false;
  /** The first figure (or heading leading into one) pushed to the next page leaving more than a third of this one empty. */
  let figureGap: number | undefined;
  const noteFigureGap = (index: number) => {
    const figure = figureAhead(flow, index);
    if (figureGap === undefined && figure !== undefined && bottom - Math.max(contentEnd, top) > pageBody / 3) figureGap = figure;
  };
  let lastContentIndex = -1;
  let lastContentPage = 0;
  for (let index = 0; index < flow.length; index++) {
    const item = flow[index]!;
    if (item.kind === 'open' && item.keepWithPrevious) trailing = true;
    if (options.breakAt?.index === index && options.breakAt.linesBefore === 0 && !atPageTop()) breakPage();
    switch (item.kind) {
      case 'page-break':
        if (!atPageTop()) breakPage();
        break;
      case 'open':
        pending = Math.max(pending, item.spaceBefore);
        if (item.box) {
          // Keep a decorated box from starting empty at the very bottom of a page.
          if (y + pending + item.box.paddingTop + leadHeight(flow, index, 0, pageBody) > bottom && !atPageTop()) breakPage();
          settle(0);
          openBoxes.push({ box: item.box, startY: y, continued: false });
          y += item.box.paddingTop;
        }
        break;
      case 'close':
        if (item.box) {
          const open = openBoxes.pop();
          y += item.box.paddingBottom;
          if (open) drawBox(open.box, open.startY, Math.min(y, bottom), { top: !open.continued, bottom: true });
          pending = item.spaceAfter;
        } else {
          pending = Math.max(pending, item.spaceAfter);
        }
        break;
      case 'lines': {
        settle(item.spaceBefore);
        if (item.heading) {
          // A heading travels with the start of what follows it (spacing collapsed as it will be).
          const needed = linesHeight(item.lines) + leadHeight(flow, index, item.spaceAfter, pageBody);
          if (y + needed > bottom && !atPageTop()) {
            noteFigureGap(index);
            breakPage();
          }
          outline.push({ title: item.heading.title, level: item.heading.level, pageIndex: pageCount - 1, y, children: [] });
        }
        const withAnswer = promptWithAnswer(flow, index);
        if (withAnswer !== undefined && withAnswer <= pageBody && y + withAnswer > bottom && !atPageTop()) breakPage();
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
          if (options.breakAt?.index === index && first && options.breakAt.linesBefore > 0 && fitting > options.breakAt.linesBefore) fitting = options.breakAt.linesBefore;
          if (fitting > 0) first = false;
          remaining = remaining.slice(fitting);
          if (remaining.length > 0) breakPage();
        }
        pending = item.spaceAfter;
        break;
      }
      case 'table':
        settle(item.spaceBefore);
        placeTable(item.table, options.breakAt?.index === index ? options.breakAt.linesBefore : 0);
        pending = item.spaceAfter;
        break;
      case 'figure': {
        settle(item.spaceBefore);
        // A figure is one picture: it moves to the next page whole rather than being cut.
        if (y + item.figure.height > bottom && !atPageTop()) {
          noteFigureGap(index);
          breakPage();
        }
        const top = y;
        for (const shape of item.figure.shapes) page.decorations.push(shiftDecoration(shape, item.x, top));
        for (const text of item.figure.texts) {
          y = top + text.top;
          placeLine(text.line, item.x + text.x, text.owner);
        }
        y = top + item.figure.height;
        pending = item.spaceAfter;
        break;
      }
    }
    if (item.kind === 'lines' || item.kind === 'table' || item.kind === 'figure') contentEnd = y;
    if (!trailing && (item.kind === 'lines' || item.kind === 'table' || item.kind === 'figure')) {
      lastContentIndex = index;
      lastContentPage = pageCount - 1;
    }
  }
  completePage();
  return { flow, options, pageCount, outline, lastPages, trailingAlone: trailing && pageCount - 1 > lastContentPage, lastContentIndex, ...(figureGap !== undefined ? { figureGap } : {}) };

  /** `breakBeforeRow`: index of the body row that starts a new page (0: none; a break before the whole table is placed by the caller). */
  function placeTable(table: TableLayout, breakBeforeRow: number) {
    // Caption, header and the first row (or, for a row taller than a page, its first lines) travel together.
    if (y + tableLead(table, pageBody) > bottom && !atPageTop()) breakPage();
    if (table.caption) {
      for (const line of table.caption.lines) {
        // Only a caption taller than what tableLead kept together breaks (between its lines).
        if (y + line.height > bottom + 0.01 && !atPageTop()) breakPage();
        placeLine(line, table.caption.x, table.caption.owner);
      }
      y += table.caption.spaceAfter;
    }
    const headHeight = table.head.reduce((sum, row) => sum + row.height, 0);
    const repeatHead = headRepeats(headHeight, pageBody);
    let headPlaced = false;
    const continueOnNextPage = () => {
      breakPage();
      if (repeatHead && headPlaced) for (const row of table.head) placeRow(row, { repeated: true });
    };
    const pageRoom = pageBody - (repeatHead ? headHeight : 0);
    const placeInFlow = (row: RowLayout) => {
      if (y + row.height <= bottom + 0.01) {
        placeRow(row);
        return;
      }
      // A row that fits on a page is never split; a taller one starts here if two lines fit.
      if (row.height <= pageRoom || y + minimumRowSlice(row) > bottom) {
        continueOnNextPage();
        if (y + row.height <= bottom + 0.01) {
          placeRow(row);
          return;
        }
      }
      placeSplitRow(row, continueOnNextPage);
    };
    // A header too tall for its page is split like a body row (shown once, not repeated).
    for (const row of table.head) placeInFlow(row);
    headPlaced = true;
    table.body.forEach((row, rowIndex) => {
      if (rowIndex > 0 && rowIndex === breakBeforeRow && !atPageTop()) continueOnNextPage();
      placeInFlow(row);
    });
  }

  /**
   * A row taller than a page: each cell is cut at its own line boundary (cells' lines do not line up),
   * keeping two lines of a paragraph on each side of a cut where it can; the header repeats on each
   * page and every slice keeps the cells' padding. Nothing is lost: every line lands on some page.
   */
  function placeSplitRow(row: RowLayout, continueOnNextPage: () => void) {
    const next: number[] = row.cells.map(() => 0);
    const padTop = Math.max(0, ...row.cells.map((cell) => cell.style.paddingTop));
    const padBottom = Math.max(0, ...row.cells.map((cell) => cell.style.paddingBottom));
    let firstSlice = true;
    for (;;) {
      const room = bottom - y;
      const startOf = (index: number) => row.cells[index]!.lines[next[index]!]?.top ?? row.cells[index]!.contentHeight;
      // Offset of line `top` (cell content coordinates) from the slice's top edge.
      const position = (index: number, top: number) => (firstSlice ? row.cells[index]!.style.paddingTop + top : padTop + top - startOf(index));
      const restFits = row.cells.every((cell, index) => position(index, cell.contentHeight) + cell.style.paddingBottom <= room + 0.01);
      const limit = restFits ? room : room - padBottom;
      const counts: number[] = row.cells.map((cell, index) => {
        let count = 0;
        while (next[index]! + count < cell.lines.length) {
          const line = cell.lines[next[index]! + count]!;
          if (position(index, line.top) + line.line.height > limit + 0.01) break;
          count++;
        }
        return restFits ? count : keepParagraphLines(cell.lines, next[index]!, count);
      });
      if (!counts.some((count) => count > 0)) {
        // Not even one line fits here: try a fresh page, or at a page top place one line regardless.
        if (!atPageTop()) {
          continueOnNextPage();
          continue;
        }
        counts[next.findIndex((start, index) => start < row.cells[index]!.lines.length)] = 1;
      }
      const sliceTop = y;
      let used = 0;
      row.cells.forEach((cell, index) => {
        const placed = cell.lines.slice(next[index], next[index]! + counts[index]!);
        for (const cellLine of placed) {
          y = sliceTop + position(index, cellLine.top);
          placeLine(cellLine.line, cellLine.x, cellLine.owner);
          used = Math.max(used, y - sliceTop);
        }
        if (placed.length === 0) used = Math.max(used, firstSlice ? cell.style.paddingTop : padTop);
        next[index]! += counts[index]!;
      });
      const done = next.every((start, index) => start >= row.cells[index]!.lines.length);
      const height = used + (done ? Math.max(0, ...row.cells.map((cell) => cell.style.paddingBottom)) : padBottom);
      drawCellSlices(row, sliceTop, height, false);
      y = sliceTop + height;
      if (done) return;
      firstSlice = false;
      continueOnNextPage();
    }
  }

  function drawCellSlices(row: RowLayout, sliceTop: number, height: number, repeated: boolean) {
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

  /** Places a whole row at `y` (a body row, or a header row: repeated ones are artifacts). */
  function placeRow(row: RowLayout, options: { repeated?: boolean } = {}) {
    const sliceTop = y;
    drawCellSlices(row, sliceTop, row.height, options.repeated ?? false);
    for (const cell of row.cells) {
      for (const cellLine of cell.lines) {
        y = sliceTop + cell.style.paddingTop + cellLine.top;
        placeLine(cellLine.line, cellLine.x, options.repeated ? 'pagination' : cellLine.owner);
      }
    }
    y = sliceTop + row.height;
  }
}

/**
 * Share of the page body up to which a table's header rows repeat on each page the table spans. A
 * taller header (long subject names in narrow columns) is shown once: repeated, it would leave no room
 * for the rows below it, or none at all, and every new page would need another.
 */
const maxRepeatedHeadShare = 1 / 3;

export function headRepeats(headHeight: number, pageBody: number): boolean {
  return headHeight <= pageBody * maxRepeatedHeadShare;
}

function linesHeight(lines: readonly Line[]): number {
  return lines.reduce((sum, line) => sum + line.height, 0);
}

/** The first piece of a paragraph that may end a page: two lines, or all of a paragraph too short to split. */
function firstPieceHeight(lines: readonly Line[]): number {
  return linesHeight(lines.length < 2 * minimumLinesAtBreak ? lines : lines.slice(0, minimumLinesAtBreak));
}

/** Height a table needs at the bottom of a page to start there: caption, header and its first row (or first lines). */
function tableLead(table: TableLayout, pageBody: number): number {
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

/**
 * Height of everything after `index` up to and including the first piece of real content, with
 * vertical space collapsed as the paginator will collapse it (`pending`: space owed after `index`).
 */
function leadHeight(flow: readonly FlowItem[], index: number, pending: number, pageBody: number): number {
  let height = 0;
  for (let next = index + 1; next < flow.length; next++) {
    const item = flow[next]!;
    switch (item.kind) {
      case 'open':
        pending = Math.max(pending, item.spaceBefore);
        if (item.box) {
          height += pending + item.box.paddingTop;
          pending = 0;
        }
        break;
      case 'close':
        if (item.box) {
          height += item.box.paddingBottom;
          pending = item.spaceAfter;
        } else pending = Math.max(pending, item.spaceAfter);
        break;
      case 'page-break':
        return height;
      case 'lines':
        height += Math.max(pending, item.spaceBefore);
        if (!item.heading) return height + firstPieceHeight(item.lines);
        height += linesHeight(item.lines);
        pending = item.spaceAfter;
        break;
      case 'table':
        return height + Math.max(pending, item.spaceBefore) + tableLead(item.table, pageBody);
      case 'figure':
        return height + Math.max(pending, item.spaceBefore) + item.figure.height;
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

function shiftDecoration(shape: Decoration, dx: number, dy: number): Decoration {
  switch (shape.kind) {
    case 'rect':
      return { ...shape, x: shape.x + dx, y: shape.y + dy };
    case 'rule':
      return { ...shape, x1: shape.x1 + dx, x2: shape.x2 + dx, y1: shape.y1 + dy, y2: shape.y2 + dy };
    case 'circle':
      return { ...shape, cx: shape.cx + dx, cy: shape.cy + dy };
  }
}
