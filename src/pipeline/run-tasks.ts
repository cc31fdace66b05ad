import { availableParallelism } from 'node:os';
import { hasErrors } from '../shared/diagnostic.js';
import { runRenderTask, type RenderTask, type RenderTaskResult } from './render-task.js';
import { workerScript } from './worker-launch.js';
import { renderFailure, renderResourceLimits } from './render-limits.js';
import type { ResourceLimits } from 'node:worker_threads';

/**
 * A worker thread pays for its start only with enough handouts of its own: it loads every module and
 * parses the fonts again (about 1.3 s of CPU), on a core that this thread's garbage collector and
 * compiler threads also use. So one worker is started per so many handouts, up to one renderer per core.
 */
const handoutsPerWorker = 60;

export interface RunOptions {
  /**
   * Renderers at most (this thread and workers); default: `HANDOUT_WORKERS`, else one per core, with
   * workers only for big enough batches. Given here, it is used for any batch. 1 renders in this thread.
   */
  workers?: number;
  /** The worker thread script (default: the compiled render-worker.js next to this module, if any). */
  workerScript?: string;
  /** Heap and stack limits of each worker thread (default: renderResourceLimits). */
  resourceLimits?: ResourceLimits;
  /** Once aborted, no task starts; tasks running on workers are stopped (their workers terminated) and not reported. */
  signal?: AbortSignal;
  onResult: (task: RenderTask, result: RenderTaskResult) => void;
}

/**
 * Runs render tasks on this thread plus a worker pool (workerpool) when there is enough work and more
 * than one core, otherwise on this thread alone. Results are reported as each task finishes.
 */
export async function runTasks(tasks: readonly RenderTask[], options: RunOptions): Promise<void> {
  const workers = Math.max(1, options.workers ?? (Number(process.env.HANDOUT_WORKERS) || availableParallelism()));
  // From TypeScript sources (tests, tsx) there is no compiled worker file: render in this thread.
  const script = options.workerScript ?? workerScript();
  const { signal } = options;
  // An explicit number (`--jobs`) is honoured for any batch; otherwise a worker needs enough handouts.
  const wanted = options.workers !== undefined ? tasks.length - 1 : Math.floor(tasks.length / handoutsPerWorker) - 1;
  const poolSize = Math.min(workers - 1, wanted);
  if (poolSize < 1 || !script) {
    // In this thread a render cannot be stopped half-way; it finishes, then nothing more starts.
    for (const task of tasks) {
      if (signal?.aborted) return;
      options.onResult(task, await runSafely(task, runRenderTask));
    }
    return;
  }
  if (signal?.aborted) return;
  const { default: workerpool } = await import('workerpool');
  // This thread renders too: it starts at once, while each worker still starts, and together they use the cores.
  const pool = workerpool.pool(script, {
    workerType: 'thread',
    minWorkers: poolSize,
    maxWorkers: poolSize,
    workerTerminateTimeout: 1000,
    workerThreadOpts: { resourceLimits: options.resourceLimits ?? renderResourceLimits },
  });
  // Stopping: terminating the pool stops the workers mid-task and rejects every queued task.
  let destroying: Promise<void> | undefined;
  const destroy = () => (destroying ??= new Promise<void>((resolve) => void pool.terminate(true).then(() => resolve(), () => resolve())));
  signal?.addEventListener('abort', destroy, { once: true });
  const queue = [...tasks];
  const consume = async (run: (task: RenderTask) => Promise<RenderTaskResult>) => {
    for (let task = queue.shift(); task && !signal?.aborted; task = queue.shift()) {
      const result = await runSafely(task, run, options.resourceLimits);
      // After a stop, a handout this thread still finished (it cannot stop mid-render) was written
      // whole and counts as built; one whose worker was stopped is not reported at all.
      if (!signal?.aborted || !hasErrors(result.diagnostics)) options.onResult(task, result);
    }
  };
  try {
    await Promise.all([consume(runRenderTask), ...Array.from({ length: poolSize }, () => consume((task) => new Promise<RenderTaskResult>((resolve, reject) => void pool.exec('render', [task]).then(resolve, reject))))]);
  } finally {
    signal?.removeEventListener('abort', destroy);
    await destroy();
  }
}

/** A task that throws (a bug, or a worker that died) fails that handout only; the others finish. */
async function runSafely(task: RenderTask, run: (task: RenderTask) => Promise<RenderTaskResult>, limits?: ResourceLimits): Promise<RenderTaskResult> {
  try {
    return await run(task);
  } catch (error) {
    return { outputs: [], milliseconds: 0, diagnostics: [renderFailure(task.file, error, limits)] };
  }
}
