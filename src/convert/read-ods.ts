import { unzipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import type { Diagnostic, DiagnosticCode } from '../shared/diagnostic.js';
import { columnLetter, type Sheet, type SheetCell } from '../load/sheet-to-attributes.js';

/** content.xml above this size is refused before it is inflated: a comparison table is a few kilobytes. */
const maxContentBytes = 50 * 1024 * 1024;
/** Filled cells a sheet may expand to (repeated rows and columns included): far beyond any comparison table. */
const maxCells = 100_000;

/** fast-xml-parser's ordered form: one key naming the element (or `#text`), its attributes under `:@`. */
type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const nameOf = (node: XmlNode) => Object.keys(node).find((key) => key !== ':@') ?? '';
const childrenOf = (node: XmlNode): XmlNode[] => {
  const value = node[nameOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};
const attribute = (node: XmlNode, name: string) => node[':@']?.[name];
const count = (node: XmlNode, name: string) => {
  const value = Number.parseInt(attribute(node, name) ?? '1', 10);
  return Number.isFinite(value) && value > 0 ? value : 1;
};

/**
 * An OpenDocument spreadsheet (.ods) → its first sheet as rows of cells named by address, the way
 * the .xlsx reader gives them: the file is a zip whose content.xml holds the sheets as
 * `table:table` → `table:table-row` → `table:table-cell`. A cell's text is what the sheet shows
 * (its paragraphs, one line each); a number cell with no text gives its value.
 */
export function readOds(bytes: Uint8Array, file: string): { sheet?: Sheet; diagnostics: Diagnostic[] } {
  const fail = (code: DiagnosticCode, message: string, hint: string) => ({ diagnostics: [{ severity: 'error' as const, code, message, file, hint }] });
  const unreadable = (why: string) => fail('ods-unreadable', `the spreadsheet cannot be read (${why})`, 'open it in LibreOffice and save it again as .ods, or export the sheet as CSV');
  let content: Uint8Array | undefined;
  try {
    let oversized = false;
    // Only content.xml is inflated, and only when its declared size is sensible (a small zip can inflate to gigabytes).
    const entries = unzipSync(bytes, {
      filter: (entry) => {
        if (entry.name !== 'content.xml') return false;
        if (entry.originalSize > maxContentBytes) oversized = true;
        return !oversized;
      },
    });
    if (oversized) return fail('file-too-large', `the spreadsheet’s content is larger than ${maxContentBytes / 1024 / 1024} MB`, 'a comparison table has a few dozen rows; check that this is the right file');
    content = entries['content.xml'];
  } catch (error) {
    return unreadable(`not a zip archive: ${(error as Error).message}`);
  }
  if (!content) return unreadable('it has no content.xml');
  let document: XmlNode[];
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    document = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false, parseAttributeValue: false }).parse(text) as XmlNode[];
  } catch (error) {
    return unreadable(`content.xml is not valid XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const table = findFirst(document, 'table:table');
  if (!table) return fail('empty-table', 'the spreadsheet has no sheets', 'put the table in the first sheet');

  const tooLarge = () => fail('file-too-large', `the first sheet has more than ${maxCells} cells`, 'a comparison table has a few dozen rows; check that this is the right file');
  const rows: Sheet['rows'] = [];
  const widths: number[] = [];
  let rowNumber = 0;
  let cells = 0;
  for (const row of rowsOf(table)) {
    const repeat = count(row, 'table:number-rows-repeated');
    const texts: string[] = [];
    let column = 0;
    for (const cell of childrenOf(row)) {
      const name = nameOf(cell);
      if (name !== 'table:table-cell' && name !== 'table:covered-table-cell') continue;
      const repeatColumns = count(cell, 'table:number-columns-repeated');
      // A covered cell is the hidden part of a merged cell: it holds a column but no text of its own.
      const text = name === 'table:table-cell' ? cellText(cell) : '';
      // Repeated empty cells are how a sheet pads a row to its full width: they only move the column on.
      if (text !== '') {
        if (column + repeatColumns > maxCells) return tooLarge();
        for (let index = 0; index < repeatColumns; index++) texts[column + index] = text;
      }
      column += repeatColumns;
    }
    while (texts.length > 0 && (texts.at(-1) ?? '').trim() === '') texts.pop();
    if (texts.length === 0) {
      // Empty rows (including the thousands of padding rows a sheet ends with) are skipped, as in .xlsx.
      rowNumber += repeat;
      continue;
    }
    for (let index = 0; index < repeat; index++) {
      rowNumber++;
      cells += texts.length;
      if (cells > maxCells) return tooLarge();
      const line = rowNumber;
      widths.push(texts.length);
      rows.push(Array.from({ length: texts.length }, (_, at): SheetCell => ({ text: texts[at] ?? '', position: { line, column: at + 1 }, where: `cell ${columnLetter(at)}${line}` })));
    }
  }
  // Short rows are padded (an empty cell is reported as empty text); only cells beyond the header are ragged.
  const headerWidth = widths[0] ?? 0;
  rows.forEach((row, index) => {
    const line = row[0]?.position?.line ?? index + 1;
    for (let column = row.length; column < headerWidth; column++) row.push({ text: '', position: { line, column: column + 1 }, where: `cell ${columnLetter(column)}${line}` });
    widths[index] = Math.max(widths[index]!, headerWidth);
  });
  return { sheet: { rows, widths }, diagnostics: [] };
}

function findFirst(nodes: XmlNode[], name: string): XmlNode | undefined {
  for (const node of nodes) {
    if (nameOf(node) === name) return node;
    const found = findFirst(childrenOf(node), name);
    if (found) return found;
  }
  return undefined;
}

/** The table's rows in order, including those grouped as header rows or row groups. */
function* rowsOf(parent: XmlNode): Generator<XmlNode> {
  for (const child of childrenOf(parent)) {
    const name = nameOf(child);
    if (name === 'table:table-row') yield child;
    else if (name === 'table:table-header-rows' || name === 'table:table-rows' || name === 'table:table-row-group') yield* rowsOf(child);
  }
}

/** The cell's paragraphs, one line each; a cell without text gives its value (a number, date or truth value). */
function cellText(cell: XmlNode): string {
  const paragraphs = childrenOf(cell).filter((child) => ['text:p', 'text:h'].includes(nameOf(child)));
  const text = paragraphs.map((paragraph) => inlineText(childrenOf(paragraph))).join('\n');
  if (text !== '') return text;
  return attribute(cell, 'office:value') ?? attribute(cell, 'office:date-value') ?? attribute(cell, 'office:time-value') ?? attribute(cell, 'office:boolean-value') ?? attribute(cell, 'office:string-value') ?? '';
}

function inlineText(nodes: XmlNode[]): string {
  let text = '';
  for (const node of nodes) {
    const name = nameOf(node);
    // As in any ODF text, a run of white space in the markup shows as one space.
    if (name === '#text') text += String(node['#text'] ?? '').replace(/[ \t\r\n]+/g, ' ');
    // text:s stands for a run of spaces (XML would collapse them), text:c of them.
    else if (name === 'text:s') text += ' '.repeat(Math.min(count(node, 'text:c'), 1000));
    else if (name === 'text:tab') text += '\t';
    else if (name === 'text:line-break') text += '\n';
    // Comments and tracked-change notes are not part of what the cell shows.
    else if (name === 'office:annotation' || name === 'office:annotation-end' || name === 'text:note') continue;
    else text += inlineText(childrenOf(node));
  }
  return text;
}
