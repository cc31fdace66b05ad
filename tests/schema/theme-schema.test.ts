// schema/theme.schema.json is generated from src/templates/theme-schema.ts, and a real JSON Schema
// validator agrees with it about the built-in themes and about broken ones.
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { themeJsonSchemaText } from '../../src/templates/theme-schema.js';
import { fromRoot } from '../support/paths.js';

const committedText = readFileSync(fromRoot('schema', 'theme.schema.json'), 'utf8');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(committedText) as object);
const themeJson = (...segments: string[]) => JSON.parse(readFileSync(fromRoot(...segments, 'theme.json'), 'utf8')) as unknown;

describe('schema/theme.schema.json', () => {
  it('is up to date with src/templates/theme-schema.ts', () => {
    expect(committedText, 'schema/theme.schema.json is stale: run `npm run schema`').toBe(themeJsonSchemaText());
  });

  it.each(readdirSync(fromRoot('templates')))('accepts the built-in theme %s', (name) => {
    const ok = validate(themeJson('templates', name));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses a size with a unit, an unknown key and a colour that is not one', () => {
    expect(validate(themeJson('tests', 'fixtures', 'themes', 'size-with-unit'))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: '/styles/body/size', keyword: 'type' })]));
    expect(validate(themeJson('tests', 'fixtures', 'themes', 'unknown-keys'))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'colour' } })]));
    expect(validate(themeJson('tests', 'fixtures', 'themes', 'bad-colour'))).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining({ instancePath: '/colors/accent', keyword: 'pattern' })]));
  });
});
