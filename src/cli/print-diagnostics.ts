import { formatDiagnostic, type Diagnostic } from '../shared/diagnostic.js';
import { forTerminal, linesForTerminal, shortenPath } from '../shared/terminal-text.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[], write: (line: string) => void): void {
  for (const diagnostic of diagnostics) write(`  ${formatDiagnostic(safeToPrint(diagnostic)).replace(/\n/g, '\n  ')}`);
}

/**
 * A diagnostic whose every text is safe for a terminal: file names and field paths on one line,
 * messages and hints keep their own line breaks (indented by the caller) and nothing else raw.
 */
export function safeToPrint(diagnostic: Diagnostic): Diagnostic {
  return {
    ...diagnostic,
    message: linesForTerminal(diagnostic.message),
    ...(diagnostic.file !== undefined ? { file: forTerminal(shortenPath(diagnostic.file)) } : {}),
    ...(diagnostic.path !== undefined ? { path: forTerminal(diagnostic.path) } : {}),
    ...(diagnostic.expected !== undefined ? { expected: linesForTerminal(diagnostic.expected) } : {}),
    ...(diagnostic.hint !== undefined ? { hint: linesForTerminal(diagnostic.hint) } : {}),
  };
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
