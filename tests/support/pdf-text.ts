/**
 * Read PDFs with pdf.js (pdfjs-dist legacy build), an implementation independent of our writer
 * (pdfkit) and of poppler, to check text, page geometry, metadata and bookmarks.
 *
 * Do not load pdf-parse in the same process (it bundles its own pdf.js).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
// In Node, pdf.js reads these with fs.readFile: plain directory paths with a trailing slash.
// Standard fonts: metrics/glyphs for non-embedded base-14 fonts (pdfkit's Helvetica etc.).
const standardFontDataUrl = join(pdfjsRoot, 'standard_fonts') + '/';
const cMapUrl = join(pdfjsRoot, 'cmaps') + '/';

export interface PdfTextItem {
  str: string;
  /** Left edge of the run, PDF user space (points, origin bottom-left of the page). */
  x: number;
  /** Baseline of the run, PDF user space (points, origin bottom-left of the page). */
  y: number;
  width: number;
  height: number;
  /** pdf.js's internal id of the font (e.g. `g_d0_f1`); see `fontFamily` for the family it maps to. */
  fontName: string;
  /** Font family pdf.js resolved for `fontName` (from the page's text styles), e.g. `sans-serif`. */
  fontFamily: string | undefined;
  /** pdf.js says a line break follows this run. */
  hasEOL: boolean;
  dir: string;
}

export interface PdfPage {
  /** 1-based. */
  pageNumber: number;
  /** Points (1/72 in), from the page's view box at scale 1, rotation applied. */
  width: number;
  height: number;
  /** Runs joined in pdf.js order: newline after `hasEOL`, a space where runs on a line are apart. */
  text: string;
  /** Non-empty text runs, in pdf.js order. */
  items: PdfTextItem[];
}

export interface PdfInfo {
  Title?: string;
  Author?: string;
  Subject?: string;
  Keywords?: string;
  Creator?: string;
  Producer?: string;
  CreationDate?: string;
  ModDate?: string;
  /** Catalog /Lang (pdf.js calls it Language); also exposed as `Lang`. */
  Language?: string | null;
  Lang?: string | null;
  PDFFormatVersion?: string;
  [key: string]: unknown;
}

export interface PdfOutlineNode {
  title: string;
  /** 1-based page the bookmark goes to, or null when it has no (resolvable) destination. */
  pageNumber: number | null;
  url: string | null;
  items: PdfOutlineNode[];
}

export interface PdfExtraction {
  pageCount: number;
  pages: PdfPage[];
  /** All pages' `text`, separated by a form feed line ("\n\f\n"). */
  text: string;
  info: PdfInfo;
  /** XMP metadata entries (e.g. `dc:title`), or null when the PDF has no XMP stream. */
  xmp: Record<string, unknown> | null;
  /** Catalog /MarkInfo (Marked: true for tagged PDFs), or null. */
  markInfo: { Marked: boolean; UserProperties: boolean; Suspects: boolean } | null;
  /** Catalog /ViewerPreferences (e.g. DisplayDocTitle), or null. */
  viewerPreferences: Record<string, unknown> | null;
  /** Bookmark tree; empty when the PDF has no outline. */
  outline: PdfOutlineNode[];
}

type PdfSource = string | URL | Uint8Array;

async function loadBytes(source: PdfSource): Promise<Uint8Array> {
  const data = typeof source === 'string' || source instanceof URL ? await readFile(source) : source;
  // pdf.js rejects Node Buffers and may take ownership of the bytes: always hand it a private copy.
  return new Uint8Array(data);
}

interface RawTextItem {
  str: string;
  dir: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL: boolean;
}

function isTextItem(item: unknown): item is RawTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/** Separator to put between two runs that pdf.js did not separate with hasEOL. */
function separatorBetween(prev: RawTextItem, next: RawTextItem): string {
  const [, , , , px = 0, py = 0] = prev.transform;
  const [, , , , nx = 0, ny = 0] = next.transform;
  const size = Math.max(Math.abs(prev.height), Math.abs(next.height), 1);
  if (prev.dir === 'ltr' || prev.dir === 'rtl') {
    if (Math.abs(ny - py) > size * 0.5) return '\n'; // another line
    const gap = prev.dir === 'ltr' ? nx - (px + prev.width) : px - (nx + next.width);
    return gap > size * 0.15 || gap < -size ? ' ' : ''; // apart, or jumped back on the same line
  }
  return ' '; // vertical text: do not guess, keep words apart
}

function joinItems(items: RawTextItem[]): string {
  let out = '';
  let prev: RawTextItem | undefined;
  for (const item of items) {
    if (item.str !== '') {
      if (prev && !prev.hasEOL && !/\s$/.test(out) && !/^\s/.test(item.str)) {
        out += separatorBetween(prev, item);
      }
      out += item.str;
    }
    if (item.hasEOL) {
      if (!out.endsWith('\n')) out += '\n';
    }
    if (item.str !== '' || item.hasEOL) prev = item;
  }
  return out.replace(/[ \t]+\n/g, '\n').trimEnd();
}

async function resolvePageNumber(
  doc: Awaited<ReturnType<typeof getDocument>['promise']>,
  dest: string | unknown[] | null,
): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    if (!Array.isArray(explicit) || explicit.length === 0) return null;
    const target: unknown = explicit[0];
    if (typeof target === 'object' && target !== null && 'num' in target && 'gen' in target) {
      return (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
    }
    if (typeof target === 'number' && Number.isInteger(target)) return target + 1;
    return null;
  } catch {
    return null;
  }
}

interface RawOutlineNode {
  title: string;
  dest: string | unknown[] | null;
  url: string | null;
  items: RawOutlineNode[];
}

async function convertOutline(
  doc: Awaited<ReturnType<typeof getDocument>['promise']>,
  nodes: RawOutlineNode[] | null,
): Promise<PdfOutlineNode[]> {
  const result: PdfOutlineNode[] = [];
  for (const node of nodes ?? []) {
    result.push({
      title: node.title,
      pageNumber: await resolvePageNumber(doc, node.dest),
      url: node.url ?? null,
      items: await convertOutline(doc, node.items),
    });
  }
  return result;
}

/** Load a PDF (path, file URL or bytes) with pdf.js and extract pages, text, metadata and outline. */
export async function extractPdfPages(source: PdfSource): Promise<PdfExtraction> {
  const data = await loadBytes(source);
  const task = getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    standardFontDataUrl,
    cMapUrl,
    cMapPacked: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const raw = content.items.filter(isTextItem);
      const styles = content.styles as Record<string, { fontFamily?: string } | undefined>;
      pages.push({
        pageNumber: n,
        width: viewport.width,
        height: viewport.height,
        text: joinItems(raw),
        items: raw
          .filter((it) => it.str !== '')
          .map((it) => ({
            str: it.str,
            x: it.transform[4] ?? 0,
            y: it.transform[5] ?? 0,
            width: it.width,
            height: it.height,
            fontName: it.fontName,
            fontFamily: styles[it.fontName]?.fontFamily,
            hasEOL: it.hasEOL,
            dir: it.dir,
          })),
      });
      page.cleanup();
    }

    const { info, metadata } = await doc.getMetadata();
    const infoObj = { ...(info as Record<string, unknown>) } as PdfInfo;
    infoObj.Lang = (infoObj.Language as string | null | undefined) ?? null;
    let xmp: Record<string, unknown> | null = null;
    if (metadata) {
      xmp = Object.fromEntries(metadata as unknown as Iterable<[string, unknown]>);
    }

    return {
      pageCount: doc.numPages,
      pages,
      text: pages.map((p) => p.text).join('\n\f\n'),
      info: infoObj,
      xmp,
      markInfo: await doc.getMarkInfo(),
      viewerPreferences: (await doc.getViewerPreferences()) as Record<string, unknown> | null,
      outline: await convertOutline(doc, (await doc.getOutline()) as RawOutlineNode[] | null),
    };
  } finally {
    await task.destroy();
  }
}

/** Outline flattened depth-first: `{ title, depth (0 = top level), pageNumber }`. */
export function flattenOutline(
  nodes: PdfOutlineNode[],
  depth = 0,
): { title: string; depth: number; pageNumber: number | null }[] {
  return nodes.flatMap((n) => [
    { title: n.title, depth, pageNumber: n.pageNumber },
    ...flattenOutline(n.items, depth + 1),
  ]);
}

/** Remove soft hyphens (U+00AD) and collapse every run of whitespace (incl. NBSP) to one space; trim. */
export function normalizeText(s: string): string {
  // U+2010 at a line end is a hyphen the writer set where it split a word: the word is rejoined.
  return s.replace(/\u00AD/g, '').replace(/\u2010\s+/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Typographic quotes and apostrophes back to straight ones. The writers set quotes by language from
 * the dataset's straight ones (" → “ ” in English, « » in French and Spanish, „ “ in German; ' → ’);
 * tests that compare dataset strings with extracted text apply this to both sides. Only quotation
 * marks (and the no-break space French sets inside guillemets) change: every other character must
 * match as typed.
 */
export function straightQuotes(s: string): string {
  return s
    .replace(/\u00ab\u00a0?|\u00a0?\u00bb|[\u201c\u201d\u201e]/g, '"')
    .replace(/\u2039\u00a0?|\u00a0?\u203a|[\u2018\u2019\u201a]/g, "'");
}

/** Whether `needle` occurs in `haystack`, both normalized with `normalizeText` (no de-hyphenation). */
export function pdfContainsText(haystack: string, needle: string): boolean {
  return normalizeText(haystack).includes(normalizeText(needle));
}

/** Normalized text of a page or of the whole extraction. */
export function normalizedText(source: PdfExtraction | PdfPage): string {
  return normalizeText(source.text);
}
