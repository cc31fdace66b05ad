import type { InlineNode } from '../../tree/document-tree.js';
import type { ComputedStyle } from './computed-style.js';
import { faceOf, fontRef, type FontBook, type FontRef } from './font-book.js';
import type { StructNode } from './page-model.js';

/** A stretch of text in one font, size and colour: the unit the line breaker works with. */
export interface TextRun {
  text: string;
  font: FontRef;
  size: number;
  color: string;
  link?: string;
  /** The inline structure element (a Link) this text belongs to; otherwise the block's element. */
  owner?: StructNode;
  /** Forced line break after this run (`<br>`). */
  breakAfter?: boolean;
}

/** A character no font of the theme can draw; reported instead of printing an empty box. */
export interface MissingGlyph {
  char: string;
  codePoint: number;
}

export interface RunOptions {
  fonts: FontBook;
  /** Values for page-number / page-count fields, known only for running headers and footers. */
  fields?: { 'page-number': string; 'page-count': string };
  onMissingGlyph?: (missing: MissingGlyph) => void;
  /** Colour of link text (links are also underlined when placed). */
  linkColor?: string;
}

/** Inline nodes + the block's style → runs, with characters outside a font moved to a fallback font. */
export function inlineRuns(nodes: readonly InlineNode[], style: ComputedStyle, options: RunOptions): TextRun[] {
  const runs: TextRun[] = [];
  const visit = (node: InlineNode, bold: boolean, italic: boolean, link: string | undefined) => {
    const push = (text: string) => {
      if (text.length === 0) return;
      const color = link && options.linkColor ? options.linkColor : style.color;
      const base: TextRun = { text, font: fontRef(style.font, faceOf(bold, italic)), size: style.size, color, ...(link ? { link } : {}) };
      runs.push(...withFallbackFonts(base, options));
    };
    switch (node.type) {
      case 'text':
      case 'code':
        push(node.value);
        return;
      case 'break': {
        const last = runs.at(-1);
        if (last) last.breakAfter = true;
        else runs.push({ text: '', font: fontRef(style.font, 'regular'), size: style.size, color: style.color, breakAfter: true });
        return;
      }
      case 'field':
        push(options.fields?.[node.name] ?? '');
        return;
      case 'strong':
        node.children.forEach((child) => visit(child, true, italic, link));
        return;
      case 'emphasis':
        node.children.forEach((child) => visit(child, bold, !italic, link));
        return;
      case 'link':
        node.children.forEach((child) => visit(child, bold, italic, node.href));
        return;
      case 'span':
        node.children.forEach((child) => visit(child, bold, italic, link));
        return;
      default: {
        const unhandled: never = node;
        throw new Error(`unhandled inline node ${JSON.stringify(unhandled)}`);
      }
    }
  };
  nodes.forEach((node) => visit(node, style.bold, style.italic, undefined));
  return runs;
}

/** Spaces and line-breaking characters stay with the surrounding text's font. */
function staysWithSurroundingFont(codePoint: number): boolean {
  return codePoint <= 0x20 || codePoint === 0xa0 || codePoint === 0xad;
}

/** Split a run where its font lacks glyphs: each stretch goes to the first family that has them. */
function withFallbackFonts(run: TextRun, options: RunOptions): TextRun[] {
  const { fonts } = options;
  // Most runs are all in their own font: check that first, character by character, with no copies.
  const ownCoverage = fonts.coverage(run.font);
  let allOwn = true;
  for (let index = 0; index < run.text.length && allOwn; index++) {
    const codePoint = run.text.codePointAt(index)!;
    if (codePoint > 0xffff) index++;
    allOwn = staysWithSurroundingFont(codePoint) || ownCoverage(codePoint);
  }
  if (allOwn) return [run];
  const candidates = [run.font.family, ...fonts.families.filter((family) => family !== run.font.family && family === 'fallback'), ...fonts.families.filter((f) => f !== run.font.family && f !== 'fallback')];
  const familyFor = (codePoint: number): string => {
    if (staysWithSurroundingFont(codePoint)) return run.font.family;
    for (const family of candidates) if (fonts.covers({ family, face: run.font.face }, codePoint)) return family;
    options.onMissingGlyph?.({ char: String.fromCodePoint(codePoint), codePoint });
    return run.font.family;
  };
  const pieces: TextRun[] = [];
  let current = '';
  let currentFamily = run.font.family;
  for (const char of run.text) {
    const family = familyFor(char.codePointAt(0)!);
    if (family !== currentFamily && current) {
      pieces.push({ ...run, text: current, font: fontRef(currentFamily, run.font.face), breakAfter: false });
      current = '';
    }
    currentFamily = family;
    current += char;
  }
  if (current) pieces.push({ ...run, text: current, font: fontRef(currentFamily, run.font.face) });
  if (pieces.length === 0) return [];
  const last = pieces.at(-1)!;
  if (run.breakAfter) last.breakAfter = true;
  else delete last.breakAfter;
  for (const piece of pieces.slice(0, -1)) delete piece.breakAfter;
  return pieces;
}

/**
 * Gives every link in `runs` a Link structure element, added to `parent` in reading order, and makes
 * it the owner of the link's runs. Neighbouring runs of one link (bold parts, fallback-font pieces)
 * share one element.
 */
export function tagLinks(runs: readonly TextRun[], parent: StructNode): void {
  let previous: TextRun | undefined;
  for (const run of runs) {
    if (run.link) {
      if (previous?.link === run.link && previous.owner) run.owner = previous.owner;
      else {
        run.owner = { role: 'Link', children: [], inline: true, href: run.link };
        parent.children.push(run.owner);
      }
    }
    previous = run;
  }
}
