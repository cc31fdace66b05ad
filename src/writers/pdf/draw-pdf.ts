import PDFDocument from 'pdfkit';
import type { DocumentMeta } from '../../tree/document-tree.js';
import { fontKey, forgetCachedGlyphs, type FontBook } from './font-book.js';
import {
  batchPageContent,
  checkPdfkitInternals,
  completeCidSet,
  escapeXmpMetadata,
  drawingShortcuts,
  drawTextRun,
  layoutWithoutCopies,
  setOutlineCount,
  shareShapedRuns,
  shareSubsetGlyphRecords,
  writeStringsNatively,
} from './pdfkit-adapter.js';
import { pageSequenceOf, type OutlineEntry, type PageModel, type PageSequence, type PlacedText, type StructNode } from './page-model.js';

type PdfDoc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<PdfDoc['struct']>;

/**
 * Page model → PDF bytes (see drawPages). The model's pages are used up: taken from it and let go of
 * one by one as they are drawn.
 */
export async function drawPdf(model: PageModel, meta: DocumentMeta, fonts: FontBook): Promise<Uint8Array> {
  return drawPages(pageSequenceOf(model), meta, fonts);
}

/** Receives a PDF's bytes as they are written, in order, in blocks of some tens of kilobytes. */
export type PdfBlockSink = (block: Uint8Array) => void;

/** `streamPages`, with the PDF's bytes collected in memory. */
export async function drawPages(model: PageSequence, meta: DocumentMeta, fonts: FontBook): Promise<Uint8Array> {
  const blocks: Uint8Array[] = [];
  await streamPages(model, meta, fonts, (block) => blocks.push(block));
  return Buffer.concat(blocks);
}

/**
 * Pages → PDF with pdfkit, its bytes handed to `sink` as they are written (a long table's PDF is
 * tens of megabytes, which need not wait in memory): fonts embedded and subset, a tagged structure
 * tree in reading order (running headers, footers and repeated table headers marked as artifacts),
 * bookmarks from the headings, link annotations, metadata, and a fixed creation date so equal input
 * gives equal bytes. Each page is drawn as it is handed over and not kept; structure elements are
 * written out after the page their content ends on.
 */
export async function streamPages(model: PageSequence, meta: DocumentMeta, fonts: FontBook, sink: PdfBlockSink): Promise<void> {
  try {
    await drawDocument(model, meta, fonts, sink);
  } finally {
    forgetCachedGlyphs();
  }
}

async function drawDocument(model: PageSequence, meta: DocumentMeta, fonts: FontBook, sink: PdfBlockSink): Promise<void> {
  checkPdfkitInternals(fonts.parsed({ family: 'body', face: 'regular' }));
  const shortcuts = drawingShortcuts();
  const doc = newDocument(model, meta);
  escapeXmpMetadata(doc);
  if (shortcuts) writeStringsNatively(doc);
  const flushContent = batchPageContent(doc);
  const finished = sendOutput(doc, sink);
  const useFont = fontSwitcher(doc, fonts, shortcuts);
  const structure = structureWriter(doc, model);
  const outline = outlineWriter(doc, model);

  // pdfkit's output stream starts flowing to the 'data' listener at the next turn of the event loop;
  // from then on each chunk reaches it as it is written, so the pages can be drawn in one go
  // without their output waiting in the stream (40 MB for a 10,000-row table).
  await new Promise((resolve) => setImmediate(resolve));
  // Each page is drawn as it is made and then let go: a long table is never held as pages.
  model.forEachPage((page, pageIndex) => {
    doc.addPage({ size: [model.width, model.height], margin: 0 });
    drawShapes(doc, page, structure);
    drawTexts(doc, page, structure, useFont, fonts, shortcuts);
    drawLinks(doc, page, structure);
    structure.pageDone(pageIndex);
    outline.pageDone(pageIndex);
  });
  outline.finish();
  structure.finish();
  flushContent();
  doc.end();
  await finished;
}

function newDocument(model: PageSequence, meta: DocumentMeta): PdfDoc {
  return new PDFDocument({
    size: [model.width, model.height],
    margin: 0,
    autoFirstPage: false,
    bufferPages: false,
    // No built-in Helvetica: every run names its theme font, and loading the unused standard font
    // costs time per document.
    font: null as never,
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    pdfVersion: '1.7',
    // pdfkit's own subset marks the document as PDF/UA (identification in XMP metadata).
    subset: 'PDF/UA' as never,
    info: {
      Title: meta.title,
      ...(meta.author ? { Author: meta.author } : {}),
      ...(meta.subject ? { Subject: meta.subject } : {}),
      ...(meta.keywords ? { Keywords: meta.keywords.join(', ') } : {}),
      Creator: 'handout',
      Producer: 'handout (pdfkit)',
      CreationDate: meta.date,
      ModDate: meta.date,
    },
  });
}

/** Hands the document's bytes to `sink` as pdfkit writes them; settles once it has ended. */
function sendOutput(doc: PdfDoc, sink: PdfBlockSink): Promise<void> {
  // pdfkit emits every object and content line as its own small buffer (hundreds of thousands for a
  // 10,000-row table); joined a thousand at a time they cost their bytes, not an object each.
  let chunks: Buffer[] = [];
  const flush = () => {
    if (chunks.length === 0) return;
    const block = Buffer.concat(chunks);
    chunks = [];
    sink(block);
  };
  doc.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    if (chunks.length >= 1024) flush();
  });
  return new Promise<void>((resolve, reject) => {
    doc.on('end', () => {
      try {
        flush();
        resolve();
      } catch (error) {
        reject(error);
      }
    });
    doc.on('error', reject);
  });
}

/** Sets a text's font and size, registering each theme font with the document on first use. */
function fontSwitcher(doc: PdfDoc, fonts: FontBook, shortcuts: boolean): (text: PlacedText) => void {
  const registered = new Set<string>();
  return (text) => {
    const key = fontKey(text.font);
    if (!registered.has(key)) {
      doc.registerFont(key, fonts.parsed(text.font) as never);
      registered.add(key);
      doc.font(key);
      completeCidSet(doc);
      const ref = text.font;
      shareShapedRuns(doc, (run) => fonts.shaped(ref, run));
      if (shortcuts) {
        shareSubsetGlyphRecords(doc);
        layoutWithoutCopies(doc);
      }
    }
    doc.font(key).fontSize(text.size);
  };
}

/** The tagged structure as pages are drawn: the element a text or link belongs to, and when each ends. */
interface StructureWriter {
  /** pdfkit's element of a structure node (a new one per page for an inline element). */
  elementFor(node: StructNode): StructElement;
  /** The element of a non-inline node, as built (undefined once ended). */
  elementOf(node: StructNode): StructElement | undefined;
  /** A Link element created for a link whose owner is not a Link: ended with the page's inline elements. */
  addInline(element: StructElement): void;
  /** After a page: its inline elements end, and so does every element whose content ended there. */
  pageDone(pageIndex: number): void;
  /** After the last page: attaches inline elements never drawn and ends the tree. */
  finish(): void;
}

function structureWriter(doc: PdfDoc, model: PageSequence): StructureWriter {
  const elements = new Map<StructNode, StructElement>();
  const parents = new Map<StructNode, StructElement>();
  const root = buildStructure(doc, model.structure, elements, parents);
  doc.addStructure(root);
  // Inline elements (Link) live one page each: pdfkit writes an annotation's /OBJR with the page that
  // is current when the element is flushed, so a Link ends on its page; a link whose text wraps onto
  // the next page continues in a second Link element there.
  const usedInline = new Set<StructNode>();
  let inlineOnPage = new Map<StructNode, StructElement>();
  // Elements whose content is all drawn are ended after their last page, so pdfkit writes them out
  // and frees them: a 10,000-row table otherwise keeps every row's element in memory to the end.
  const endAfterPage = lastPageOfElements(model);
  return {
    elementFor(node) {
      if (!node.inline) return elements.get(node)!;
      let element = inlineOnPage.get(node);
      if (!element) {
        element = usedInline.has(node) ? doc.struct(node.role) : elements.get(node)!;
        usedInline.add(node);
        // Attached now: between the parent's text drawn so far and the text after it.
        parents.get(node)!.add(element);
        inlineOnPage.set(node, element);
      }
      return element;
    },
    elementOf: (node) => elements.get(node),
    addInline(element) {
      inlineOnPage.set({ role: 'Link', children: [] }, element);
    },
    pageDone(pageIndex) {
      for (const element of inlineOnPage.values()) element.end();
      inlineOnPage = new Map();
      const ending = endAfterPage.get(pageIndex) ?? [];
      endAfterPage.delete(pageIndex);
      for (const node of ending) {
        // A link without text is attached only at the end: its parent must stay open for it.
        if (node.children.some((child) => child.inline && !usedInline.has(child))) continue;
        elements.get(node)?.end();
        elements.delete(node);
      }
    },
    finish() {
      // Inline elements never drawn (a link without text) still belong to the tree.
      for (const [node, parent] of parents) if (!usedInline.has(node)) parent.add(elements.get(node)!);
      root.end();
    },
  };
}

/** Bookmarks from the headings, added as their pages are drawn, with /Count set at the end. */
function outlineWriter(doc: PdfDoc, model: PageSequence): { pageDone(pageIndex: number): void; finish(): void } {
  const outlineRoot: OutlineNode = { item: doc.outline as unknown as OutlineItem, open: true, children: [] };
  const outlineStack: { level: number; node: OutlineNode }[] = [{ level: 0, node: outlineRoot }];
  const outlineByPage = groupOutline(model.outline);
  return {
    pageDone(pageIndex) {
      for (const entry of outlineByPage.get(pageIndex) ?? []) {
        while (outlineStack.length > 1 && outlineStack.at(-1)!.level >= entry.level) outlineStack.pop();
        // pdfkit's destination is [page /XYZ (width − left) (height − top) zoom]: left = width puts the
        // view at the page's left edge, top = the heading's position.
        const parent = outlineStack.at(-1)!.node;
        const item = parent.item.addItem(entry.title, { top: Math.max(0, entry.y - 6), left: model.width });
        const node: OutlineNode = { item, open: entry.level <= 2, children: [] };
        parent.children.push(node);
        outlineStack.push({ level: entry.level, node });
      }
    },
    finish: () => void setOutlineCounts(outlineRoot),
  };
}

type DrawnPage = Parameters<Parameters<PageSequence['forEachPage']>[0]>[0];

/** Rules, boxes and circles as layout artifacts; shapes owned by a figure (a QR code) as its content. */
function drawShapes(doc: PdfDoc, page: DrawnPage, structure: StructureWriter): void {
  const all = [...page.decorations, ...page.overlays];
  const decorations = all.filter((decoration) => decoration.kind !== 'rect' || !decoration.owner);
  const figureShapes = new Map<StructNode, { x: number; y: number; width: number; height: number; fill: string }[]>();
  for (const decoration of all) {
    if (decoration.kind !== 'rect' || !decoration.owner) continue;
    const list = figureShapes.get(decoration.owner) ?? [];
    list.push(decoration);
    figureShapes.set(decoration.owner, list);
  }
  if (decorations.length > 0) {
    doc.markContent('Artifact', { type: 'Layout' } as never);
    for (const decoration of decorations) {
      if (decoration.kind === 'circle') {
        if (decoration.fill) doc.save().fillOpacity(decoration.fillOpacity ?? 1).circle(decoration.cx, decoration.cy, decoration.r).fill(decoration.fill).restore();
        doc.circle(decoration.cx, decoration.cy, decoration.r).lineWidth(decoration.lineWidth).stroke(decoration.stroke);
        continue;
      }
      if (decoration.kind === 'rect') doc.rect(decoration.x, decoration.y, decoration.width, decoration.height).fill(decoration.fill);
      else doc.moveTo(decoration.x1, decoration.y1).lineTo(decoration.x2, decoration.y2).lineWidth(decoration.lineWidth).stroke(decoration.color);
    }
    doc.endMarkedContent();
  }
  // A figure drawn with shapes (a QR code) is the content of its Figure element, not an artifact.
  for (const [owner, shapes] of figureShapes) {
    const element = structure.elementOf(owner);
    if (!element) throw new Error(`shape owned by an unknown structure element ${owner.role}`);
    element.add(doc.markStructureContent(owner.role));
    for (const shape of shapes) doc.rect(shape.x, shape.y, shape.width, shape.height).fill(shape.fill);
    doc.endMarkedContent();
  }
}

/** The page's text runs, each marked as the content of its structure element or as an artifact. */
function drawTexts(doc: PdfDoc, page: DrawnPage, structure: StructureWriter, useFont: (text: PlacedText) => void, fonts: FontBook, shortcuts: boolean): void {
  let openOwner: StructNode | 'pagination' | 'layout' | undefined;
  const close = () => {
    if (openOwner !== undefined) doc.endMarkedContent();
    openOwner = undefined;
  };
  for (const text of page.texts) {
    if (text.owner !== openOwner) {
      close();
      if (text.owner === 'pagination' || text.owner === 'layout') {
        doc.markContent('Artifact', { type: text.owner === 'pagination' ? 'Pagination' : 'Layout' } as never);
      } else {
        if (!structure.elementOf(text.owner)) throw new Error(`text owned by an unknown structure element ${text.owner.role}`);
        const element = structure.elementFor(text.owner);
        element.add(doc.markStructureContent(text.owner.role));
      }
      openOwner = text.owner;
    }
    useFont(text);
    doc.fillColor(text.color);
    // pdfkit positions text by the top of the font's ascent; the model stores baselines.
    const ascent = fonts.metrics(text.font, text.size).ascent;
    if (shortcuts) drawTextRun(doc, text.text, text.x, text.y - ascent);
    else doc.text(text.text, text.x, text.y - ascent, { lineBreak: false });
  }
  close();
}

/** Link annotations, each joined to the Link element that holds its text (PDF/UA: Link > text + OBJR). */
function drawLinks(doc: PdfDoc, page: DrawnPage, structure: StructureWriter): void {
  for (const link of page.links) {
    let owner = link.owner ? structure.elementFor(link.owner) : undefined;
    if (owner && link.owner?.role !== 'Link') {
      const linkElement = doc.struct('Link');
      owner.add(linkElement);
      structure.addInline(linkElement);
      owner = linkElement;
    }
    if (owner) doc.link(link.x, link.y, link.width, link.height, link.href, { structParent: owner, Contents: new String(link.href) } as never);
    else doc.link(link.x, link.y, link.width, link.height, link.href);
  }
}

function lastPageOfElements(model: PageSequence): Map<number, StructNode[]> {
  const last = model.lastPages;
  const byPage = new Map<number, StructNode[]>();
  const visit = (node: StructNode): number | undefined => {
    let page = last.get(node);
    for (const child of node.children) {
      const childPage = visit(child);
      if (childPage !== undefined) page = Math.max(page ?? childPage, childPage);
    }
    if (page !== undefined && !node.inline && node !== model.structure) {
      const list = byPage.get(page) ?? [];
      list.push(node);
      byPage.set(page, list);
    }
    return page;
  };
  visit(model.structure);
  return byPage;
}

/**
 * The structure tree as pdfkit elements. Inline elements (Link) are not attached yet: `parents` says
 * where each goes when its first text is drawn.
 */
function buildStructure(doc: PdfDoc, node: StructNode, elements: Map<StructNode, StructElement>, parents: Map<StructNode, StructElement>): StructElement {
  const options = { ...(node.title ? { title: node.title } : {}), ...(node.scope ? { scope: node.scope } : {}), ...(node.alt ? { alt: node.alt } : {}) };
  const element = doc.struct(node.role, options as never);
  elements.set(node, element);
  for (const child of node.children) {
    const childElement = buildStructure(doc, child, elements, parents);
    if (child.inline) parents.set(child, element);
    else element.add(childElement);
  }
  return element;
}

/** pdfkit's PDFOutline, as far as its public `addItem` goes. */
interface OutlineItem {
  addItem(title: string, options: { top: number; left: number }): OutlineItem;
}

interface OutlineNode {
  item: OutlineItem;
  open: boolean;
  children: OutlineNode[];
}

/**
 * /Count as ISO 32000-1 (12.3.3) defines it, which pdfkit's `expanded` option does not: the root and
 * every open item count all their visible descendants; a closed item counts, negated, those it would
 * show when opened. (pdfkit leaves /Count alone for items it was not asked to expand.)
 */
function setOutlineCounts(node: OutlineNode): number {
  // Descendants visible while `node` is open.
  let shown = 0;
  for (const child of node.children) {
    const inside = setOutlineCounts(child);
    shown += 1 + (child.open ? inside : 0);
  }
  if (node.children.length > 0) setOutlineCount(node.item, node.open ? shown : -shown);
  return shown;
}

function groupOutline(entries: readonly OutlineEntry[]): Map<number, OutlineEntry[]> {
  const byPage = new Map<number, OutlineEntry[]>();
  for (const entry of entries) {
    if (entry.level > 4) continue;
    const list = byPage.get(entry.pageIndex) ?? [];
    list.push(entry);
    byPage.set(entry.pageIndex, list);
  }
  return byPage;
}
