import type { DocumentNode, InlineNode } from '../../tree/document-tree.js';
import { resolveColor, type Theme } from '../../templates/theme.js';
import { StyleResolver } from './computed-style.js';
import { FontBook } from './font-book.js';
import { buildFlow } from './flow.js';
import { planPages, type PageFrame } from './paginate.js';
import { breakLines, type Hyphenator } from './break-lines.js';
import { hyphenatorFor } from './hyphenator-for.js';
import { inlineRuns, type MissingGlyph } from './text-runs.js';
import type { Page, PageModel, PageSequence, StructNode } from './page-model.js';
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

/** Document tree → page model, every page at once: for class packs, which combine documents, and tests. */
export function layoutDocument(document: DocumentNode, theme: Theme, options: LayoutOptions): { model: PageModel; missingGlyphs: MissingGlyph[]; warnings: Diagnostic[] } {
  const { sequence, missingGlyphs, warnings } = planDocument(document, theme, options);
  const pages: Page[] = [];
  sequence.forEachPage((page) => pages.push(page));
  return { model: { width: sequence.width, height: sequence.height, pages, structure: sequence.structure, outline: sequence.outline }, missingGlyphs, warnings };
}

/**
 * Document tree → pages to draw one at a time: measure (flow), decide the page breaks (paginate),
 * then make each page as it is asked for, with the running header and footer, which need the final
 * page count. The sequence holds the measured flow, not the document tree. `ownsTree`: the caller
 * keeps no use for the tree's content (a build's own tree); it is then used up as it is measured
 * (link targets added in place, table rows taken out), never held beside the whole flow. A tree that
 * is laid out more than once (a class pack's front matter) must not be handed over so.
 */
export function planDocument(document: DocumentNode, theme: Theme, options: LayoutOptions, ownership: { ownsTree?: boolean } = {}): { sequence: PageSequence; missingGlyphs: MissingGlyph[]; warnings: Diagnostic[] } {
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
  const owned = ownership.ownsTree === true;
  const flowContext = { styles, fonts, runOptions, colors: theme.tokens.colors, vennTint: theme.tokens.vennTint ?? 0.08, warn: (diagnostic: Diagnostic) => warnings.push(diagnostic), ...hyphenation(document.meta.language), ...(owned ? { takeTableRows: true } : {}) };
  const flow = buildFlow(printLinkTargets(document, { inPlace: owned }).children, frame.margin.left, contentWidth, flowContext, structure);
  const plan = planPages(flow, frame);

  const pageCount = String(options.pageNumbers?.total ?? plan.pageCount);
  const { pageHeader, pageFooter, pageHeaderOnFirstPage } = document;
  const runningStyle = (tag: 'header' | 'footer', classes: string[] = []) => styles.resolve([{ tag: 'body', classes: [] }, { tag, classes }]);
  // The edition's mark sits at the right of the header line on every page; the header gives way to it.
  const markStyle = runningStyle('header', ['page-mark']);
  const markLines = document.pageMark && document.pageMark.length > 0 ? breakLines(inlineRuns(document.pageMark, markStyle, { fonts }), contentWidth / 2, markStyle.lineHeight, fonts, 'right') : [];
  const markWidth = Math.max(0, ...markLines.map((line) => line.fragments.reduce((right, fragment) => Math.max(right, fragment.x + fragment.width), 0) - (line.fragments[0]?.x ?? 0)));
  const place = (lines: ReturnType<typeof breakLines>, tag: 'header' | 'footer', page: Page, shift = 0) => {
    const blockHeight = lines.reduce((sum, line) => sum + line.height, 0);
    let y = tag === 'header' ? frame.margin.top - runningGap - blockHeight : height - frame.margin.bottom + runningGap;
    for (const line of lines) {
      for (const fragment of line.fragments) {
        page.texts.push({ x: frame.margin.left + shift + fragment.x, y: y + line.baseline, text: fragment.text, width: fragment.width, font: fragment.font, size: fragment.size, color: fragment.color, owner: 'pagination' });
      }
      y += line.height;
    }
  };
  const running = (slot: InlineNode[] | undefined, tag: 'header' | 'footer', page: Page, pageIndex: number) => {
    if (!slot || slot.length === 0) return;
    const style = runningStyle(tag);
    const fields = { 'page-number': String((options.pageNumbers?.first ?? 1) + pageIndex), 'page-count': pageCount };
    const width = tag === 'header' && markWidth > 0 ? contentWidth - markWidth - style.size * 2 : contentWidth;
    place(breakLines(inlineRuns(slot, style, { fonts, fields }), width, style.lineHeight, fonts, style.align), tag, page);
  };
  const sequence: PageSequence = {
    width,
    height,
    structure,
    outline: plan.outline,
    pageCount: plan.pageCount,
    lastPages: plan.lastPages,
    forEachPage: (onPage) =>
      plan.place((page, index) => {
        // The first page shows the title block itself, so it needs no running header.
        if (index > 0 || pageHeaderOnFirstPage) running(pageHeader, 'header', page, index);
        if (markLines.length > 0) place(markLines, 'header', page, contentWidth / 2);
        running(pageFooter, 'footer', page, index);
        onPage(page, index);
      }),
  };
  return { sequence, missingGlyphs: [...missing.values()], warnings };
}
