import type { DocumentNode } from '../../tree/document-tree.js';
import type { Theme } from '../../templates/theme.js';
import { attribute, escapeHtml } from './escape-html.js';
import { createHeadingIdAllocator } from './heading-ids.js';
import { serializeBlocks } from './serialize-block.js';
import { themeCss } from './theme-css.js';

// What other HTML pages of the output folder (the index page) share with the handouts.
export { attribute, escapeHtml } from './escape-html.js';
export { themeCss } from './theme-css.js';
export { embedFonts } from './embed-fonts.js';

/** `<meta name="generator">` of every handout; the folder index looks for it. */
export const HANDOUT_GENERATOR = 'handout';

export interface HtmlWriterOptions {
  /** Paper for printing from the browser (`@page size`). */
  pageSize: 'A4' | 'Letter';
  landscape?: boolean;
  /** `@font-face` rules with the handout's fonts as `data:` URLs (see `embedFonts`), first in the style sheet. */
  fontCss?: string;
}

/**
 * Document tree → one self-contained HTML5 file: the body in a `<main>` landmark, one inline style
 * sheet (embedded fonts, theme tokens as CSS, then the theme's `style.css`), no scripts and nothing loaded from
 * anywhere, which the Content-Security-Policy also enforces. The running header/footer slots appear
 * only in print, in the page margins. Pure: same tree, theme and options, same string.
 */
export function writeHtml(document: DocumentNode, theme: Theme, options: HtmlWriterOptions): string {
  const { meta } = document;
  const css = [
    options.fontCss ?? '',
    themeCss(theme.tokens, {
      pageSize: options.pageSize,
      ...(options.landscape !== undefined ? { landscape: options.landscape } : {}),
      ...(document.pageHeader ? { pageHeader: document.pageHeader } : {}),
      ...(document.pageFooter ? { pageFooter: document.pageFooter } : {}),
      ...(document.pageMark ? { pageMark: document.pageMark } : {}),
    }),
    theme.css.trim(),
  ]
    .filter(Boolean)
    .join('\n\n');
  const body = serializeBlocks(document.children, { headingId: createHeadingIdAllocator(document.children) });
  return [
    '<!DOCTYPE html>',
    `<html${attribute('lang', meta.language)}>`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    `<title>${escapeHtml(meta.title)}</title>`,
    // Marks the file as a handout, so the output folder's index (src/pipeline/write-index.ts) lists it.
    `<meta name="generator" content="${HANDOUT_GENERATOR}">`,
    ...metaTag('author', meta.author),
    ...metaTag('description', meta.subject),
    ...metaTag('keywords', meta.keywords?.join(', ')),
    `<style>\n${styleElementSafe(css)}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function metaTag(name: string, content: string | undefined): string[] {
  return content ? [`<meta${attribute('name', name)}${attribute('content', content)}>`] : [];
}

/** Style text cannot end its element early: `</style` becomes `<\/style` (a harmless CSS escape). */
function styleElementSafe(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}
