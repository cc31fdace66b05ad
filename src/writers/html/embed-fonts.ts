import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import type { BlockNode, DocumentNode, InlineNode } from '../../tree/document-tree.js';
import type { FontFace, Theme } from '../../templates/theme.js';
import { StyleResolver, type ElementKey } from '../pdf/computed-style.js';

/**
 * The handout's own fonts inside its HTML, so the page looks like the PDF on any machine: each face
 * of the theme's font families subset to the characters the handout uses (harfbuzz's hb-subset, via
 * subset-font), as WOFF2 in `@font-face` rules with `data:` URLs. The file stays one file; its
 * Content-Security-Policy allows fonts from `data:` only.
 *
 * Which face sets which text follows the theme's cascade (the same `theme.json` styles the style
 * sheet is made from), so each face carries only its own characters and an unused face is left out:
 * WOFF2 compression is the slow part, and it is paid per face. A family is embedded under the first
 * name in its CSS list (`'Noto Serif', 'DejaVu Serif', serif` → Noto Serif), so the theme's font
 * stacks need no change; a list that starts with a generic family (`serif`) is not embedded. The
 * fallback family (wide coverage, large) gets only the characters the other families lack.
 */
export interface EmbeddedFonts {
  css: string;
  /** Bytes of the WOFF2 data (before base64). */
  bytes: number;
}

const faceCss: Record<FontFace, { weight: number; style: 'normal' | 'italic' }> = {
  regular: { weight: 400, style: 'normal' },
  bold: { weight: 700, style: 'normal' },
  italic: { weight: 400, style: 'italic' },
  boldItalic: { weight: 700, style: 'italic' },
};

/** Characters the style sheet adds itself: page numbers, "Page 2 of 5", link addresses in brackets, list markers. */
const styleSheetCharacters = '0123456789 ()[]:.,;·•–—-/';

const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'math', 'emoji', 'inherit', 'initial']);

export async function embedFonts(document: DocumentNode, theme: Theme): Promise<EmbeddedFonts> {
  const usage = fontUsage(document, theme);
  const rules: string[] = [];
  let bytes = 0;
  const primaryFiles = Object.entries(theme.fontFiles).filter(([name]) => name !== 'fallback').flatMap(([, files]) => Object.values(files));
  const missing = await uncovered(new Set([...usage.values()].flatMap((characters) => [...characters])), primaryFiles);
  if (missing !== '' && theme.fontFiles.fallback) usage.set('fallback/regular', new Set(missing));
  for (const [key, characters] of [...usage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [name, face] = key.split('/') as [string, FontFace];
    const family = firstFamily(theme.tokens.fonts[name]?.css);
    const file = theme.fontFiles[name]?.[face];
    if (!family || !file) continue;
    // The style sheet's own characters (page numbers, brackets around printed link addresses).
    const text = name === 'fallback' ? [...characters].join('') : [...characters].join('') + styleSheetCharacters;
    const woff2 = await subsetCached(file, text);
    bytes += woff2.length;
    const { weight, style } = faceCss[face];
    rules.push(`@font-face {\n  font-family: ${JSON.stringify(family)};\n  src: url(data:font/woff2;base64,${woff2.toString('base64')}) format("woff2");\n  font-weight: ${weight};\n  font-style: ${style};\n  font-display: block;\n}`);
  }
  return { css: rules.join('\n'), bytes };
}

/**
 * Characters per `family/face` (`body/italic`), walking the tree through the theme's cascade as the
 * PDF writer does: `strong` and `em` switch weight and style, a link's address counts too (the print
 * style prints it).
 */
export function fontUsage(document: DocumentNode, theme: Theme): Map<string, Set<string>> {
  const styles = new StyleResolver(theme.tokens);
  const usage = new Map<string, Set<string>>();
  const add = (text: string, font: string, bold: boolean, italic: boolean) => {
    const key = `${font}/${bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular'}`;
    let set = usage.get(key);
    if (!set) usage.set(key, (set = new Set()));
    for (const character of text) if (/\S/u.test(character)) set.add(character);
  };
  const inlines = (nodes: readonly InlineNode[], path: ElementKey[], bold?: boolean, italic?: boolean) => {
    const style = styles.resolve(path);
    const isBold = bold ?? style.bold;
    const isItalic = italic ?? style.italic;
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'code':
          add(node.value, style.font, isBold, isItalic);
          break;
        case 'strong':
          inlines(node.children, path, true, isItalic);
          break;
        case 'emphasis':
          inlines(node.children, path, isBold, !isItalic);
          break;
        case 'link':
          add(node.href, style.font, isBold, isItalic);
          inlines(node.children, path, isBold, isItalic);
          break;
        case 'span':
          inlines(node.children, path, isBold, isItalic);
          break;
        case 'break':
        case 'field':
          break;
      }
    }
  };
  const blocks = (nodes: readonly BlockNode[], path: ElementKey[]) => {
    for (const node of nodes) {
      const at = (tag: string, classes: readonly string[] = node.classes) => [...path, { tag, classes }];
      switch (node.type) {
        case 'heading':
          inlines(node.children, at(`h${node.level}`));
          break;
        case 'paragraph':
          inlines(node.children, at('p'));
          break;
        case 'list': {
          const list = at(node.ordered ? 'ol' : 'ul');
          const item = [...list, { tag: 'li', classes: [] }];
          inlines([{ type: 'text', value: node.ordered ? `${node.items.length}.` : '•' }], item);
          for (const blocksOfItem of node.items) blocks(blocksOfItem, item);
          break;
        }
        case 'table': {
          const table = at('table');
          if (node.caption) inlines(node.caption, [...table, { tag: 'caption', classes: [] }]);
          for (const [group, rows] of [['thead', node.head], ['tbody', node.body]] as const) {
            for (const row of rows) {
              for (const cell of row.cells) blocks(cell.children, [...table, { tag: group, classes: [] }, { tag: 'tr', classes: row.classes }, { tag: cell.header ? 'th' : 'td', classes: cell.classes }]);
            }
          }
          break;
        }
        case 'container':
          blocks(node.children, at(node.tag));
          break;
        case 'writing-space':
          blocks(node.children ?? [], at('div'));
          break;
        case 'fill-in':
          inlines(node.fields.map((field) => ({ type: 'text', value: `${field.label}:` })), at('div'));
          break;
        case 'venn': {
          const figure = at('figure');
          if (node.caption) inlines(node.caption, [...figure, { tag: 'figcaption', classes: [] }]);
          for (const set of [...node.sets, node.shared]) {
            inlines([{ type: 'strong', children: [{ type: 'text', value: set.label }] }], figure);
            for (const point of set.points) inlines(point, figure);
          }
          break;
        }
        case 'qr':
          inlines([{ type: 'strong', children: [{ type: 'text', value: `${node.label}:` }] }, { type: 'link', href: node.value, children: [{ type: 'text', value: node.value }] }], at('div'));
          break;
        case 'page-break':
          break;
      }
    }
  };
  const body: ElementKey[] = [{ tag: 'body', classes: [] }];
  blocks(document.children, body);
  if (document.pageHeader) inlines(document.pageHeader, [...body, { tag: 'header', classes: [] }]);
  if (document.pageMark) inlines(document.pageMark, [...body, { tag: 'header', classes: ['page-mark'] }]);
  if (document.pageFooter) inlines([...document.pageFooter, { type: 'text', value: styleSheetCharacters }], [...body, { tag: 'footer', classes: [] }]);
  return usage;
}

/** First named family of a CSS font list, unquoted; undefined for a generic family or an unsafe name. */
export function firstFamily(list: string | undefined): string | undefined {
  const first = list?.split(',')[0]?.trim().replace(/^(['"])(.*)\1$/, '$2');
  if (!first || generic.has(first.toLowerCase()) || !/^[\p{L}\p{N} _-]+$/u.test(first)) return undefined;
  return first;
}

/** The characters of `used` none of `files` has a glyph for (whitespace aside). */
async function uncovered(used: Set<string>, files: readonly string[]): Promise<string> {
  if (used.size === 0) return '';
  const fonts = await Promise.all([...new Set(files)].map(parsedFont));
  return [...used].filter((character) => /\S/u.test(character) && !fonts.some((font) => font.hasGlyphForCodePoint(character.codePointAt(0)!))).join('');
}

// Parsed once per process: only the character map is read.
const parsedFonts = new Map<string, Promise<fontkit.Font>>();
function parsedFont(file: string): Promise<fontkit.Font> {
  let pending = parsedFonts.get(file);
  if (!pending) parsedFonts.set(file, (pending = readFile(file).then((bytes) => fontkit.create(bytes) as fontkit.Font)));
  return pending;
}

// One handout's subsets are asked for again by its other editions and by rebuilds in watch mode.
const subsets = new Map<string, Promise<Buffer>>();
const maxCachedSubsets = 256;

/**
 * subset-font loaded when the first HTML handout needs it: it compiles harfbuzz's and the WOFF2
 * encoder's WebAssembly as it loads, which a PDF-only build would pay for nothing.
 */
let subsetFontModule: Promise<typeof import('subset-font').default> | undefined;
function loadSubsetFont(): Promise<typeof import('subset-font').default> {
  return (subsetFontModule ??= import('subset-font').then((module) => module.default));
}

function subsetCached(file: string, text: string): Promise<Buffer> {
  const sorted = [...new Set(text)].sort().join('');
  const key = `${file}\u0000${sorted}`;
  let pending = subsets.get(key);
  if (!pending) {
    if (subsets.size >= maxCachedSubsets) subsets.clear();
    pending = Promise.all([readFile(file), loadSubsetFont()]).then(([bytes, subsetFont]) => subsetFont(bytes, sorted, { targetFormat: 'woff2' }));
    subsets.set(key, pending);
    pending.catch(() => subsets.delete(key));
  }
  return pending;
}
