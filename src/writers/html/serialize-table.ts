import { inlineText, type BlockNode, type TableCell, type TableNode, type TableRow } from '../../tree/document-tree.js';
import { attribute, classAttribute } from './escape-html.js';
import { serializeInlines } from './serialize-inline.js';

/**
 * `<table>` with `<caption>`, `<thead>`, `<tbody>`. Every body cell gets `data-label` = the text of its
 * column's header, which the narrow-screen style sheet shows in front of the cell when each row
 * becomes a card. `flow` writes a cell's blocks (passed in: cells hold blocks, blocks hold tables).
 */
export type FlowSerializer = (blocks: readonly BlockNode[]) => string;

export function serializeTable(table: TableNode, attributes: string, flow: FlowSerializer): string {
  const labels = columnLabels(table.head);
  const lines = [`<table${attributes}>`];
  if (table.caption) lines.push(`<caption>${serializeInlines(table.caption)}</caption>`);
  if (table.head.length > 0) {
    lines.push('<thead>', ...table.head.map((row) => serializeRow(row, 'col', [], flow)), '</thead>');
  }
  if (table.body.length > 0) {
    lines.push('<tbody>', ...table.body.map((row) => serializeRow(row, 'row', labels, flow)), '</tbody>');
  }
  lines.push('</table>');
  return lines.join('\n');
}

function serializeRow(row: TableRow, defaultScope: 'col' | 'row', labels: readonly string[], flow: FlowSerializer): string {
  const cells = row.cells.map((cell, column) => serializeCell(cell, defaultScope, labels[column], flow)).join('');
  return `<tr${classAttribute(row.classes)}>${cells}</tr>`;
}

function serializeCell(cell: TableCell, defaultScope: 'col' | 'row', label: string | undefined, flow: FlowSerializer): string {
  const tag = cell.header ? 'th' : 'td';
  // A header cell always says what it heads: in the head a column, in the body (by default) its row.
  const scope = cell.header ? attribute('scope', cell.scope ?? defaultScope) : '';
  const dataLabel = label ? attribute('data-label', label) : '';
  return `<${tag}${scope}${classAttribute(cell.classes)}${dataLabel}>${flow(cell.children)}</${tag}>`;
}

/** The text of each column's header, from the last head row (the one nearest the body). */
function columnLabels(head: readonly TableRow[]): string[] {
  return head.at(-1)?.cells.map((cell) => blocksText(cell.children)) ?? [];
}

function blocksText(blocks: readonly BlockNode[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          return inlineText(block.children);
        case 'list':
          return block.items.map(blocksText).join(' ');
        case 'container':
          return blocksText(block.children);
        case 'writing-space':
          return blocksText(block.children ?? []);
        case 'table':
        case 'page-break':
        case 'fill-in':
        case 'venn':
        case 'qr':
          return '';
      }
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
