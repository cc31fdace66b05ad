// The README's Errors section is where users look a code up: every code a diagnostic can carry is
// listed there. The codes come from the `DiagnosticCode` list, which the type checker holds every
// diagnostic in src/ to; the source is also scanned, so a code written past the type is still found.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosticCodes } from '../../src/shared/diagnostic.js';
import { fromRoot } from '../support/paths.js';

const readme = readFileSync(fromRoot('README.md'), 'utf8');
const errorsSection = /^## Errors\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? '';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

const sources = sourceFiles(fromRoot('src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const listFile = fromRoot('src', 'shared', 'diagnostic.ts');

describe("README's Errors section", () => {
  it('is found, with its tables', () => {
    expect(errorsSection).toContain('| Code | Problem |');
  });

  it.each([...diagnosticCodes])('lists `%s`', (code) => {
    expect(errorsSection).toContain(`\`${code}\``);
  });

  it('every `code:` written in src/ is one of the listed codes', () => {
    const written = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\bcode: '([a-z0-9-]+)'/g)].map((m) => m[1]!)));
    expect(written.size).toBeGreaterThan(20);
    expect([...written].filter((code) => !(diagnosticCodes as readonly string[]).includes(code))).toEqual([]);
  });

  it('every listed code is used somewhere in src/ (none documented that nothing reports)', () => {
    const others = sources.filter(({ file }) => file !== listFile).map(({ text }) => text);
    expect(diagnosticCodes.filter((code) => !others.some((text) => text.includes(`'${code}'`)))).toEqual([]);
  });
});
