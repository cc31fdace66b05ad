import PDFDocument from 'pdfkit';
import type { DocumentMeta } from '../../tree/document-tree.js';
import { fontKey, type FontBook } from './font-book.js';
import type { OutlineEntry, PageModel, PlacedText, StructNode } from './page-model.js';

type PdfDoc = InstanceType<typeof PDFDocument>;
type StructElement = ReturnType<PdfDoc['struct']>;

/**
 * Page model → PDF bytes with pdfkit: fonts embedded and subset, a tagged structure tree in reading
 * order (running headers, footers and repeated table headers marked as artifacts), bookmarks from the
 * headings, link annotations, metadata, and a fixed creation date so equal input gives equal bytes.
 */
export async function drawPdf(model: PageModel, meta: DocumentMeta, fonts: FontBook): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [model.width, model.height],
    margin: 0,
    autoFirstPage: false,
    bufferPages: false,
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
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const registered = new Set<string>();
  const useFont = (text: PlacedText) => {
    const key = fontKey(text.font);
    if (!registered.has(key)) {
      doc.registerFont(key, fonts.parsed(text.font) as never);
      registered.add(key);
    }
    doc.font(key).fontSize(text.size);
  };

  const elements = new Map<StructNode, StructElement>();
  const root = buildStructure(doc, model.structure, elements);
  doc.addStructure(root);

  const outlineStack: { level: number; item: ReturnType<typeof doc.outline.addItem> | typeof doc.outline }[] = [{ level: 0, item: doc.outline }];
  const outlineByPage = groupOutline(model.outline);

  model.pages.forEach((page, pageIndex) => {
    doc.addPage({ size: [model.width, model.height], margin: 0 });
    const decorations = [...page.decorations, ...page.overlays];
    if (decorations.length > 0) {
      doc.markContent('Artifact', { type: 'Layout' } as never);
      for (const decoration of decorations) {
        if (decoration.kind === 'rect') doc.rect(decoration.x, decoration.y, decoration.width, decoration.height).fill(decoration.fill);
        else doc.moveTo(decoration.x1, decoration.y1).lineTo(decoration.x2, decoration.y2).lineWidth(decoration.lineWidth).stroke(decoration.color);
      }
      doc.endMarkedContent();
    }
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
          const element = elements.get(text.owner);
          if (!element) throw new Error(`text owned by an unknown structure element ${text.owner.role}`);
          element.add(doc.markStructureContent(text.owner.role));
        }
        openOwner = text.owner;
      }
      useFont(text);
      doc.fillColor(text.color);
      // pdfkit positions text by the top of the font's ascent; the model stores baselines.
      const ascent = fonts.metrics(text.font, text.size).ascent;
      doc.text(text.text, text.x, text.y - ascent, { lineBreak: false });
    }
    close();
    for (const link of page.links) {
      const owner = link.owner ? elements.get(link.owner) : undefined;
      if (owner) {
        const linkElement = doc.struct('Link');
        owner.add(linkElement);
        doc.link(link.x, link.y, link.width, link.height, link.href, { structParent: linkElement, Contents: new String(link.href) } as never);
        linkElement.end();
      } else {
        doc.link(link.x, link.y, link.width, link.height, link.href);
      }
    }
    for (const entry of outlineByPage.get(pageIndex) ?? []) {
      while (outlineStack.length > 1 && outlineStack.at(-1)!.level >= entry.level) outlineStack.pop();
      const item = outlineStack.at(-1)!.item.addItem(entry.title, { expanded: entry.level <= 2 } as never);
      outlineStack.push({ level: entry.level, item });
    }
  });
  root.end();
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}

function buildStructure(doc: PdfDoc, node: StructNode, elements: Map<StructNode, StructElement>): StructElement {
  const element = doc.struct(node.role, node.title ? { title: node.title } : {});
  if (node.scope) (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary.data.A = { O: 'Table', Scope: node.scope };
  elements.set(node, element);
  for (const child of node.children) element.add(buildStructure(doc, child, elements));
  return element;
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
