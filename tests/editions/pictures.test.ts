// Pictures of the editions for people to look at: PNGs at 60 dpi in tests/.artifacts/editions/
// (worksheet, answer key, class-pack cover and contents, 4-subject table, large-print, print-economy,
// a Spanish handout). The test only checks that every page rendered and has ink on it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pack } from '../../src/pipeline/pack.js';
import { fromRoot } from '../support/paths.js';
import { renderPdfPages } from '../support/poppler.js';
import { artifactsFolder, fixture, FOUR, render, THREE } from './support/editions.js';

const pictures: { name: string; pdf: () => Promise<Uint8Array | string> }[] = [
  { name: 'worksheet-3-subjects', pdf: async () => (await render(THREE, { edition: 'worksheet' })).pdf },
  { name: 'answer-key-3-subjects', pdf: async () => (await render(THREE, { edition: 'answers' })).pdf },
  { name: 'table-4-subjects', pdf: async () => (await render(FOUR)).pdf },
  { name: 'large-print-answer-key', pdf: async () => (await render(THREE, { edition: 'answers', theme: 'large-print' })).pdf },
  { name: 'print-economy-handout', pdf: async () => (await render(THREE, { theme: 'print-economy' })).pdf },
  { name: 'spanish-handout', pdf: async () => (await render(fixture('languages', 'es.yaml'))).pdf },
  {
    name: 'class-pack-worksheets',
    pdf: async () => {
      const out = join(artifactsFolder(), 'class-pack-worksheets.pdf');
      const report = await pack({ inputs: [fromRoot('tests', 'fixtures', 'bundled'), fixture('pack-meta')], out, edition: 'worksheet', course: 'Year 10 Science', teacher: 'Ms. Chen', date: '2026-01-15' });
      if (!report.ok) throw new Error(JSON.stringify(report.diagnostics));
      return out;
    },
  },
];

/** Share of pixels that are not (nearly) white. */
async function ink(file: string): Promise<number> {
  const png = PNG.sync.read(await readFile(file));
  let dark = 0;
  for (let index = 0; index < png.data.length; index += 4) if (png.data[index]! < 200 || png.data[index + 1]! < 200 || png.data[index + 2]! < 200) dark++;
  return dark / (png.width * png.height);
}

describe('pictures of the editions (tests/.artifacts/editions)', () => {
  const folder = artifactsFolder();
  beforeAll(async () => {
    await rm(join(folder, 'png'), { recursive: true, force: true });
  });

  it.each(pictures)('$name', async ({ name, pdf }) => {
    const source = await pdf();
    const file = typeof source === 'string' ? source : join(folder, `${name}.pdf`);
    if (typeof source !== 'string') await writeFile(file, source);
    const pngs = await renderPdfPages(file, { dpi: 60, outDir: join(folder, 'png'), prefix: name });
    expect(pngs.length).toBeGreaterThan(0);
    const inks = await Promise.all(pngs.map(ink));
    // A class pack has blank pages on purpose; every other page carries something.
    const blank = inks.filter((value) => value === 0).length;
    if (name.startsWith('class-pack')) expect(blank).toBeLessThan(pngs.length / 2);
    else expect(blank).toBe(0);
  });
});
