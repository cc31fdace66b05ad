import { z } from 'zod';
import { datasetSchema } from './dataset-schema.js';

/** The published JSON Schema for datasets, generated from the zod schema (the single source). */
export function datasetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(datasetSchema, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
}

export function datasetJsonSchemaText(): string {
  return `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;
}
