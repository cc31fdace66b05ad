import type { ChildNode, Element } from 'domhandler';
import type { InlineNode } from './document-tree.js';
import { classesOf, exactList, inlineTags, textOf, type MarkupContext } from './markup-context.js';

/** Inline markup → inline nodes: text (whitespace collapsed as in HTML), emphasis, code, links, fields. */
export function readInlines(nodes: readonly ChildNode[], context: MarkupContext): InlineNode[] {
  const out: InlineNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      out.push({ type: 'text', value: node.data.replace(/[ \t\r\n\f]+/g, ' ') });
      continue;
    }
    if (node.type !== 'tag') continue; // comments and directives carry no content
    const element = node as Element;
    switch (element.name) {
      case 'strong':
      case 'b':
        out.push({ type: 'strong', children: context.inlines(element.children) });
        break;
      case 'em':
      case 'i':
        out.push({ type: 'emphasis', children: context.inlines(element.children) });
        break;
      case 'code':
        out.push({ type: 'code', value: textOf(element) });
        break;
      case 'br':
        out.push({ type: 'break' });
        break;
      case 'a': {
        const href = element.attribs.href ?? '';
        if (!/^(https?:\/\/|mailto:)/i.test(href)) {
          context.problem(element, `link target \`${href}\` is not allowed`, 'links must start with https://, http:// or mailto:');
        }
        out.push({ type: 'link', href, children: context.inlines(element.children) });
        break;
      }
      case 'span': {
        const field = element.attribs['data-field'];
        if (field === 'page-number' || field === 'page-count') out.push({ type: 'field', name: field });
        else if (field) context.problem(element, `unknown field \`${field}\``, 'fields are `page-number` and `page-count`');
        else out.push({ type: 'span', classes: classesOf(element), children: context.inlines(element.children) });
        break;
      }
      default:
        context.problem(element, `<${element.name}> is not allowed inside text`, `inline elements are ${[...inlineTags].join(', ')}`);
    }
  }
  return exactList(out);
}
