// Regenerates the published JSON Schemas in schema/ from their zod schemas (`npm run schema`):
// datasets (src/load/dataset-schema.ts), themes (src/templates/theme-schema.ts) and the output
// folder's manifest (src/pipeline/manifest-schema.ts).
import { writeFile } from 'node:fs/promises';
import { datasetJsonSchemaText } from '../src/load/json-schema.js';
import { themeJsonSchemaText } from '../src/templates/theme-schema.js';
import { manifestJsonSchemaText } from '../src/pipeline/manifest-schema.js';

for (const [name, text] of [
  ['handout.schema.json', datasetJsonSchemaText()],
  ['theme.schema.json', themeJsonSchemaText()],
  ['handout-manifest.schema.json', manifestJsonSchemaText()],
] as const) {
  const target = new URL(`../schema/${name}`, import.meta.url);
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
