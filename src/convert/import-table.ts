import { formatFieldPath, type Diagnostic, type SourcePosition } from '../shared/diagnostic.js';
import type { ParsedSource } from '../load/parse-source.js';
import { sheetToAttributes } from '../load/sheet-to-attributes.js';
import { validateDataset } from '../load/validate-dataset.js';
import { labelsFor } from '../view/labels.js';
import { joinNames } from '../view/join-names.js';
import { readSheet } from './read-sheet.js';

export interface ImportOptions {
  title: string;
  summary?: string | undefined;
  language?: string | undefined;
}

/**
 * A spreadsheet → a dataset: subjects from the header row, one attribute per row, the title and
 * summary from the options. The result is checked like any dataset, and every problem is reported
 * at the sheet's cell (`cell B3`), before anything is written.
 */
export async function importTable(file: string, options: ImportOptions): Promise<{ dataset?: Record<string, unknown>; diagnostics: Diagnostic[] }> {
  const read = await readSheet(file);
  if (!read.sheet) return { diagnostics: read.diagnostics };
  const table = sheetToAttributes(read.sheet, undefined, file);
  if (table.diagnostics.length > 0) return { diagnostics: table.diagnostics };
  const subjects = table.subjects ?? [];
  const language = options.language ?? 'en';
  const data: Record<string, unknown> = {
    title: options.title,
    subjects,
    // A summary is required; a plain sentence naming the subjects (in the handout's language) builds,
    // and the command says to replace it. Ending in a line break, it is written as Markdown text.
    summary: `${options.summary ?? placeholderSummary(subjects.map((subject) => subject.name), language, options.title)}\n`,
    attributes: table.attributes,
    meta: { language },
  };
  const cells = new Map<string, { position: SourcePosition; where: string }>(table.positions.map(([path, position, where]) => [formatFieldPath(['attributes', ...path]), { position, where }]));
  const headerCells = read.sheet.rows[0]!.slice(1);
  subjects.forEach((_, index) => {
    const cell = headerCells[index];
    if (cell?.position) {
      cells.set(formatFieldPath(['subjects', index]), { position: cell.position, where: cell.where });
      cells.set(formatFieldPath(['subjects', index, 'name']), { position: cell.position, where: cell.where });
      cells.set(formatFieldPath(['subjects', index, 'id']), { position: cell.position, where: cell.where });
    }
  });
  const locate: ParsedSource['locate'] = (path) => {
    for (let length = path.length; length > 0; length--) {
      const cell = cells.get(formatFieldPath(path.slice(0, length)));
      if (cell) return cell.position;
    }
    return undefined;
  };
  const checked = validateDataset({ data, locate }, file);
  const diagnostics = checked.diagnostics.map((diagnostic) => {
    const cell = diagnostic.path ? cells.get(diagnostic.path) : undefined;
    return cell ? { ...diagnostic, message: `${diagnostic.message} (${cell.where})` } : diagnostic;
  });
  if (diagnostics.length > 0) return { diagnostics };
  return { dataset: data, diagnostics: [] };
}

/** "A comparison of Tea and Coffee." in English; in another language its comparison caption ("Comparaison : Chat et Chien."). */
function placeholderSummary(names: readonly string[], language: string, title: string): string {
  const subjects = joinNames([...names], language);
  if (language.startsWith('en')) return `A comparison of ${subjects}.`;
  const caption = labelsFor(language)?.comparisonCaption;
  return caption ? `${caption.replace('{subjects}', subjects)}.` : title;
}
