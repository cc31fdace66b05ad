// Regenerates src/templates/built-in-template-specs.js from the templates of the built-in themes
// (`npm run template-specs`): the templates compiled with the pinned Handlebars, shipped in the
// package so that no build compiles them again. See src/templates/template-specs.ts.
import { writeFile } from 'node:fs/promises';
import { builtInTemplateSpecsText } from '../src/templates/derive-template-specs.js';

const target = new URL('../src/templates/built-in-template-specs.js', import.meta.url);
await writeFile(target, await builtInTemplateSpecsText());
process.stdout.write(`wrote ${target.pathname}\n`);
