// The quick Latin shaping's pairs ship as data (src/writers/pdf/latin-pairs-data.ts, written by
// scripts/generate-latin-pairs.ts): they must be what measuring the installed fonts gives now, and
// cover every font of the built-in theme, whose pairs latin-shaping.test.ts checks against fontkit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/templates/load-theme.js';
import { shippedLatinPairs } from '../../src/writers/pdf/latin-pairs-data.js';
import { latinPairsSource } from '../../src/writers/pdf/latin-pairs-source.js';
import { fontDigest } from '../../src/writers/pdf/latin-shaping.js';
import { fromRoot } from '../support/paths.js';

describe('shipped Latin pairs', () => {
  it('are current: generating them again gives the committed file', async () => {
    const committed = readFileSync(fromRoot('src', 'writers', 'pdf', 'latin-pairs-data.ts'), 'utf8');
    expect(await latinPairsSource(), 'run `npx tsx scripts/generate-latin-pairs.ts`').toBe(committed);
  }, 300_000);

  it('exist for every font file of the default theme', async () => {
    const { theme } = await loadTheme('default');
    const files = [...new Set(Object.values(theme!.fontFiles).flatMap((faces) => Object.values(faces)))];
    expect(files.length).toBe(12);
    for (const file of files) expect(shippedLatinPairs[fontDigest(readFileSync(file))], file).toBeDefined();
  });
});
