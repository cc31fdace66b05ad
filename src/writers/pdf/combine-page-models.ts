import { newPage, type OutlineEntry, type PageModel } from './page-model.js';

export interface PagePart {
  model: PageModel;
  /** Start on a right-hand (odd-numbered) page, for duplex printing: a blank page is inserted if needed. */
  startOnRightHandPage: boolean;
}

/**
 * Several laid-out documents → one page model (a class pack): pages in order with blank pages where a
 * part must start on a right-hand page, each part's structure tree as a `Part` of one `Document`,
 * and each part's bookmarks moved to its pages.
 */
export function combinePageModels(parts: readonly PagePart[]): { model: PageModel; startPages: number[] } {
  const first = parts[0]?.model;
  if (!first) throw new Error('combinePageModels needs at least one part');
  const model: PageModel = { width: first.width, height: first.height, pages: [], structure: { role: 'Document', children: [] }, outline: [] };
  const startPages: number[] = [];
  for (const part of parts) {
    if (part.startOnRightHandPage && model.pages.length % 2 === 1) model.pages.push(newPage());
    const offset = model.pages.length;
    startPages.push(offset + 1);
    model.pages.push(...part.model.pages);
    model.structure.children.push({ ...part.model.structure, role: 'Part' });
    model.outline.push(...part.model.outline.map((entry) => shiftOutline(entry, offset)));
  }
  return { model, startPages };
}

function shiftOutline(entry: OutlineEntry, offset: number): OutlineEntry {
  return { ...entry, pageIndex: entry.pageIndex + offset, children: entry.children.map((child) => shiftOutline(child, offset)) };
}
