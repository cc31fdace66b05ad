import { InternalError } from '../../shared/diagnostic.js';
import type { BlockNode } from '../../tree/document-tree.js';

/**
 * Ids for in-page links to headings. A heading keeps the id the markup gave it; the others get one
 * made from their text (`Further Detail` → `further-detail`), unique in the document (`-2`, `-3` …)
 * and never equal to an id written in the markup. Same tree, same ids.
 */
export type HeadingIdAllocator = (text: string) => string;

export function createHeadingIdAllocator(blocks: readonly BlockNode[]): HeadingIdAllocator {
  const taken = new Set<string>();
  collectIds(blocks, taken);
  return (text) => {
    const base = slugify(text);
    let id = base;
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
}

/** Lower case, letters and digits of any script kept, accents and apostrophes dropped, anything else one `-`. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'section';
}

function collectIds(blocks: readonly BlockNode[], taken: Set<string>): void {
  for (const block of blocks) {
    if (block.id !== undefined) taken.add(block.id);
    switch (block.type) {
      case 'list':
        for (const item of block.items) collectIds(item, taken);
        break;
      case 'table':
        for (const row of [...block.head, ...block.body]) for (const cell of row.cells) collectIds(cell.children, taken);
        break;
      case 'container':
        collectIds(block.children, taken);
        break;
      case 'writing-space':
        collectIds(block.children ?? [], taken);
        break;
      case 'heading':
      case 'paragraph':
      case 'page-break':
      case 'fill-in':
      case 'venn':
      case 'qr':
        break;
      default: {
        const unhandled: never = block;
        throw new InternalError(`unhandled block ${JSON.stringify(unhandled)}`);
      }
    }
  }
}
