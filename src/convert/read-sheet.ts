import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, DiagnosticCode } from '../shared/diagnostic.js';
import { readCsv } from '../load/read-csv.js';
import { columnLetter, type Sheet } from '../load/sheet-to-attributes.js';

/** Spreadsheet files above this size are refused: a comparison table is a few kilobytes. */
const maxSheetBytes = 10 * 1024 * 1024;

/**
 * A spreadsheet file → its first sheet as rows of cells named by address (`cell B3`). CSV and TSV
 * are read with csv-parse, .xlsx with exceljs (the cell's displayed text: a number or date as the
 * sheet shows it), .ods with read-ods.ts (no OpenDocument reader on npm is maintained and runs on
 * Node 20, so its content.xml is read with a zip reader and an XML parser).
 */
export async function readSheet(file: string): Promise<{ sheet?: Sheet; diagnostics: Diagnostic[] }> {
  const fail = (code: DiagnosticCode, message: string, hint: string) => ({ diagnostics: [{ severity: 'error' as const, code, message, file, hint }] });
  const extension = path.extname(file).toLowerCase();
  if (!['.csv', '.tsv', '.xlsx', '.ods'].includes(extension)) return fail('unsupported-file', 'a table to import must be a .csv, .tsv, .xlsx or .ods file', 'export the sheet as CSV (most spreadsheets: File → Download → CSV) and import that file');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail('unreadable-file', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? (error as Error).message})`, 'check the path');
  }
  if (bytes.byteLength > maxSheetBytes) return fail('file-too-large', `the file is larger than ${maxSheetBytes / 1024 / 1024} MB`, 'a comparison table has a few dozen rows; check that this is the right file');
  if (extension === '.xlsx') return readXlsx(bytes, file);
  if (extension === '.ods') return (await import('./read-ods.js')).readOds(bytes, file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not-utf8', 'the file is not UTF-8 text', 'export it again as “CSV UTF-8” (most spreadsheets offer it)');
  }
  return readCsv(text, file);
}

async function readXlsx(bytes: Buffer, file: string): Promise<{ sheet?: Sheet; diagnostics: Diagnostic[] }> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return { diagnostics: [{ severity: 'error', code: 'xlsx-unreadable', message: `the workbook cannot be read (${(error as Error).message.split('\n')[0]})`, file, hint: 'open it in a spreadsheet and save it again as .xlsx, or export the sheet as CSV' }] };
  }
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return { diagnostics: [{ severity: 'error', code: 'empty-table', message: 'the workbook has no sheets', file, hint: 'put the table in the first sheet' }] };
  // A spreadsheet row has no "end": its width is its last filled cell; empty cells in between stay empty text.
  const rows: Sheet['rows'] = [];
  const widths: number[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const texts: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      texts[column - 1] = cell.text ?? '';
    });
    while (texts.length > 0 && (texts.at(-1) ?? '').trim() === '') texts.pop();
    widths.push(texts.length);
    rows.push(Array.from({ length: texts.length }, (_, column) => ({ text: texts[column] ?? '', position: { line: rowNumber, column: column + 1 }, where: `cell ${columnLetter(column)}${rowNumber}` })));
  });
  // Short rows are padded (an empty cell is reported as empty text); only cells beyond the header are ragged.
  const headerWidth = widths[0] ?? 0;
  rows.forEach((row, index) => {
    const line = row[0]?.position?.line ?? index + 1;
    for (let column = row.length; column < headerWidth; column++) row.push({ text: '', position: { line, column: column + 1 }, where: `cell ${columnLetter(column)}${line}` });
    widths[index] = Math.max(widths[index]!, headerWidth);
  });
  return { sheet: { rows, widths }, diagnostics: [] };
}
