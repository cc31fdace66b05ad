/**
 * Measures the quick Latin shaping's pairs (src/writers/pdf/latin-shaping.ts) of every built-in font
 * and writes them to src/writers/pdf/latin-pairs-data.ts, keyed by the font file's SHA-256: shipped as
 * data, so a build never spends the half second per font it takes to measure them. A font whose quick
 * way disagrees with fontkit is left out (it is then shaped by fontkit alone).
 *
 *   npx tsx scripts/generate-latin-pairs.ts           write the file
 *   npx tsx scripts/generate-latin-pairs.ts --check   exit 1 if the file is not what it would write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { latinPairsSource } from '../src/writers/pdf/latin-pairs-source.js';

const target = fileURLToPath(new URL('../src/writers/pdf/latin-pairs-data.ts', import.meta.url));
const source = await latinPairsSource();
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== source) {
    process.stderr.write('src/writers/pdf/latin-pairs-data.ts is stale: run `npx tsx scripts/generate-latin-pairs.ts`\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, source);
  process.stdout.write(`wrote ${target}\n`);
}
