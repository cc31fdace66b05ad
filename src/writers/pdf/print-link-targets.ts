import type { BlockNode, DocumentNode, InlineNode } from '../../tree/document-tree.js';

/** How a node gets its new children: on a copy, or on the node itself. */
type Edit = <T extends object>(node: T, changes: Partial<T>) => T;

const onCopy: Edit = (node, changes) => ({ ...node, ...changes });
const onNode: Edit = (node, changes) => Object.assign(node, changes);

/**
 * On paper a link is only its text, so the PDF prints each link's address after it, in brackets
 * ("WHO fact sheet (https://who.int/…)"), as the HTML's print style does. The address is plain text
 * after the Link element (one link, one annotation, as on screen). A link whose text already is its
 * address (the online copy, a bare URL) is left alone. `inPlace`: the tree is the PDF's alone (see
 * planDocument) and is rewritten rather than copied; for a long table a copy would be a second tree
 * beside the first while the flow is measured.
 */
export function printLinkTargets(document: DocumentNode, options: { inPlace?: boolean } = {}): DocumentNode {
  const edit = options.inPlace ? onNode : onCopy;
  return edit(document, { children: document.children.map((node) => block(node, edit)) });
}

function block(node: BlockNode, edit: Edit): BlockNode {
  const blocks = (nodes: readonly BlockNode[]) => nodes.map((child) => block(child, edit));
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      return edit(node, { children: inlines(node.children) });
    case 'list':
      return edit(node, { items: node.items.map(blocks) });
    case 'table': {
      const rows = (list: typeof node.body) => list.map((row) => edit(row, { cells: row.cells.map((cell) => edit(cell, { children: blocks(cell.children) })) }));
      return edit(node, { ...(node.caption ? { caption: inlines(node.caption) } : {}), head: rows(node.head), body: rows(node.body) });
    }
    case 'container':
      return edit(node, { children: blocks(node.children) });
    case 'writing-space':
      return node.children ? edit(node, { children: blocks(node.children) }) : node;
    case 'venn':
      return edit(node, { sets: node.sets.map((set) => ({ ...set, points: set.points.map(inlines) })), shared: { ...node.shared, points: node.shared.points.map(inlines) } });
    case 'page-break':
    case 'fill-in':
    case 'qr':
      return node;
  }
}

function inlines(nodes: readonly InlineNode[]): InlineNode[] {
  return nodes.flatMap((node): InlineNode[] => {
    switch (node.type) {
      case 'link': {
        const children = inlines(node.children);
        if (sameAddress(plain(children), node.href)) return [{ ...node, children }];
        const shown = node.href.replace(/^mailto:/i, '');
        return [{ ...node, children }, { type: 'text', value: ` (${shown})` }];
      }
      case 'strong':
      case 'emphasis':
      case 'span':
        return [{ ...node, children: inlines(node.children) }];
      case 'text':
      case 'code':
      case 'break':
      case 'field':
        return [node];
    }
  });
}

function plain(nodes: readonly InlineNode[]): string {
  return nodes.map((node) => ('value' in node ? node.value : 'children' in node ? plain(node.children) : '')).join('');
}

function sameAddress(text: string, href: string): boolean {
  const bare = (value: string) => value.trim().replace(/^mailto:/i, '').replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
  return bare(text) === bare(href);
}
