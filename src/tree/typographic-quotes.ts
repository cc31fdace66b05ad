import markdownIt, { type MarkdownIt, type Token } from 'markdown-it';
import type { BlockNode, DocumentNode, InlineNode, TextNode } from './document-tree.js';

/**
 * Quotation marks by language, in markdown-it's order: double open, double close, single open,
 * single close. French sets a no-break space inside guillemets, as its typography requires.
 */
const quotesByLanguage: Record<string, [string, string, string, string]> = {
  en: ['\u201c', '\u201d', '\u2018', '\u2019'],
  es: ['\u00ab', '\u00bb', '\u201c', '\u201d'],
  fr: ['\u00ab\u00a0', '\u00a0\u00bb', '\u2039\u00a0', '\u00a0\u203a'],
  de: ['\u201e', '\u201c', '\u201a', '\u2018'],
};

const parsers = new Map<string, MarkdownIt>();

/** markdown-it with only its `smartquotes` rule: no other typographic replacement touches the text. */
function parserFor(language: string): MarkdownIt {
  const primary = language.toLowerCase().split('-')[0] ?? 'en';
  const key = quotesByLanguage[primary] ? primary : 'en';
  let parser = parsers.get(key);
  if (!parser) {
    parser = markdownIt('zero', { typographer: true, quotes: quotesByLanguage[key]! });
    parser.core.ruler.enableOnly(['smartquotes']);
    parsers.set(key, parser);
  }
  return parser;
}

/**
 * Straight quotes and apostrophes in the document's text → typographic ones for its language
 * (What's → What’s; "x" → “x” in English, « x » in French, „x“ in German), by markdown-it's
 * typographer, run over each block's text with the inline nesting it has. Code is left as typed,
 * and an unpaired quote (5'10", a lone ") stays straight. Changes the tree in place.
 */
export function applyTypographicQuotes(document: Pick<DocumentNode, 'children' | 'pageHeader' | 'pageFooter'>, language: string): void {
  const parser = parserFor(language);
  const inline = (nodes: readonly InlineNode[] | undefined) => {
    if (nodes) quoteInlines(nodes, parser);
  };
  const label = (text: string) => {
    const node: TextNode = { type: 'text', value: text };
    quoteInlines([node], parser);
    return node.value;
  };
  const block = (node: BlockNode): void => {
    switch (node.type) {
      case 'heading':
      case 'paragraph':
        inline(node.children);
        return;
      case 'list':
        node.items.forEach((item) => item.forEach(block));
        return;
      case 'table':
        inline(node.caption);
        for (const row of [...node.head, ...node.body]) for (const cell of row.cells) cell.children.forEach(block);
        return;
      case 'container':
        node.children.forEach(block);
        return;
      case 'fill-in':
        for (const field of node.fields) field.label = label(field.label);
        return;
      case 'venn':
        inline(node.caption);
        for (const set of node.sets) {
          set.label = label(set.label);
          set.points.forEach(inline);
        }
        node.shared.label = label(node.shared.label);
        node.shared.points.forEach(inline);
        return;
      case 'qr':
        node.label = label(node.label);
        return;
      case 'writing-space':
        // The answer key's answers read like the rest of the page.
        node.children?.forEach(block);
        return;
      case 'page-break':
        return;
      default: {
        const unhandled: never = node;
        throw new Error(`unhandled block ${JSON.stringify(unhandled)}`);
      }
    }
  };
  document.children.forEach(block);
  inline(document.pageHeader);
  inline(document.pageFooter);
}

/** One run of inline content as markdown-it tokens (text, code, breaks, nesting levels), quoted, written back. */
function quoteInlines(nodes: readonly InlineNode[], parser: MarkdownIt): void {
  const state = new parser.core.State('', parser, {});
  const children: Token[] = [];
  const texts: { node: TextNode; token: Token }[] = [];
  let content = '';
  const visit = (node: InlineNode, level: number) => {
    switch (node.type) {
      case 'text': {
        const token = new state.Token('text', '', 0);
        token.content = node.value;
        token.level = level;
        children.push(token);
        texts.push({ node, token });
        content += node.value;
        return;
      }
      case 'code': {
        // Code keeps its quotes, but counts as a neighbour of the quotes around it.
        const token = new state.Token('code_inline', 'code', 0);
        token.content = node.value;
        token.level = level;
        children.push(token);
        return;
      }
      case 'break': {
        const token = new state.Token('hardbreak', 'br', 0);
        token.level = level;
        children.push(token);
        return;
      }
      case 'field':
        return;
      case 'strong':
      case 'emphasis':
      case 'link':
      case 'span':
        node.children.forEach((child) => visit(child, level + 1));
        return;
      default: {
        const unhandled: never = node;
        throw new Error(`unhandled inline node ${JSON.stringify(unhandled)}`);
      }
    }
  };
  nodes.forEach((node) => visit(node, 0));
  if (!/['"]/.test(content)) return;
  const holder = new state.Token('inline', '', 0);
  holder.content = content;
  holder.children = children;
  state.tokens = [holder];
  parser.core.process(state);
  for (const { node, token } of texts) node.value = token.content;
}
