// The manifest's published JSON Schema is generated from its zod schema, and agrees with it.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { manifestJsonSchemaText } from '../../src/pipeline/manifest-schema.js';
import { fromRoot } from '../support/paths.js';

const committedText = readFileSync(fromRoot('schema', 'handout-manifest.schema.json'), 'utf8');

describe('schema/handout-manifest.schema.json', () => {
  it('is up to date with src/pipeline/manifest-schema.ts', () => {
    expect(committedText, 'schema/handout-manifest.schema.json is stale: run `npm run schema`').toBe(manifestJsonSchemaText());
  });

  it('refuses output paths that leave the output folder', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committedText) as object);
    const entry = (file: string) => ({ version: 2, handouts: { tea: { dataset: '../d/tea.yaml', hash: 'a'.repeat(64), outputs: [{ format: 'pdf', file, bytes: 1, sha256: 'b'.repeat(64) }] } } });
    expect(validate(entry('tea.pdf'))).toBe(true);
    for (const file of ['../../etc/passwd', '/etc/passwd', '..', '.hidden', 'a\\b']) expect(validate(entry(file)), file).toBe(false);
  });
});
