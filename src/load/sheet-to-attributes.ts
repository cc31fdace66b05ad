import type { Diagnostic, DiagnosticCode, SourcePosition } from '../shared/diagnostic.js';
import { shorten, suggest } from './wording.js';

/**
 * A comparison table as rows of cells, whatever it was written in (a Markdown pipe table, a CSV or
 * TSV file, a spreadsheet): the first row names the subjects, the first column the attributes.
 */
export interface SheetCell {
  text: string;
  position?: SourcePosition;
  /** How a message names the cell, e.g. `cell B3` in a spreadsheet or `column 2 of this row` in Markdown. */
  where: string;
  /** Marked `{given}` in a Markdown table: on worksheets the cell (or, in the first column, the row) stays filled in. */
  given?: boolean;
}

export interface Sheet {
  rows: SheetCell[][];
  /** Cells the source row really had, when the reader pads or cuts rows (Markdown tables do). */
  widths?: number[];
}

export interface SheetSubject {
  id: string;
  name: string;
}

export interface SheetAttributes {
  /** Subjects derived from the header row, when the dataset names none. */
  subjects?: SheetSubject[];
  attributes: { name: string; values: Record<string, string>; given?: boolean | string[] }[];
  /** Source positions by field path, relative to `attributes` (e.g. `[0, 'values', 'sepsis']`). */
  positions: [(string | number)[], SourcePosition, string][];
  diagnostics: Diagnostic[];
}

/**
 * Sheet → `attributes` (and `subjects` when the dataset has none). Header cells name a subject by id
 * or by name (case and surrounding spaces ignored); cells become the values keyed by subject id.
 * Problems of the sheet's shape are reported here, at the cell; problems of the values themselves
 * (an empty cell, a cell too long) are left to the dataset schema, which reports them at the same cell.
 */
export function sheetToAttributes(sheet: Sheet, knownSubjects: readonly SheetSubject[] | undefined, file: string): SheetAttributes {
  const diagnostics: Diagnostic[] = [];
  const error = (cell: SheetCell | undefined, code: DiagnosticCode, message: string, hint: string) =>
    diagnostics.push({ severity: 'error', code, message, file, ...(cell?.position ? { position: cell.position } : {}), hint });
  const [header, ...body] = sheet.rows;
  if (!header || header.length === 0 || header.every((cell) => cell.text.trim() === '')) {
    error(header?.[0], 'empty-table', 'the table has no header row', 'the first row names the subjects, from the second column on (the first cell may be empty or say “Attribute”)');
    return { attributes: [], positions: [], diagnostics };
  }
  if (header.length < 2) {
    error(header[0], 'empty-header', 'the header row names no subjects', 'the first row names the subjects, one per column after the first');
  }
  const derived: SheetSubject[] = [];
  const columnIds: (string | undefined)[] = [undefined];
  header.slice(1).forEach((cell) => {
    const name = cell.text.trim();
    if (name === '') {
      error(cell, 'empty-header', `the header ${cell.where} is empty`, 'write the subject’s name (or id) at the top of each column');
      columnIds.push(undefined);
      return;
    }
    let id: string | undefined;
    if (knownSubjects) {
      const lower = name.toLowerCase();
      id =
        knownSubjects.find((subject) => subject.id === name)?.id ??
        knownSubjects.find((subject) => subject.name !== '' && subject.name.trim().toLowerCase() === lower)?.id ??
        // A subject without a usable name (reported by the dataset's checks) still owns its column.
        knownSubjects.find((subject) => subject.name === '' && subject.id === subjectIdFromName(name))?.id;
      if (!id) {
        const named = knownSubjects.filter((subject) => subject.name !== '');
        const suggestion = suggest(name, named.map((subject) => subject.name)) ?? named.find((subject) => subject.id === suggest(name, named.map((known) => known.id)))?.name;
        error(cell, 'unknown-subject', `the header ${cell.where} “${shorten(name)}” names no subject`, suggestion ? `did you mean “${suggestion}”?` : `name one of the subjects: ${named.map((subject) => `“${subject.name}”`).join(', ')}`);
        columnIds.push(undefined);
        return;
      }
    } else {
      id = subjectIdFromName(name);
      derived.push({ id, name });
    }
    if (columnIds.includes(id)) {
      error(cell, 'duplicate-subject', `the header ${cell.where} “${shorten(name)}” names a subject that already has a column`, 'give each subject one column; merge or remove the repeated one');
      columnIds.push(undefined);
      return;
    }
    columnIds.push(id);
  });

  const positions: SheetAttributes['positions'] = [];
  const attributes: SheetAttributes['attributes'] = [];
  body.forEach((row, index) => {
    const width = sheet.widths?.[index + 1] ?? row.length;
    if (width !== header.length) {
      const cell = width > header.length ? row[header.length] ?? row.at(-1) : sheet.widths ? row[width] ?? row.at(-1) : row.at(-1);
      error(cell, 'ragged-row', `this row has ${width} ${width === 1 ? 'cell' : 'cells'}, but the header row has ${header.length}`, width > header.length ? 'remove the extra cells, or add the missing subject to the header row' : 'add the missing cells (write “—” where there is nothing to say)');
    }
    const first = row[0];
    const values: Record<string, string> = {};
    const attribute: SheetAttributes['attributes'][number] = { name: first?.text.trim() ?? '', values };
    const givenIds = row.slice(1, header.length).flatMap((cell, column) => (cell.given && columnIds[column + 1] ? [columnIds[column + 1]!] : []));
    if (first?.given) attribute.given = true;
    else if (givenIds.length > 0) attribute.given = givenIds;
    if (first?.position) positions.push([[attributes.length], first.position, first.where], [[attributes.length, 'name'], first.position, first.where]);
    row.slice(1, header.length).forEach((cell, column) => {
      const id = columnIds[column + 1];
      if (!id) return;
      values[id] = cell.text.trim();
      if (cell.position) positions.push([[attributes.length, 'values', id], cell.position, cell.where]);
    });
    attributes.push(attribute);
  });
  return { ...(knownSubjects ? {} : { subjects: derived }), attributes, positions, diagnostics };
}

/** `Cytokine Storm (CRS)` → `cytokine-storm-crs`: the id a subject named only in a header row gets. */
export function subjectIdFromName(name: string): string {
  const id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return id || 'subject';
}

/** `A`, `B`, … `Z`, `AA`: a spreadsheet's name for column `index` (0-based). */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
