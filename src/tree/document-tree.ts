/**
 * The document tree: the one contract between the template stage and the writers (like Pandoc's AST).
 * Templates produce a small subset of HTML; `parseMarkup` turns it into these nodes; each writer
 * handles every node kind (the `switch` statements over `type` are exhaustive).
 */

/** Plain text; whitespace already collapsed as HTML would. */
export interface TextNode {
  type: 'text';
  value: string;
}
/** `<strong>` / `<b>` */
export interface StrongNode {
  type: 'strong';
  children: InlineNode[];
}
/** `<em>` / `<i>` */
export interface EmphasisNode {
  type: 'emphasis';
  children: InlineNode[];
}
/** `<code>`: shown in the body font, kept as typed. */
export interface CodeNode {
  type: 'code';
  value: string;
}
/** `<a href>`: only http(s) and mailto targets reach the tree. */
export interface LinkNode {
  type: 'link';
  href: string;
  children: InlineNode[];
}
/** `<br>` */
export interface BreakNode {
  type: 'break';
}
/** `<span data-field="page-number|page-count">`: filled in after pagination. */
export interface FieldNode {
  type: 'field';
  name: 'page-number' | 'page-count';
}
/** `<span class>`: a styling hook without meaning of its own. */
export interface SpanNode {
  type: 'span';
  classes: string[];
  children: InlineNode[];
}

export type InlineNode = TextNode | StrongNode | EmphasisNode | CodeNode | LinkNode | BreakNode | FieldNode | SpanNode;

interface BlockBase {
  /** Class names from the markup: the hooks theme styles attach to. */
  classes: string[];
  id?: string;
}

/** `<h1>`…`<h6>` */
export interface HeadingNode extends BlockBase {
  type: 'heading';
  level: 1 | 2 | 3 | 4 | 5 | 6;
  children: InlineNode[];
}
/** `<p>` */
export interface ParagraphNode extends BlockBase {
  type: 'paragraph';
  children: InlineNode[];
}
/** `<ul>` / `<ol>`; each item holds blocks (loose inline content is wrapped in a paragraph). */
export interface ListNode extends BlockBase {
  type: 'list';
  ordered: boolean;
  items: BlockNode[][];
}
/** `<table>` with `<caption>`, `<thead>` rows (repeated on every page) and `<tbody>` rows. */
export interface TableNode extends BlockBase {
  type: 'table';
  caption?: InlineNode[];
  head: TableRow[];
  body: TableRow[];
}
export interface TableRow {
  classes: string[];
  cells: TableCell[];
}
/** `<th>` or `<td>`; `scope` says whether a header cell heads a column or a row. */
export interface TableCell {
  header: boolean;
  scope?: 'col' | 'row';
  classes: string[];
  children: BlockNode[];
}
/** `<section>`, `<aside>`, `<div>`: a group of blocks; `aside` is a note beside the main text. */
export interface ContainerNode extends BlockBase {
  type: 'container';
  tag: 'section' | 'aside' | 'div';
  children: BlockNode[];
}
/** `<hr data-page-break>`: start a new page here (a hint: HTML uses it for print only). */
export interface PageBreakNode extends BlockBase {
  type: 'page-break';
}

/**
 * `<div data-writing-lines="N" data-answer-length="C">`: at least N ruled lines to write on
 * (worksheets). `answerLength`, the model answer's length in characters, lets a writer that knows
 * the blank's width add lines so there is enough ruled line per character. In an answer key the
 * element holds the answer, written on the very lines the worksheet leaves blank.
 */
export interface WritingSpaceNode extends BlockBase {
  type: 'writing-space';
  lines: number;
  answerLength?: number;
  /** Answer key: the answer, set on the ruled lines. */
  children?: BlockNode[];
}
/** `<div data-fill-in>` of `<span data-label data-share>`: labelled blanks on one line (Name / Class / Date). */
export interface FillInNode extends BlockBase {
  type: 'fill-in';
  fields: { label: string; share: number }[];
}
/** `<figure data-venn>`: a Venn diagram of 2 or 3 sets; `blank` draws the empty organiser to fill in. */
export interface VennNode extends BlockBase {
  type: 'venn';
  blank: boolean;
  caption?: InlineNode[];
  /** One per subject, in subject order: its label and the points only it has. */
  sets: { label: string; position: number; points: InlineNode[][] }[];
  shared: { label: string; points: InlineNode[][] };
  /** Three sets: points just two of them share (`positions` are the two sets' positions). */
  pairs?: { label: string; positions: [number, number]; points: InlineNode[][] }[];
}
/** `<div data-qr="https://…" data-label>`: a QR code linking to the handout's online copy. */
export interface QrNode extends BlockBase {
  type: 'qr';
  value: string;
  label: string;
}

export type BlockNode = HeadingNode | ParagraphNode | ListNode | TableNode | ContainerNode | PageBreakNode | WritingSpaceNode | FillInNode | VennNode | QrNode;

export interface DocumentMeta {
  title: string;
  language: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  /** Creation date used by writers; fixed for reproducible output. */
  date: Date;
}

/** The whole handout: metadata, running header/footer slots and the body. */
export interface DocumentNode {
  type: 'document';
  meta: DocumentMeta;
  /** `<header data-slot="page-header">` */
  pageHeader?: InlineNode[];
  /** `data-first-page="show"` on the header: show it on the first page too (e.g. an answer-key mark). */
  pageHeaderOnFirstPage?: boolean;
  /** `<header data-slot="page-mark">`: the edition's mark (Answer key), on every page opposite the running header. */
  pageMark?: InlineNode[];
  /** `<footer data-slot="page-footer">` */
  pageFooter?: InlineNode[];
  children: BlockNode[];
}

export function inlineText(nodes: readonly InlineNode[]): string {
  return nodes
    .map((node) => {
      switch (node.type) {
        case 'text':
        case 'code':
          return node.value;
        case 'break':
          return '\n';
        case 'field':
          return '';
        case 'strong':
        case 'emphasis':
        case 'link':
        case 'span':
          return inlineText(node.children);
      }
    })
    .join('');
}
