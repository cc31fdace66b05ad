import type { ChildNode, Element } from 'domhandler';
import type { BlockNode, InlineNode } from './document-tree.js';

/**
 * Semantic markup (what templates produce) → document tree: what every step of the reading shares.
 * The markup is a small, documented subset of HTML; anything else is reported through `problem`.
 */
export interface ParsedMarkup {
  pageHeader?: InlineNode[];
  pageHeaderOnFirstPage?: boolean;
  pageMark?: InlineNode[];
  pageFooter?: InlineNode[];
  children: BlockNode[];
}

export interface MarkupContext {
  /** Reports a template error at an element (never drops content silently). */
  problem(element: ChildNode, message: string, hint: string): void;
  /** Reads inline content (text, emphasis, links, fields). */
  inlines(nodes: readonly ChildNode[]): InlineNode[];
  /** Reads the children of a block container. */
  blocks(nodes: readonly ChildNode[]): BlockNode[];
  /** Page header and footer land here, beside the children. */
  result: ParsedMarkup;
}

export const inlineTags = new Set(['strong', 'b', 'em', 'i', 'a', 'br', 'span', 'code']);
export const blockTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'table', 'section', 'aside', 'div', 'hr', 'header', 'footer', 'figure']);

export function elementChildren(element: Element): Element[] {
  return element.children.filter((child): child is Element => child.type === 'tag');
}

export function classesOf(element: Element): string[] {
  const classes = (element.attribs.class ?? '').trim();
  return classes === '' ? [] : classes.split(/\s+/);
}

/**
 * A list the tree keeps, at its length: one grown by `push` (or made by `filter` or `flatMap`) keeps
 * room for 17 entries, and most lists of the tree hold one to three. The tree lives until the pages
 * are planned; for a long table of short rows the spare room was about a third of it.
 */
export function exactList<T>(list: T[]): T[] {
  return list.length === 0 ? [] : list.slice();
}

export function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.data : child.type === 'tag' ? textOf(child as Element) : '')).join('');
}

/** Drop whitespace at the edges of a block, as a browser does, and merge adjacent text. */
export function trimInlines(nodes: InlineNode[]): InlineNode[] {
  const merged: InlineNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === 'text' && last?.type === 'text') last.value = (last.value + node.value).replace(/ {2,}/g, ' ');
    else merged.push(node.type === 'text' ? { ...node } : node);
  }
  const first = merged[0];
  if (first?.type === 'text') first.value = first.value.trimStart();
  const last = merged.at(-1);
  if (last?.type === 'text') last.value = last.value.trimEnd();
  return exactList(merged.filter((node) => node.type !== 'text' || node.value.length > 0));
}
