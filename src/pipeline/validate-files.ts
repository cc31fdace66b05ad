import type { Diagnostic } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import { createDatasetCheck } from './check-dataset.js';
import { findDatasets } from './find-datasets.js';
import type { OutputFormat } from './render-handout.js';

export interface ValidationResult {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

export interface ValidateOptions {
  /** The theme the handouts will be built with (its fonts decide which characters print); default `default`. */
  theme?: string;
  /** Formats the handouts will be built in; default both. */
  formats?: readonly OutputFormat[];
}

/**
 * Checks datasets without rendering or writing: exactly the checks a build makes before rendering
 * (check-dataset.ts), so a dataset `validate` passes is one `build` accepts.
 */
export async function validateFiles(inputs: readonly string[], options: ValidateOptions = {}): Promise<{ results: ValidationResult[]; diagnostics: Diagnostic[] }> {
  const found = await findDatasets(inputs.length > 0 ? inputs : ['data']);
  const themeResult = await loadTheme(options.theme ?? 'default');
  if (!themeResult.theme) return { results: [], diagnostics: [...found.diagnostics, ...themeResult.diagnostics] };
  const checker = createDatasetCheck({ theme: themeResult.theme, ...(options.formats ? { formats: options.formats } : {}) });
  const results: ValidationResult[] = [];
  for (const file of found.files) {
    const { ok, diagnostics } = await checker.checkFile(file);
    results.push({ file, ok, diagnostics });
  }
  return { results, diagnostics: found.diagnostics };
}
