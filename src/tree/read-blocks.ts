import type { ChildNode, Element } from 'domhandler';
import type { BlockNode, HeadingNode } from './document-tree.js';
import { classesOf, elementChildren, inlineTags, blockTags, trimInlines, type MarkupContext } from './markup-context.js';
import { readTable } from './read-table.js';
import { readVenn } from './read-venn.js';
import { maxWritingLines } from '../shared/writing-lines.js';

/** Children of a block container: runs of loose inline content become paragraphs. */
export function readBlocks(nodes: readonly ChildNode[], context: MarkupContext): BlockNode[] {
  const out: BlockNode[] = [];
  let loose: ChildNode[] = [];
  const flushLoose = () => {
    const children = trimInlines(context.inlines(loose));
    if (children.length > 0) out.push({ type: 'paragraph', classes: [], children });
    loose = [];
  };
  for (const node of nodes) {
    if (node.type === 'text' || (node.type === 'tag' && inlineTags.has((node as Element).name))) {
      loose.push(node);
      continue;
    }
    if (node.type !== 'tag') continue;
    flushLoose();
    const block = readBlock(node as Element, context);
    if (block) out.push(block);
  }
  flushLoose();
  return out;
}

/** One block element → its node; elements outside the handout markup are reported. */
function readBlock(element: Element, context: MarkupContext): BlockNode | undefined {
  const classes = classesOf(element);
  const id = element.attribs.id ? { id: element.attribs.id } : {};
  switch (element.name) {
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      return { type: 'heading', level: Number(element.name[1]) as HeadingNode['level'], classes, ...id, children: trimInlines(context.inlines(element.children)) };
    case 'p':
      return { type: 'paragraph', classes, ...id, children: trimInlines(context.inlines(element.children)) };
    case 'ul':
    case 'ol':
      return {
        type: 'list',
        ordered: element.name === 'ol',
        classes,
        ...id,
        items: elementChildren(element).flatMap((item) => {
          if (item.name !== 'li') {
            context.problem(item, `<${item.name}> inside <${element.name}>`, 'lists contain only <li> items');
            return [];
          }
          return [context.blocks(item.children)];
        }),
      };
    case 'table':
      return readTable(element, classes, id, context);
    case 'div':
      if ('data-writing-lines' in element.attribs) {
        const lines = Number(element.attribs['data-writing-lines']);
        if (!Number.isInteger(lines) || lines < 1 || lines > maxWritingLines) context.problem(element, `data-writing-lines="${element.attribs['data-writing-lines']}" is not a number of lines from 1 to ${maxWritingLines}`, 'write e.g. data-writing-lines="3"');
        const answerLength = element.attribs['data-answer-length'] === undefined ? undefined : Number(element.attribs['data-answer-length']);
        if (answerLength !== undefined && (!Number.isInteger(answerLength) || answerLength < 0)) context.problem(element, `data-answer-length="${element.attribs['data-answer-length']}" is not a number of characters`, 'write e.g. data-answer-length="80"');
        const content = context.blocks(element.children);
        return {
          type: 'writing-space',
          lines: Math.min(maxWritingLines, Math.max(1, lines || 1)),
          ...(answerLength !== undefined && Number.isInteger(answerLength) && answerLength > 0 ? { answerLength } : {}),
          ...(content.length > 0 ? { children: content } : {}),
          classes,
          ...id,
        };
      }
      if ('data-fill-in' in element.attribs) {
        const fields = elementChildren(element).map((field) => ({ label: field.attribs['data-label'] ?? '', share: Number(field.attribs['data-share'] ?? 1) || 1 }));
        if (fields.length === 0) context.problem(element, 'a fill-in line without fields', 'add <span data-label="Name" data-share="2"></span> children');
        return { type: 'fill-in', fields, classes, ...id };
      }
      if ('data-qr' in element.attribs) {
        const value = element.attribs['data-qr'] ?? '';
        if (!/^https?:\/\//i.test(value)) context.problem(element, `QR code target \`${value}\` is not an http(s) address`, 'use meta.url, which is checked to be https://…');
        return { type: 'qr', value, label: element.attribs['data-label'] ?? '', classes, ...id };
      }
      return { type: 'container', tag: 'div', classes, ...id, children: context.blocks(element.children) };
    case 'section':
    case 'aside':
      return { type: 'container', tag: element.name, classes, ...id, children: context.blocks(element.children) };
    case 'figure':
      if ('data-venn' in element.attribs) return readVenn(element, classes, id, context);
      context.problem(element, '<figure> without data-venn', 'figures are Venn diagrams: <figure data-venn="filled|blank">');
      return undefined;
    case 'hr':
      if ('data-page-break' in element.attribs) return { type: 'page-break', classes };
      context.problem(element, '<hr> without data-page-break', 'use <hr data-page-break> to start a new page');
      return undefined;
    case 'header':
    case 'footer': {
      const slot = element.attribs['data-slot'];
      const content = trimInlines(context.inlines(element.children));
      if (slot === 'page-header') {
        context.result.pageHeader = content;
        if (element.attribs['data-first-page'] === 'show') context.result.pageHeaderOnFirstPage = true;
      }
      else if (slot === 'page-mark') context.result.pageMark = content;
      else if (slot === 'page-footer') context.result.pageFooter = content;
      else context.problem(element, `<${element.name}> without a known data-slot`, 'use <header data-slot="page-header">, <header data-slot="page-mark"> or <footer data-slot="page-footer">');
      return undefined;
    }
    default:
      context.problem(element, `<${element.name}> is not part of the handout markup`, `block elements are ${[...blockTags].join(', ')}; see README "Restyling: templates and themes"`);
      return undefined;
  }
}
