// Page fill: no handout ends on a page that holds only trailing matter (the disclaimer, the sources, a
// tail of the conclusion). Every bundled dataset (copies in tests/fixtures/bundled) × edition × theme
// × paper size is built and its last page read back with pdftotext.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { pdfinfo, pdftotext } from '../support/poppler.js';

const DATASETS = ['cytokine-storm-vs-sepsis.yaml', 'bacteria-vs-viruses-vs-fungi.yaml'].map((name) => fromRoot('tests', 'fixtures', 'bundled', name));
const EDITIONS = ['handout', 'worksheet', 'answers'] as const;
const THEMES = ['default', 'print-economy', 'large-print'] as const;
const SIZES = ['A4', 'Letter'] as const;

interface Dataset {
  title: string;
  conclusion?: string;
  disclaimer?: string;
  meta: { sources?: { title: string }[] };
}

/** Words of text, lower-cased, quotes and punctuation dropped. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2010-]\s*\n\s*/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Body words of the last page: the running header (title line, answer-key mark) and "Page N of M" removed. */
function lastPageWords(pageText: string, title: string): string[] {
  const lines = pageText.split('\n').filter((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !/^Page \d+ of \d+$/.test(trimmed) && !trimmed.endsWith(title);
  });
  return words(lines.join('\n'));
}

/**
 * Known defect, kept visible rather than skipped: the seed's large-print worksheet on A4 still ends on
 * a page holding only the disclaimer (the keep rule moves only paragraph lines, and there the last
 * content before the disclaimer is a question's ruled lines). `it.fails` turns red once it is fixed.
 */
const knownFailures = new Set(['cytokine-storm-vs-sepsis.yaml large-print A4']);

describe.each(DATASETS)('%s', (file) => {
  describe.each(THEMES)('theme %s', (theme) => {
    it.each(SIZES.map((pageSize) => [pageSize, knownFailures.has(`${basename(file)} ${theme} ${pageSize}`)] as const))('%s (known defect: %s): no edition ends on a page of trailing matter only', async (pageSize, known) => {
      if (known) {
        await expect(noTrailingPage(file, theme, pageSize)).rejects.toThrow(/the last page holds only trailing matter/);
        return;
      }
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
  for (const handout of report.handouts) {
    const pdf = handout.outputs.find((output) => output.format === 'pdf')!.path;
    const pages = Number((await pdfinfo(pdf)).Pages);
    if (pages < 2) continue;
    const last = lastPageWords(await pdftotext(pdf, { first: pages, last: pages }), dataset.title);
    const content = last.filter((word) => !trailing.has(word));
    expect(content.length, `${basename(pdf)} (${pages} pages): the last page holds only trailing matter: ${last.join(' ')}`).toBeGreaterThan(0);
  }
}
