import { InternalError } from '../../shared/diagnostic.js';
import { inlineText, type BlockNode } from '../../tree/document-tree.js';
import { attribute, classAttribute } from './escape-html.js';
import type { HeadingIdAllocator } from './heading-ids.js';
import { serializeInlines } from './serialize-inline.js';
import { serializeTable } from './serialize-table.js';
import { serializeFillIn, serializeQr, serializeVenn, serializeWritingSpace } from './serialize-figures.js';

export interface BlockContext {
  /** Gives headings without an id in the markup a stable, unique one. */
  headingId: HeadingIdAllocator;
}

/** Block nodes → HTML, one block per line. */
export function serializeBlocks(blocks: readonly BlockNode[], context: BlockContext): string {
  return blocks.map((block) => serializeBlock(block, context)).join('\n');
}

/**
 * The content of a list item or table cell: a lone plain paragraph is written as its text alone
 * (`<li>text</li>`, as a tight Markdown list), so cells and items carry no stray paragraph margins.
 */
export function serializeFlow(blocks: readonly BlockNode[], context: BlockContext): string {
  const [only] = blocks;
  if (blocks.length === 1 && only?.type === 'paragraph' && only.classes.length === 0 && only.id === undefined) {
    return serializeInlines(only.children);
  }
  return serializeBlocks(blocks, context);
}

function serializeBlock(block: BlockNode, context: BlockContext): string {
  const common = `${attribute('id', block.id)}${classAttribute(block.classes)}`;
  switch (block.type) {
    case 'heading': {
      const id = block.id ?? context.headingId(inlineText(block.children));
      const tag = `h${block.level}`;
      return `<${tag}${attribute('id', id)}${classAttribute(block.classes)}>${serializeInlines(block.children)}</${tag}>`;
    }
    case 'paragraph':
      return `<p${common}>${serializeInlines(block.children)}</p>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      const items = block.items.map((item) => `<li>${serializeFlow(item, context)}</li>`).join('\n');
      return `<${tag}${common}>\n${items}\n</${tag}>`;
    }
    case 'table':
      return serializeTable(block, common, (cellBlocks) => serializeFlow(cellBlocks, context));
    case 'container':
      return `<${block.tag}${common}>\n${serializeBlocks(block.children, context)}\n</${block.tag}>`;
    case 'page-break':
      // A print hint only: the style sheet hides it on screen and breaks the page before it in print.
      return `<div${attribute('id', block.id)}${classAttribute(['page-break', ...block.classes])} aria-hidden="true"></div>`;
    case 'writing-space':
      return serializeWritingSpace(block, (content) => serializeBlocks(content, context));
    case 'fill-in':
      return serializeFillIn(block);
    case 'venn':
      return serializeVenn(block);
    case 'qr':
      return serializeQr(block);
    default: {
      const unhandled: never = block;
      throw new InternalError(`HTML writer: unhandled block node ${JSON.stringify(unhandled)}`);
    }
  }
}
