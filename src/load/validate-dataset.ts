import type { z } from 'zod';
import { closest, distance } from 'fastest-levenshtein';
import { datasetSchema, knownKeys, limits, unprintableMessage, type Dataset, type Section } from './dataset-schema.js';
import type { ParsedSource } from './parse-source.js';
import { formatFieldPath, type Diagnostic } from '../shared/diagnostic.js';

type Path = (string | number)[];

/** Problems reported per file; past this, one more message says how many were left out. */
export const maxReportedProblems = 100;

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

  if (source.data === null || source.data === undefined) {
    // A file of comments only: nothing to point at but its start.
    diagnostics.push({ severity: 'error', code: 'empty-file', message: 'the file holds only comments, no data', file, position: { line: 1, column: 1 }, hint: 'start the file with `title: …` on its first line (README "Dataset format" shows a whole dataset)' });
    return { diagnostics };
  }
  if (typeof source.data !== 'object' || Array.isArray(source.data)) {
    report([], 'not-an-object', `the dataset must be a mapping of keys such as \`title\`, \`subjects\` and \`attributes\`, not ${describeValue(source.data)}`, {
      hint: Array.isArray(source.data)
        ? 'remove the `- ` before the first key: the file itself is one mapping, starting with `title: …`'
        : 'start the file with `title: …` on its first line',
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
  checkSectionDepth((source.data as { sections?: unknown }).sections, ['sections'], 1, report);
  reportCrossFieldProblems(source.data as Record<string, unknown>, report);

  if (diagnostics.length > maxReportedProblems) {
    const left = diagnostics.length - maxReportedProblems;
    diagnostics.splice(maxReportedProblems, left, {
      severity: 'error',
      code: 'too-many-problems',
      message: `… and ${left.toLocaleString('en')} more ${left === 1 ? 'problem' : 'problems'} not shown`,
      file,
      hint: 'fix the problems above (one mistake, such as a renamed subject id, often causes many) and check again',
    });
  }
  if (diagnostics.length > 0 || !parsed.success) return { diagnostics };
  return { dataset: parsed.data, diagnostics };
}

/** Nested `sections` deeper than `limits.sectionDepth`: reported once, where the first level too many starts. */
function checkSectionDepth(sections: unknown, path: Path, level: number, report: Report): void {
  if (!Array.isArray(sections)) return;
  if (level > limits.sectionDepth) {
    report(path, 'too-deep', `sections are nested ${level - 1 + sectionLevels(sections)} levels deep here; at most ${limits.sectionDepth} levels are allowed`, {
      hint: `move the deeper sections up a level, or merge them into their parent's \`body\` (headings stop getting smaller after level ${limits.sectionDepth})`,
    });
    return;
  }
  sections.forEach((section: unknown, index) => {
    if (section && typeof section === 'object') checkSectionDepth((section as { sections?: unknown }).sections, [...path, index, 'sections'], level + 1, report);
  });
}

/** Levels of nesting in a list of sections (1: sections without subsections). */
function sectionLevels(sections: readonly unknown[]): number {
  let deepest = 0;
  let level: unknown[] = [...sections];
  while (level.length > 0) {
    deepest++;
    level = level.flatMap((section) => {
      const children = section && typeof section === 'object' ? (section as { sections?: unknown }).sections : undefined;
      return Array.isArray(children) ? children : [];
    });
  }
  return deepest;
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
        report([...path, key], 'unknown-key', `unknown key \`${shorten(key)}\``, {
          expected: `one of ${candidates.map((c) => `\`${c}\``).join(', ')}`,
          hint: key === '<<'
            ? 'YAML merge keys (`<<: *name`) are not supported; write the keys out (an alias `*name` may still stand for a whole value)'
            : suggestion
              ? `did you mean \`${suggestion}\`?`
              : 'remove it, or check its indentation: it may belong to another object',
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
      if (issue.origin === 'number') {
        report(path, 'out-of-range', `expected a number of at least ${String(issue.minimum)}, found ${describeValue(valueAt(data, path))}`, { hint: numberHint(path) });
        return;
      }
      report(path, 'too-small', issue.message, { hint: issue.origin === 'array' ? 'add more entries to this list' : 'write some text here' });
      return;
    case 'too_big': {
      const value = valueAt(data, path);
      if (issue.origin === 'string' && typeof value === 'string') {
        report(path, 'text-too-long', `this text is ${value.length.toLocaleString('en')} characters long; at most ${Number(issue.maximum).toLocaleString('en')} are allowed here`, {
          hint: lengthHint(path, Number(issue.maximum)),
        });
      } else if (issue.origin === 'array') {
        report(path, 'too-many', issue.message, {
          hint: path.at(-1) === 'subjects' ? 'compare fewer subjects, or split the comparison into several handouts' : 'keep the most important entries',
        });
      } else {
        report(path, 'out-of-range', `expected a number of at most ${String(issue.maximum)}, found ${describeValue(value)}`, { hint: numberHint(path) });
      }
      return;
    }
    case 'invalid_format':
      if (issue.message === unprintableMessage) {
        const value = valueAt(data, path);
        const found = typeof value === 'string' ? firstUnprintable(value) : undefined;
        report(path, 'unprintable-character', found ? `text contains ${found.name} at character ${found.index + 1}, which cannot be printed` : issue.message, {
          hint: found?.surrogate
            ? 'the text was cut in the middle of an emoji or other character: retype or remove it'
            : 'remove it (control characters come from copying out of a terminal, a PDF or a word processor, or from text saved in another encoding)',
        });
        return;
      }
      report(path, 'invalid-format', issue.message, {
        hint: /url|uri/i.test(issue.message + String((issue as { format?: string }).format)) ? 'write a full address starting with https://' : valueHint(path, issue.message),
      });
      return;
    default:
      report(path, 'invalid-value', issue.message, { hint: valueHint(path, issue.message) });
  }
}

function lengthHint(path: Path, maximum: number): string {
  const field = String(path.at(-1));
  if (field === 'id') return 'use a short id such as `sepsis`';
  if (field === 'url' || field === '$schema') return 'use a shorter address';
  if (maximum < limits.text) return 'keep titles, names and headings short; longer text belongs in a paragraph field such as `summary` or a section `body`';
  return 'shorten it, or spread it over several paragraphs, sections or rows; text this long is usually pasted by mistake';
}

function numberHint(path: Path): string {
  return path.at(-1) === 'lines' ? '`lines` is how many ruled lines the worksheet leaves for the answer, from 1 to 20' : 'see schema/handout.schema.json for the allowed values';
}

const controlNames: Record<number, string> = { 0: 'NUL', 7: 'bell', 8: 'backspace', 11: 'vertical tab', 12: 'form feed', 27: 'escape', 127: 'delete' };

/** The first character `unprintablePattern` refuses, named for people. */
function firstUnprintable(value: string): { index: number; name: string; surrogate: boolean } | undefined {
  const match = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/u.exec(value);
  if (!match) return undefined;
  const code = match[0].codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code >= 0xd800 && code <= 0xdfff) return { index: match.index, name: `half of a character (an unpaired surrogate, ${hex})`, surrogate: true };
  if (code >= 0xfffe) return { index: match.index, name: `the noncharacter ${hex}`, surrogate: false };
  const named = controlNames[code];
  return { index: match.index, name: `the control character ${hex}${named ? ` (${named})` : ''}`, surrogate: false };
}

/**
 * A name, key or value as shown inside a message: long ones are cut, and characters a terminal would
 * act on (escape sequences, backspace…) are shown as `\u{1B}` instead of being printed.
 */
function shorten(name: string, length = 60): string {
  const cut = [...name].length > length ? `${[...name].slice(0, length - 3).join('')}…` : name;
  return cut.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\uD800-\uDFFF]/gu, (char) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase()}}`);
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
      report(['subjects', index, 'id'], 'duplicate-subject', `subject id \`${shorten(id)}\` is used twice`, {
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
    const rowName = typeof name === 'string' ? `row “${shorten(name)}”` : `row ${row + 1}`;
    // A misspelled id (`sepssis`) is reported once, as the unknown key, not again as a missing cell.
    const misspelledIds = new Set<string>();
    for (const key of Object.keys(values)) {
      if (!ids.includes(key)) {
        const suggestion = suggest(key, ids);
        if (suggestion && !Object.prototype.hasOwnProperty.call(values, suggestion)) misspelledIds.add(suggestion);
        report(['attributes', row, 'values', key], 'unknown-subject', `${rowName} has a value for \`${shorten(key)}\`, which is not a subject id`, {
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
        report(['attributes', row, 'given', index], 'unknown-subject', `\`given\` names \`${shorten(id)}\`, which is not a subject id`, {
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
          report(['venn', 'unique', key], 'unknown-subject', `Venn points for \`${shorten(key)}\`, which is not a subject id`, {
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
        report([...path, index, 'subject'], 'unknown-subject', `section subject \`${shorten(section.subject)}\` is not a subject id`, {
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
  const edits = distance(lower, best.toLowerCase());
  // Replacing every letter of a short word (`<<` → `id`) is not a near miss.
  return edits <= Math.max(2, Math.floor(best.length / 3)) && edits < lower.length ? best : undefined;
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
  if (value instanceof Uint8Array) return 'binary data';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text “${shorten(value, 40)}”`;
  if (typeof value === 'number') return `number ${String(value)}`;
  return `${typeof value} ${String(value)}`;
}

function expectedName(expected: string): string {
  return ({ string: 'text', array: 'a list', object: 'a mapping', boolean: 'true or false', number: 'a number', int: 'a whole number' } as Record<string, string>)[expected] ?? expected;
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
