import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatFieldPath, type Diagnostic, type DiagnosticCode, type SourcePosition } from '../shared/diagnostic.js';
import type { ParsedSource } from './parse-source.js';
import { readCsv } from './read-csv.js';
import { sheetToAttributes, type SheetSubject } from './sheet-to-attributes.js';
import { describeValue } from './wording.js';

/** A CSV or TSV comparison table is refused above this size, like a dataset. */
const maxTableBytes = 10 * 1024 * 1024;

export interface ResolvedTable {
  source: ParsedSource;
  /** The table file and its text, when the dataset named one. */
  tableFile?: string;
  tableText?: string;
  /** Moves a problem found in a table cell to that cell of the table file. */
  relocate(diagnostic: Diagnostic): Diagnostic;
}

/**
 * The table file a dataset names with `table:`, if it names one the loader would read (a CSV or TSV
 * file in the dataset's folder or below): what `watch` follows besides the dataset file itself.
 */
export function namedTableFile(source: ParsedSource, file: string): string | undefined {
  const data = source.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.prototype.hasOwnProperty.call(data, 'table')) return undefined;
  const name = data.table;
  if (typeof name !== 'string' || !/\.(csv|tsv)$/i.test(name) || path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) return undefined;
  return path.join(path.dirname(file), name);
}

/**
 * `table: comparison.csv` in a dataset: the comparison table is read from that CSV or TSV file next
 * to the dataset (same folder or below) and becomes `attributes` (and `subjects`, when the dataset
 * names none) before the dataset check, so a table file gets exactly the checks and messages an
 * inline table gets, reported at the table file's row and cell.
 */
export function resolveTableFile(source: ParsedSource, file: string): { resolved?: ResolvedTable; diagnostics: Diagnostic[] } {
  const data = source.data as Record<string, unknown> | null;
  const identity = { resolved: { source, relocate: (diagnostic: Diagnostic) => diagnostic }, diagnostics: [] };
  if (!data || typeof data !== 'object' || Array.isArray(data) || !Object.prototype.hasOwnProperty.call(data, 'table')) return identity;
  // Where `table:` is written, asked for only when a problem must point there (positions cost a second parse).
  const tableAt = () => source.locate(['table']);
  const problem = (code: DiagnosticCode, message: string, hint: string): { diagnostics: Diagnostic[] } => {
    const at = tableAt();
    return { diagnostics: [{ severity: 'error', code, message, file, path: 'table', ...(at ? { position: at } : {}), hint }] };
  };
  const name = data.table;
  if (typeof name !== 'string' || name.trim() === '') return problem('wrong-type', `expected the name of a CSV or TSV file, found ${describeValue(name)}`, 'write the file name, e.g. `table: comparison.csv`');
  if (!/\.(csv|tsv)$/i.test(name)) return problem('unsupported-file', 'a comparison table file must end in .csv or .tsv', 'export the sheet as CSV (File → Download → CSV), or turn it into a dataset with `handout import`');
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) return problem('table-outside', 'the table file must be next to the dataset (in its folder or below)', 'copy the table file next to the dataset and name it without folders above, e.g. `table: comparison.csv`');
  if (Object.prototype.hasOwnProperty.call(data, 'attributes')) {
    const attributesAt = source.locate(['attributes'], { key: true });
    return {
      diagnostics: [{ severity: 'error', code: 'duplicate-field', message: 'the comparison is given twice: as `table:` and as `attributes`', file, path: 'attributes', ...(attributesAt ? { position: attributesAt } : {}), hint: 'keep one: remove `table:` or `attributes:`' }],
    };
  }
  const tableFile = path.join(path.dirname(file), name);
  let text: string;
  try {
    if (statSync(tableFile).size > maxTableBytes) return problem('file-too-large', `the table file ${name} is larger than ${maxTableBytes / 1024 / 1024} MB`, 'split the topic into several datasets');
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(tableFile));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return problem('not-found', `the table file ${name} does not exist`, `save the table as ${name} in the dataset’s folder, or fix the name`);
    if (error instanceof TypeError) return problem('not-utf8', `the table file ${name} is not UTF-8 text`, 'export it again as “CSV UTF-8” (most spreadsheets offer it)');
    return problem('unreadable-file', `cannot read the table file ${name} (${code ?? (error as Error).message})`, 'check the file');
  }
  const read = readCsv(text, tableFile);
  if (!read.sheet) return { diagnostics: read.diagnostics };
  const result = sheetToAttributes(read.sheet, subjectsOf(data.subjects), tableFile);
  if (result.diagnostics.length > 0) return { diagnostics: result.diagnostics };
  const { table: _table, ...rest } = data;
  const next: Record<string, unknown> = { ...rest, ...(result.subjects && !Object.prototype.hasOwnProperty.call(data, 'subjects') ? { subjects: result.subjects } : {}), attributes: result.attributes };
  const cells = new Map(result.positions.map(([cellPath, position, where]) => [formatFieldPath(['attributes', ...cellPath]), { position, where }]));
  const locate: ParsedSource['locate'] = (fieldPath, options) =>
    fieldPath[0] === 'attributes' || (fieldPath[0] === 'subjects' && result.subjects && !Object.prototype.hasOwnProperty.call(data, 'subjects')) ? tableAt() : source.locate(fieldPath, options);
  const relocate = (diagnostic: Diagnostic): Diagnostic => {
    const cell = diagnostic.path ? cells.get(diagnostic.path) : undefined;
    if (!cell) return diagnostic;
    const position: SourcePosition = cell.position;
    return { ...diagnostic, file: tableFile, position, message: `${diagnostic.message} (${cell.where})` };
  };
  return { resolved: { source: { data: next, locate }, tableFile, tableText: text, relocate }, diagnostics: [] };
}

function subjectsOf(value: unknown): SheetSubject[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((subject): subject is { id: string; name: string } => Boolean(subject) && typeof subject.id === 'string' && typeof subject.name === 'string')
    .map(({ id, name }) => ({ id, name }));
}
