import type { DocumentMeta, DocumentNode } from '../../tree/document-tree.js';
import type { Theme } from '../../templates/theme.js';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { layoutDocument, type LayoutOptions } from './layout-document.js';
import { drawPdf } from './draw-pdf.js';
import { FontBook } from './font-book.js';
import type { PageModel } from './page-model.js';

export type { PageSize } from './layout-document.js';

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

/** Document tree → PDF, in two steps (layout, then draw) so that the tree can be let go in between. */
export function layoutPdf(document: DocumentNode, theme: Theme, options: LayoutOptions): LaidOutPdf {
  const { model, missingGlyphs, warnings } = layoutDocument(document, theme, options);
  const diagnostics: Diagnostic[] = missingGlyphs.map((glyph) => ({
    severity: 'error',
    code: 'missing-glyph',
    message: `no font of theme \`${theme.name}\` can draw “${glyph.char}” (U+${glyph.codePoint.toString(16).toUpperCase().padStart(4, '0')})`,
    hint: 'replace the character, or add a font that has it to the theme\'s `fonts` (e.g. as `fallback`)',
  }));
  return { model, meta: document.meta, diagnostics: [...diagnostics, ...warnings] };
}

export async function drawLaidOutPdf(laidOut: LaidOutPdf, theme: Theme): Promise<PdfResult> {
  // drawPdf takes the pages from the model as it draws them.
  const pageCount = laidOut.model.pages.length;
  const bytes = await drawPdf(laidOut.model, laidOut.meta, new FontBook(theme));
  return { bytes, pageCount, diagnostics: laidOut.diagnostics };
}
