import type { Element } from 'domhandler';
import type { TableCell, TableNode, TableRow } from './document-tree.js';
import { classesOf, elementChildren, exactList, trimInlines, type MarkupContext } from './markup-context.js';

/** `<table>`: caption, head and body rows; every row must have as many cells as the others. */
export function readTable(element: Element, classes: string[], id: { id?: string }, context: MarkupContext): TableNode {
  const table: TableNode = { type: 'table', classes, ...id, head: [], body: [] };
  for (const part of elementChildren(element)) {
    if (part.name === 'caption') table.caption = trimInlines(context.inlines(part.children));
    else if (part.name === 'thead') table.head.push(...readRows(part, context));
    else if (part.name === 'tbody') table.body.push(...readRows(part, context));
    else if (part.name === 'tr') table.body.push(readRow(part, context));
    else context.problem(part, `<${part.name}> inside <table>`, 'tables contain <caption>, <thead>, <tbody> and <tr>');
  }
  const widths = [...table.head, ...table.body].map((row) => row.cells.length);
  if (new Set(widths).size > 1) context.problem(element, `table rows have different numbers of cells (${[...new Set(widths)].join(', ')})`, 'every row needs one cell per column');
  return table;
}

function readRows(group: Element, context: MarkupContext): TableRow[] {
  return elementChildren(group).flatMap((row) => {
    if (row.name === 'tr') return [readRow(row, context)];
    context.problem(row, `<${row.name}> inside <${group.name}>`, 'table groups contain only <tr> rows');
    return [];
  });
}

function readRow(row: Element, context: MarkupContext): TableRow {
  return {
    classes: classesOf(row),
    cells: exactList(elementChildren(row).flatMap((cell): TableCell[] => {
      if (cell.name !== 'th' && cell.name !== 'td') {
        context.problem(cell, `<${cell.name}> inside <tr>`, 'rows contain only <th> and <td> cells');
        return [];
      }
      const scopeValue = cell.attribs.scope;
      const scope = scopeValue === 'row' || scopeValue === 'col' ? { scope: scopeValue as 'row' | 'col' } : {};
      return [{ header: cell.name === 'th', ...scope, classes: classesOf(cell), children: context.blocks(cell.children) }];
    })),
  };
}
