import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { Theme } from '../templates/theme.js';
import { attribute, escapeHtml, HANDOUT_GENERATOR, themeCss } from '../writers/html/write-html.js';
import { writeAtomic } from './write-atomic.js';

/**
 * `<out>/index.html`: one page listing every handout in the output folder, sorted by title, with its
 * subjects and links to its HTML and (when present) PDF.
 *
 * The folder is the only source of truth: the index is made by scanning `<out>/*.html` for files the
 * HTML writer marked with `<meta name="generator" content="handout">`, and reading from each its
 * `<title>`, `<html lang>` and `<meta name="keywords">` (the subject names, see render-handout.ts).
 * So handouts built by earlier runs are listed too, a deleted handout drops out on the next build,
 * and there is no manifest that two builds could race on. `<slug>.pdf` next to the HTML is linked.
 * A handout built only as PDF has no HTML to read and is not listed.
 *
 * The index is themed like the handouts (the theme's tokens and style.css: same fonts, colours, dark
 * screens) and is as strict as they are: no scripts, nothing loaded, a Content-Security-Policy.
 */
export const INDEX_FILE = 'index.html';
/** `<meta name="generator">` of the index itself: tells it apart from a handout or a user's file. */
export const INDEX_GENERATOR = 'handout index';

export interface IndexEntry {
  title: string;
  /** BCP 47 tag of the handout (its `<html lang>`), if any. */
  language?: string;
  /** The subject names as the handout lists them (`Cytokine Storm, Sepsis`). */
  subjects?: string;
  /** File names in the output folder. */
  html: string;
  pdf?: string;
}

export interface IndexResult {
  /** The index file written, if any. */
  file?: string;
  entries: IndexEntry[];
  diagnostics: Diagnostic[];
}

/** Scan `outDir` and (re)write its `index.html`. Never throws: problems come back as diagnostics. */
export async function writeIndex(outDir: string, theme: Theme, pageSize: 'A4' | 'Letter' = 'A4'): Promise<IndexResult> {
  const target = path.join(outDir, INDEX_FILE);
  try {
    const existing = await readHead(target);
    if (existing !== undefined && metaContent(parseDocument(existing), 'generator') !== INDEX_GENERATOR) {
      return {
        entries: [],
        diagnostics: [
          {
            severity: 'warning',
            code: 'index-not-written',
            message: `${target} is not an index written by handout (a handout with slug \`index\`, or another file); it was left alone`,
            file: target,
            hint: 'give that dataset another `slug:`, or move the file, to get a list of all handouts',
          },
        ],
      };
    }
    const entries = await scanHandouts(outDir);
    await writeAtomic(target, renderIndex(entries, theme, pageSize));
    return { file: target, entries, diagnostics: [] };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      entries: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'index-write-failed',
          message: `cannot write the handout index ${target} (${code ?? (error as Error).message})`,
          file: target,
          hint: 'check that the output folder is readable and writable',
        },
      ],
    };
  }
}

/** Every handout HTML in `outDir`, sorted by title (then file name), with its PDF when there is one. */
export async function scanHandouts(outDir: string): Promise<IndexEntry[]> {
  const files = new Set((await readdir(outDir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name));
  const entries: IndexEntry[] = [];
  for (const name of [...files].sort()) {
    if (!name.endsWith('.html') || name === INDEX_FILE || name.startsWith('.')) continue;
    // A file that vanished or cannot be read since the listing is simply not listed.
    const head = await readHead(path.join(outDir, name)).catch(() => undefined);
    const entry = head === undefined ? undefined : readEntry(head, name);
    if (!entry) continue;
    const pdf = `${name.slice(0, -'.html'.length)}.pdf`;
    if (files.has(pdf)) entry.pdf = pdf;
    entries.push(entry);
  }
  const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
  return entries.sort((a, b) => collator.compare(a.title, b.title) || (a.html < b.html ? -1 : a.html > b.html ? 1 : 0));
}

/** What the index shows of one handout, read from its `<head>`; nothing if it is not a handout. */
export function readEntry(head: string, fileName: string): IndexEntry | undefined {
  const document = parseDocument(head);
  if (metaContent(document, 'generator') !== HANDOUT_GENERATOR) return undefined;
  const title = DomUtils.textContent(DomUtils.getElementsByTagName('title', document, true, 1)).replace(/\s+/g, ' ').trim();
  const html = DomUtils.getElementsByTagName('html', document, true, 1)[0];
  const keywords = metaContent(document, 'keywords');
  return {
    title: title || fileName,
    html: fileName,
    ...(html?.attribs.lang ? { language: html.attribs.lang } : {}),
    ...(keywords ? { subjects: keywords } : {}),
  };
}

/** The index page, printed on the build's paper. Pure: same entries, theme and paper, same bytes. */
export function renderIndex(entries: readonly IndexEntry[], theme: Theme, pageSize: 'A4' | 'Letter' = 'A4'): string {
  const css = [themeCss(theme.tokens, { pageSize }), theme.css.trim(), indexCss].filter(Boolean).join('\n\n').replace(/<\/(style)/gi, '<\\/$1');
  const count = entries.length === 1 ? '1 handout' : `${entries.length} handouts`;
  const items = entries.map((entry) => {
    const lang = attribute('lang', entry.language);
    const title = escapeHtml(entry.title);
    const formats = [`<a${attribute('href', href(entry.html))}>HTML<span class="visually-hidden">: <span${lang}>${title}</span></span></a>`];
    if (entry.pdf) formats.push(`<a${attribute('href', href(entry.pdf))}>PDF<span class="visually-hidden">: <span${lang}>${title}</span></span></a>`);
    return [
      '<li>',
      `<h2${lang}><a${attribute('href', href(entry.html))}>${title}</a></h2>`,
      ...(entry.subjects ? [`<p class="subjects">Subjects: <span${lang}>${escapeHtml(entry.subjects)}</span></p>`] : []),
      `<p class="formats">${formats.join(' · ')}</p>`,
      '</li>',
    ].join('\n');
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    '<title>Handouts</title>',
    `<meta name="generator" content="${INDEX_GENERATOR}">`,
    `<style>\n${css}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<h1>Handouts</h1>',
    `<p class="count">${count}, sorted by title.</p>`,
    ...(items.length > 0 ? ['<ul class="handout-list">', ...items, '</ul>'] : []),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Rules only the index needs; everything else comes from the theme. */
const indexCss = `main .handout-list {
  list-style: none;
  padding: 0;
}

main .handout-list > li {
  padding: 0.75rem 0;
  border-bottom: 1px solid var(--color-rule);
}

main .handout-list h2 {
  margin-top: 0;
}

main .handout-list p {
  margin: 0.25rem 0 0;
}

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}`;

/** A relative link to a file in the same folder. */
function href(fileName: string): string {
  return fileName.split('/').map(encodeURIComponent).join('/');
}

function metaContent(document: ReturnType<typeof parseDocument>, name: string): string | undefined {
  const meta = DomUtils.findOne((element) => element.name === 'meta' && element.attribs.name?.toLowerCase() === name, document.children, true);
  const content = meta?.attribs.content?.replace(/\s+/g, ' ').trim();
  return content ? content : undefined;
}

/** The file up to the end of its `<head>` (the body can be large and is not needed); undefined if absent. */
async function readHead(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const end = text.search(/<\/head\s*>/i);
  return end === -1 ? text : text.slice(0, end);
}
