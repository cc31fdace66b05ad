import { closest, distance } from 'fastest-levenshtein';
import type { Diagnostic, DiagnosticCode } from '../shared/diagnostic.js';
import { forTerminal } from '../shared/terminal-text.js';

/** Small pieces shared by the schema and cross-field checks: field paths, reporting, and wording. */

export type FieldPath = (string | number)[];

export const emptyFileHint = 'start the file with `title: …` on its first line (README "Dataset format" shows a whole dataset)';

export type Report = (path: FieldPath, code: DiagnosticCode, message: string, extra?: Partial<Diagnostic>, onKey?: boolean) => void;

/**
 * A name, key or value as shown inside a message: long ones are cut, and characters a terminal would
 * act on (escape sequences, backspace…) are shown as `\u{1B}` instead of being printed.
 */
export function shorten(name: string, length = 60): string {
  const cut = [...name].length > length ? `${[...name].slice(0, length - 3).join('')}…` : name;
  return forTerminal(cut);
}

/** The candidate a misspelt `word` most likely means (`atributes` → `attributes`), if one is close enough. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const caseMatch = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (caseMatch) return caseMatch;
  const best = closest(lower, candidates as string[]);
  const edits = distance(lower, best.toLowerCase());
  // Replacing every letter of a short word (`<<` → `id`) is not a near miss.
  return edits <= Math.max(2, Math.floor(best.length / 3)) && edits < lower.length ? best : undefined;
}

/** The value at a field path of the parsed data (own properties only), or undefined. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/** A value as a message names it: `a list`, `number 42`, `text “…”`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text “${shorten(value, 40)}”`;
  if (typeof value === 'number') return `number ${String(value)}`;
  return `${typeof value} ${String(value)}`;
}
