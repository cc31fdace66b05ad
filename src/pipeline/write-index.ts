import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { Theme } from '../templates/theme.js';
import { attribute, escapeHtml, HANDOUT_GENERATOR, themeCss } from '../writers/html/write-html.js';
import { writeAtomic } from './write-atomic.js';

/**
 * `<out>/index.html`: one page listing every handout in the output folder, sorted by title, with its
 * subjects and links to its HTML and (when present) PDF. A title built in several editions is listed
 * once, with a labelled line per edition (Handout, Worksheet). Answer keys are left out of it: the
 * served folder is what students browse. `<out>/index-teacher.html` is the same list with the answer
 * keys.
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
/** The teacher's index: `index.html` plus the answer keys. */
export const TEACHER_INDEX_FILE = 'index-teacher.html';

export type IndexEdition = 'handout' | 'worksheet' | 'answers';

const editionLabels: Record<IndexEdition, string> = { handout: 'Handout', worksheet: 'Worksheet', answers: 'Answer key' };
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
  /** From the file name: `<slug>.worksheet.html`, `<slug>.answers.html`, else the handout. */
  edition: IndexEdition;
  /** The slug the editions of one dataset share. */
  slug: string;
}

export interface IndexResult {
  /** The index file written, if any. */
  file?: string;
  entries: IndexEntry[];
  diagnostics: Diagnostic[];
}

/** Scan `outDir` and (re)write its `index.html` and `index-teacher.html`. Never throws: problems come back as diagnostics. */
export async function writeIndex(outDir: string, theme: Theme, pageSize: 'A4' | 'Letter' = 'A4'): Promise<IndexResult> {
  let entries: IndexEntry[];
  try {
    entries = await scanHandouts(outDir);
  } catch (error) {
    return { entries: [], diagnostics: [writeFailed(path.join(outDir, INDEX_FILE), error)] };
  }
  const diagnostics: Diagnostic[] = [];
  let file: string | undefined;
  for (const [name, options] of [
    [INDEX_FILE, { answers: false }],
    [TEACHER_INDEX_FILE, { answers: true }],
  ] as const) {
    const target = path.join(outDir, name);
    try {
      const existing = await readHead(target);
      if (existing !== undefined && metaContent(parseDocument(existing), 'generator') !== INDEX_GENERATOR) {
        diagnostics.push({
          severity: 'warning',
          code: 'index-not-written',
          message: `${target} is not an index written by handout (a handout with slug \`${name.slice(0, -'.html'.length)}\`, or another file); it was left alone`,
          file: target,
          hint: 'give that dataset another `slug:`, or move the file, to get a list of all handouts',
        });
        continue;
      }
      await writeAtomic(target, renderIndex(entries, theme, pageSize, options));
      if (name === INDEX_FILE) file = target;
    } catch (error) {
      diagnostics.push(writeFailed(target, error));
    }
  }
  return { ...(file ? { file } : {}), entries: file ? entries : [], diagnostics };
}

function writeFailed(target: string, error: unknown): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  return {
    severity: 'error',
    code: 'index-write-failed',
    message: `cannot write the handout index ${target} (${code ?? (error as Error).message})`,
    file: target,
    hint: 'check that the output folder is readable and writable',
  };
}

/** Every handout HTML in `outDir`, sorted by title (then file name), with its PDF when there is one. */
export async function scanHandouts(outDir: string): Promise<IndexEntry[]> {
  const files = new Set((await readdir(outDir, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name));
  const entries: IndexEntry[] = [];
  for (const name of [...files].sort()) {
    if (!name.endsWith('.html') || name === INDEX_FILE || name === TEACHER_INDEX_FILE || name.startsWith('.')) continue;
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
  const base = fileName.slice(0, -'.html'.length);
  const edition: IndexEdition = base.endsWith('.worksheet') ? 'worksheet' : base.endsWith('.answers') ? 'answers' : 'handout';
  return {
    title: title || fileName,
    html: fileName,
    edition,
    slug: edition === 'handout' ? base : base.slice(0, base.lastIndexOf('.')),
    ...(html?.attribs.lang ? { language: html.attribs.lang } : {}),
    ...(keywords ? { subjects: keywords } : {}),
  };
}

/**
 * The index page: one item per dataset (its editions share a slug), each edition a labelled line of
 * links. Answer keys only with `answers: true` (the teacher's index). Pure: same entries and theme,
 * same bytes.
 * Printed on the build's paper.
 */
export function renderIndex(entries: readonly IndexEntry[], theme: Theme, pageSize: 'A4' | 'Letter' = 'A4', options: { answers?: boolean } = {}): string {
  const css = [themeCss(theme.tokens, { pageSize }), theme.css.trim(), indexCss].filter(Boolean).join('\n\n').replace(/<\/(style)/gi, '<\\/$1');
  const order: IndexEdition[] = ['handout', 'worksheet', 'answers'];
  const groups = new Map<string, IndexEntry[]>();
  for (const entry of entries) {
    if (entry.edition === 'answers' && !options.answers) continue;
    const group = groups.get(entry.slug) ?? [];
    group.push(entry);
    groups.set(entry.slug, group);
  }
  const count = groups.size === 1 ? '1 handout' : `${groups.size} handouts`;
  const items = [...groups.values()].map((group) => {
    group.sort((a, b) => order.indexOf(a.edition) - order.indexOf(b.edition));
    const main = group[0]!;
    const lang = attribute('lang', main.language);
    const title = escapeHtml(main.title);
    const editions = group.map((entry) => {
      const label = editionLabels[entry.edition];
      const hidden = (format: string) => `${format}<span class="visually-hidden">: ${label}, <span${lang}>${title}</span></span>`;
      const formats = [`<a${attribute('href', href(entry.html))}>${hidden('HTML')}</a>`];
      if (entry.pdf) formats.push(`<a${attribute('href', href(entry.pdf))}>${hidden('PDF')}</a>`);
      return `<p class="formats edition-${entry.edition}"><span class="edition-label">${label}:</span> ${formats.join(' · ')}</p>`;
    });
    return [
      '<li>',
      `<h2${lang}><a${attribute('href', href(main.html))}>${title}</a></h2>`,
      ...(main.subjects ? [`<p class="subjects">Subjects: <span${lang}>${escapeHtml(main.subjects)}</span></p>`] : []),
      ...editions,
      '</li>',
    ].join('\n');
  });
  const heading = options.answers ? 'Handouts and answer keys' : 'Handouts';
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    `<title>${heading}</title>`,
    `<meta name="generator" content="${INDEX_GENERATOR}">`,
    `<style>\n${css}\n</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${heading}</h1>`,
    `<p class="count">${count}, sorted by title.${options.answers ? ' For teachers: includes the answer keys.' : ''}</p>`,
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

main .handout-list .edition-label {
  font-weight: bold;
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
