import { z } from 'zod';
import { datasetFileSchema } from './dataset-schema.js';

/** The published JSON Schema for datasets, generated from the zod schema (the single source) of a dataset file. */
export function datasetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(datasetFileSchema, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
}

export function datasetJsonSchemaText(): string {
  return `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;
}
