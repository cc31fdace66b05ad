import type { ResourceLimits } from 'node:worker_threads';
import type { Diagnostic } from '../shared/diagnostic.js';

/**
 * Heap of a worker thread that renders. A handout that needs more (a layout bug, an input nobody
 * foresaw) ends that worker alone, where it would otherwise abort the whole process, losing the
 * manifest, the index and the summary of every other handout; a new worker takes the rest. The
 * bound also keeps a large handout's build under a gigabyte: with it the garbage collector collects
 * before the heap grows, where an unbounded heap grows to twice what is live. The largest table a
 * dataset may hold (100,000 rows) renders within it (it needs about 560 MB).
 */
export const renderResourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 600 };

/**
 * A dataset from which its handout renders in a worker thread with the bounded heap above, even
 * when it is the only one built: this many characters of text (a table of about 25,000 short rows),
 * or this many pieces of text (names, table cells: each is laid out on its own; 33,000 rows of two). Smaller handouts
 * render in the calling thread, which saves a worker's start (its modules and fonts).
 */
export const largeHandoutCharacters = 2_000_000;
export const largeHandoutTexts = 100_000;

/** Whether a dataset holds at least `largeHandoutCharacters` characters or `largeHandoutTexts` texts, counted until it does. */
export function isLargeDataset(dataset: unknown): boolean {
  let characters = 0;
  let texts = 0;
  const pending: unknown[] = [dataset];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      characters += value.length;
      texts++;
      if (characters >= largeHandoutCharacters || texts >= largeHandoutTexts) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value !== null && typeof value === 'object') {
      for (const item of Object.values(value)) pending.push(item);
    }
  }
  return false;
}

/**
 * Why a render task failed without a result: its worker died (out of memory) or the code threw. For
 * a large handout (see isLargeDataset) running out of memory is its size, not a bug: the hint says
 * what to do about it.
 */
export function renderFailure(file: string, error: unknown, limits: ResourceLimits = renderResourceLimits, large = false): Diagnostic {
  const message = (error as Error)?.message ?? String(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /terminated unexpectedly|out of memory/i.test(message)) {
    return {
      severity: 'error',
      code: 'render-crashed',
      message: `rendering stopped: it needed more than the ${(limits.maxOldGenerationSizeMb ?? 0).toLocaleString('en')} MB a handout may use, or its worker crashed; the other handouts were built`,
      file,
      hint: large
        ? 'the handout is too large to lay out in that memory: split its table or text over several datasets (one handout each); narrow table columns (many subjects) need the most'
        : 'this is a bug in handout; please report it with this dataset (splitting a very long table or text into several datasets avoids it meanwhile)',
    };
  }
  return { severity: 'error', code: 'internal-error', message: `rendering failed unexpectedly: ${message}`, file, hint: 'this is a bug in handout; please report it with this dataset' };
}
