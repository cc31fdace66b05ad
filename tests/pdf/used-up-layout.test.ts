// A long table is never held whole twice: planning an owned document tree takes its table rows out
// of it as they are measured, and making the pages takes the measured rows out of the flow as they
// are placed. Each check fails if its mechanism is removed; each also shows the pages stay the same.
import { describe, expect, it } from 'vitest';
import type { DocumentNode, TableNode } from '../../src/tree/document-tree.js';
import { parseMarkup } from '../../src/tree/parse-markup.js';
import { StyleResolver } from '../../src/writers/pdf/computed-style.js';
import { buildFlow, type FlowItem } from '../../src/writers/pdf/flow.js';
import { FontBook } from '../../src/writers/pdf/font-book.js';
import { layoutDocument, planDocument } from '../../src/writers/pdf/layout-document.js';
import type { Page, StructNode } from '../../src/writers/pdf/page-model.js';
import { planPages } from '../../src/writers/pdf/paginate.js';
import { defaultTheme } from './support/page-model.js';

const rowCount = 120;

function tableMarkup(): string {
  const rows = Array.from({ length: rowCount }, (_, index) => `<tr><th scope="row">Attribute ${index + 1}</th><td>First value of row ${index + 1}, <a href="https://example.org/${index}">a link</a></td><td>Second value of row ${index + 1}</td></tr>`);
  return `<h2>Criteria</h2><table><thead><tr><th></th><th scope="col">One</th><th scope="col">Two</th></tr></thead><tbody>${rows.join('')}</tbody></table><p>After the table.</p>`;
}

function documentTree(): DocumentNode {
  const parsed = parseMarkup(tableMarkup(), 'test markup');
  if (!parsed.markup) throw new Error(`markup: ${JSON.stringify(parsed.diagnostics)}`);
  return { type: 'document', meta: { title: 'Test', language: 'en', date: new Date(0) }, ...parsed.markup };
}

const tableOf = (document: DocumentNode) => document.children.find((block): block is TableNode => block.type === 'table')!;

/** What a page shows, without object identities: every text at its place, every cell area. */
const pageContent = (page: Page) => ({
  texts: page.texts.map((text) => [text.x, text.y, text.text, text.font.family, text.font.face, text.size, typeof text.owner === 'object' ? text.owner.role : text.owner]),
  cells: page.cells.map((cell) => [cell.x, cell.y, cell.width, cell.height, cell.owner.role]),
  links: page.links.map((link) => [link.x, link.y, link.href]),
});

describe('planning an owned document tree', () => {
  it('takes the table rows out of the tree, and lays out the same pages as a tree it does not own', async () => {
    const theme = await defaultTheme();
    const kept = documentTree();
    const owned = documentTree();
    const expected = layoutDocument(kept, theme, { pageSize: 'A4' }).model.pages.map(pageContent);
    // A tree laid out without being handed over stays whole (a class pack lays its front matter out twice).
    expect(tableOf(kept).body).toHaveLength(rowCount);
    expect(tableOf(kept).body[0]!.cells[1]!.children).toHaveLength(1);

    const { sequence } = planDocument(owned, theme, { pageSize: 'A4' }, { ownsTree: true });
    expect(tableOf(owned).body).toHaveLength(0);
    const pages: ReturnType<typeof pageContent>[] = [];
    sequence.forEachPage((page) => pages.push(pageContent(page)));
    expect(pages).toEqual(expected);
  });
});

describe('making the pages of a planned flow', () => {
  it('takes each table row out of the flow once it is placed, and every row is on a page', async () => {
    const theme = await defaultTheme();
    const fonts = new FontBook(theme);
    const root: StructNode = { role: 'Document', children: [] };
    const flow: FlowItem[] = buildFlow(documentTree().children, 50, 495, { styles: new StyleResolver(theme.tokens), fonts, runOptions: { fonts } }, root);
    const table = flow.find((item): item is Extract<FlowItem, { kind: 'table' }> => item.kind === 'table')!.table;
    const plan = planPages(flow, { width: 595.28, height: 841.89, margin: { top: 60, right: 50, bottom: 60, left: 50 } });
    // Deciding the page breaks (several tries) leaves the rows where they are…
    expect(table.body).toHaveLength(rowCount);
    const rowOwners = new Set(table.body.map((row) => row.owner));
    const bodyCells = new Set(table.body.flatMap((row) => row.cells.map((cell) => cell.owner)));
    let rowsLeftAtLastPage = -1;
    const placedCells = new Set<StructNode>();
    plan.place((page, index) => {
      for (const cell of page.cells) if (bodyCells.has(cell.owner)) placedCells.add(cell.owner);
      if (index === plan.pageCount - 1) rowsLeftAtLastPage = table.body.length;
    });
    // …making the pages takes them out: none is left in the flow by the last page…
    expect(plan.pageCount).toBeGreaterThan(2);
    expect(rowsLeftAtLastPage).toBe(0);
    // …and every cell of every row was placed.
    expect(placedCells.size).toBe(bodyCells.size);
    expect(rowOwners.size).toBe(rowCount);
  });
});

describe('font references', () => {
  it('are one shared object per family and face across all lines', async () => {
    const theme = await defaultTheme();
    const { model } = layoutDocument(documentTree(), theme, { pageSize: 'A4' });
    const refs = new Map<string, object>();
    for (const page of model.pages) {
      for (const text of page.texts) {
        const key = `${text.font.family}/${text.font.face}`;
        const seen = refs.get(key) ?? text.font;
        refs.set(key, seen);
        expect(text.font).toBe(seen);
      }
    }
    expect(refs.size).toBeGreaterThan(1);
  });
});
