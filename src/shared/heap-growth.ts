import { setFlagsFromString } from 'node:v8';

/**
 * Datasets above this size are rendered with the heap kept tight (see `withTightHeap`); smaller ones
 * with V8's own heuristics, which collect less often.
 */
export const tightHeapAbove = 512 * 1024;

/**
 * Runs `render` with V8's heap growing by a fifth at a time. By default V8 lets the heap grow to up to
 * four times what is live before a full collection when collecting is cheap compared with the work
 * done. Drawing a 10,000-row table leaves a lot of short garbage behind (one small buffer per drawing
 * operator) and peaked at 680 MB with 200 MB live; tight, it stays near 400 MB for some more
 * collections. For a batch of ordinary handouts those collections cost a sixth of the time, so the
 * setting (process-wide) is for big datasets only, and restored afterwards.
 */
export async function withTightHeap<T>(render: () => Promise<T>): Promise<T> {
  setFlagsFromString('--heap-growing-percent=20');
  try {
    return await render();
  } finally {
    // 0: V8 chooses the growing factor itself again.
    setFlagsFromString('--heap-growing-percent=0');
  }
}
