// Reading the parsed markup of a long table lets go of each row's markup once the row is in the
// document tree, so that the two are never both whole (see readRows in src/tree/read-table.ts).
import { parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import type { MarkupContext } from '../../src/tree/markup-context.js';
import { readBlocks } from '../../src/tree/read-blocks.js';
import { readInlines } from '../../src/tree/read-inlines.js';
import { readTable } from '../../src/tree/read-table.js';

const rowCount = 50;
const markup = `<table><thead><tr><th></th><th scope="col">One</th></tr></thead><tbody>\n${Array.from({ length: rowCount }, (_, index) => `<tr><th scope="row">Attribute ${index}</th><td>Value ${index}</td></tr>`).join('\n')}\n</tbody></table>`;

describe('reading a table from parsed markup', () => {
  it('takes each row out of the parsed markup as it is read, and reads every row', () => {
    const document = parseDocument(markup);
    const table = document.children.find((node): node is Element => node.type === 'tag' && node.name === 'table')!;
    const body = table.children.find((node): node is Element => node.type === 'tag' && node.name === 'tbody')!;
    const parsedRows = body.children.filter((node): node is Element => node.type === 'tag');
    expect(parsedRows).toHaveLength(rowCount);
    const problems: string[] = [];
    const context: MarkupContext = {
      problem: (_element, message) => problems.push(message),
      inlines: (nodes) => readInlines(nodes, context),
      blocks: (nodes) => readBlocks(nodes, context),
      result: { children: [] },
    };
    const read = readTable(table, [], {}, context);
    expect(problems).toEqual([]);
    expect(read.body).toHaveLength(rowCount);
    expect(read.body.map((row) => row.cells.length)).toEqual(Array(rowCount).fill(2));
    // The row group no longer holds its rows, and no row is reachable from the next one.
    expect(body.children).toHaveLength(0);
    expect(parsedRows.filter((row) => row.prev !== null)).toEqual([]);
  });
});
