import type { ResourceLimits } from 'node:worker_threads';
import type { Diagnostic } from '../shared/diagnostic.js';

/**
 * Heap of a batch worker thread. A handout that needs more (a layout bug, an input nobody foresaw)
 * ends that worker alone, where it would otherwise abort the whole process, losing the manifest, the
 * index and the summary of every other handout; the pool starts a new worker for the rest.
 */
export const renderResourceLimits: ResourceLimits = { maxOldGenerationSizeMb: 1024 };

/** Why a render task failed without a result: its worker died (out of memory) or the code threw. */
export function renderFailure(file: string, error: unknown, limits: ResourceLimits = renderResourceLimits): Diagnostic {
  const message = (error as Error)?.message ?? String(error);
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /terminated unexpectedly|out of memory/i.test(message)) {
    return {
      severity: 'error',
      code: 'render-crashed',
      message: `rendering stopped: it needed more than the ${(limits.maxOldGenerationSizeMb ?? 0).toLocaleString('en')} MB a handout may use, or its worker crashed; the other handouts were built`,
      file,
      hint: 'this is a bug in handout; please report it with this dataset (splitting a very long table or text into several datasets avoids it meanwhile)',
    };
  }
  return { severity: 'error', code: 'internal-error', message: `rendering failed unexpectedly: ${message}`, file, hint: 'this is a bug in handout; please report it with this dataset' };
}
