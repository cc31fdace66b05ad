// Absurd theme margins: a clear `margins-too-large` error naming the theme file and the text area
// left, instead of a PDF with one letter per line and exit 0.
import { beforeAll, describe, expect, it } from 'vitest';
import { renderHandout } from '../../src/pipeline/render-handout.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import type { Theme } from '../../src/templates/theme.js';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../support/paths.js';
import { defaultTheme } from './support/round-trip.js';

let theme: Theme;
beforeAll(async () => {
  theme = await defaultTheme();
});

const withMargins = (margin: Partial<Theme['tokens']['page']['margin']>): Theme => ({
  ...theme,
  tokens: { ...theme.tokens, page: { ...theme.tokens.page, margin: { ...theme.tokens.page.margin, ...margin } } },
});

function loaded() {
  return loadDatasetText(readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8'), 'tea.yaml').loaded!;
}

describe('theme margins that leave no text area', () => {
  it.each([
    ['left and right of 290 pt on A4 portrait (15 pt wide)', { left: 290, right: 290 }, false],
    ['margins wider than the paper', { left: 300, right: 300 }, false],
    ['top and bottom of 250 pt on A4 landscape (95 pt high)', { top: 250, bottom: 250 }, true],
  ] as const)('%s → margins-too-large, nothing rendered', async (_name, margin, landscape) => {
    const rendered = await renderHandout(loaded(), withMargins(margin), { formats: ['pdf', 'html'], pageSize: 'A4', landscape });
    expect(rendered.pdf).toBeUndefined();
    expect(rendered.html).toBeUndefined();
    expect(rendered.diagnostics).toHaveLength(1);
    expect(rendered.diagnostics[0]).toMatchObject({ code: 'margins-too-large', path: 'page.margin' });
    expect(rendered.diagnostics[0]!.file).toMatch(/theme\.json$/);
    expect(rendered.diagnostics[0]!.message).toContain('text area of');
  });

  it('the default margins are fine on every paper', async () => {
    for (const pageSize of ['A4', 'Letter'] as const) {
      for (const landscape of [false, true]) {
        const rendered = await renderHandout(loaded(), theme, { formats: ['pdf'], pageSize, landscape });
        expect(rendered.diagnostics).toEqual([]);
        expect(rendered.pdf!.pageCount).toBeGreaterThan(0);
      }
    }
  });
});
