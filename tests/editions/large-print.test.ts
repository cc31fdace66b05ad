// Large print and tables in every theme: no heading is smaller than body text (levels 5 and 6
// too), the attribute column is sized from its content rather than a fixed share, and the rule under
// a row's header cell is the rule under its other cells (same weight, colour and height).
import { describe, expect, it } from 'vitest';
import { StyleResolver } from '../../src/writers/pdf/computed-style.js';
import type { Decoration, StructNode } from '../../src/writers/pdf/page-model.js';
import { fromRoot } from '../support/paths.js';
import { comparisonTable, render, theme, TWO_VENN } from './support/editions.js';

const themes = ['default', 'large-print', 'print-economy'];
const bundled = (name: string) => fromRoot('tests', 'fixtures', 'bundled', name);

describe.each(themes)('theme %s', (themeName) => {
  it('sets every heading level at or above the body size, inside sections and the summary too', async () => {
    const styles = new StyleResolver((await theme(themeName)).tokens);
    const body = styles.resolve([{ tag: 'body', classes: [] }]).size;
    for (const container of [[], [{ tag: 'section', classes: ['details'] }], [{ tag: 'section', classes: ['summary'] }]]) {
      for (let level = 1; level <= 6; level++) {
        const size = styles.resolve([{ tag: 'body', classes: [] }, ...container, { tag: `h${level}`, classes: [] }]).size;
        expect(size, `h${level} in ${JSON.stringify(container)}`).toBeGreaterThanOrEqual(body);
      }
    }
  });

  it.each(['cytokine-storm-vs-sepsis.yaml', 'bacteria-vs-viruses-vs-fungi.yaml'])('%s: the rule under each row header is the rule under its cells', async (name) => {
    for (const edition of ['handout', 'worksheet'] as const) {
      const rendered = await render(bundled(name), { edition, theme: themeName });
      const table = comparisonTable(rendered);
      const rules = rendered.model.pages.map((page) => page.overlays.filter((d): d is Extract<Decoration, { kind: 'rule' }> => d.kind === 'rule'));
      const ruleUnder = (cell: StructNode) => {
        for (const [pageIndex, page] of rendered.model.pages.entries()) {
          const slice = page.cells.filter((placed) => placed.owner === cell).at(-1);
          if (!slice) continue;
          const bottom = slice.y + slice.height;
          const rule = rules[pageIndex]!.find((r) => Math.abs(r.x1 - slice.x) < 0.01 && Math.abs(r.x2 - (slice.x + slice.width)) < 0.01 && Math.abs(r.y1 - bottom) <= r.lineWidth);
          if (rule) return { page: pageIndex, y: rule.y1.toFixed(2), width: rule.lineWidth, color: rule.color };
        }
        return undefined;
      };
      for (const row of table.body) {
        const [header, ...cells] = row;
        const expected = ruleUnder(cells[0]!);
        expect(expected).toBeDefined();
        expect(ruleUnder(header!)).toEqual(expected);
        for (const cell of cells) expect(ruleUnder(cell)).toEqual(expected);
      }
    }
  });
});

describe('large print: the attribute column is sized from its content', () => {
  it('short attribute names get a narrow column; long ones fit on a line, up to 40 % of the width', async () => {
    const widthOf = async (file: string) => {
      const rendered = await render(file, { theme: 'large-print' });
      const table = comparisonTable(rendered);
      const slices = rendered.model.pages.flatMap((page) => page.cells);
      const column = (index: number) => slices.find((slice) => slice.owner === table.body[0]![index])!;
      const total = table.body[0]!.map((_, index) => column(index).width).reduce((sum, width) => sum + width, 0);
      return { first: column(0).width / total, rendered, table };
    };
    const short = await widthOf(TWO_VENN); // Skin, Legs, Eggs
    const long = await widthOf(bundled('bacteria-vs-viruses-vs-fungi.yaml')); // Examples of disease, How they multiply
    expect(short.first).toBeLessThan(0.25);
    expect(long.first).toBeGreaterThan(short.first);
    expect(long.first).toBeLessThanOrEqual(0.4 + 1e-9);
    expect(Math.abs(long.first - 0.3)).toBeGreaterThan(0.01);
  });
});
