import type { BlockNode, DocumentNode, InlineNode } from '../../tree/document-tree.js';

/**
 * On paper a link is only its text, so the PDF prints each link's address after it, in brackets
 * ("WHO fact sheet (https://who.int/…)"), as the HTML's print style does. The address is plain text
 * after the Link element (one link, one annotation, as on screen). A link whose text already is its
 * address (the online copy, a bare URL) is left alone.
 */
export function printLinkTargets(document: DocumentNode): DocumentNode {
  return { ...document, children: document.children.map(block) };
}

function block(node: BlockNode): BlockNode {
  switch (node.type) {
    case 'heading':
    case 'paragraph':
      return { ...node, children: inlines(node.children) };
    case 'list':
      return { ...node, items: node.items.map((item) => item.map(block)) };
    case 'table':
      return {
        ...node,
        ...(node.caption ? { caption: inlines(node.caption) } : {}),
        head: node.head.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, children: cell.children.map(block) })) })),
        body: node.body.map((row) => ({ ...row, cells: row.cells.map((cell) => ({ ...cell, children: cell.children.map(block) })) })),
      };
    case 'container':
      return { ...node, children: node.children.map(block) };
    case 'writing-space':
      return node.children ? { ...node, children: node.children.map(block) } : node;
    case 'venn':
      return { ...node, sets: node.sets.map((set) => ({ ...set, points: set.points.map(inlines) })), shared: { ...node.shared, points: node.shared.points.map(inlines) } };
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
