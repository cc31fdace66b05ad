import type { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { datasetSchema, knownKeys, type Dataset, type Section } from './dataset-schema.js';
import type { ParsedSource } from './parse-source.js';
import { formatFieldPath, type Diagnostic } from '../shared/diagnostic.js';

type Path = (string | number)[];

/**
 * Checks parsed data against the dataset contract and reports every problem at once, each with its
 * field path, source position, what was expected and a hint. Shape problems come from the schema;
 * cross-field rules (subject ids, table cells) are checked here because a schema cannot express them.
 */
export function validateDataset(source: ParsedSource, file: string): { dataset?: Dataset; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (path: Path, code: string, message: string, extra: Partial<Diagnostic> = {}, onKey = false) =>
    diagnostics.push({
      severity: 'error',
      code,
      message,
      file,
      path: formatFieldPath(path) || '(top level)',
      ...positionOf(source, path, onKey),
      ...extra,
    });

  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    report([], 'not-an-object', 'the dataset must be a mapping of keys such as `title`, `subjects` and `attributes`', {
      hint: 'start the file with `title: …` on its first line',
    });
    return { diagnostics };
  }

  const parsed = datasetSchema.safeParse(source.data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const misspelled = misspelledKeys(issues, source.data);
    // One message per field and kind: a `javascript:` URL fails both the URL check and its pattern.
    const seen = new Set<string>();
    const reportOnce: Report = (path, code, message, extra, onKey) => {
      const key = `${code}@${formatFieldPath(path)}`;
      if (seen.has(key)) return;
      seen.add(key);
      report(path, code, message, extra, onKey);
    };
    for (const issue of issues) reportSchemaIssue(issue, source.data, reportOnce, misspelled);
  }
  reportCrossFieldProblems(source.data as Record<string, unknown>, report);

  if (diagnostics.length > 0 || !parsed.success) return { diagnostics };
  return { dataset: parsed.data, diagnostics };
}

type Report = (path: Path, code: string, message: string, extra?: Partial<Diagnostic>, onKey?: boolean) => void;

function positionOf(source: ParsedSource, path: Path, onKey: boolean): Partial<Diagnostic> {
  const position = source.locate(path, { key: onKey });
  return position ? { position } : {};
}

function issuePath(issue: z.core.$ZodIssue): Path {
  return issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
}

/**
 * Paths of the fields that an unknown key most likely misspells (`atributes` → `attributes`). When such
 * a field is also reported missing, that is the same mistake seen from the other side: it is reported
 * once, as the unknown key with its "did you mean" hint.
 */
function misspelledKeys(issues: readonly z.core.$ZodIssue[], data: unknown): Set<string> {
  const misspelled = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issuePath(issue);
    for (const key of issue.keys) {
      const suggestion = suggest(key, keysFor(path, data));
      if (suggestion) misspelled.add(formatFieldPath([...path, suggestion]));
    }
  }
  return misspelled;
}

function reportSchemaIssue(issue: z.core.$ZodIssue, data: unknown, report: Report, misspelled: ReadonlySet<string>): void {
  const path = issuePath(issue);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const candidates = keysFor(path, data);
      for (const key of issue.keys) {
        const suggestion = suggest(key, candidates);
        report([...path, key], 'unknown-key', `unknown key \`${key}\``, {
          expected: `one of ${candidates.map((c) => `\`${c}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'remove it, or check its indentation: it may belong to another object',
        }, true);
      }
      return;
    }
    case 'invalid_type': {
      const received = describeValue(valueAt(data, path));
      if (received === 'nothing') {
        if (misspelled.has(formatFieldPath(path))) return;
        report(path, 'missing-field', `required field \`${String(path.at(-1))}\` is missing`, {
          expected: expectedName(issue.expected),
          hint: `add \`${String(path.at(-1))}:\` ${hintForMissing(path, issue.expected)}`,
        });
      } else {
        // In the user's terms, not zod's ("Invalid input: expected boolean, received string").
        report(path, 'wrong-type', `expected ${expectedName(issue.expected)}, found ${received}`, {
          expected: expectedName(issue.expected),
          hint: issue.expected === 'string' ? 'put text in quotes if it looks like a number, date or yes/no' : typeHint(issue.expected),
        });
      }
      return;
    }
    case 'too_small':
      report(path, 'too-small', issue.message, { hint: issue.origin === 'array' ? 'add more entries to this list' : 'write some text here' });
      return;
    default:
      report(path, issue.code === 'invalid_format' ? 'invalid-format' : 'invalid-value', issue.message, {
        hint: issue.code === 'invalid_format' && /url|uri/i.test(issue.message + String((issue as { format?: string }).format))
          ? 'write a full address starting with https://'
          : valueHint(path, issue.message),
      });
  }
}

/** What to write instead, for a value of the right type that breaks a rule (format, emptiness). */
function valueHint(path: Path, message: string): string {
  const field = String(path.at(-1));
  if (/must not be empty/.test(message)) return 'write some text here (an optional field can be left out instead)';
  if (field === 'id') return 'use only lowercase letters, digits and hyphens, and the same id in `values` and `sections`';
  if (field === 'slug') return 'fix it, or leave `slug` out: it is derived from the file name';
  if (field === 'language') return 'write a language code such as `en`, `es`, `fr` or `de`';
  if (field === 'date') return 'write the date as YYYY-MM-DD, e.g. `2026-11-25`';
  return 'see schema/handout.schema.json for the allowed values';
}

function reportCrossFieldProblems(data: Record<string, unknown>, report: Report): void {
  const subjects = Array.isArray(data.subjects) ? data.subjects : [];
  const ids: string[] = [];
  subjects.forEach((subject, index) => {
    const id = (subject as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    if (ids.includes(id)) {
      report(['subjects', index, 'id'], 'duplicate-subject', `subject id \`${id}\` is used twice`, {
        hint: 'every subject needs its own id; attribute values are matched to subjects by it',
      });
    }
    if (!ids.includes(id)) ids.push(id);
  });
  if (ids.length === 0) return;

  const attributes = Array.isArray(data.attributes) ? data.attributes : [];
  attributes.forEach((attribute, row) => {
    const values = (attribute as { values?: unknown } | null)?.values;
    if (!values || typeof values !== 'object' || Array.isArray(values)) return;
    const name = (attribute as { name?: unknown }).name;
    const rowName = typeof name === 'string' ? `row “${name}”` : `row ${row + 1}`;
    // A misspelled id (`sepssis`) is reported once, as the unknown key, not again as a missing cell.
    const misspelledIds = new Set<string>();
    for (const key of Object.keys(values)) {
      if (!ids.includes(key)) {
        const suggestion = suggest(key, ids);
        if (suggestion && !Object.prototype.hasOwnProperty.call(values, suggestion)) misspelledIds.add(suggestion);
        report(['attributes', row, 'values', key], 'unknown-subject', `${rowName} has a value for \`${key}\`, which is not a subject id`, {
          expected: `one of ${ids.map((id) => `\`${id}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'add the subject to `subjects`, or fix the key',
        }, true);
      }
    }
    for (const id of ids) {
      if (!Object.prototype.hasOwnProperty.call(values, id) && !misspelledIds.has(id)) {
        report(['attributes', row, 'values'], 'missing-cell', `${rowName} has no value for subject \`${id}\``, {
          expected: `a value for every subject: ${ids.map((s) => `\`${s}\``).join(', ')}`,
          hint: `add \`${id}: …\` under \`values\` (write "—" or "not applicable" if there is nothing to say)`,
        });
      }
    }
  });

  attributes.forEach((attribute, row) => {
    const given = (attribute as { given?: unknown } | null)?.given;
    if (!Array.isArray(given)) return;
    given.forEach((id, index) => {
      if (typeof id === 'string' && !ids.includes(id)) {
        const suggestion = suggest(id, ids);
        report(['attributes', row, 'given', index], 'unknown-subject', `\`given\` names \`${id}\`, which is not a subject id`, {
          expected: `one of ${ids.map((s) => `\`${s}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'list subject ids whose cells stay filled in on the worksheet',
        });
      }
    });
  });

  const venn = data.venn as { unique?: unknown } | undefined;
  if (venn && typeof venn === 'object') {
    if (ids.length > 3) {
      report(['venn'], 'venn-subjects', `a Venn diagram is drawn for 2 or 3 subjects; this dataset has ${ids.length}`, { hint: 'remove `venn`, or compare fewer subjects' });
    }
    const unique = venn.unique;
    if (unique && typeof unique === 'object' && !Array.isArray(unique)) {
      for (const key of Object.keys(unique)) {
        if (!ids.includes(key)) {
          const suggestion = suggest(key, ids);
          report(['venn', 'unique', key], 'unknown-subject', `Venn points for \`${key}\`, which is not a subject id`, {
            expected: `one of ${ids.map((s) => `\`${s}\``).join(', ')}`,
            hint: suggestion ? `did you mean \`${suggestion}\`?` : 'key the points by subject id',
          }, true);
        }
      }
    }
  }

  const checkSections = (sections: unknown, path: Path) => {
    if (!Array.isArray(sections)) return;
    sections.forEach((section: Section | null, index) => {
      if (!section || typeof section !== 'object') return;
      if (typeof section.subject === 'string' && !ids.includes(section.subject)) {
        const suggestion = suggest(section.subject, ids);
        report([...path, index, 'subject'], 'unknown-subject', `section subject \`${section.subject}\` is not a subject id`, {
          expected: `one of ${ids.map((id) => `\`${id}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'use the `id` of one of the subjects',
        });
      }
      checkSections(section.sections, [...path, index, 'sections']);
    });
  };
  checkSections(data.sections, ['sections']);
}

/** Which keys are allowed where an unknown key was found, judged from the path's shape. */
function keysFor(path: Path, data: unknown): readonly string[] {
  const [first, , third] = path;
  if (path.length === 0) return knownKeys.dataset;
  if (first === 'meta') return path.length === 1 ? knownKeys.meta : knownKeys.source;
  if (first === 'subjects') return knownKeys.subject;
  if (first === 'attributes') return third === 'values' ? subjectIds(data) : knownKeys.attribute;
  if (first === 'sections') return knownKeys.section;
  if (first === 'questions') return knownKeys.question;
  if (first === 'venn') return path.length === 1 ? knownKeys.venn : subjectIds(data);
  return [];
}

function subjectIds(data: unknown): string[] {
  const subjects = (data as { subjects?: unknown }).subjects;
  return Array.isArray(subjects) ? subjects.map((s) => (s as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string') : [];
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = word.toLowerCase();
  const caseMatch = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (caseMatch) return caseMatch;
  const best = closest(lower, candidates as string[]);
  return distance(lower, best.toLowerCase()) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text “${value.length > 40 ? `${value.slice(0, 40)}…` : value}”`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

function expectedName(expected: string): string {
  return ({ string: 'text', array: 'a list', object: 'a mapping', boolean: 'true or false', number: 'a number' } as Record<string, string>)[expected] ?? expected;
}

function typeHint(expected: string): string {
  if (expected === 'array') return 'start each entry of a list with `- ` on its own line';
  if (expected === 'boolean') return 'write true or false, without quotes';
  if (expected === 'object') return 'write nested `key: value` lines indented under this key';
  return `expected ${expectedName(expected)}`;
}

function hintForMissing(path: Path, expected: string): string {
  const field = String(path.at(-1));
  if (field === 'values') return 'with one `subject-id: text` line per subject';
  if (field === 'id') return 'with a short lowercase key such as `sepsis`';
  if (expected === 'array') return 'with a list: one entry per line, each starting with `- `';
  if (expected === 'object') return 'with nested `key: value` lines indented under it';
  return 'with some text';
}
