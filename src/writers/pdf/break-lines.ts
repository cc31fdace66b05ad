import type { FontBook, FontRef } from './font-book.js';
import type { TextRun } from './text-runs.js';
import type { BlankMark, StructNode } from './page-model.js';

/** A piece of a line in one style, positioned from the line's left edge. */
export interface LineFragment {
  text: string;
  x: number;
  width: number;
  font: FontRef;
  size: number;
  color: string;
  link?: string;
  /** Inline structure element (Link) of this text, when it is not the block's own text. */
  owner?: StructNode;
  /** Drawn for the layout only (the hyphen set where a word is split): an artifact, not part of the text a screen reader reads. */
  artifact?: boolean;
}

export interface Line {
  fragments: LineFragment[];
  width: number;
  /** Line box height (font size × line height). */
  height: number;
  /** Distance from the top of the line box to the baseline. */
  baseline: number;
  /** Rules to write on (worksheets), drawn just below the baseline, x relative to the line. */
  rules?: { x1: number; x2: number; color: string; blank?: BlankMark }[];
}

/** Where a word may be hyphenated: offsets into the word (UTF-16 units) before which a hyphen may go. */
export type Hyphenator = (word: string) => readonly number[];

export interface BreakOptions {
  /** Hyphenation points of a word in the paragraph's language; without one, words break only at hard hyphens (or when too long for the line). */
  hyphenate?: Hyphenator;
  /**
   * Hyphenate only a word wider than the line, at the language's points rather than after whichever
   * letter still fits: for narrow boxes (Venn regions), where a short word splits better whole.
   */
  hyphenateOverlongOnly?: boolean;
}

/**
 * The hyphen set where the breaker splits a word. U+2010 HYPHEN, not the dataset's U+002D: text read
 * back from the PDF can tell a hyphen added at a line end ("hyphen‐" + "ation") from one the author
 * wrote ("life-threatening"), and join the former without guessing.
 */
export const insertedHyphen = '\u2010';

/**
 * The breaker's shortcuts (words cut once per process, lines scored the quick way first) give the
 * same lines as the general path, to the bit. `setLineBreakShortcuts(false)` breaks the
 * straightforward way (tests compare the two).
 */
let shortcutsEnabled = true;

/** Turns the line breaker's shortcuts off (or on again) for the paragraphs broken from now on. */
export function setLineBreakShortcuts(enabled: boolean): void {
  shortcutsEnabled = enabled;
}

/** Knuth–Plass boxes, glue and penalties (The TeXbook, ch. 14), with text attached. */
type Item =
  | { kind: 'box'; text: string; run: TextRun; width: number }
  | { kind: 'glue'; run: TextRun; width: number; stretch: number; shrink: number }
  | { kind: 'penalty'; cost: number; hyphen?: { run: TextRun; width: number }; forced?: boolean; fallbackRun?: TextRun };

/** TeX's defaults: \linepenalty, \hyphenpenalty, \exhyphenpenalty, \doublehyphendemerits, \finalhyphendemerits. */
const linePenalty = 10;
const hyphenPenalty = 50;
/** Ragged text has no spaces to even out: a hyphen there must save about seven characters of slack to be worth it. */
const raggedHyphenPenalty = 150;
const explicitHyphenPenalty = 50;
const doubleHyphenDemerits = 10000;
const finalHyphenDemerits = 5000;
/** A split between any two characters of a word wider than the line: a last resort. */
const emergencyPenalty = 900;
/** Ragged lines are scored as if their right edge could stretch by this many ems (TeX's \raggedright uses 2em). */
const raggedStretchEms = 3;
/** TeX hyphenates only when at least two letters stay on the line and three go to the next. */
const leftHyphenMin = 2;
const rightHyphenMin = 3;
const tolerance = 0.01;

/** Characters after which an over-long word (a URL, a chemical name) may break without an added hyphen. */
const breakAfterChars = new Set(['-', '/', '.', '_', '?', '&', '=', ',', ';', ':', '\u2013', '\u2014', '\u2010']);
/** Hard hyphens: a compound word may break after one, with no hyphen added ("life-" / "threatening"). */
const hardHyphens = new Set(['-', '\u2010']);

/**
 * Breaks a paragraph into lines that minimise raggedness over the whole paragraph (Knuth–Plass total
 * fit: the sum of each line's squared-and-cubed slack plus penalties for hyphens), rather than filling
 * each line greedily. Words break after hard hyphens and, with a hyphenator, at the language's
 * hyphenation points, with a hyphen set at the line end; a word wider than the line is split between
 * characters as a last resort (with a hyphen when both sides are letters), so it never crosses its box.
 * `justify` stretches word spaces so every line but the last fills the width.
 */
export function breakLines(runs: readonly TextRun[], maxWidth: number, lineHeight: number, fonts: FontBook, align: 'left' | 'center' | 'right' | 'justify' = 'left', options: BreakOptions = {}): Line[] {
  const items = itemize(runs, maxWidth, fonts, options.hyphenate, options.hyphenateOverlongOnly === true);
  if (items.length === 0) return [];
  const em = runs.find((run) => run.text.length > 0)?.size ?? runs[0]?.size ?? 10;
  const breaks = chooseBreaks(items, maxWidth, align === 'justify', em);
  // A forced break at the very end (a trailing `<br>`) opens no empty last line.
  if (breaks.length > 1 && lineStart(items, breaks.at(-2)!) >= items.length) breaks.pop();
  const lines: Line[] = [];
  let start = 0;
  for (const end of breaks) {
    lines.push(composeLine(items, start, end, lineHeight, fonts));
    start = lineStart(items, end);
  }
  if (align === 'center' || align === 'right') {
    for (const line of lines) {
      const shift = align === 'center' ? (maxWidth - line.width) / 2 : maxWidth - line.width;
      for (const fragment of line.fragments) fragment.x += shift;
    }
  }
  if (align === 'justify') {
    lines.forEach((line, index) => {
      const end = breaks[index]!;
      const last = index === lines.length - 1 || (items[end]?.kind === 'penalty' && (items[end] as { forced?: boolean }).forced === true);
      if (!last) justifyLine(line, maxWidth, fonts);
    });
  }
  return lines;
}

/** No line break at a space before these (French "mot :", "« mot »", "5 %")… */
const noBreakBefore = /^[:;!?»›%]/;
/** …or after these ("« mot"). */
const noBreakAfter = /[«‹]$/;

interface Piece {
  text: string;
  run: TextRun;
}

/** Runs → Knuth–Plass items: words become boxes (with penalties where they may break), spaces glue. */
function itemize(runs: readonly TextRun[], maxWidth: number, fonts: FontBook, hyphenate: Hyphenator | undefined, overlongOnly: boolean): Item[] {
  // Runs split into words and spaces first, so a space can look at its neighbours across runs.
  const parts: { text: string; run: TextRun; space: boolean; newline?: boolean }[] = [];
  for (const run of runs) {
    for (const part of run.text.split(/([ \t\n\u200b]+)/)) {
      if (part.length === 0) continue;
      parts.push({ text: part, run, space: /^[ \t\n\u200b]+$/.test(part) });
    }
    if (run.breakAfter) parts.push({ text: '', run, space: false, newline: true });
  }
  const items: Item[] = [];
  let word: Piece[] | undefined;
  const endWord = () => {
    if (word && word.length > 0) items.push(...wordItems(word, maxWidth, fonts, overlongOnly && hyphenate && !isWiderThan(word, maxWidth, fonts) ? undefined : hyphenate));
    word = undefined;
  };
  parts.forEach((part, index) => {
    if (part.newline) {
      endWord();
      items.push({ kind: 'penalty', cost: -Infinity, forced: true, fallbackRun: part.run });
      return;
    }
    if (!part.space) {
      (word ??= []).push({ text: part.text, run: part.run });
      return;
    }
    if (part.text === '\u200b') {
      endWord();
      items.push({ kind: 'penalty', cost: 0 });
      return;
    }
    const before = parts[index - 1];
    const after = parts[index + 1];
    const glued = word !== undefined && before !== undefined && !before.space && !before.newline && after !== undefined && !after.space && !after.newline && (noBreakBefore.test(after.text) || noBreakAfter.test(before.text));
    if (glued) {
      word!.push({ text: ' ', run: part.run });
      return;
    }
    endWord();
    const width = fonts.width(' ', part.run.font, part.run.size);
    // TeX's interword glue for a roman font: stretch a half, shrink a third of the space.
    if (items.length > 0 && items.at(-1)!.kind !== 'glue') items.push({ kind: 'glue', run: part.run, width, stretch: width / 2, shrink: width / 3 });
  });
  endWord();
  while (items.at(-1)?.kind === 'glue') items.pop();
  return items;
}

/** Whether a word (its pieces, soft hyphens not drawn) is wider than the line. */
function isWiderThan(pieces: readonly Piece[], maxWidth: number, fonts: FontBook): boolean {
  return pieces.reduce((sum, piece) => sum + fonts.width(piece.text.replace(/\u00ad/g, ''), piece.run.font, piece.run.size), 0) > maxWidth + tolerance;
}

/** Letters a hyphenation pattern may apply to (no digits, no acronyms or mixed case such as "SARS-CoV"). */
const hyphenatable = /^\p{Ll}?\p{Ll}+$|^\p{Lu}\p{Ll}+$/u;

/** A place inside a word where a line may end: its penalty, and whether a hyphen is set there. */
interface BreakPoint {
  cost: number;
  hyphen: boolean;
}

/** One word → boxes with penalties at its break points (hard hyphens, soft hyphens, patterns, emergency splits). */
function wordItems(pieces: Piece[], maxWidth: number, fonts: FontBook, hyphenate: Hyphenator | undefined): Item[] {
  if (pieces.length === 1 && !pieces[0]!.text.includes('\u00ad')) {
    const only = pieces[0]!;
    const width = fonts.width(only.text, only.run.font, only.run.size);
    if (width <= maxWidth + tolerance) {
      // The common case first: a word too short to hyphenate, with no hyphen of any kind, that fits.
      if ((!hyphenate || only.text.length < leftHyphenMin + rightHyphenMin) && !/[-\u2010]/.test(only.text)) return [{ kind: 'box', text: only.text, run: only.run, width }];
      // A word in one style that fits the line: its break points are the same wherever it occurs.
      if (shortcutsEnabled) return plannedItems(wordPlan(only.text, hyphenate), only.run, fonts);
    }
  }
  // Soft hyphens typed in the data are the author's own break points; they are never printed.
  let text = '';
  const chars: { char: string; run: TextRun }[] = [];
  const softBreaks = new Set<number>();
  for (const piece of pieces) {
    for (const char of piece.text) {
      if (char === '\u00ad') {
        softBreaks.add(text.length);
        continue;
      }
      chars.push({ char, run: piece.run });
      text += char;
    }
  }
  const { offsets, charIndexAt, breaks } = breakPoints(chars, text, softBreaks, hyphenate);
  const wordWidth = pieces.reduce((sum, piece) => sum + fonts.width(piece.text.replace(/\u00ad/g, ''), piece.run.font, piece.run.size), 0);
  if (breaks.size === 0 && wordWidth <= maxWidth + tolerance) {
    // The common case: a word that cannot break, one box per style.
    return pieces.map((piece) => ({ kind: 'box' as const, text: piece.text, run: piece.run, width: fonts.width(piece.text, piece.run.font, piece.run.size) }));
  }
  if (wordWidth > maxWidth + tolerance) {
    // Too wide for any line: allow a split anywhere, preferring the points above.
    for (let index = 1; index < chars.length; index++) {
      const at = offsets[index]!;
      if (breaks.has(at)) continue;
      const previous = chars[index - 1]!.char;
      const letters = /[\p{L}\p{N}]/u.test(previous) && /[\p{L}\p{N}]/u.test(chars[index]!.char);
      breaks.set(at, { cost: breakAfterChars.has(previous) ? hyphenPenalty : emergencyPenalty, hyphen: letters });
    }
  }
  const items: Item[] = [];
  let from = 0;
  const breakIndexes = [...breaks.keys()].map((at) => charIndexAt.get(at)!).sort((a, b) => a - b);
  const pushBoxes = (start: number, end: number) => {
    let pieceStart = start;
    for (let index = start + 1; index <= end; index++) {
      if (index === end || chars[index]!.run !== chars[pieceStart]!.run) {
        const run = chars[pieceStart]!.run;
        const boxText = chars.slice(pieceStart, index).map((c) => c.char).join('');
        items.push({ kind: 'box', text: boxText, run, width: fonts.width(boxText, run.font, run.size) });
        pieceStart = index;
      }
    }
  };
  for (const index of breakIndexes) {
    pushBoxes(from, index);
    const found = breaks.get(offsets[index]!)!;
    const run = chars[index - 1]!.run;
    items.push({ kind: 'penalty', cost: found.cost, ...(found.hyphen ? { hyphen: { run, width: fonts.width(insertedHyphen, run.font, run.size) } } : {}) });
    from = index;
  }
  pushBoxes(from, chars.length);
  return items;
}

/**
 * Break opportunities of a word (characters without its soft hyphens, `text` their concatenation) by
 * offset into `text`, before any emergency splits.
 */
function breakPoints(chars: readonly { char: string }[], text: string, softBreaks: ReadonlySet<number>, hyphenate: Hyphenator | undefined): { offsets: number[]; charIndexAt: Map<number, number>; breaks: Map<number, BreakPoint> } {
  const breaks = new Map<number, BreakPoint>();
  const offsets: number[] = [];
  let offset = 0;
  for (const { char } of chars) {
    offsets.push(offset);
    offset += char.length;
  }
  const charIndexAt = new Map(offsets.map((value, index) => [value, index]));
  offsets.forEach((start, index) => {
    const char = chars[index]!.char;
    // After a hard hyphen with at least two letters before and three after, as for hyphenation
    // ("life-" / "threatening"; never "β-" / "lactamines", "TNF-" / "α", "-5").
    if (hardHyphens.has(char) && lettersAround(chars, index, -1) >= leftHyphenMin && lettersAround(chars, index, 1) >= rightHyphenMin) {
      breaks.set(start + char.length, { cost: explicitHyphenPenalty, hyphen: false });
    }
  });
  for (const at of softBreaks) if (at > 0 && at < text.length) breaks.set(at, { cost: hyphenPenalty, hyphen: true });
  // A compound with a hard hyphen breaks only there (as TeX does): "life-" / "threatening", never "life-threat-" / "ening".
  if (hyphenate && softBreaks.size === 0 && !/[-\u2010]/.test(text)) {
    for (const match of text.matchAll(/\p{L}+/gu)) {
      const segment = match[0];
      if (segment.length < leftHyphenMin + rightHyphenMin || !hyphenatable.test(segment)) continue;
      for (const point of hyphenate(segment)) {
        if (point < leftHyphenMin || segment.length - point < rightHyphenMin) continue;
        const at = match.index + point;
        if (charIndexAt.has(at) && !breaks.has(at)) breaks.set(at, { cost: hyphenPenalty, hyphen: true });
      }
    }
  }
  return { offsets, charIndexAt, breaks };
}

/** A word in one style cut at its break points: `parts[i]` and `parts[i + 1]` meet at `breaks[i]`. */
interface WordPlan {
  readonly parts: readonly string[];
  readonly breaks: readonly Readonly<BreakPoint>[];
}

/**
 * Plans of the words seen so far, by hyphenator (none: `null`) and word. A word's break points depend
 * on its letters and language alone, and handouts repeat their words: each is cut once per process.
 * Plans are frozen, as every document shares them.
 */
const wordPlans = new Map<Hyphenator | null, Map<string, WordPlan>>();
/** Past this many words a language's plans start again (bounded memory in long watch sessions). */
const maxWordPlans = 50_000;

/** `word` (no soft hyphens) cut at its break points, as the general path in `wordItems` cuts it. */
function wordPlan(word: string, hyphenate: Hyphenator | undefined): WordPlan {
  let plans = wordPlans.get(hyphenate ?? null);
  if (!plans) {
    plans = new Map();
    wordPlans.set(hyphenate ?? null, plans);
  }
  let plan = plans.get(word);
  if (plan) return plan;
  const chars = Array.from(word, (char) => ({ char }));
  const { offsets, charIndexAt, breaks } = breakPoints(chars, word, new Set(), hyphenate);
  const parts: string[] = [];
  const points: BreakPoint[] = [];
  let from = 0;
  for (const index of [...breaks.keys()].map((at) => charIndexAt.get(at)!).sort((a, b) => a - b)) {
    parts.push(word.slice(offsets[from], offsets[index]));
    points.push(Object.freeze({ ...breaks.get(offsets[index]!)! }));
    from = index;
  }
  parts.push(word.slice(offsets[from]));
  plan = Object.freeze({ parts: Object.freeze(parts), breaks: Object.freeze(points) });
  if (plans.size >= maxWordPlans) plans.clear();
  plans.set(word, plan);
  return plan;
}

/** A planned word's items in `run`: its parts as boxes, with a penalty at each break point. */
function plannedItems(plan: WordPlan, run: TextRun, fonts: FontBook): Item[] {
  const items: Item[] = [{ kind: 'box', text: plan.parts[0]!, run, width: fonts.width(plan.parts[0]!, run.font, run.size) }];
  for (let index = 0; index < plan.breaks.length; index++) {
    const found = plan.breaks[index]!;
    items.push(found.hyphen ? { kind: 'penalty', cost: found.cost, hyphen: { run, width: fonts.width(insertedHyphen, run.font, run.size) } } : { kind: 'penalty', cost: found.cost });
    const part = plan.parts[index + 1]!;
    items.push({ kind: 'box', text: part, run, width: fonts.width(part, run.font, run.size) });
  }
  return items;
}

/** How many letters run from the character at `index` in `direction` (−1 before it, +1 after it). */
function lettersAround(chars: readonly { char: string }[], index: number, direction: 1 | -1): number {
  let count = 0;
  for (let at = index + direction; at >= 0 && at < chars.length && /\p{L}/u.test(chars[at]!.char); at += direction) count++;
  return count;
}

/** Index of the first item of a line that starts after a break at `end`: glue and penalties there are dropped. */
function lineStart(items: readonly Item[], end: number): number {
  let start = end;
  if (items[start]?.kind === 'glue' || items[start]?.kind === 'penalty') start++;
  while (start < items.length && (items[start]!.kind === 'glue' || (items[start]!.kind === 'penalty' && !(items[start] as { forced?: boolean }).forced))) start++;
  return start;
}

function isFlagged(item: Item | undefined): boolean {
  return item?.kind === 'penalty' && item.hyphen !== undefined;
}

/** TeX's demerits of a line of the given badness ending at a break with the given penalty. */
function demeritsOf(badness: number, penaltyCost: number, flaggedEnd: boolean, forced: boolean, flaggedStart: boolean): number {
  let demerits = (linePenalty + badness) ** 2 + (penaltyCost > 0 ? penaltyCost ** 2 : 0);
  if (flaggedEnd && flaggedStart) demerits += doubleHyphenDemerits;
  if (forced && flaggedStart) demerits += finalHyphenDemerits;
  return demerits;
}

/**
 * Working arrays of `chooseBreaks`, kept from one paragraph to the next and grown when one needs more
 * (a handout breaks thousands of paragraphs; allocating them each time kept the collector busy).
 * Every entry is written before it is read.
 */
function newArrays(size: number) {
  return {
    width: new Float64Array(size),
    stretch: new Float64Array(size),
    shrink: new Float64Array(size),
    flagged: new Uint8Array(size),
    total: new Float64Array(size),
    previous: new Int32Array(size),
    starts: new Int32Array(size),
  };
}
let arrays = newArrays(256);

/** Per-start scores of the break being decided, reused from one break (and paragraph) to the next. */
function newScratch(size: number) {
  return { from: new Int32Array(size), ratio: new Float64Array(size), sum: new Float64Array(size) };
}
let scratch = newScratch(64);

/**
 * The optimal break points (indexes into `items`; the last is `items.length`): a shortest path over
 * the feasible breaks, each line scored by TeX's demerits. Only breaks within a line's width of the
 * current one are considered, so the work stays linear in the paragraph's length.
 */
function chooseBreaks(items: readonly Item[], maxWidth: number, justify: boolean, em: number): number[] {
  const n = items.length;
  if (arrays.width.length < n + 2) arrays = newArrays(2 * (n + 2));
  // Prefix sums of natural width, stretch and shrink over items [0, k).
  const { width, stretch, shrink, flagged, total, previous, starts } = arrays;
  width[0] = 0;
  stretch[0] = 0;
  shrink[0] = 0;
  // Whether the break at item index + 1 sets a hyphen (0, the paragraph's start, never does).
  flagged[0] = 0;
  for (let index = 0; index < n; index++) {
    const item = items[index]!;
    flagged[index + 1] = isFlagged(item) ? 1 : 0;
    width[index + 1] = width[index]! + (item.kind === 'penalty' ? 0 : item.width);
    stretch[index + 1] = stretch[index]! + (item.kind === 'glue' ? item.stretch : 0);
    shrink[index + 1] = shrink[index]! + (item.kind === 'glue' ? item.shrink : 0);
  }
  const candidates: number[] = [];
  for (let index = 0; index < n; index++) {
    const item = items[index]!;
    if (item.kind === 'glue' && index > 0 && items[index - 1]!.kind === 'box') candidates.push(index);
    else if (item.kind === 'penalty' && item.cost < Infinity) candidates.push(index);
  }
  candidates.push(n);

  // Break nodes by item index + 1 (0 is the paragraph start, before item 0): best total demerits,
  // the break before it on the best path, and where the line after it starts.
  total[0] = 0;
  previous[0] = -1;
  starts[0] = 0;
  let active: number[] = [-1];
  const raggedStretch = raggedStretchEms * em;
  for (const end of candidates) {
    const endItem = items[end];
    const forced = endItem === undefined || (endItem.kind === 'penalty' && endItem.forced === true);
    const hyphenWidth = endItem?.kind === 'penalty' ? (endItem.hyphen?.width ?? 0) : 0;
    const penaltyCost = endItem?.kind === 'penalty' && !forced ? (!justify && endItem.hyphen && endItem.cost === hyphenPenalty ? raggedHyphenPenalty : endItem.cost) : 0;
    const flaggedEnd = isFlagged(endItem);
    const latest = active[active.length - 1]!;
    if (scratch.from.length < active.length) scratch = newScratch(active.length * 2);
    let kept = 0;
    let scored = 0;
    let quickBest = Infinity;
    for (const from of active) {
      const start = starts[from + 1]!;
      const natural = width[end]! - width[start]!;
      const lineShrink = justify ? shrink[end]! - shrink[start]! : 0;
      // Later breaks only make this line longer: a start that overflows here is done.
      if (natural - lineShrink > maxWidth + tolerance && from !== latest) continue;
      active[kept++] = from;
      const slack = maxWidth - natural - hyphenWidth;
      // The badness is 100 × ratio³ (no ratio: a badness of 0).
      let ratio: number;
      if (forced) {
        if (slack < -tolerance && !(justify && -slack <= lineShrink)) continue;
        ratio = -1;
      } else if (slack >= -tolerance) {
        const lineStretch = justify ? stretch[end]! - stretch[start]! : raggedStretch;
        ratio = Math.max(0, slack) / Math.max(lineStretch, 0.1);
      } else if (justify && lineShrink > 0 && -slack <= lineShrink) ratio = -slack / lineShrink;
      else continue;
      const sum = total[from + 1]! + demeritsOf(ratio < 0 ? 0 : 100 * (ratio * ratio * ratio), penaltyCost, flaggedEnd, forced, flagged[from + 1] === 1);
      scratch.from[scored] = from;
      scratch.ratio[scored] = ratio;
      scratch.sum[scored] = sum;
      scored++;
      if (sum < quickBest) quickBest = sum;
    }
    // The cube above is two roundings from \`ratio ** 3\` (Math.pow, exact to the last bit but slow):
    // a few units in the last place of the sum. Only the starts within a hair of the quick best can be
    // the best, and those are scored again with \`**\`, so the choice and the total are exactly the
    // ones the exact formula gives.
    const within = shortcutsEnabled ? quickBest + Math.abs(quickBest) * 1e-9 : Infinity;
    let best = Infinity;
    let bestFrom = -2;
    for (let index = 0; index < scored; index++) {
      if (!(scratch.sum[index]! <= within)) continue;
      const from = scratch.from[index]!;
      const ratio = scratch.ratio[index]!;
      const sum = total[from + 1]! + demeritsOf(ratio < 0 ? 0 : 100 * ratio ** 3, penaltyCost, flaggedEnd, forced, flagged[from + 1] === 1);
      if (sum < best) {
        best = sum;
        bestFrom = from;
      }
    }
    active.length = kept;
    if (bestFrom === -2) {
      // Nothing fits (a single character wider than the line): overflow from the latest break.
      bestFrom = latest;
      best = total[latest + 1]! + 1e12;
    }
    total[end + 1] = best;
    previous[end + 1] = bestFrom;
    starts[end + 1] = lineStart(items, end);
    if (forced) active = [end];
    else active.push(end);
  }
  const breaks: number[] = [];
  for (let at = n; at >= 0; at = previous[at + 1]!) breaks.push(at);
  return breaks.reverse();
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.font.family === b.font.family && a.font.face === b.font.face && a.size === b.size && a.color === b.color && a.link === b.link && a.owner === b.owner;
}

/** Items [start, end) as one line → fragments, merging neighbours of the same style so each is one text draw. */
function composeLine(items: readonly Item[], start: number, end: number, lineHeight: number, fonts: FontBook): Line {
  const fragments: LineFragment[] = [];
  let x = 0;
  let openRun: TextRun | undefined;
  // The open fragment's words and spaces, joined once it is complete: a text built word by word with
  // `+=` is a chain of string pieces, several times the size of the text, kept as long as the page plan.
  let pieces: string[] = [];
  const completeText = () => {
    if (pieces.length > 1) fragments.at(-1)!.text = pieces.join('');
    pieces = [];
  };
  const append = (text: string, run: TextRun, width: number) => {
    const last = fragments.at(-1);
    if (last && openRun && sameStyle(openRun, run)) {
      pieces.push(text);
      last.width += width;
    } else {
      completeText();
      fragments.push({ text, x, width, font: run.font, size: run.size, color: run.color, ...(run.link ? { link: run.link } : {}), ...(run.owner ? { owner: run.owner } : {}) });
      pieces.push(text);
      openRun = run;
    }
    x += width;
  };
  let stop = end;
  while (stop > start && items[stop - 1]!.kind !== 'box') stop--;
  for (let index = start; index < stop; index++) {
    const item = items[index]!;
    if (item.kind === 'box') append(item.text, item.run, item.width);
    else if (item.kind === 'glue') append(' ', item.run, item.width);
  }
  const endItem = items[end];
  if (endItem?.kind === 'penalty' && endItem.hyphen) {
    completeText();
    const run = endItem.hyphen.run;
    fragments.push({ text: insertedHyphen, x, width: endItem.hyphen.width, font: run.font, size: run.size, color: run.color, artifact: true });
    x += endItem.hyphen.width;
  }
  else if (endItem?.kind === 'glue' && fragments.length > 0) {
    // A wrapped line keeps its word space as text (not width), so text extracted from the PDF and read
    // by screen readers has "to life", not "tolife", across the line break.
    pieces.push(' ');
  }
  completeText();
  const fallbackRun = endItem?.kind === 'penalty' ? endItem.fallbackRun : undefined;
  const sizes = fragments.map((f) => f.size);
  const size = sizes.length > 0 ? Math.max(...sizes) : (fallbackRun?.size ?? 10);
  const height = size * lineHeight;
  let ascent = 0;
  let descent = 0;
  for (const fragment of fragments) {
    const metrics = fonts.metrics(fragment.font, fragment.size);
    ascent = Math.max(ascent, metrics.ascent);
    descent = Math.min(descent, metrics.descent);
  }
  if (fragments.length === 0 && fallbackRun) {
    const metrics = fonts.metrics(fallbackRun.font, fallbackRun.size);
    ascent = metrics.ascent;
    descent = metrics.descent;
  }
  // Centre the glyph box (ascent − descent) in the line box, like CSS half-leading.
  const baseline = (height - (ascent - descent)) / 2 + ascent;
  // Copied to its length: a list grown by `push` keeps room for 17 entries, and a line (most have one
  // to three fragments) lives as long as the page plan.
  return { fragments: fragments.slice(), width: x, height, baseline };
}

/**
 * Spreads a line's word spaces so its right edge meets `maxWidth`. Each word becomes its own fragment
 * at its final position (keeping its following space as text, so extracted text still has spaces);
 * the writer needs no word-spacing support of its own.
 */
function justifyLine(line: Line, maxWidth: number, fonts: FontBook): void {
  const words: LineFragment[] = [];
  // The space kept as text after the last word has no width; it goes back on after splitting.
  const lastFragment = line.fragments.at(-1);
  const trailingSpace = lastFragment?.text.endsWith(' ') === true;
  if (lastFragment && trailingSpace) lastFragment.text = lastFragment.text.slice(0, -1);
  for (const fragment of line.fragments) {
    const parts = fragment.text.split(/(?<= )/);
    let x = fragment.x;
    for (const part of parts) {
      if (part.length === 0) continue;
      const partWidth = part === fragment.text ? fragment.width : fonts.width(part, fragment.font, fragment.size);
      words.push({ ...fragment, text: part, x, width: partWidth });
      x += partWidth;
    }
  }
  // Spaces that sit between words on this line (not the trailing one kept for extraction).
  if (trailingSpace) words.at(-1)!.text += ' ';
  const gaps = words.slice(0, -1).filter((word) => word.text.endsWith(' ')).length;
  const extra = maxWidth - line.width;
  if (gaps === 0) {
    if (lastFragment && trailingSpace) lastFragment.text += ' ';
    return;
  }
  const perGap = extra / gaps;
  let shift = 0;
  for (const word of words.slice(0, -1)) {
    word.x += shift;
    if (word.text.endsWith(' ')) shift += perGap;
  }
  words.at(-1)!.x += shift;
  line.fragments = words;
  line.width = maxWidth;
}
