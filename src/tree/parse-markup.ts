import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { BlockNode, InlineNode, TableCell, TableNode, TableRow, HeadingNode, VennNode } from './document-tree.js';

/**
 * Semantic markup (what templates produce) → document tree. The markup is a small, documented subset
 * of HTML; anything else is a template error with the element's line in the rendered markup, never
 * silently dropped content.
 */
export interface ParsedMarkup {
  pageHeader?: InlineNode[];
  pageHeaderOnFirstPage?: boolean;
  pageMark?: InlineNode[];
  pageFooter?: InlineNode[];
  children: BlockNode[];
}

const inlineTags = new Set(['strong', 'b', 'em', 'i', 'a', 'br', 'span', 'code']);
const blockTags = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'table', 'section', 'aside', 'div', 'hr', 'header', 'footer', 'figure']);

export function parseMarkup(markup: string, source: string): { markup?: ParsedMarkup; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const document = parseDocument(markup, { withStartIndices: true, decodeEntities: true, lowerCaseTags: true });
  const lineOf = (element: ChildNode) => markup.slice(0, element.startIndex ?? 0).split('\n').length;
  const problem = (element: ChildNode, message: string, hint: string) => {
    diagnostics.push({ severity: 'error', code: 'template-markup', message, file: source, position: { line: lineOf(element), column: 1 }, hint });
  };
  const result: ParsedMarkup = { children: [] };

  const inlines = (nodes: readonly ChildNode[]): InlineNode[] => {
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
          out.push({ type: 'strong', children: inlines(element.children) });
          break;
        case 'em':
        case 'i':
          out.push({ type: 'emphasis', children: inlines(element.children) });
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
            problem(element, `link target \`${href}\` is not allowed`, 'links must start with https://, http:// or mailto:');
          }
          out.push({ type: 'link', href, children: inlines(element.children) });
          break;
        }
        case 'span': {
          const field = element.attribs['data-field'];
          if (field === 'page-number' || field === 'page-count') out.push({ type: 'field', name: field });
          else if (field) problem(element, `unknown field \`${field}\``, 'fields are `page-number` and `page-count`');
          else out.push({ type: 'span', classes: classesOf(element), children: inlines(element.children) });
          break;
        }
        default:
          problem(element, `<${element.name}> is not allowed inside text`, `inline elements are ${[...inlineTags].join(', ')}`);
      }
    }
    return out;
  };

  /** Children of a block container: runs of loose inline content become paragraphs. */
  const blocks = (nodes: readonly ChildNode[]): BlockNode[] => {
    const out: BlockNode[] = [];
    let loose: ChildNode[] = [];
    const flushLoose = () => {
      const children = trimInlines(inlines(loose));
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
      const block = blockOf(node as Element);
      if (block) out.push(block);
    }
    flushLoose();
    return out;
  };

  const blockOf = (element: Element): BlockNode | undefined => {
    const classes = classesOf(element);
    const id = element.attribs.id ? { id: element.attribs.id } : {};
    switch (element.name) {
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return { type: 'heading', level: Number(element.name[1]) as HeadingNode['level'], classes, ...id, children: trimInlines(inlines(element.children)) };
      case 'p':
        return { type: 'paragraph', classes, ...id, children: trimInlines(inlines(element.children)) };
      case 'ul':
      case 'ol':
        return {
          type: 'list',
          ordered: element.name === 'ol',
          classes,
          ...id,
          items: elementChildren(element).flatMap((item) => {
            if (item.name !== 'li') {
              problem(item, `<${item.name}> inside <${element.name}>`, 'lists contain only <li> items');
              return [];
            }
            return [blocks(item.children)];
          }),
        };
      case 'table':
        return tableOf(element, classes, id);
      case 'div':
        if ('data-writing-lines' in element.attribs) {
          const lines = Number(element.attribs['data-writing-lines']);
          if (!Number.isInteger(lines) || lines < 1 || lines > 40) problem(element, `data-writing-lines="${element.attribs['data-writing-lines']}" is not a number of lines from 1 to 40`, 'write e.g. data-writing-lines="3"');
          const answerLength = element.attribs['data-answer-length'] === undefined ? undefined : Number(element.attribs['data-answer-length']);
          if (answerLength !== undefined && (!Number.isInteger(answerLength) || answerLength < 0)) problem(element, `data-answer-length="${element.attribs['data-answer-length']}" is not a number of characters`, 'write e.g. data-answer-length="80"');
          const content = blocks(element.children);
          return {
            type: 'writing-space',
            lines: Math.min(40, Math.max(1, lines || 1)),
            ...(answerLength !== undefined && Number.isInteger(answerLength) && answerLength > 0 ? { answerLength } : {}),
            ...(content.length > 0 ? { children: content } : {}),
            classes,
            ...id,
          };
        }
        if ('data-fill-in' in element.attribs) {
          const fields = elementChildren(element).map((field) => ({ label: field.attribs['data-label'] ?? '', share: Number(field.attribs['data-share'] ?? 1) || 1 }));
          if (fields.length === 0) problem(element, 'a fill-in line without fields', 'add <span data-label="Name" data-share="2"></span> children');
          return { type: 'fill-in', fields, classes, ...id };
        }
        if ('data-qr' in element.attribs) {
          const value = element.attribs['data-qr'] ?? '';
          if (!/^https?:\/\//i.test(value)) problem(element, `QR code target \`${value}\` is not an http(s) address`, 'use meta.url, which is checked to be https://…');
          return { type: 'qr', value, label: element.attribs['data-label'] ?? '', classes, ...id };
        }
        return { type: 'container', tag: 'div', classes, ...id, children: blocks(element.children) };
      case 'section':
      case 'aside':
        return { type: 'container', tag: element.name, classes, ...id, children: blocks(element.children) };
      case 'figure':
        if ('data-venn' in element.attribs) return vennOf(element, classes, id);
        problem(element, '<figure> without data-venn', 'figures are Venn diagrams: <figure data-venn="filled|blank">');
        return undefined;
      case 'hr':
        if ('data-page-break' in element.attribs) return { type: 'page-break', classes };
        problem(element, '<hr> without data-page-break', 'use <hr data-page-break> to start a new page');
        return undefined;
      case 'header':
      case 'footer': {
        const slot = element.attribs['data-slot'];
        const content = trimInlines(inlines(element.children));
        if (slot === 'page-header') {
          result.pageHeader = content;
          if (element.attribs['data-first-page'] === 'show') result.pageHeaderOnFirstPage = true;
        }
        else if (slot === 'page-mark') result.pageMark = content;
        else if (slot === 'page-footer') result.pageFooter = content;
        else problem(element, `<${element.name}> without a known data-slot`, 'use <header data-slot="page-header">, <header data-slot="page-mark"> or <footer data-slot="page-footer">');
        return undefined;
      }
      default:
        problem(element, `<${element.name}> is not part of the handout markup`, `block elements are ${[...blockTags].join(', ')}; see README "Templates"`);
        return undefined;
    }
  };

  const vennOf = (element: Element, classes: string[], id: { id?: string }): VennNode => {
    const venn: VennNode = { type: 'venn', blank: element.attribs['data-venn'] === 'blank', classes, ...id, sets: [], shared: { label: '', points: [] } };
    for (const part of elementChildren(element)) {
      if (part.name === 'figcaption') {
        venn.caption = trimInlines(inlines(part.children));
        continue;
      }
      if (part.name !== 'ul') {
        problem(part, `<${part.name}> inside a Venn figure`, 'a Venn figure holds <figcaption> and <ul data-region="only|shared"> lists');
        continue;
      }
      const points = elementChildren(part).map((item) => trimInlines(inlines(item.children)));
      const label = part.attribs['data-label'] ?? '';
      if (part.attribs['data-region'] === 'shared') venn.shared = { label, points };
      else if (part.attribs['data-region'] === 'pair') {
        const positions = (part.attribs['data-positions'] ?? '').split(/\s+/).map(Number);
        if (positions.length !== 2 || positions.some((position) => !Number.isInteger(position) || position < 1 || position > 3) || positions[0] === positions[1]) {
          problem(part, `data-positions="${part.attribs['data-positions'] ?? ''}" does not name two different sets`, 'write e.g. data-positions="1 3"');
          continue;
        }
        (venn.pairs ??= []).push({ label, positions: [positions[0]!, positions[1]!], points });
      }
      else venn.sets.push({ label, position: Number(part.attribs['data-position'] ?? venn.sets.length + 1), points });
    }
    if (venn.sets.length < 2 || venn.sets.length > 3) problem(element, `a Venn diagram needs 2 or 3 sets, found ${venn.sets.length}`, 'one <ul data-region="only"> per subject');
    return venn;
  };

  const tableOf = (element: Element, classes: string[], id: { id?: string }): TableNode => {
    const table: TableNode = { type: 'table', classes, ...id, head: [], body: [] };
    for (const part of elementChildren(element)) {
      if (part.name === 'caption') table.caption = trimInlines(inlines(part.children));
      else if (part.name === 'thead') table.head.push(...rowsOf(part));
      else if (part.name === 'tbody') table.body.push(...rowsOf(part));
      else if (part.name === 'tr') table.body.push(rowOf(part));
      else problem(part, `<${part.name}> inside <table>`, 'tables contain <caption>, <thead>, <tbody> and <tr>');
    }
    const widths = [...table.head, ...table.body].map((row) => row.cells.length);
    if (new Set(widths).size > 1) problem(element, `table rows have different numbers of cells (${[...new Set(widths)].join(', ')})`, 'every row needs one cell per column');
    return table;
  };
  const rowsOf = (group: Element): TableRow[] =>
    elementChildren(group).flatMap((row) => {
      if (row.name === 'tr') return [rowOf(row)];
      problem(row, `<${row.name}> inside <${group.name}>`, 'table groups contain only <tr> rows');
      return [];
    });
  const rowOf = (row: Element): TableRow => ({
    classes: classesOf(row),
    cells: elementChildren(row).flatMap((cell): TableCell[] => {
      if (cell.name !== 'th' && cell.name !== 'td') {
        problem(cell, `<${cell.name}> inside <tr>`, 'rows contain only <th> and <td> cells');
        return [];
      }
      const scopeValue = cell.attribs.scope;
      const scope = scopeValue === 'row' || scopeValue === 'col' ? { scope: scopeValue as 'row' | 'col' } : {};
      return [{ header: cell.name === 'th', ...scope, classes: classesOf(cell), children: blocks(cell.children) }];
    }),
  });

  result.children = blocks(document.children);
  return diagnostics.length > 0 ? { diagnostics } : { markup: result, diagnostics };
}

function elementChildren(element: Element): Element[] {
  return element.children.filter((child): child is Element => child.type === 'tag');
}

function classesOf(element: Element): string[] {
  return (element.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function textOf(element: Element): string {
  return element.children.map((child) => (child.type === 'text' ? child.data : child.type === 'tag' ? textOf(child as Element) : '')).join('');
}

/** Drop whitespace at the edges of a block, as a browser does, and merge adjacent text. */
function trimInlines(nodes: InlineNode[]): InlineNode[] {
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
  return merged.filter((node) => node.type !== 'text' || node.value.length > 0);
}
