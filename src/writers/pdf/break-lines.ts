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

interface Piece {
  text: string;
  run: TextRun;
  width: number;
}

type Token = { kind: 'word'; pieces: Piece[]; width: number } | { kind: 'space'; run: TextRun; width: number } | { kind: 'newline'; run: TextRun };

const breakAfterChars = new Set(['-', '/', '.', '_', '?', '&', '=', ',', ';', ':', '\u2013', '\u2014']);

/**
 * Greedy line breaking at spaces (what readers expect in a handout: no hyphenation, so every word
 * extracts back exactly). A word wider than the line — a URL, a chemical name — is split after a
 * hyphen, slash or dot when it can be, else between characters, so it never crosses its box.
 */
export function breakLines(runs: readonly TextRun[], maxWidth: number, lineHeight: number, fonts: FontBook, align: 'left' | 'center' | 'right' | 'justify' = 'left'): Line[] {
  const tokens = tokenize(runs, fonts);
  const lines: Line[] = [];
  let current: Token[] = [];
  let width = 0;
  const finish = (fallbackRun: TextRun | undefined, wrapped = false) => {
    while (current.at(-1)?.kind === 'space') current.pop();
    const line = composeLine(current, lineHeight, fonts, fallbackRun);
    // A wrapped line keeps its word space as text (not width), so text extracted from the PDF and read
    // by screen readers has "to life", not "tolife", across the line break.
    const last = line.fragments.at(-1);
    if (wrapped && last && !last.text.endsWith('-')) last.text += ' ';
    lines.push(line);
    current = [];
    width = 0;
  };
  for (const token of tokens) {
    if (token.kind === 'newline') {
      finish(token.run);
      continue;
    }
    if (token.kind === 'space') {
      if (current.length > 0) {
        current.push(token);
        width += token.width;
      }
      continue;
    }
    if (width + token.width <= maxWidth + 0.01 || current.length === 0) {
      // Same tolerance as the fit test above: a word exactly as wide as the line (a table column sized
      // to its longest word, give or take float rounding of the padding) must not be cut.
      if (token.width > maxWidth + 0.01 && current.length === 0) {
        const chunks = splitWord(token, maxWidth, fonts);
        for (const chunk of chunks.slice(0, -1)) {
          current.push(chunk);
          finish(undefined);
        }
        const last = chunks.at(-1)!;
        current.push(last);
        width = last.width;
      } else {
        current.push(token);
        width += token.width;
      }
      continue;
    }
    // Does not fit: drop the trailing space and start a new line with this word.
    finish(undefined, true);
    if (token.width > maxWidth + 0.01) {
      const chunks = splitWord(token, maxWidth, fonts);
      for (const chunk of chunks.slice(0, -1)) {
        current.push(chunk);
        finish(undefined);
      }
      current.push(chunks.at(-1)!);
      width = chunks.at(-1)!.width;
    } else {
      current.push(token);
      width = token.width;
    }
  }
  if (current.length > 0) finish(undefined);
  if (align === 'center' || align === 'right') {
    for (const line of lines) {
      const shift = align === 'center' ? (maxWidth - line.width) / 2 : maxWidth - line.width;
      for (const fragment of line.fragments) fragment.x += shift;
    }
  }
  return lines;
}

/** No line break at a space before these (French "mot :", "« mot »", "5 %")… */
const noBreakBefore = /^[:;!?»›%]/;
/** …or after these ("« mot"). */
const noBreakAfter = /[«‹]$/;

function tokenize(runs: readonly TextRun[], fonts: FontBook): Token[] {
  // Runs split into words and spaces first, so a space can look at its neighbours across runs.
  const parts: { text: string; run: TextRun; space: boolean; newline?: boolean }[] = [];
  for (const run of runs) {
    for (const part of run.text.split(/([ \t\n\u200b]+)/)) {
      if (part.length === 0) continue;
      const space = /^[ \t\n\u200b]+$/.test(part);
      parts.push({ text: space ? part : part.replace(/\u00ad/g, ''), run, space });
    }
    if (run.breakAfter) parts.push({ text: '', run, space: false, newline: true });
  }
  const tokens: Token[] = [];
  let word: Piece[] | undefined;
  const endWord = () => {
    if (word && word.length > 0) tokens.push({ kind: 'word', pieces: word, width: word.reduce((sum, piece) => sum + piece.width, 0) });
    word = undefined;
  };
  parts.forEach((part, index) => {
    if (part.newline) {
      endWord();
      tokens.push({ kind: 'newline', run: part.run });
      return;
    }
    if (!part.space) {
      if (part.text.length > 0) (word ??= []).push({ text: part.text, run: part.run, width: fonts.width(part.text, part.run.font, part.run.size) });
      return;
    }
    if (part.text === '\u200b') {
      endWord();
      return;
    }
    const before = parts[index - 1];
    const after = parts[index + 1];
    const glued = word !== undefined && before !== undefined && !before.space && !before.newline && after !== undefined && !after.space && !after.newline && (noBreakBefore.test(after.text) || noBreakAfter.test(before.text));
    if (glued) {
      word!.push({ text: ' ', run: part.run, width: fonts.width(' ', part.run.font, part.run.size) });
      return;
    }
    endWord();
    tokens.push({ kind: 'space', run: part.run, width: fonts.width(' ', part.run.font, part.run.size) });
  });
  endWord();
  return tokens;
}

/** Split an over-long word into chunks that each fit `maxWidth`. */
function splitWord(token: Extract<Token, { kind: 'word' }>, maxWidth: number, fonts: FontBook): Extract<Token, { kind: 'word' }>[] {
  const chars: { char: string; run: TextRun; width: number }[] = [];
  for (const piece of token.pieces) for (const char of piece.text) chars.push({ char, run: piece.run, width: fonts.width(char, piece.run.font, piece.run.size) });
  const chunks: Extract<Token, { kind: 'word' }>[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = start;
    let width = 0;
    let preferred = -1;
    while (end < chars.length && (width + chars[end]!.width <= maxWidth || end === start)) {
      width += chars[end]!.width;
      if (breakAfterChars.has(chars[end]!.char) && end + 1 < chars.length) preferred = end + 1;
      end++;
    }
    if (end < chars.length && preferred > start + 1) end = preferred;
    chunks.push(toWord(chars.slice(start, end), fonts));
    start = end;
  }
  return chunks;
}

function toWord(chars: { char: string; run: TextRun }[], fonts: FontBook): Extract<Token, { kind: 'word' }> {
  const pieces: Piece[] = [];
  for (const { char, run } of chars) {
    const last = pieces.at(-1);
    if (last && last.run === run) last.text += char;
    else pieces.push({ text: char, run, width: 0 });
  }
  for (const piece of pieces) piece.width = fonts.width(piece.text, piece.run.font, piece.run.size);
  return { kind: 'word', pieces, width: pieces.reduce((sum, piece) => sum + piece.width, 0) };
}

function sameStyle(a: TextRun, b: TextRun): boolean {
  return a.font.family === b.font.family && a.font.face === b.font.face && a.size === b.size && a.color === b.color && a.link === b.link && a.owner === b.owner;
}

/** Tokens of one line → fragments, merging neighbours of the same style so each is one text draw. */
function composeLine(tokens: Token[], lineHeight: number, fonts: FontBook, fallbackRun: TextRun | undefined): Line {
  const fragments: LineFragment[] = [];
  let x = 0;
  let openRun: TextRun | undefined;
  const append = (text: string, run: TextRun, width: number) => {
    const last = fragments.at(-1);
    if (last && openRun && sameStyle(openRun, run)) {
      last.text += text;
      last.width += width;
    } else {
      fragments.push({ text, x, width, font: run.font, size: run.size, color: run.color, ...(run.link ? { link: run.link } : {}), ...(run.owner ? { owner: run.owner } : {}) });
      openRun = run;
    }
    x += width;
  };
  for (const token of tokens) {
    if (token.kind === 'word') for (const piece of token.pieces) append(piece.text, piece.run, piece.width);
    else if (token.kind === 'space') append(' ', token.run, token.width);
  }
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
  return { fragments, width: x, height, baseline };
}
