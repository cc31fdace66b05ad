import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BlockNode, DocumentNode, InlineNode } from '../../tree/document-tree.js';
import type { FontFace, Theme } from '../../templates/theme.js';
import { StyleResolver, type ElementKey } from '../pdf/computed-style.js';
import { FontBook } from '../pdf/font-book.js';
import { layoutFeatures } from './browser-layout-features.js';
import { sfntToWoff } from './sfnt-to-woff.js';

/**
 * The handout's own fonts inside its HTML, so the page looks like the PDF on any machine: each face
 * of the theme's font families subset to the characters the handout uses (harfbuzz's hb-subset, via
 * subset-font), as WOFF in `@font-face` rules with `data:` URLs. The file stays one file; its
 * Content-Security-Policy allows fonts from `data:` only.
 *
 * WOFF (zlib) rather than WOFF2 (Brotli): for the seed handout the font data is about 30 % larger
 * (28 KB against 21 KB, 9 KB more HTML after base64), but Brotli at the quality WOFF2 encoders use
 * took about 0.5 s of a single build in the WebAssembly encoder that comes with subset-font (a fresh
 * process runs it before V8 has optimised it), and still about 0.2 s compiled natively; Node's zlib
 * takes a few milliseconds (see sfnt-to-woff.ts). Every browser that reads WOFF2 reads WOFF.
 *
 * Which face sets which text follows the theme's cascade (the same `theme.json` styles the style
 * sheet is made from), so each face carries only its own characters and an unused face is left out.
 * A family is embedded under the first name in its CSS list (`'Noto Serif', 'DejaVu Serif', serif`
 * → Noto Serif), so the theme's font stacks need no change; a list that starts with a generic family
 * (`serif`) is not embedded. The fallback family (wide coverage, large) gets only the characters the
 * other families lack. Each subset keeps the layout features a browser applies by default (see
 * browser-layout-features.ts).
 */
export interface EmbeddedFonts {
  css: string;
  /** Bytes of the WOFF data (before base64). */
  bytes: number;
}

const faceCss: Record<FontFace, { weight: number; style: 'normal' | 'italic' }> = {
  regular: { weight: 400, style: 'normal' },
  bold: { weight: 700, style: 'normal' },
  italic: { weight: 400, style: 'italic' },
  boldItalic: { weight: 700, style: 'italic' },
};

/**
 * Characters the style sheet adds itself: page numbers, "Page 2 of 5", link addresses in brackets, list
 * markers, and the hyphen a browser sets where `hyphens: auto` breaks a word (U+2010 when the font has
 * it, else U+002D).
 */
const styleSheetCharacters = '0123456789 ()[]:.,;·•–—-/\u2010';

const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'math', 'emoji', 'inherit', 'initial']);

export async function embedFonts(document: DocumentNode, theme: Theme): Promise<EmbeddedFonts> {
  const usage = fontUsage(document, theme);
  const rules: string[] = [];
  let bytes = 0;
  const missing = uncovered(usage, theme);
  if (missing !== '' && theme.fontFiles.fallback) usage.set('fallback/regular', new Set(missing));
  for (const [key, characters] of [...usage].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const [name, face] = key.split('/') as [string, FontFace];
    const family = firstFamily(theme.tokens.fonts[name]?.css);
    const file = theme.fontFiles[name]?.[face];
    if (!family || !file) continue;
    // The style sheet's own characters (page numbers, brackets around printed link addresses).
    const text = name === 'fallback' ? [...characters].join('') : [...characters].join('') + styleSheetCharacters;
    const woff = await subsetCached(file, text, layoutFeatures(theme.css));
    bytes += woff.length;
    const { weight, style } = faceCss[face];
    rules.push(`@font-face {\n  font-family: ${JSON.stringify(family)};\n  src: url(data:font/woff;base64,${woff.toString('base64')}) format("woff");\n  font-weight: ${weight};\n  font-style: ${style};\n  font-display: block;\n}`);
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

/**
 * The characters a face is asked to set but has no glyph for: the browser takes those from the next
 * family in the list, the embedded fallback. Coverage is asked of the PDF writer's font book, so a
 * build that writes both formats parses each font once, and only the faces the handout uses.
 */
function uncovered(usage: Map<string, Set<string>>, theme: Theme): string {
  const fonts = new FontBook(theme);
  const missing = new Set<string>();
  for (const [key, characters] of usage) {
    const [family, face] = key.split('/') as [string, FontFace];
    if (family === 'fallback' || !theme.fontFiles[family]?.[face]) continue;
    const covers = fonts.coverage({ family, face });
    for (const character of characters) if (!covers(character.codePointAt(0)!)) missing.add(character);
  }
  return [...missing].join('');
}

// One handout's subsets are asked for again by its other editions and by rebuilds in watch mode.
const subsets = new Map<string, Promise<Buffer>>();
const maxCachedSubsets = 256;

function subsetCached(file: string, text: string, features: readonly string[] | undefined): Promise<Buffer> {
  const sorted = [...new Set(text)].sort().join('');
  // The file's size and time are part of the key, as for the PDF writer's fonts: a font edited during
  // `watch` is subset again rather than served from the cache.
  const { size, mtimeMs } = statSync(file);
  const key = `${file}\u0000${size} ${mtimeMs}\u0000${sorted}\u0000${features?.join(' ') ?? '*'}`;
  let pending = subsets.get(key);
  if (!pending) {
    if (subsets.size >= maxCachedSubsets) subsets.clear();
    // Loaded on first use: subset-font brings harfbuzz and, through its format converter, a WOFF2
    // encoder and decoder (WebAssembly compiled as they load), which a build of PDFs alone never needs.
    pending = Promise.all([readFile(file), import('subset-font')]).then(([bytes, { default: subsetFont }]) =>
      subsetFont(bytes, sorted, { targetFormat: 'sfnt', ...(features ? { keepFeatures: [...features] } : {}) }).then(sfntToWoff),
    );
    subsets.set(key, pending);
    pending.catch(() => subsets.delete(key));
  }
  return pending;
}
