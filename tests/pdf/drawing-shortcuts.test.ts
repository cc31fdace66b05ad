// The drawing shortcuts (src/writers/pdf/pdfkit-adapter.ts) must not change a byte: every fixture is
// drawn with them and the straightforward way (pdfkit's public calls only), in one process, in both
// orders, so that what the shortcuts keep per font and process is exercised by later documents too.
import { afterAll, describe, expect, it } from 'vitest';
import { renderHandout } from '../../src/pipeline/render-handout.js';
import { loadDataset } from '../../src/load/load-dataset.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { setDrawingShortcuts } from '../../src/writers/pdf/pdfkit-adapter.js';
import { fromRoot } from '../support/paths.js';

const fixtures = [
  fromRoot('tests', 'fixtures', 'pdf', 'unicode.yaml'),
  fromRoot('tests', 'fixtures', 'pdf', 'four-subjects.yaml'),
  fromRoot('tests', 'fixtures', 'pdf', 'three-hundred-rows.yaml'),
  fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml'),
  fromRoot('tests', 'fixtures', 'editions', 'two-subjects-venn.yaml'),
];

async function drawAll(shortcuts: boolean): Promise<Buffer[]> {
  setDrawingShortcuts(shortcuts);
  const { theme, diagnostics } = await loadTheme('default');
  if (!theme) throw new Error(`default theme: ${JSON.stringify(diagnostics)}`);
  const pdfs: Buffer[] = [];
  for (const file of fixtures) {
    const { loaded } = await loadDataset(file);
    if (!loaded) throw new Error(`${file} did not load`);
    const rendered = await renderHandout(loaded, theme, { formats: ['pdf'], pageSize: 'A4', date: new Date('2026-01-15T12:00:00Z') });
    if (!rendered.pdf) throw new Error(`${file} did not render: ${JSON.stringify(rendered.diagnostics)}`);
    pdfs.push(Buffer.from(rendered.pdf.bytes));
  }
  return pdfs;
}

describe('drawing shortcuts', () => {
  afterAll(() => setDrawingShortcuts(true));

  it('give the same bytes as pdfkit’s public calls, first and after the other way', async () => {
    const plainFirst = await drawAll(false);
    const shortcut = await drawAll(true);
    const shortcutAgain = await drawAll(true);
    const plainAfter = await drawAll(false);
    for (const [index, file] of fixtures.entries()) {
      expect(shortcut[index]!.length, file).toBeGreaterThan(1000);
      expect(shortcut[index]!.equals(plainFirst[index]!), `${file}: shortcuts vs plain`).toBe(true);
      expect(shortcutAgain[index]!.equals(plainFirst[index]!), `${file}: shortcuts with warm caches vs plain`).toBe(true);
      expect(plainAfter[index]!.equals(plainFirst[index]!), `${file}: plain after shortcuts vs plain`).toBe(true);
    }
  });
});
