import { stringify } from 'yaml';
import { datasetToMarkdown } from './dataset-to-markdown.js';

export type DatasetFormat = 'md' | 'yaml' | 'json';

/** The schema's field order, so converted files read like hand-written ones. */
const fieldOrder = ['$schema', 'title', 'subtitle', 'slug', 'subjects', 'summary', 'attributes', 'sections', 'questions', 'venn', 'conclusion', 'disclaimer', 'meta'];

/** A dataset as the text of a `.md`, `.yaml` or `.json` file; reading that text back gives the same data. */
export function formatDataset(dataset: Record<string, unknown>, format: DatasetFormat): string {
  const ordered: Record<string, unknown> = {};
  for (const key of [...fieldOrder, ...Object.keys(dataset)]) {
    if (key in ordered || dataset[key] === undefined) continue;
    // `sections: []` is the default; leaving it out reads back the same.
    if (key === 'sections' && Array.isArray(dataset.sections) && dataset.sections.length === 0) continue;
    ordered[key] = dataset[key];
  }
  switch (format) {
    case 'md':
      return datasetToMarkdown(ordered);
    case 'yaml':
      // lineWidth 0: long prose stays on one line, as teachers write it; multi-line text becomes a `|` block.
      return stringify(ordered, { lineWidth: 0 });
    case 'json':
      return `${JSON.stringify(ordered, null, 2)}\n`;
  }
}

export function datasetFormatOf(file: string): DatasetFormat | undefined {
  if (/\.(md|markdown)$/i.test(file)) return 'md';
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.json$/i.test(file)) return 'json';
  return undefined;
}
