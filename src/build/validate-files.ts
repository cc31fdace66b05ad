import { loadDataset, withSourcePositions } from '../load/load-dataset.js';
import { duplicateSlugProblem } from '../load/slug.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { viewDiagnostics } from '../view/build-view-model.js';
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
  // As in a build: a second dataset with the same slug would overwrite the first one's files.
  const slugOwners = new Map<string, string>();
  for (const file of found.files) {
    const loaded = await loadDataset(file);
    const diagnostics = [...loaded.diagnostics];
    if (loaded.loaded) {
      const { slug, dataset } = loaded.loaded;
      const owner = slugOwners.get(slug);
      if (owner) diagnostics.push(...withSourcePositions([duplicateSlugProblem(file, slug, owner, dataset.slug !== undefined)], loaded.loaded));
      else slugOwners.set(slug, file);
    }
    if (loaded.loaded) diagnostics.push(...withSourcePositions(viewDiagnostics(loaded.loaded.dataset, file), loaded.loaded));
    results.push({ file, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics });
  }
  return { results, diagnostics: found.diagnostics };
}
