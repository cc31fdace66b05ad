// Regenerates src/writers/pdf/bundled-font-marks.json from the fonts of the built-in themes
// (`npm run font-data`): data derived from the pinned fonts with the pinned fontkit, shipped in the
// package so that no build derives it again. See src/writers/pdf/mark-positioning.ts.
import { writeFile } from 'node:fs/promises';
import { bundledFontMarksText } from '../src/writers/pdf/derive-font-marks.js';

const target = new URL('../src/writers/pdf/bundled-font-marks.json', import.meta.url);
await writeFile(target, await bundledFontMarksText());
process.stdout.write(`wrote ${target.pathname}\n`);
