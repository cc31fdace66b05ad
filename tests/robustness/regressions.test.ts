// Datasets a property test once failed on, kept in tests/fixtures/regressions/ and checked on every
// run: each must load, render, pass `qpdf --check`, and give back every printed string from the PDF
// (pdf.js) and the HTML. properties.test.ts writes new ones there when it finds a failure.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tmpDir } from '../support/paths.js';
import { regressionFiles, regressionsDir } from './support/regressions.js';

/** A fresh module graph: the fonts are parsed anew, as in a new worker. */
async function freshRoundTrip() {
  vi.resetModules();
  return (await import('./support/round-trip.js')).roundTrip;
}

describe('kept regressions (tests/fixtures/regressions/*.yaml)', () => {
  const files = regressionFiles();

  // Without kept datasets the checks below would run nothing and pass: that must fail instead.
  it('the folder holds kept datasets to check (new failures found by properties.test.ts land there)', () => {
    expect(files.length, 'tests/fixtures/regressions/*.yaml').toBeGreaterThan(0);
    expect(files.every((file) => file.startsWith(regressionsDir))).toBe(true);
  });

  it.each(files.map((file) => [basename(file), file]))('%s renders and reads back in full', async (name, file) => {
    const roundTrip = await freshRoundTrip();
    const { problems } = await roundTrip(readFileSync(file, 'utf8'), tmpDir(`regression-${name}`), name.replace(/\.yaml$/, ''));
    expect(problems).toEqual([]);
  });
});

describe('shared glyph cache (tests/fixtures/regressions/shared-glyph-cache/)', () => {
  const dir = join(regressionsDir, 'shared-glyph-cache');

  it('each of the two datasets, built alone, gives back all its text', async () => {
    for (const name of ['1-zoe-with-diaeresis', '2-plain-e']) {
      const roundTrip = await freshRoundTrip();
      const { problems } = await roundTrip(readFileSync(join(dir, `${name}.yaml`), 'utf8'), tmpDir(`glyph-cache-alone-${name}`), name);
      expect(problems, name).toEqual([]);
    }
  });

  // Regression: fonts are parsed once per process and shared by every handout. fontkit caches one
  // Glyph per glyph id with the code points it was first made for; subsetting "ë" made its "e" part
  // with none, so a later handout's "e" got no ToUnicode entry ("Zoe here" extracted as "Zo h r").
  // draw-pdf now forgets those cached glyphs after each document.
  it('the second dataset, built after the first in the same process, still gives back all its text', async () => {
    const roundTrip = await freshRoundTrip();
    const work = tmpDir('glyph-cache-sequence');
    const first = await roundTrip(readFileSync(join(dir, '1-zoe-with-diaeresis.yaml'), 'utf8'), work, 'first');
    expect(first.problems).toEqual([]);
    const second = await roundTrip(readFileSync(join(dir, '2-plain-e.yaml'), 'utf8'), work, 'second');
    expect(second.problems).toEqual([]);
  });
});
