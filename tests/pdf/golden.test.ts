// Golden pages: reference handouts rendered to PNG (poppler's pdftoppm, 50 dpi) and compared with the
// committed references in tests/golden/<case>/page-N.png using pixelmatch (threshold 0.1, at most
// 0.5 % of the pixels may differ). `UPDATE_GOLDEN=1 npx vitest run tests/pdf/golden.test.ts` rewrites
// the references; look at every page before committing them.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../support/paths.js';
import { renderPdfPages } from '../support/poppler.js';
import { buildPdf, fixture, seedDataset } from './support/build-pdf.js';

const update = process.env.UPDATE_GOLDEN === '1';
const dpi = 50;
const threshold = 0.1;
const maxDifferentShare = 0.005;

const cases = [
  { name: 'cytokine-storm-vs-sepsis', dataset: seedDataset },
  { name: 'four-subjects', dataset: fixture('four-subjects.yaml') },
  { name: 'unicode', dataset: fixture('unicode.yaml') },
];

describe('golden pages', () => {
  for (const { name, dataset } of cases) {
    it(`${name}: every page matches its reference`, async () => {
      const built = await buildPdf(dataset, { label: `golden-${name}` });
      const rendered = await renderPdfPages(built.file, { dpi, outDir: join(built.dir, 'png') });
      expect(rendered.length).toBe(built.pages);
      const goldenDir = fromRoot('tests', 'golden', name);
      if (update) {
        await rm(goldenDir, { recursive: true, force: true });
        await mkdir(goldenDir, { recursive: true });
        for (const [index, file] of rendered.entries()) await copyFile(file, join(goldenDir, `page-${index + 1}.png`));
        return;
      }
      const references = existsSync(goldenDir) ? (await readdir(goldenDir)).filter((file) => /^page-\d+\.png$/.test(file)) : [];
      expect(references.length, `pages in tests/golden/${name} (run with UPDATE_GOLDEN=1 to create them)`).toBe(rendered.length);
      const report: string[] = [];
      for (const [index, file] of rendered.entries()) {
        const actual = PNG.sync.read(await readFile(file));
        const expected = PNG.sync.read(await readFile(join(goldenDir, `page-${index + 1}.png`)));
        if (actual.width !== expected.width || actual.height !== expected.height) {
          report.push(`page ${index + 1}: ${actual.width}×${actual.height} px, reference ${expected.width}×${expected.height} px`);
          continue;
        }
        const diff = new PNG({ width: actual.width, height: actual.height });
        const different = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold });
        const share = different / (actual.width * actual.height);
        if (share > maxDifferentShare) {
          const diffFile = join(built.dir, `diff-page-${index + 1}.png`);
          await writeFile(diffFile, PNG.sync.write(diff));
          report.push(`page ${index + 1}: ${(share * 100).toFixed(2)} % of pixels differ (${different}); see ${diffFile}`);
        }
      }
      expect(report).toEqual([]);
    });
  }
});
