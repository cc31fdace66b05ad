// Layout invariants on generated tables, checked on the page model (no PDF): every placed text lies
// inside the page margins, every text of a table cell lies inside that cell's area on its page, and
// the cells of a page do not overlap. Tables: 2–4 subjects, 1–60 rows, cells of one word to a few
// paragraphs, words of up to 200 characters with no break; A4 and Letter, portrait and landscape.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/load/dataset-schema.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import type { Theme } from '../../src/templates/theme.js';
import { layoutDocument } from '../../src/writers/pdf/layout-document.js';
import { layoutProblems } from './support/layout-problems.js';
import { dataset } from './support/generate.js';
import { documentTree } from './support/document-tree.js';
import { datasetYaml, defaultTheme } from './support/round-trip.js';

const numRuns = Number(process.env.FC_RUNS) || 40;

let theme: Theme;
beforeAll(async () => {
  theme = await defaultTheme();
});

/** Generated data through the real loader (so it is what a user's file would give). */
function load(data: unknown): Dataset {
  const loaded = loadDatasetText(datasetYaml(data as never), 'generated.yaml');
  if (!loaded.loaded) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.loaded.dataset;
}

const tables = dataset({ rows: fc.integer({ min: 1, max: 60 }) }).map((data) => ({ ...data, sections: [] }));
const pageSetup = fc.record({ pageSize: fc.constantFrom('A4' as const, 'Letter' as const), landscape: fc.boolean() });

describe('layout invariants on generated tables (page model)', () => {
  it('texts stay inside the margins and inside their cells; cells do not overlap', () => {
    fc.assert(
      fc.property(tables, pageSetup, (data, setup) => {
        const { model } = layoutDocument(documentTree(load(data), theme), theme, setup);
        const problems = layoutProblems(model, theme.tokens.page.margin);
        if (problems.length > 0) throw new Error(problems.slice(0, 12).join('\n'));
        // The checks did look at table cells.
        expect(model.pages.some((page) => page.cells.length > 0)).toBe(true);
      }),
      { numRuns },
    );
  }, 300_000);

  it('a cell taller than a page (one long paragraph and a 200-character word) is split across pages, each slice inside its cell', () => {
    const long = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ');
    const data = {
      title: 'Tall cells',
      subjects: [
        { id: 'a', name: 'A' },
        { id: 'b', name: 'B' },
      ],
      summary: 'A row taller than a page.',
      attributes: [
        { name: 'Tall', values: { a: long, b: `${'ж'.repeat(200)} ${long}` } },
        { name: 'Short', values: { a: 'x', b: 'y' } },
      ],
    };
    const { model } = layoutDocument(documentTree(load(data), theme), theme, { pageSize: 'A4' });
    expect(model.pages.length).toBeGreaterThan(1);
    expect(layoutProblems(model, theme.tokens.page.margin)).toEqual([]);
  });

  it('the checker itself notices a text pushed out of its cell, into the margin, and overlapping cells', () => {
    const data = tea();
    const { model } = layoutDocument(documentTree(load(data), theme), theme, { pageSize: 'A4' });
    expect(layoutProblems(model, theme.tokens.page.margin)).toEqual([]);
    const page = model.pages[0]!;
    const cellText = page.texts.find((text) => typeof text.owner === 'object' && text.owner.role === 'TD')!;
    cellText.x += 150;
    expect(layoutProblems(model, theme.tokens.page.margin).join('\n')).toMatch(/outside its TD/);
    cellText.x -= 150;
    page.texts[0]!.x = 10;
    expect(layoutProblems(model, theme.tokens.page.margin).join('\n')).toMatch(/outside the left\/right margins/);
    page.texts[0]!.x = theme.tokens.page.margin.left;
    page.cells.push({ ...page.cells[0]! });
    expect(layoutProblems(model, theme.tokens.page.margin).join('\n')).toMatch(/two cells overlap/);
  });
});

function tea() {
  return {
    title: 'Tea vs. Coffee',
    subjects: [
      { id: 'tea', name: 'Tea' },
      { id: 'coffee', name: 'Coffee' },
    ],
    summary: 'Both are hot drinks.',
    attributes: [{ name: 'Origin', values: { tea: 'China, India and Japan', coffee: 'Ethiopia' } }],
  };
}
