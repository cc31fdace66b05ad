// The published JSON Schema is generated from the zod schema, and a real JSON Schema validator agrees
// with it about real datasets.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { datasetJsonSchemaText } from '../../src/load/json-schema.js';
import { fromRoot } from '../support/paths.js';

const committedText = readFileSync(fromRoot('schema', 'handout.schema.json'), 'utf8');

function compileCommitted() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // ajv ships no formats (they live in ajv-formats); `uri` is the only one the schema uses.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  return ajv.compile(JSON.parse(committedText) as object);
}

describe('schema/handout.schema.json', () => {
  it('is up to date with src/load/dataset-schema.ts', () => {
    expect(committedText, 'schema/handout.schema.json is stale: run `npm run schema`').toBe(datasetJsonSchemaText());
  });

  it('accepts the seed dataset', () => {
    const validate = compileCommitted();
    const seed: unknown = parseYaml(readFileSync(fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml'), 'utf8'));
    const ok = validate(seed);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects unknown keys (JSON fixture)', () => {
    const validate = compileCommitted();
    const data: unknown = JSON.parse(readFileSync(fromRoot('tests', 'fixtures', 'broken', 'unknown-key.json'), 'utf8'));
    expect(validate(data)).toBe(false);
    const unknown = (validate.errors ?? [])
      .filter((error) => error.keyword === 'additionalProperties')
      .map((error) => [error.instancePath, (error.params as { additionalProperty: string }).additionalProperty]);
    expect(unknown).toEqual([
      ['/subjects/1', 'akaa'],
      ['/meta', 'languag'],
    ]);
  });

  it('rejects a misspelled top-level key (YAML fixture)', () => {
    const validate = compileCommitted();
    const data: unknown = parseYaml(readFileSync(fromRoot('tests', 'fixtures', 'broken', 'unknown-key-atributes.yaml'), 'utf8'));
    expect(validate(data)).toBe(false);
    expect(validate.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ keyword: 'additionalProperties', instancePath: '', params: { additionalProperty: 'atributes' } }),
        expect.objectContaining({ keyword: 'required', instancePath: '', params: { missingProperty: 'attributes' } }),
      ]),
    );
  });
});
