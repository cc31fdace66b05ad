import type { z } from 'zod';
import { parseJson } from '../load/parse-json.js';
import type { ParsedSource } from '../load/parse-source.js';
import { describeValue, shorten, suggest, valueAt, type FieldPath } from '../load/wording.js';
import { formatFieldPath, type Diagnostic, type DiagnosticCode } from '../shared/diagnostic.js';
import { colorLiteralPattern, colorNames, themeFileSchema, themeKeys, type ThemeFile } from './theme-schema.js';

/** A theme.json read and checked against the schema, with a way back to its source for later checks. */
export interface ThemeFileSource {
  file: string;
  data: ThemeFile;
  locate: ParsedSource['locate'];
}

/**
 * theme.json text → its tokens, or every problem at once, each with the file, line, column, key
 * path, what was expected and a hint (a misspelt key gets "did you mean"; `"11pt"` gets "a number").
 */
export function validateThemeFile(text: string, file: string): { source?: ThemeFileSource; diagnostics: Diagnostic[]; extends?: { name: string; locate: ParsedSource['locate'] } } {
  const parsed = parseJson(text.replace(/^\uFEFF/, ''), file);
  if (!parsed.source) return { diagnostics: parsed.diagnostics.map((d) => ({ ...d, hint: d.hint ?? 'theme.json is JSON: check the brackets, quotes and commas' })) };
  const { data, locate } = parsed.source;
  const report = diagnosticsFor(file, locate);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    report.add([], 'theme-invalid', `theme.json must be an object of design tokens, not ${describeValue(data)}`, { hint: 'start from templates/default/theme.json' });
    return { diagnostics: report.diagnostics };
  }
  const result = themeFileSchema.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) reportIssue(issue, data, report);
    // In the order of the file, as an editor lists them.
    const order = (d: Diagnostic) => (d.position?.line ?? 0) * 1e6 + (d.position?.column ?? 0);
    // The theme it extends is still named, so a misspelt `extends` is reported in the same run.
    const parent = (data as { extends?: unknown }).extends;
    return { diagnostics: report.diagnostics.sort((a, b) => order(a) - order(b)), ...(typeof parent === 'string' && parent !== '' ? { extends: { name: parent, locate } } : {}) };
  }
  return { source: { file, data: result.data, locate }, diagnostics: [] };
}

type Add = (path: FieldPath, code: DiagnosticCode, message: string, extra?: Partial<Diagnostic>, onKey?: boolean) => void;

export function diagnosticsFor(file: string, locate: ParsedSource['locate']): { diagnostics: Diagnostic[]; add: Add } {
  const diagnostics: Diagnostic[] = [];
  const add: Add = (path, code, message, extra = {}, onKey = false) => {
    const position = locate(path, { key: onKey });
    diagnostics.push({ severity: 'error', code, message, file, path: formatFieldPath(path) || '(top level)', ...(position ? { position } : {}), ...extra });
  };
  return { diagnostics, add };
}

/** Which keys an object at `path` may have. */
function keysAt(path: FieldPath): readonly string[] {
  const [first, , third] = path;
  if (path.length === 0) return themeKeys.theme;
  if (first === 'page') return path.length === 1 ? themeKeys.page : themeKeys.margin;
  if (first === 'fonts') return themeKeys.font;
  if (first === 'styles') return third === undefined ? themeKeys.style : themeKeys.border;
  return [];
}

const unitPattern = /^\s*(-?\d+(?:\.\d+)?)\s*(pt|px|em|rem|mm|cm|in|%)?\s*$/i;

function reportIssue(issue: z.core.$ZodIssue, data: unknown, report: { add: Add }): void {
  const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
  const value = valueAt(data, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const candidates = keysAt(path);
      for (const key of issue.keys) {
        const suggestion = suggest(key, candidates);
        const pageSize = path.at(-1) === 'page' && key === 'size';
        report.add([...path, key], 'theme-unknown-key', `unknown key \`${shorten(key)}\``, {
          expected: `one of ${candidates.map((c) => `\`${c}\``).join(', ')}`,
          hint: pageSize
            ? 'the paper size is chosen when building (`--page-size A4` or `--page-size Letter`); remove `size` here'
            : suggestion
              ? `did you mean \`${suggestion}\`?`
              : 'remove it, or check where it is nested',
        }, true);
      }
      return;
    }
    case 'invalid_type': {
      if (value === undefined) return;
      const unit = typeof value === 'string' && issue.expected === 'number' ? unitPattern.exec(value) : null;
      report.add(path, 'theme-wrong-type', `expected ${issue.expected === 'object' ? 'an object' : issue.expected === 'number' ? 'a number' : issue.expected === 'string' ? 'text' : issue.expected}, found ${describeValue(value)}`, {
        hint: unit
          ? `sizes are plain numbers of points (1/72 inch), without a unit or quotes: write ${unit[1]}${unit[2] && unit[2].toLowerCase() !== 'pt' ? ` and convert from ${unit[2]} to points` : ''}`
          : issue.expected === 'number'
            ? 'write a number without quotes, e.g. 11'
            : issue.expected === 'object'
              ? 'write an object in braces: { … }'
              : 'see schema/theme.schema.json for what this key takes',
      });
      return;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? suggest(value, options) : undefined;
      report.add(path, 'theme-invalid-value', `${describeValue(value)} is not allowed here`, {
        expected: `one of ${options.map((o) => `\`${o}\``).join(', ')}`,
        hint: suggestion ? `did you mean \`${suggestion}\`?` : `use one of ${options.join(', ')}`,
      });
      return;
    }
    case 'invalid_format': {
      const isColour = /colou?r/i.test(issue.message);
      const close = isColour && typeof value === 'string' ? suggest(value, colorNames) : undefined;
      report.add(path, isColour ? 'theme-invalid-colour' : 'theme-invalid-value', `${describeValue(value)}: ${issue.message}`, {
        hint: isColour ? (close ? `did you mean \`${close}\`?` : 'write a hex colour such as #1b5e8a, or a CSS colour name such as teal') : 'see schema/theme.schema.json for what this key takes',
      });
      return;
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
      report.add(path, 'theme-out-of-range', `expected a number ${bound}, found ${describeValue(value)}`, { hint: 'see schema/theme.schema.json for the allowed range' });
      return;
    }
    default:
      report.add(path, 'theme-invalid-value', issue.message, { hint: 'see schema/theme.schema.json for what this key takes' });
  }
}

export function isColorLiteral(value: string): boolean {
  return colorLiteralPattern.test(value);
}
