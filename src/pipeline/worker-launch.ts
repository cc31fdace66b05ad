import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The script a batch worker thread runs, next to this module once compiled (or bundled). From the
 * TypeScript sources (tests, tsx) there is none, and batches render in the calling thread.
 */
export function workerScript(): string | undefined {
  const script = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  return existsSync(script) ? script : undefined;
}
