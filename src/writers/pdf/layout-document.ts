import type { DocumentNode, InlineNode } from '../../tree/document-tree.js';
import { resolveColor, type Theme } from '../../templates/theme.js';
import { StyleResolver } from './computed-style.js';
import { FontBook } from './font-book.js';
import { buildFlow } from './flow.js';
import { paginate, type PageFrame } from './paginate.js';
import { breakLines, type Hyphenator } from './break-lines.js';
import { hyphenatorFor } from './hyphenator-for.js';
import { inlineRuns, type MissingGlyph } from './text-runs.js';
import type { PageModel, StructNode } from './page-model.js';
import type { Diagnostic } from '../../shared/diagnostic.js';
import { printLinkTargets } from './print-link-targets.js';

export type PageSize = 'A4' | 'Letter';

export const pageSizes: Record<PageSize, [number, number]> = { A4: [595.28, 841.89], Letter: [612, 792] };

export interface LayoutOptions {
  pageSize: PageSize;
  landscape?: boolean;
  /** Page numbers within a larger document (a class pack): the first page's number and the total. */
  pageNumbers?: { first: number; total: number };
}

function hyphenation(language: string): { hyphenate?: Hyphenator } {
  const hyphenate = hyphenatorFor(language);
  return hyphenate ? { hyphenate } : {};
}

/** Gap between the running header/footer and the body text. */
const runningGap = 18;

/**
 * Document tree → page model: measure (flow), place (paginate), then add the running header and
 * footer, which need the final page count.
 */
export function layoutDocument(document: DocumentNode, theme: Theme, options: LayoutOptions): { model: PageModel; missingGlyphs: MissingGlyph[]; warnings: Diagnostic[] } {
  const [portraitWidth, portraitHeight] = pageSizes[options.pageSize];
  const [width, height] = options.landscape ? [portraitHeight, portraitWidth] : [portraitWidth, portraitHeight];
  const frame: PageFrame = { width, height, margin: theme.tokens.page.margin };
  const styles = new StyleResolver(theme.tokens);
  const fonts = new FontBook(theme);
  const missing = new Map<number, MissingGlyph>();
  const linkColor = resolveColor(theme.tokens, theme.tokens.styles.a?.color ?? 'accent');
  const runOptions = { fonts, linkColor, onMissingGlyph: (glyph: MissingGlyph) => missing.set(glyph.codePoint, glyph) };

  const structure: StructNode = { role: 'Document', children: [] };
  const contentWidth = width - frame.margin.left - frame.margin.right;
  const warnings: Diagnostic[] = [];
  const flow = buildFlow(printLinkTargets(document).children, frame.margin.left, contentWidth, { styles, fonts, runOptions, colors: theme.tokens.colors, vennTint: theme.tokens.vennTint ?? 0.08, warn: (diagnostic) => warnings.push(diagnostic), ...hyphenation(document.meta.language) }, structure);
  const { pages, outline } = paginate(flow, frame);

  const pageCount = String(options.pageNumbers?.total ?? pages.length);
  const runningStyle = (tag: 'header' | 'footer', classes: string[] = []) => styles.resolve([{ tag: 'body', classes: [] }, { tag, classes }]);
  // The edition's mark sits at the right of the header line on every page; the header gives way to it.
  const markStyle = runningStyle('header', ['page-mark']);
  const markLines = document.pageMark && document.pageMark.length > 0 ? breakLines(inlineRuns(document.pageMark, markStyle, { fonts }), contentWidth / 2, markStyle.lineHeight, fonts, 'right') : [];
  const markWidth = Math.max(0, ...markLines.map((line) => line.fragments.reduce((right, fragment) => Math.max(right, fragment.x + fragment.width), 0) - (line.fragments[0]?.x ?? 0)));
  const place = (lines: ReturnType<typeof breakLines>, tag: 'header' | 'footer', pageIndex: number, shift = 0) => {
    const blockHeight = lines.reduce((sum, line) => sum + line.height, 0);
    let y = tag === 'header' ? frame.margin.top - runningGap - blockHeight : height - frame.margin.bottom + runningGap;
    for (const line of lines) {
      for (const fragment of line.fragments) {
        pages[pageIndex]!.texts.push({ x: frame.margin.left + shift + fragment.x, y: y + line.baseline, text: fragment.text, width: fragment.width, font: fragment.font, size: fragment.size, color: fragment.color, owner: 'pagination' });
      }
      y += line.height;
    }
  };
  const running = (slot: InlineNode[] | undefined, tag: 'header' | 'footer', pageIndex: number) => {
    if (!slot || slot.length === 0) return;
    const style = runningStyle(tag);
    const fields = { 'page-number': String((options.pageNumbers?.first ?? 1) + pageIndex), 'page-count': pageCount };
    const width = tag === 'header' && markWidth > 0 ? contentWidth - markWidth - style.size * 2 : contentWidth;
    place(breakLines(inlineRuns(slot, style, { fonts, fields }), width, style.lineHeight, fonts, style.align), tag, pageIndex);
  };
  pages.forEach((_, index) => {
    // The first page shows the title block itself, so it needs no running header.
    if (index > 0 || document.pageHeaderOnFirstPage) running(document.pageHeader, 'header', index);
    if (markLines.length > 0) place(markLines, 'header', index, contentWidth / 2);
    running(document.pageFooter, 'footer', index);
  });

  return { model: { width, height, pages, structure, outline }, missingGlyphs: [...missing.values()], warnings };
}
