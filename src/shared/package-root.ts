import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of the handout package: where its package.json and built-in templates are. The code runs
 * from src/<stage>/ (tests, tsx), from dist/ (the bundle in this repository and in an installed
 * package), so the folder is found by walking up from this module rather than by a fixed `../..`.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'templates'))) return (cached = directory);
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`handout: cannot find its own package folder above ${fileURLToPath(import.meta.url)}`);
    directory = parent;
  }
}

/** A path inside the handout package. */
export function packagePath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}
