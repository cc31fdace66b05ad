import type { DocumentMeta, DocumentNode } from '../../tree/document-tree.js';
import type { Theme } from '../../templates/theme.js';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { layoutDocument, planDocument, type LayoutOptions } from './layout-document.js';
import { drawPages, streamPages, type PdfBlockSink } from './draw-pdf.js';
import { FontBook } from './font-book.js';
import type { MissingGlyph } from './text-runs.js';
import { pageSequenceOf, type PageModel, type PageSequence } from './page-model.js';

export type { PageSize, LayoutOptions } from './layout-document.js';
export type { PageModel } from './page-model.js';
export type { PdfBlockSink } from './draw-pdf.js';
export { combinePageModels, type PagePart } from './combine-page-models.js';
export { textAreaProblem } from './text-area-check.js';

/** A font file of the theme that fontkit cannot read (not a TTF, OTF or WOFF file, or damaged). */
export class UnreadableFontError extends Error {
  override name = 'UnreadableFontError';
  constructor(
    readonly family: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(`the font file of \`fonts.${family}\` cannot be read: ${file} (${(cause as Error)?.message ?? String(cause)})`, { cause });
  }
}

/**
 * Whether some font of the theme can draw a character (any family, regular face): what the dataset
 * check asks before rendering, so the answer is the writer's own and never a second guess.
 */
export function glyphCoverage(theme: Theme): (codePoint: number) => boolean {
  const fonts = new FontBook(theme);
  const families = Object.keys(theme.fontFiles).map((family) => {
    try {
      return fonts.coverage({ family, face: 'regular' });
    } catch (error) {
      throw new UnreadableFontError(family, theme.fontFiles[family]?.regular ?? family, error);
    }
  });
  return (codePoint) => families.some((covers) => covers(codePoint));
}

export interface PdfResult {
  bytes: Uint8Array;
  pageCount: number;
  diagnostics: Diagnostic[];
}

/** A document laid out into pages, ready to draw; it no longer needs the document tree. */
export interface LaidOutPdf {
  model: PageModel;
  meta: DocumentMeta;
  diagnostics: Diagnostic[];
}

/** A document whose page breaks are decided; its pages are made as they are drawn. It no longer needs the document tree. */
export interface PlannedPdf {
  pages: PageSequence;
  meta: DocumentMeta;
  diagnostics: Diagnostic[];
}

/**
 * Document tree → PDF, in two steps (plan, then draw) so that the tree can be let go in between;
 * the pages are then made and drawn one at a time, never all held at once. `ownsTree`: the tree is
 * used up while it is measured (see planDocument); only its `meta` and running slots stay usable.
 */
export function planPdf(document: DocumentNode, theme: Theme, options: LayoutOptions, ownership: { ownsTree?: boolean } = {}): PlannedPdf {
  const { sequence, missingGlyphs, warnings } = planDocument(document, theme, options, ownership);
  return { pages: sequence, meta: document.meta, diagnostics: [...glyphDiagnostics(missingGlyphs, theme), ...warnings] };
}

/** Document tree → the whole page model at once: for class packs, which combine several documents' pages. */
export function layoutPdf(document: DocumentNode, theme: Theme, options: LayoutOptions): LaidOutPdf {
  const { model, missingGlyphs, warnings } = layoutDocument(document, theme, options);
  return { model, meta: document.meta, diagnostics: [...glyphDiagnostics(missingGlyphs, theme), ...warnings] };
}

function glyphDiagnostics(missingGlyphs: readonly MissingGlyph[], theme: Theme): Diagnostic[] {
  return missingGlyphs.map((glyph) => ({
    severity: 'error',
    code: 'missing-glyph',
    message: `no font of theme \`${theme.name}\` can draw “${glyph.char}” (U+${glyph.codePoint.toString(16).toUpperCase().padStart(4, '0')})`,
    hint: 'replace the character, or add a font that has it to the theme\'s `fonts` (e.g. as `fallback`)',
  }));
}

export async function drawPlannedPdf(planned: PlannedPdf, theme: Theme): Promise<PdfResult> {
  const bytes = await drawPages(planned.pages, planned.meta, new FontBook(theme));
  return { bytes, pageCount: planned.pages.pageCount, diagnostics: planned.diagnostics };
}

/** `drawPlannedPdf` with the bytes handed to `sink` as they are written, not collected. */
export async function streamPlannedPdf(planned: PlannedPdf, theme: Theme, sink: PdfBlockSink): Promise<Omit<PdfResult, 'bytes'>> {
  await streamPages(planned.pages, planned.meta, new FontBook(theme), sink);
  return { pageCount: planned.pages.pageCount, diagnostics: planned.diagnostics };
}

/** Draws a whole page model; its pages are taken from it as they are drawn. */
export async function drawLaidOutPdf(laidOut: LaidOutPdf, theme: Theme): Promise<PdfResult> {
  return drawPlannedPdf({ pages: pageSequenceOf(laidOut.model), meta: laidOut.meta, diagnostics: laidOut.diagnostics }, theme);
}
