import type { z } from 'zod';
import { checkCrossFieldRules } from './cross-field-rules.js';
import { datasetSchema, knownKeys, limits, unprintableMessage, type Dataset } from './dataset-schema.js';
import type { ParsedSource } from './parse-source.js';
import { describeValue, emptyFileHint, shorten, suggest, valueAt, type FieldPath as Path, type Report } from './wording.js';
import { formatFieldPath, type Diagnostic, type DiagnosticCode } from '../shared/diagnostic.js';

/** Problems reported per file; past this, one more message says how many were left out. */
export const maxReportedProblems = 100;

/**
 * Checks parsed data against the dataset contract and reports every problem at once, each with its
 * field path, source position, what was expected and a hint. Shape problems come from the schema;
 * cross-field rules (subject ids, table cells) are checked here because a schema cannot express them.
 */
export function validateDataset(source: ParsedSource, file: string): { dataset?: Dataset; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (path: Path, code: DiagnosticCode, message: string, extra: Partial<Diagnostic> = {}, onKey = false) =>
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
    diagnostics.push({ severity: 'error', code: 'empty-file', message: 'the file holds only comments, no data', file, position: { line: 1, column: 1 }, hint: emptyFileHint });
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

  normaliseLanguageTag(source.data as Record<string, unknown>);
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
  checkCrossFieldRules(source.data as Record<string, unknown>, report);
  reportMergeKeysOnce(source.data, diagnostics, report);

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

/**
 * `meta.language` in the case BCP 47 recommends (`EN` → `en`, `es-mx` → `es-MX`, `zh-hant` →
 * `zh-Hant`): tags are case-insensitive, and labels and hyphenation are looked up by the usual form.
 */
function normaliseLanguageTag(data: Record<string, unknown>): void {
  const meta = data.meta;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return;
  const tag = (meta as Record<string, unknown>).language;
  if (typeof tag !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag)) return;
  (meta as Record<string, unknown>).language = tag
    .split('-')
    .map((part, index) => (index === 0 ? part.toLowerCase() : part.length === 2 && /^[A-Za-z]+$/.test(part) ? part.toUpperCase() : part.length === 4 && /^[A-Za-z]+$/.test(part) ? part[0]!.toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase()))
    .join('-');
}

const mergeKeyHint = 'YAML merge keys (`<<: *name`) are not supported; write the keys out (an alias `*name` may still stand for a whole value)';

/**
 * A YAML merge key (`<<`) anywhere, also where any key is allowed (a row's `values`), is one mistake:
 * one `unknown-key` with the merge-key hint, instead of a wrong type and an unknown subject for it.
 */
function reportMergeKeysOnce(data: unknown, diagnostics: Diagnostic[], report: Report): void {
  // Walked with a link to the parent instead of a path per value: a path is spelled out only for a
  // merge key, and a 100,000-row table is not copied into a million short-lived arrays.
  interface Step {
    value: object;
    parent?: Step;
    key?: string | number;
  }
  const pathOf = (step: Step, key: string | number): Path => {
    const path: Path = [key];
    for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.unshift(at.key);
    return path;
  };
  const found: Path[] = [];
  const stack: Step[] = data !== null && typeof data === 'object' ? [{ value: data }] : [];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (Array.isArray(value)) {
      value.forEach((child: unknown, index) => {
        if (child !== null && typeof child === 'object') stack.push({ value: child, parent: step, key: index });
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child = (value as Record<string, unknown>)[key];
      if (key === '<<') found.push(pathOf(step, key));
      else if (child !== null && typeof child === 'object') stack.push({ value: child, parent: step, key });
    }
  }
  for (const path of found.reverse()) {
    const at = formatFieldPath(path);
    const inside = (d: Diagnostic) => d.path === at || d.path?.startsWith(`${at}.`) || d.path?.startsWith(`${at}[`);
    const existing = diagnostics.filter(inside);
    if (existing.length === 1 && existing[0]!.code === 'unknown-key') continue;
    for (const diagnostic of existing) diagnostics.splice(diagnostics.indexOf(diagnostic), 1);
    report(path, 'unknown-key', 'unknown key `<<` (a YAML merge key)', { hint: mergeKeyHint }, true);
  }
}

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
            ? mergeKeyHint
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
          hint:
            received === 'an empty value'
              ? `write the ${issue.expected === 'string' ? 'text' : expectedName(issue.expected)} after \`${String(path.at(-1))}:\`, on the same line`
              : issue.expected === 'string'
                ? 'put text in quotes if it looks like a number, date or yes/no'
                : typeHint(issue.expected),
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
          hint: path.at(-1) === 'subjects' ? 'compare fewer subjects, or split the comparison into several handouts' : path.length === 1 && path[0] === 'attributes' ? 'split the table over several datasets (one handout each)' : 'keep the most important entries',
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
    case 'invalid_union': {
      // A field of two shapes (`given`: true or a list of ids; Venn `shared`: a list or `all`/`pairs`).
      // When the value has one of the shapes, what is wrong inside it is reported as for that shape.
      const fitting = issue.errors.find((issues) => issues.length > 0 && !issues.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (fitting) {
        for (const inner of fitting) reportSchemaIssue({ ...inner, path: [...issue.path, ...inner.path] } as z.core.$ZodIssue, data, report, misspelled);
        return;
      }
      const shapes = unionShapes(path, issue.errors);
      report(path, 'wrong-type', `expected ${shapes.expected}, found ${describeValue(valueAt(data, path))}`, { expected: shapes.expected, hint: shapes.hint });
      return;
    }
    default:
      report(path, 'invalid-value', issue.message, { hint: valueHint(path, issue.message) });
  }
}

/** The shapes a field of several accepts, in the user's terms, and how to write one. */
function unionShapes(path: Path, branches: readonly (readonly z.core.$ZodIssue[])[]): { expected: string; hint: string } {
  const field = String(path.at(-1));
  if (field === 'given') return { expected: '`true`, `false` or a list of subject ids', hint: '`given: true` keeps the whole row filled in on worksheets; `given: [id, …]` keeps just those subjects\' cells' };
  if (field === 'shared') return { expected: 'a list of points, or `all:` and `pairs:`', hint: 'write the shared points as a list (one `- point` line each); with three subjects, `all:` lists what all share and `pairs:` what two of them share' };
  const expected = branches.flatMap((issues) => issues.filter((inner) => inner.code === 'invalid_type' && inner.path.length === 0).map((inner) => expectedName((inner as { expected: string }).expected)));
  return { expected: expected.length > 0 ? [...new Set(expected)].join(', or ') : 'another value', hint: 'see schema/handout.schema.json for the allowed values' };
}

function lengthHint(path: Path, maximum: number): string {
  const field = String(path.at(-1));
  if (field === 'id') return 'use a short id such as `sepsis`';
  if (field === 'slug') return 'use a shorter slug, or leave `slug` out: it is derived from the file name';
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

/** Which keys are allowed where an unknown key was found, judged from the path's shape. */
function keysFor(path: Path, data: unknown): readonly string[] {
  const [first, , third] = path;
  if (path.length === 0) return knownKeys.dataset;
  if (first === 'meta') return path.length === 1 ? knownKeys.meta : knownKeys.source;
  if (first === 'subjects') return knownKeys.subject;
  if (first === 'attributes') return third === 'values' ? subjectIds(data) : knownKeys.attribute;
  if (first === 'sections') return knownKeys.section;
  if (first === 'questions') return knownKeys.question;
  if (first === 'venn') {
    if (path.length === 1) return knownKeys.venn;
    if (path[1] === 'shared') return path.length === 2 ? knownKeys.vennShared : knownKeys.vennPair;
    return subjectIds(data);
  }
  return [];
}

function subjectIds(data: unknown): string[] {
  const subjects = (data as { subjects?: unknown }).subjects;
  return Array.isArray(subjects) ? subjects.map((s) => (s as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string') : [];
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
