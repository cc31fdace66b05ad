import { setFlagsFromString } from 'node:v8';

/**
 * By default V8 lets the heap grow to up to four times what is live before a full collection, when
 * collecting is cheap compared with the work done. Drawing a 10,000-row table leaves a lot of short
 * garbage behind (one small buffer per drawing operator), and peaked at 680 MB with 200 MB live.
 * Growing by a fifth at a time keeps such a build near its live size, for a few more collections.
 * Called once by each process that renders (the CLI, worker threads and processes).
 */
export function limitHeapGrowth(percent = 20): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
