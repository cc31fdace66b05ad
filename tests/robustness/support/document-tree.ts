/**
 * The document tree of a dataset, made the way src/pipeline/render-handout.ts makes it (view model →
 * theme templates → markup → tree), for tests of the PDF layout that need no PDF.
 */
import type { Dataset } from '../../../src/load/dataset-schema.js';
import { formatDiagnostic } from '../../../src/shared/diagnostic.js';
import { renderTemplate } from '../../../src/templates/render-template.js';
import type { Theme } from '../../../src/templates/theme.js';
import type { DocumentNode } from '../../../src/tree/document-tree.js';
import { parseMarkup } from '../../../src/tree/parse-markup.js';
import { buildViewModel } from '../../../src/view/build-view-model.js';

export function documentTree(dataset: Dataset, theme: Theme, file = 'generated.yaml'): DocumentNode {
  const view = buildViewModel(dataset, { slug: 'generated', file, edition: 'handout', includeDetails: false });
  if (!view.view) throw new Error(`view model: ${view.diagnostics.map(formatDiagnostic).join('\n')}`);
  const markup = renderTemplate(theme, view.view);
  if (!markup.markup) throw new Error(`template: ${markup.diagnostics.map(formatDiagnostic).join('\n')}`);
  const tree = parseMarkup(markup.markup, `${theme.directory} (rendered for ${file})`);
  if (!tree.markup) throw new Error(`markup: ${tree.diagnostics.map(formatDiagnostic).join('\n')}`);
  return {
    type: 'document',
    meta: { title: dataset.title, language: dataset.meta.language, subject: dataset.subtitle ?? '', keywords: dataset.subjects.map((s) => s.name), date: new Date(0) },
    ...tree.markup,
  };
}
