import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hasErrors } from '../shared/diagnostic.js';
import { runRenderTask, type RenderTask, type RenderTaskResult } from './render-task.js';

/**
 * Below this many handouts a worker costs more than it saves: each one loads modules and fonts and
 * warms up (about 1.3 s of CPU here); measured on 2 cores, 40 handouts took as long with a worker as
 * without, 200 took 15% less.
 */
const minimumTasksForWorkers = 32;

export interface RunOptions {
  /** Worker threads; default: `HANDOUT_WORKERS`, else one per core. 1 renders in this thread. */
  workers?: number;
  /** Once aborted, no task starts; tasks running on workers are stopped (their workers terminated) and not reported. */
  signal?: AbortSignal;
  onResult: (task: RenderTask, result: RenderTaskResult) => void;
}

/**
 * Runs render tasks on this thread plus a worker pool (piscina) when there is enough work and more
 * than one core, otherwise on this thread alone. Results are reported as each task finishes.
 */
export async function runTasks(tasks: readonly RenderTask[], options: RunOptions): Promise<void> {
  const workers = Math.max(1, options.workers ?? (Number(process.env.HANDOUT_WORKERS) || availableParallelism()));
  const workerFile = new URL('./render-worker.js', import.meta.url);
  // From TypeScript sources (tests, tsx) there is no compiled worker file: render in this thread.
  const canUseWorkers = existsSync(fileURLToPath(workerFile));
  const { signal } = options;
  // An explicit number of workers (`--jobs`) is honoured for any batch; the default waits for enough work.
  const enoughWork = options.workers !== undefined ? tasks.length > 1 : tasks.length >= minimumTasksForWorkers;
  if (workers === 1 || !enoughWork || !canUseWorkers) {
    // In this thread a render cannot be stopped half-way; it finishes, then nothing more starts.
    for (const task of tasks) {
      if (signal?.aborted) return;
      options.onResult(task, await runSafely(task, runRenderTask));
    }
    return;
  }
  if (signal?.aborted) return;
  const { Piscina } = await import('piscina');
  // This thread renders too: it starts at once, while each worker still loads modules and fonts
  // (about a second), and together they use every core.
  const poolThreads = Math.max(1, Math.min(workers - 1, tasks.length - 1));
  const pool = new Piscina<RenderTask, RenderTaskResult>({ filename: workerFile.href, maxThreads: poolThreads, minThreads: poolThreads, idleTimeout: 1000 });
  // Stopping: destroying the pool terminates the workers mid-task and rejects every queued task.
  let destroying: Promise<void> | undefined;
  const destroy = () => (destroying ??= pool.destroy());
  signal?.addEventListener('abort', destroy, { once: true });
  const queue = [...tasks];
  const consume = async (run: (task: RenderTask) => Promise<RenderTaskResult>) => {
    for (let task = queue.shift(); task && !signal?.aborted; task = queue.shift()) {
      const result = await runSafely(task, run);
      // After a stop, a handout this thread still finished (it cannot stop mid-render) was written
      // whole and counts as built; one whose worker was stopped is not reported at all.
      if (!signal?.aborted || !hasErrors(result.diagnostics)) options.onResult(task, result);
    }
  };
  try {
    await Promise.all([consume(runRenderTask), ...Array.from({ length: poolThreads }, () => consume((task) => pool.run(task)))]);
  } finally {
    signal?.removeEventListener('abort', destroy);
    await destroy();
  }
}

/** A task that throws (a bug, or a worker that died) fails that handout only; the others finish. */
async function runSafely(task: RenderTask, run: (task: RenderTask) => Promise<RenderTaskResult>): Promise<RenderTaskResult> {
  try {
    return await run(task);
  } catch (error) {
    return {
      outputs: [],
      milliseconds: 0,
      diagnostics: [
        {
          severity: 'error',
          code: 'internal-error',
          message: `rendering failed unexpectedly: ${(error as Error).message}`,
          file: task.file,
          hint: 'this is a bug in handout; please report it with this dataset',
        },
      ],
    };
  }
}
