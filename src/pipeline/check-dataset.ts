import { withSourcePositions, type LoadedDataset, type LoadResult } from '../load/load-dataset.js';
import { duplicateSlugProblem } from '../load/slug.js';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import type { Theme } from '../templates/theme.js';
import { viewDiagnostics } from '../view/build-view-model.js';
import { checkGlyphs } from './check-glyphs.js';
import { loadDatasetApart } from './load-dataset-apart.js';
import type { OutputFormat } from './render-handout.js';

export interface DatasetCheckOptions {
  /** The theme the handouts are rendered with: its fonts decide which characters can be printed. */
  theme: Theme;
  /** Formats to be written; characters without a glyph only matter to the PDF. Default: both. */
  formats?: readonly OutputFormat[];
}

export interface CheckedDataset {
  file: string;
  /** Present when the dataset loaded, even if a later check found errors. */
  loaded?: LoadedDataset;
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Everything that is checked about a dataset before anything is rendered, in one place, so that
 * `validate`, `build`, `watch` and `pack` accept and refuse the same datasets with the same messages:
 * syntax, schema and cross-field rules (the loader), a slug already taken by an earlier dataset of the
 * same run, a language without labels, and characters no font of the theme can draw. Every problem
 * that names a field also names its line and column.
 *
 * One checker per run: it remembers the slugs seen so far.
 */
export function createDatasetCheck(options: DatasetCheckOptions): {
  /** Checks a dataset already loaded. */
  check(result: LoadResult): CheckedDataset;
  /** Loads and checks a dataset file. */
  checkFile(file: string): Promise<CheckedDataset>;
} {
  const slugOwners = new Map<string, string>();
  const checkPdf = !options.formats || options.formats.length === 0 || options.formats.includes('pdf');
  const check = (result: LoadResult): CheckedDataset => {
    const diagnostics = [...result.diagnostics];
    const loaded = result.loaded;
    if (loaded) {
      const { slug, dataset, file } = loaded;
      const owner = slugOwners.get(slug);
      // A dataset that loads claims its slug even if it has other problems: fixing those must not
      // reveal a clash the first check kept quiet about.
      if (owner) diagnostics.push(duplicateSlugProblem(file, slug, owner, dataset.slug !== undefined));
      else slugOwners.set(slug, file);
      diagnostics.push(...viewDiagnostics(dataset, file));
      if (checkPdf) diagnostics.push(...checkGlyphs(dataset, options.theme, file, loaded));
    }
    const positioned = inReadingOrder(loaded ? withSourcePositions(diagnostics, loaded) : diagnostics);
    return { file: result.file, ...(loaded ? { loaded } : {}), diagnostics: positioned, ok: !hasErrors(positioned) };
  };
  return {
    check,
    checkFile: async (file) => check(await loadDatasetApart(file)),
  };
}

/**
 * Problems in the order a teacher reads the file, top to bottom (the checks that found them run in
 * another order); problems with no position (the file as a whole) keep their place at the end.
 */
function inReadingOrder(diagnostics: Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => (d.position ? d.position.line * 1e6 + d.position.column : Infinity);
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort((a, b) => key(a.diagnostic) - key(b.diagnostic) || a.index - b.index)
    .map(({ diagnostic }) => diagnostic);
}
