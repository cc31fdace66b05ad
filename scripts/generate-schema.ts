// Regenerates schema/handout.schema.json from src/load/dataset-schema.ts (`npm run schema`).
import { writeFile } from 'node:fs/promises';
import { datasetJsonSchemaText } from '../src/load/json-schema.js';

const target = new URL('../schema/handout.schema.json', import.meta.url);
await writeFile(target, datasetJsonSchemaText());
process.stdout.write(`wrote ${target.pathname}\n`);
