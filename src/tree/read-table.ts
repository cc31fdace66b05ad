import type { ChildNode, Element } from 'domhandler';
import type { TableCell, TableNode, TableRow } from './document-tree.js';
import { classesOf, elementChildren, exactList, trimInlines, type MarkupContext } from './markup-context.js';

/** `<table>`: caption, head and body rows; every row must have as many cells as the others. */
export function readTable(element: Element, classes: string[], id: { id?: string }, context: MarkupContext): TableNode {
  const table: TableNode = { type: 'table', classes, ...id, head: [], body: [] };
  for (const part of elementChildren(element)) {
    if (part.name === 'caption') table.caption = trimInlines(context.inlines(part.children));
    else if (part.name === 'thead') for (const row of readRows(part, context)) table.head.push(row);
    else if (part.name === 'tbody') for (const row of readRows(part, context)) table.body.push(row);
    else if (part.name === 'tr') table.body.push(readRow(part, context));
    else context.problem(part, `<${part.name}> inside <table>`, 'tables contain <caption>, <thead>, <tbody> and <tr>');
  }
  const widths = [...table.head, ...table.body].map((row) => row.cells.length);
  if (new Set(widths).size > 1) context.problem(element, `table rows have different numbers of cells (${[...new Set(widths)].join(', ')})`, 'every row needs one cell per column');
  return table;
}

/**
 * A row group's rows. Its markup is let go row by row as it is read (see takeChildren): the parsed
 * markup of a long table and its rows in the tree are never both whole.
 */
function readRows(group: Element, context: MarkupContext): TableRow[] {
  const rows: TableRow[] = [];
  for (const row of takeChildren(group)) {
    if (row.type !== 'tag') continue;
    if (row.name === 'tr') rows.push(readRow(row, context));
    else context.problem(row, `<${row.name}> inside <${group.name}>`, 'table groups contain only <tr> rows');
  }
  return rows;
}

/**
 * The children of a parsed element, taken out of it one at a time: each is cut loose (from the
 * element, and from its next sibling's back link) once the next is asked for, so that nothing keeps
 * the markup of the rows already read.
 */
function* takeChildren(element: Element): Generator<ChildNode> {
  const children: (ChildNode | undefined)[] = element.children.splice(0);
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    children[index] = undefined;
    yield node;
    if (node.next) node.next.prev = null;
  }
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
