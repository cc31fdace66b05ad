/**
 * Diagnostics are data, not exceptions: every stage returns them and only the build decides to fail.
 * The shape follows unified's VFileMessage: where (file, line, column, field path), what went wrong,
 * what was expected, and a hint the user can act on.
 */
export type Severity = 'error' | 'warning';

/**
 * Every code a diagnostic can carry: the vocabulary of problems users look up in the README's Errors
 * section (a test checks that each one is listed there). A new problem gets a code here first.
 */
export const diagnosticCodes = [
  'csv-syntax',
  'duplicate-field',
  'duplicate-key',
  'duplicate-slug',
  'duplicate-subject',
  'empty-file',
  'empty-header',
  'empty-table',
  'file-exists',
  'file-too-large',
  'heading-level',
  'index-not-written',
  'index-write-failed',
  'internal-error',
  'invalid-format',
  'invalid-option',
  'invalid-value',
  'json-syntax',
  'manifest-invalid',
  'manifest-not-a-file',
  'margins-too-large',
  'markdown-shape',
  'missing-cell',
  'missing-field',
  'missing-front-matter',
  'missing-glyph',
  'no-datasets',
  'non-text-key',
  'not-an-object',
  'not-built',
  'not-found',
  'not-utf8',
  'ods-unreadable',
  'out-of-range',
  'output-folder',
  'ragged-row',
  'render-crashed',
  'reserved-slug',
  'skipped-link',
  'table-outside',
  'template',
  'template-markup',
  'text-too-long',
  'theme',
  'theme-font',
  'theme-font-not-found',
  'theme-invalid',
  'theme-invalid-colour',
  'theme-invalid-value',
  'theme-out-of-range',
  'theme-unknown-colour',
  'theme-unknown-font',
  'theme-unknown-key',
  'theme-wrong-type',
  'too-deep',
  'too-many',
  'too-many-aliases',
  'too-many-problems',
  'too-small',
  'unknown-key',
  'unknown-subject',
  'unknown-theme',
  'unprintable-character',
  'unreadable-file',
  'unreadable-path',
  'unsafe-output-path',
  'unsupported-file',
  'unsupported-language',
  'unwritable-file',
  'venn-pair',
  'venn-subjects',
  'venn-text-too-small',
  'write-failed',
  'wrong-type',
  'xlsx-unreadable',
  'yaml-syntax',
] as const;

export type DiagnosticCode = (typeof diagnosticCodes)[number];

export interface SourcePosition {
  line: number;
  column: number;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. `unknown-key`, `yaml-syntax`. */
  code: DiagnosticCode;
  message: string;
  file?: string;
  position?: SourcePosition;
  /** Field path inside the dataset, e.g. `attributes[2].values.sepsis`. */
  path?: string;
  expected?: string;
  hint?: string;
}

export function formatFieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** `file:line:column: error [code] at path: message (expected …) — hint: …` on one or two lines. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.file, diagnostic.position?.line, diagnostic.position?.column]
    .filter((part) => part !== undefined)
    .join(':');
  const head = `${where ? `${where}: ` : ''}${diagnostic.severity} [${diagnostic.code}]`;
  const path = diagnostic.path ? ` at ${diagnostic.path}` : '';
  // Not repeated when the message already says it ("expected a list, found a mapping").
  const expected = diagnostic.expected && !diagnostic.message.includes(`expected ${diagnostic.expected}`) ? ` (expected ${diagnostic.expected})` : '';
  const hint = diagnostic.hint ? `\n  hint: ${diagnostic.hint}` : '';
  return `${head}${path}: ${diagnostic.message}${expected}${hint}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** A bug in handout itself (never a problem with the user's input). */
export class InternalError extends Error {
  override name = 'InternalError';
}
