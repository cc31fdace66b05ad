import { formatDiagnostic, type Diagnostic } from '../shared/diagnostic.js';

export function printDiagnostics(diagnostics: readonly Diagnostic[], write: (line: string) => void): void {
  for (const diagnostic of diagnostics) write(`  ${formatDiagnostic(diagnostic).replace(/\n/g, '\n  ')}`);
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
