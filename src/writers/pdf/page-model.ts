import type { FontRef } from './font-book.js';

/**
 * The page model: every box placed on every page, before any PDF exists. Layout produces it, tests
 * inspect it, and `draw-pdf` turns it into pdfkit calls. Coordinates are points from the page's
 * top-left corner; text `y` is the baseline.
 */
export interface PageModel {
  width: number;
  height: number;
  pages: Page[];
  structure: StructNode;
  outline: OutlineEntry[];
}

export interface Page {
  /** Backgrounds and rules, drawn first (decoration: artifacts for screen readers, unless a shape names its figure). */
  decorations: Decoration[];
  /** Drawn over the decorations, under the text: link underlines and table cell rules. */
  overlays: Decoration[];
  /** Text in reading order. */
  texts: PlacedText[];
  links: PlacedLink[];
  /** The area each table cell (or the slice of a split cell) covers on this page: for tests and tags. */
  cells: PlacedCell[];
}

export type Decoration =
  /** `owner`: the figure this shape draws (a QR code's modules), tagged as its content rather than as an artifact. */
  | { kind: 'rect'; x: number; y: number; width: number; height: number; fill: string; owner?: StructNode }
  | { kind: 'rule'; x1: number; y1: number; x2: number; y2: number; lineWidth: number; color: string; blank?: BlankMark }
  | { kind: 'circle'; cx: number; cy: number; r: number; stroke: string; lineWidth: number; fill?: string; fillOpacity?: number };

/**
 * Which answer blank a ruled line belongs to, and the length of its model answer: lets tests measure
 * the ruled line per character of every blank and compare a worksheet's blanks with its key's.
 */
export interface BlankMark {
  /** Number of the blank in document order, from 1. */
  id: number;
  answerLength: number;
}

export interface PlacedText {
  x: number;
  y: number;
  text: string;
  width: number;
  font: FontRef;
  size: number;
  color: string;
  /** The structure element this text belongs to, or an artifact kind (running header, repeated table header). */
  owner: StructNode | 'pagination' | 'layout';
}

export interface PlacedLink {
  x: number;
  y: number;
  width: number;
  height: number;
  href: string;
  owner?: StructNode;
}

export interface PlacedCell {
  x: number;
  y: number;
  width: number;
  height: number;
  owner: StructNode;
}

/** A node of the tagged-PDF structure tree (Document, Sect, H1…, P, L, LI, LBody, Table, TR, TH, TD, Caption…). */
export interface StructNode {
  role: string;
  children: StructNode[];
  /** Header cells: whether they head a column or a row (/Scope). */
  scope?: 'Column' | 'Row';
  /** Plain text, for headings' bookmarks and tests. */
  title?: string;
  /** Alternative text, for figures (Venn diagrams, QR codes). */
  alt?: string;
  /**
   * Inline elements (Link) sit between their parent's own text: the PDF writer attaches them to the
   * parent when their first text is drawn, so the reading order stays "text, link text, text".
   */
  inline?: boolean;
  /** Link target, for Link elements. */
  href?: string;
}

export interface OutlineEntry {
  title: string;
  level: number;
  pageIndex: number;
  y: number;
  children: OutlineEntry[];
}

export function newPage(): Page {
  return { decorations: [], overlays: [], texts: [], links: [], cells: [] };
}

/** Notes `index` as the last page so far of every structure element that owns content on `page`. */
export function recordLastPages(page: Page, index: number, lastPages: Map<StructNode, number>): void {
  for (const text of page.texts) if (typeof text.owner === 'object') lastPages.set(text.owner, index);
  for (const link of page.links) if (link.owner) lastPages.set(link.owner, index);
  for (const decoration of page.decorations) if (decoration.kind === 'rect' && decoration.owner) lastPages.set(decoration.owner, index);
}

/**
 * A laid-out document whose pages are handed over one at a time, for drawing: made as they are
 * drawn (a long table's pages are never all held at once) or taken from a whole page model.
 */
export interface PageSequence {
  width: number;
  height: number;
  structure: StructNode;
  outline: OutlineEntry[];
  pageCount: number;
  /** The last page with content of each structure element that owns content itself. */
  lastPages: ReadonlyMap<StructNode, number>;
  /** Hands each page, in order, to `onPage`; once only (the pages are let go as they are handed over). */
  forEachPage(onPage: (page: Page, index: number) => void): void;
}

/** A whole page model as a page sequence; its pages are taken from it as they are handed over. */
export function pageSequenceOf(model: PageModel): PageSequence {
  const lastPages = new Map<StructNode, number>();
  model.pages.forEach((page, index) => recordLastPages(page, index, lastPages));
  return {
    width: model.width,
    height: model.height,
    structure: model.structure,
    outline: model.outline,
    pageCount: model.pages.length,
    lastPages,
    forEachPage(onPage) {
      const pages: (Page | undefined)[] = model.pages.splice(0);
      for (let index = 0; index < pages.length; index++) {
        const page = pages[index]!;
        pages[index] = undefined;
        onPage(page, index);
      }
    },
  };
}
