import type { DocumentNode } from '../../tree/document-tree.js';
import type { Theme } from '../../templates/theme.js';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { layoutDocument, type LayoutOptions } from './layout-document.js';
import { drawPdf } from './draw-pdf.js';
import { FontBook } from './font-book.js';

export type { PageSize } from './layout-document.js';

export interface PdfResult {
  bytes: Uint8Array;
  pageCount: number;
  diagnostics: Diagnostic[];
}

/** Document tree → PDF bytes: layout into a page model, then draw it. */
export async function writePdf(document: DocumentNode, theme: Theme, options: LayoutOptions): Promise<PdfResult> {
  const { model, missingGlyphs } = layoutDocument(document, theme, options);
  const diagnostics: Diagnostic[] = missingGlyphs.map((glyph) => ({
    severity: 'error',
    code: 'missing-glyph',
    message: `no font of theme \`${theme.name}\` can draw “${glyph.char}” (U+${glyph.codePoint.toString(16).toUpperCase().padStart(4, '0')})`,
    hint: 'replace the character, or add a font that has it to the theme\'s `fonts` (e.g. as `fallback`)',
  }));
  const bytes = await drawPdf(model, document.meta, new FontBook(theme));
  return { bytes, pageCount: model.pages.length, diagnostics };
}
