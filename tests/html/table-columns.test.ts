// The table column tokens of a theme (`maxFirstColumn`, `minColumn`: the most and the least of the
// width the attribute column takes) work in both writers: the PDF's columns and the columns a browser
// lays the HTML out with (on a wide screen and in print) keep to them. Measured on a table whose long
// attribute names want a wide first column, and on one whose short names want a narrow one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { withPage, openHtmlFile } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { comparisonTable, render, type Rendered } from '../editions/support/editions.js';

const longName = 'An attribute name long enough to want a wide first column on every page';
const dataset = (name: (n: number) => string) => ({
  title: 'Columns',
  subjects: [
    { id: 'wordy', name: 'Wordy' },
    { id: 'terse', name: 'Terse' },
  ],
  summary: 'Column shares.',
  attributes: [1, 2, 3].map((n) => ({ name: name(n), values: { wordy: 'Several words of text in this cell, enough for a few lines in a narrow column.', terse: 'x' } })),
});

/** A theme extending the default with these table tokens; its folder. */
function themeWith(dir: string, table: Record<string, number>): string {
  const folder = join(dir, `theme-${Object.entries(table).map(([key, value]) => `${key}-${value}`).join('-')}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'theme.json'), JSON.stringify({ extends: 'default', name: 'columns', styles: { table } }));
  return folder;
}

/** Column shares of the comparison table's first body row in the PDF. */
function pdfShares(rendered: Rendered): number[] {
  const row = comparisonTable(rendered).body[0]!;
  const widths = row.map((cell) => rendered.model.pages.flatMap((page) => page.cells).find((slice) => slice.owner === cell)!.width);
  const total = widths.reduce((sum, width) => sum + width, 0);
  return widths.map((width) => width / total);
}

/** Column shares of the first body row as Chromium lays the HTML out, on a wide screen and in print. */
async function htmlShares(file: string, media: 'screen' | 'print'): Promise<number[]> {
  return withPage(
    async (page) => {
      await page.emulateMedia({ media });
      await openHtmlFile(page, file);
      return page.evaluate(() => {
        const table = document.querySelector('main table') as HTMLTableElement;
        const width = table.getBoundingClientRect().width;
        return [...table.tBodies[0]!.rows[0]!.cells].map((cell) => cell.getBoundingClientRect().width / width);
      });
    },
    { viewport: { width: 1100, height: 900 } },
  );
}

describe('table column shares, in the PDF and in the HTML', () => {
  let dir: string;
  const files: Record<'long' | 'short', string> = { long: '', short: '' };
  beforeAll(() => {
    dir = tmpDir('table-columns');
    files.long = join(dir, 'long-names.yaml');
    files.short = join(dir, 'short-names.yaml');
    writeFileSync(files.long, stringify(dataset((n) => `${longName} (${n})`)));
    writeFileSync(files.short, stringify(dataset((n) => `Row ${n}`)));
  });

  const cases: [string, 'long' | 'short', Record<string, number>, (shares: number[]) => void][] = [
    ['maxFirstColumn 0.15 caps a column of long names', 'long', { maxFirstColumn: 0.15 }, ([first]) => expect(first).toBeLessThanOrEqual(0.15 + 0.01)],
    ['maxFirstColumn 0.55 lets it grow past the default cap', 'long', { maxFirstColumn: 0.55 }, ([first]) => expect(first).toBeGreaterThan(0.35)],
    ['a column of short names stays narrow', 'short', { maxFirstColumn: 0.55, minColumn: 0.05 }, ([first]) => expect(first).toBeLessThan(0.2)],
    ['minColumn 0.4 widens a column of short names', 'short', { maxFirstColumn: 0.55, minColumn: 0.4 }, ([first]) => expect(first).toBeGreaterThanOrEqual(0.4 - 0.01)],
  ];

  it.each(cases)('%s (PDF)', async (_what, names, table, check) => {
    const rendered = await render(files[names], { theme: themeWith(dir, table) });
    check(pdfShares(rendered));
  });

  it.each(cases)('%s (HTML, screen and print)', async (_what, names, table, check) => {
    const rendered = await render(files[names], { theme: themeWith(dir, table) });
    const html = join(dir, `columns-${names}-${Object.values(table).join('-')}.html`);
    writeFileSync(html, rendered.html);
    for (const media of ['screen', 'print'] as const) {
      const shares = await htmlShares(html, media);
      expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 1);
      check(shares);
    }
  });
});
