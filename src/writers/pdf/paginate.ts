import type { Line } from './break-lines.js';
import type { FlowItem, BoxDecoration } from './flow.js';
import { countFitting, firstPieceHeight, linesHeight, minimumLinesAtBreak } from './line-heights.js';
import { PageCursor } from './page-cursor.js';
import type { Decoration, OutlineEntry, Page, StructNode } from './page-model.js';
import { placeTable, tableLead } from './place-table.js';

export { headRepeats } from './place-table.js';

export interface PageFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

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
  /**
   * Makes the pages again, exactly as decided, handing each to `onPage` once it is complete. Once
   * only: it uses up the flow, letting go of each table row once it is on a page (see placeTable).
   */
  place(onPage: (page: Page, index: number) => void): void;
}

export function planPages(flow: readonly FlowItem[], frame: PageFrame): PagePlan {
  const chosen = choosePlacement(flow, frame);
  return { pageCount: chosen.pageCount, outline: chosen.outline, lastPages: chosen.lastPages, place: (onPage) => void placeFlow(chosen.flow, frame, { ...chosen.options, final: true }, onPage) };
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

/**
 * A question's prompt keeps with its answer space, the height they need together: the whole blank when
 * prompt and blank fit on a page (a blank is not cut), else the blank's first lines.
 */
function promptWithAnswer(flow: readonly FlowItem[], index: number, pageBody: number): number | undefined {
  const item = flow[index];
  if (item?.kind !== 'lines' || item.heading || isWritingSpace(item)) return undefined;
  const next = flow[index + 1];
  if (next?.kind !== 'lines' || !isWritingSpace(next)) return undefined;
  const promptAndSpace = linesHeight(item.lines) + Math.max(item.spaceAfter, next.spaceBefore);
  const whole = promptAndSpace + linesHeight(next.lines);
  return whole <= pageBody ? whole : promptAndSpace + linesHeight(next.lines.slice(0, minimumLinesAtBreak));
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
  /**
   * The run that makes the pages for good: nothing decides anything from it afterwards, so it takes
   * the table rows out of the flow as it places them and notes no last pages (the plan has them).
   */
  final?: boolean;
}

/** One run of placing the flow: the cursor, and what the run notes for the decisions around it. */
interface FlowRun {
  flow: readonly FlowItem[];
  options: PlaceOptions;
  cursor: PageCursor;
  outline: OutlineEntry[];
  /** The first figure (or heading leading into one) pushed to the next page leaving more than a third of this one empty. */
  figureGap?: number;
}

/** Places the flow; each page, once complete, goes to `onPage` (if any) and is not kept here. */
function placeFlow(flow: readonly FlowItem[], frame: PageFrame, options: PlaceOptions, onPage?: (page: Page, index: number) => void): Placement {
  const cursor = new PageCursor(frame, onPage, { recordLastPages: options.final !== true });
  const run: FlowRun = { flow, options, cursor, outline: [] };
  let trailing = false;
  let lastContentIndex = -1;
  let lastContentPage = 0;
  for (let index = 0; index < flow.length; index++) {
    const item = flow[index]!;
    if (item.kind === 'open' && item.keepWithPrevious) trailing = true;
    if (options.breakAt?.index === index && options.breakAt.linesBefore === 0 && !cursor.atPageTop()) cursor.breakPage();
    placeItem(run, index, item);
    if (item.kind === 'lines' || item.kind === 'table' || item.kind === 'figure') {
      cursor.contentEnd = cursor.y;
      if (!trailing) {
        lastContentIndex = index;
        lastContentPage = cursor.pageCount - 1;
      }
    }
  }
  cursor.completePage();
  const { pageCount, lastPages } = cursor;
  const { outline, figureGap } = run;
  return { flow, options, pageCount, outline, lastPages, trailingAlone: trailing && pageCount - 1 > lastContentPage, lastContentIndex, ...(figureGap !== undefined ? { figureGap } : {}) };
}

/** One flow item at the cursor, with the vertical space around it collapsed. */
function placeItem(run: FlowRun, index: number, item: FlowItem): void {
  const cursor = run.cursor;
  switch (item.kind) {
    case 'page-break':
      if (!cursor.atPageTop()) cursor.breakPage();
      break;
    case 'open':
      cursor.pending = Math.max(cursor.pending, item.spaceBefore);
      if (item.box) {
        // Keep a decorated box from starting empty at the very bottom of a page.
        if (cursor.y + cursor.pending + item.box.paddingTop + leadHeight(run.flow, index, 0, cursor.pageBody) > cursor.bottom && !cursor.atPageTop()) cursor.breakPage();
        cursor.openBox(item.box);
      }
      break;
    case 'close':
      if (item.box) cursor.closeBox(item.box, item.spaceAfter);
      else cursor.pending = Math.max(cursor.pending, item.spaceAfter);
      break;
    case 'lines':
      cursor.settle(item.spaceBefore);
      placeLines(run, index, item);
      cursor.pending = item.spaceAfter;
      break;
    case 'table':
      cursor.settle(item.spaceBefore);
      placeTable(cursor, item.table, run.options.breakAt?.index === index ? run.options.breakAt.linesBefore : 0, run.options.final === true);
      cursor.pending = item.spaceAfter;
      break;
    case 'figure':
      cursor.settle(item.spaceBefore);
      placeFigure(run, index, item);
      cursor.pending = item.spaceAfter;
      break;
  }
}

type LinesItem = Extract<FlowItem, { kind: 'lines' }>;
type FigureItem = Extract<FlowItem, { kind: 'figure' }>;

/**
 * A paragraph, heading or answer space at the cursor, continued on the next page where its lines run
 * out of room (never leaving a single line on either side of the break).
 */
function placeLines(run: FlowRun, index: number, item: LinesItem): void {
  const cursor = run.cursor;
  if (item.heading) {
    keepHeadingWithLead(run, index, item);
    run.outline.push({ title: item.heading.title, level: item.heading.level, pageIndex: cursor.pageCount - 1, y: cursor.y, children: [] });
  }
  const withAnswer = promptWithAnswer(run.flow, index, cursor.pageBody);
  if (withAnswer !== undefined && withAnswer <= cursor.pageBody && cursor.y + withAnswer > cursor.bottom && !cursor.atPageTop()) cursor.breakPage();
  // A blank is one place to write: one that fits on a page is not cut, it starts the next one.
  const blankHeight = isWritingSpace(item) ? linesHeight(item.lines) : undefined;
  if (blankHeight !== undefined && blankHeight <= cursor.pageBody && cursor.y + blankHeight > cursor.bottom && !cursor.atPageTop()) cursor.breakPage();
  // A break the keep rules asked for inside this paragraph: after this many lines (0: none).
  const breakAfter = run.options.breakAt?.index === index ? run.options.breakAt.linesBefore : 0;
  let remaining = item.lines;
  let first = true;
  while (remaining.length > 0) {
    let fitting = linesForThisPage(cursor, remaining);
    // The paragraph's last lines go to the next page with the trailing matter, even where they fit here.
    if (first && breakAfter > 0 && fitting > breakAfter) fitting = breakAfter;
    placeLinesHere(cursor, item, remaining.slice(0, fitting), first);
    if (fitting > 0) first = false;
    remaining = remaining.slice(fitting);
    if (remaining.length > 0) cursor.breakPage();
  }
}

/** A heading travels with the start of what follows it (spacing collapsed as it will be). */
function keepHeadingWithLead(run: FlowRun, index: number, item: LinesItem): void {
  const cursor = run.cursor;
  const needed = linesHeight(item.lines) + leadHeight(run.flow, index, item.spaceAfter, cursor.pageBody);
  if (cursor.y + needed > cursor.bottom && !cursor.atPageTop()) breakBeforeLeadIn(run, index);
}

/** How many of a paragraph's `remaining` lines go on this page: no widow, no orphan, and at a page top at least one. */
function linesForThisPage(cursor: PageCursor, remaining: readonly Line[]): number {
  let fitting = countFitting(remaining, cursor.bottom - cursor.y);
  if (fitting < remaining.length) {
    // No widow: at least two lines go to the next page; no orphan: at least two stay here.
    if (remaining.length - fitting < minimumLinesAtBreak) fitting = Math.max(0, remaining.length - minimumLinesAtBreak);
    if (fitting < minimumLinesAtBreak) fitting = 0;
    // A block taller than a whole page has to break somewhere.
    if (fitting === 0 && cursor.atPageTop()) fitting = Math.max(1, countFitting(remaining, cursor.bottom - cursor.y));
  }
  return fitting;
}

/** Places `lines` of `item` at the cursor; the list marker goes beside the paragraph's first line. */
function placeLinesHere(cursor: PageCursor, item: LinesItem, lines: readonly Line[], first: boolean): void {
  lines.forEach((line, lineIndex) => {
    if (first && lineIndex === 0 && item.marker) {
      const saved = cursor.y;
      cursor.placeLine(item.marker.text, item.x - item.marker.text.width - item.marker.text.height * 0.3, item.marker.owner);
      cursor.y = saved;
    }
    cursor.placeLine(line, item.x, item.owner);
  });
}

/** A figure is one picture: it moves to the next page whole rather than being cut. */
function placeFigure(run: FlowRun, index: number, item: FigureItem): void {
  const cursor = run.cursor;
  if (cursor.y + item.figure.height > cursor.bottom && !cursor.atPageTop()) breakBeforeLeadIn(run, index);
  const top = cursor.y;
  for (const shape of item.figure.shapes) cursor.page.decorations.push(shiftDecoration(shape, item.x, top));
  for (const text of item.figure.texts) {
    cursor.y = top + text.top;
    cursor.placeLine(text.line, item.x + text.x, text.owner);
  }
  cursor.y = top + item.figure.height;
}

/**
 * Breaks the page before the item at `index`, first noting the figure it is or leads into if that
 * leaves more than a third of this page empty (the figure may then float, see floatFigure).
 */
function breakBeforeLeadIn(run: FlowRun, index: number): void {
  const cursor = run.cursor;
  const figure = figureAhead(run.flow, index);
  if (run.figureGap === undefined && figure !== undefined && cursor.bottom - Math.max(cursor.contentEnd, cursor.top) > cursor.pageBody / 3) run.figureGap = figure;
  cursor.breakPage();
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
