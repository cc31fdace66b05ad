import { renderHandout } from '../build/render-handout.js';
import { loadDatasetText } from '../load/load-dataset.js';
import { hasErrors } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import { prepareQuickShapingForLoadedFonts } from '../writers/pdf/font-book.js';
import { warmUpDatasetText } from './warm-up-dataset.js';

/**
 * Runs while the startup snapshot is built: a handout goes through the whole pipeline in each edition
 * and format, which parses the font faces a handout uses (their layout tables included, the costly
 * part; parsing all twelve faces made the snapshot a third larger and slower to load than the rarely
 * used ones cost when first needed). None of it is cached by name: themes and datasets are read again
 * by each build, so editing a template or a dataset never meets a stale copy; only parsed font files
 * stay, keyed by path, and the launcher checks that those files have not changed since.
 */
export async function warmUp(): Promise<void> {
  const { theme, diagnostics } = await loadTheme('default');
  if (!theme) throw new Error(`warm-up: the default theme does not load: ${diagnostics.map((d) => d.message).join('; ')}`);
  const loaded = loadDatasetText(warmUpDatasetText, 'warm-up.yaml');
  if (!loaded.loaded || hasErrors(loaded.diagnostics)) throw new Error(`warm-up: the sample dataset does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  for (const edition of ['handout', 'worksheet', 'answers'] as const) {
    const rendered = await renderHandout(loaded.loaded, theme, { formats: ['pdf', 'html'], pageSize: 'A4', edition });
    if (!rendered.pdf || rendered.html === undefined) throw new Error(`warm-up: the sample ${edition} does not render: ${rendered.diagnostics.map((d) => d.message).join('; ')}`);
  }
  // The quick way to shape Latin words, for each font the sample used (see latin-shaping.ts).
  prepareQuickShapingForLoadedFonts();
}
