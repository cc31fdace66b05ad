import { InternalError } from '../../shared/diagnostic.js';
import type { InlineNode } from '../../tree/document-tree.js';
import { attribute, classAttribute, escapeHtml } from './escape-html.js';

/** Link targets a handout may point to; the tree should hold no others, but a hand-built one might. */
const allowedHref = /^(https?:\/\/|mailto:)/i;

/** Inline nodes → HTML. Fields (page number, page count) exist only on printed pages: empty here. */
export function serializeInlines(nodes: readonly InlineNode[]): string {
  return nodes.map(serializeInline).join('');
}

function serializeInline(node: InlineNode): string {
  switch (node.type) {
    case 'text':
      return escapeHtml(node.value);
    case 'strong':
      return `<strong>${serializeInlines(node.children)}</strong>`;
    case 'emphasis':
      return `<em>${serializeInlines(node.children)}</em>`;
    case 'code':
      return `<code>${escapeHtml(node.value)}</code>`;
    case 'break':
      return '<br>';
    case 'span':
      return `<span${classAttribute(node.classes)}>${serializeInlines(node.children)}</span>`;
    case 'link':
      // Anything but http(s)/mailto (e.g. `javascript:`) keeps its text and loses the link.
      if (!allowedHref.test(node.href)) return serializeInlines(node.children);
      return `<a${attribute('href', node.href)}>${serializeInlines(node.children)}</a>`;
    case 'field':
      return '';
    default: {
      const unhandled: never = node;
      throw new InternalError(`HTML writer: unhandled inline node ${JSON.stringify(unhandled)}`);
    }
  }
}
