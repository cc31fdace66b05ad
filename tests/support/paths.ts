import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (this file lives in tests/support/). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Resolve a path relative to the repository root. */
export function fromRoot(...segments: string[]): string {
  return resolve(repoRoot, ...segments);
}

/** tests/.artifacts/: scratch output of the test run (gitignored; vitest's JSON report goes here too). */
export const artifactsDir: string = join(repoRoot, 'tests', '.artifacts');

/**
 * Create a fresh, empty directory under tests/.artifacts/ and return its absolute path.
 * The directory is kept after the run so failures can be inspected; `prefix` should say
 * which test made it (e.g. `tmpDir('pdf-outline')` -> tests/.artifacts/pdf-outline-Ab12Cd/).
 */
export function tmpDir(prefix: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  const safe = prefix.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'tmp';
  return mkdtempSync(join(artifactsDir, `${safe}-`));
}
