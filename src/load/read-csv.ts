import { parse, CsvError } from 'csv-parse/sync';
import type { Diagnostic } from '../shared/diagnostic.js';
import { columnLetter, type Sheet } from './sheet-to-attributes.js';

/**
 * CSV or TSV text → sheet, with csv-parse (RFC 4180: quoted cells holding commas, quotes and line
 * breaks; a byte-order mark). Spreadsheets in many locales export with `;` because `,` is their
 * decimal mark, so a `.csv` file's separator is whichever of `,` `;` and tab its header row uses most.
 * Each cell is named by its spreadsheet address (`cell B3`) and placed at the line its row starts on.
 */
export function readCsv(text: string, file: string, delimiter = file.toLowerCase().endsWith('.tsv') ? '\t' : detectDelimiter(text)): { sheet?: Sheet; diagnostics: Diagnostic[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    const quote = error.code === 'CSV_QUOTE_NOT_CLOSED';
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'csv-syntax',
          message: quote ? 'a quoted cell is never closed: the file ends inside quotes' : `the table cannot be read: ${error.message.replace(/^[^:]*:\s*/, '')}`,
          file,
          ...(line ? { position: { line, column: 1 } } : {}),
          hint: quote ? 'a cell that starts with " must end with "; write a quote inside a quoted cell as ""' : 'export the sheet again as CSV (comma- or semicolon-separated) or TSV',
        },
      ],
    };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  let previousEnd = 0;
  const rows = records.map(({ record, info }, row) => {
    // A record ends on line `info.lines`; it starts after the previous one and any blank lines.
    let start = previousEnd + 1;
    while (start < info.lines && lines[start - 1]!.trim() === '') start++;
    previousEnd = info.lines;
    // Line breaks inside quoted cells are kept as plain `\n`, whatever the exporting system used.
    return record.map((text, column) => ({ text: text.replace(/\r\n?/g, '\n'), position: { line: start, column: 1 }, where: `cell ${columnLetter(column)}${row + 1}` }));
  });
  return { sheet: { rows }, diagnostics: [] };
}

/** The separator the first line uses most, outside quotes: `,`, `;` or tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![1] > 0 ? [...counts].sort((a, b) => b[1] - a[1])[0]![0] : ',';
}
