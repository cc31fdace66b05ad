// Regenerates the published JSON Schemas from their zod schemas (`npm run schema`):
// schema/handout.schema.json from src/load/dataset-schema.ts, schema/theme.schema.json from
// src/templates/theme-schema.ts.
import { writeFile } from 'node:fs/promises';
import { datasetJsonSchemaText } from '../src/load/json-schema.js';
import { themeJsonSchemaText } from '../src/templates/theme-schema.js';

for (const [name, text] of [
  ['handout.schema.json', datasetJsonSchemaText()],
  ['theme.schema.json', themeJsonSchemaText()],
] as const) {
  const target = new URL(`../schema/${name}`, import.meta.url);
  await writeFile(target, text);
  process.stdout.write(`wrote ${target.pathname}\n`);
}
