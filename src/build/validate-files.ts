import { loadDataset, withSourcePositions } from '../load/load-dataset.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { buildViewModel } from '../view/build-view-model.js';
import { findDatasets } from './find-datasets.js';

export interface ValidationResult {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** Checks datasets (syntax, schema, cross-field rules, language) without rendering or writing. */
export async function validateFiles(inputs: readonly string[]): Promise<{ results: ValidationResult[]; diagnostics: Diagnostic[] }> {
  const found = await findDatasets(inputs.length > 0 ? inputs : ['data']);
  const results: ValidationResult[] = [];
  for (const file of found.files) {
    const loaded = await loadDataset(file);
    const diagnostics = [...loaded.diagnostics];
    if (loaded.loaded) diagnostics.push(...withSourcePositions(buildViewModel(loaded.loaded.dataset, { slug: loaded.loaded.slug, file }).diagnostics, loaded.loaded));
    results.push({ file, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics });
  }
  return { results, diagnostics: found.diagnostics };
}
