// Page fill: no handout ends on a page that holds only trailing matter (the disclaimer, the sources, a
// tail of the conclusion), and a worksheet's answer key has as many pages as the worksheet. Every
// bundled dataset (copies in tests/fixtures/bundled) × edition × theme × paper size is built and its
// last page read back with pdftotext. A figure (the Venn diagram) that moves to the next page leaves
// no more than a third of the page before it empty (page model).
import { readFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { loadDataset } from '../../src/load/load-dataset.js';
import { buildDocument } from '../../src/pipeline/render-handout.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { labelsFor } from '../../src/view/labels.js';
import { layoutDocument, pageSizes } from '../../src/writers/pdf/layout-document.js';
import type { Page } from '../../src/writers/pdf/page-model.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { pdfinfo, pdftotext } from '../support/poppler.js';

const bundled = fromRoot('tests', 'fixtures', 'bundled');
const DATASETS = readdirSync(bundled)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => join(bundled, name));
const EDITIONS = ['handout', 'worksheet', 'answers'] as const;
const THEMES = ['default', 'print-economy', 'large-print'] as const;
const SIZES = ['A4', 'Letter'] as const;

interface Dataset {
  title: string;
  conclusion?: string;
  disclaimer?: string;
  meta: { language?: string; sources?: { title: string }[] };
}

/** Words of text, lower-cased, quotes and punctuation dropped. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2010-]\s*\n\s*/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Body words of the last page: the running header (title line, and the answer key's mark, which
 * pdftotext may give a line of its own) and "Page N of M" removed.
 */
function lastPageWords(pageText: string, title: string, mark: string): string[] {
  const lines = pageText.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !/^Page \d+ of \d+$/.test(trimmed) && !trimmed.endsWith(title) && trimmed !== mark;
  });
  return words(lines.join('\n'));
}

describe.each(DATASETS)('%s', (file) => {
  describe.each(THEMES)('theme %s', (theme) => {
    it.each(SIZES)('%s: no edition ends on a page of trailing matter only; worksheet and key have as many pages', async (pageSize) => {
      await noTrailingPage(file, theme, pageSize);
    });
  });
});

async function noTrailingPage(file: string, theme: string, pageSize: (typeof SIZES)[number]): Promise<void> {
  const dataset = parseYaml(await readFile(file, 'utf8')) as Dataset;
  const trailing = new Set(words([dataset.conclusion ?? '', dataset.disclaimer ?? '', 'Sources Conclusion', ...(dataset.meta.sources ?? []).map((source) => source.title)].join('\n')));
  const outDir = tmpDir(`page-fill-${basename(file, '.yaml')}-${theme}-${pageSize}`);
  const report = await build({ inputs: [file], outDir, theme, pageSize, formats: ['pdf'], editions: [...EDITIONS], workers: 1 });
  expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
  const pageCounts = new Map<string, number>();
  for (const handout of report.handouts) {
    const pdf = handout.outputs.find((output) => output.format === 'pdf')!.path;
    const pages = Number((await pdfinfo(pdf)).Pages);
    pageCounts.set(handout.edition ?? 'handout', pages);
    if (pages < 2) continue;
    const last = lastPageWords(await pdftotext(pdf, { first: pages, last: pages }), dataset.title, labelsFor(dataset.meta.language ?? 'en')!.answerKey);
    const content = last.filter((word) => !trailing.has(word));
    expect.soft(content.length, `${basename(pdf)} (${pages} pages): the last page holds only trailing matter: ${last.join(' ')}`).toBeGreaterThan(0);
  }
  expect(pageCounts.get('answers'), 'the answer key has the worksheet\'s number of pages').toBe(pageCounts.get('worksheet'));
}

/** Share of the page body left empty below its lowest content (running header and footer aside). */
function emptyShare(page: Page, pageHeight: number, margin: { top: number; bottom: number }): number {
  const lowest = Math.max(
    margin.top,
    ...page.texts.filter((text) => text.owner !== 'pagination').map((text) => text.y),
    ...page.decorations.map((decoration) => (decoration.kind === 'rect' ? decoration.y + decoration.height : decoration.kind === 'rule' ? Math.max(decoration.y1, decoration.y2) : decoration.cy + decoration.r)),
    ...page.cells.map((cell) => cell.y + cell.height),
  );
  return (pageHeight - margin.bottom - lowest) / (pageHeight - margin.top - margin.bottom);
}

// The bundled datasets with a Venn diagram, and two fixtures whose diagram does not fit under the table.
const FIGURE_DATASETS = [...DATASETS, fromRoot('tests', 'fixtures', 'editions', 'two-subjects-venn.yaml'), fromRoot('tests', 'fixtures', 'editions', 'three-subjects-venn-pairs.yaml')].filter((file) => (parseYaml(readFileSync(file, 'utf8')) as { venn?: unknown }).venn !== undefined);

it('the Venn checks cover a bundled dataset', () => {
  expect(FIGURE_DATASETS.filter((file) => DATASETS.includes(file)).length).toBeGreaterThan(0);
});

describe.each(FIGURE_DATASETS.map((file) => [basename(file), file]))('the Venn diagram of %s', (_name, file) => {
  it.each(THEMES.flatMap((theme) => SIZES.map((pageSize) => [theme, pageSize] as const)))('%s %s: the page before the one it moves to is at least two-thirds full', async (themeName, pageSize) => {
    const loaded = await loadDataset(file);
    const theme = (await loadTheme(themeName)).theme!;
    for (const edition of EDITIONS) {
      const built = buildDocument(loaded.loaded!, theme, { edition, includeDetails: false });
      const { model } = layoutDocument(built.document!, theme, { pageSize });
      const vennPage = model.pages.findIndex((page) => page.decorations.some((decoration) => decoration.kind === 'circle'));
      expect(vennPage, `${edition}: no Venn diagram`).toBeGreaterThanOrEqual(0);
      if (vennPage === 0) continue;
      const share = emptyShare(model.pages[vennPage - 1]!, pageSizes[pageSize][1], theme.tokens.page.margin);
      expect(share, `${edition}: page ${vennPage} is ${(share * 100).toFixed(0)} % empty before the Venn diagram`).toBeLessThanOrEqual(1 / 3);
    }
  });
});
