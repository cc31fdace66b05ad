import { availableParallelism } from 'node:os';
import { hasErrors } from '../shared/diagnostic.js';
import { runRenderTask, type RenderTask, type RenderTaskResult } from './render-task.js';
import { poolWorkerVariable, workerLaunch } from './worker-launch.js';
import { temporaryOwner, temporaryOwnerVariable } from './write-atomic.js';

/**
 * A worker pays for its start only with enough handouts of its own. A worker process started from the
 * snapshot is ready in about 0.1 s, but its code is cold: its first handouts take several times longer,
 * on a core that this process's garbage collector and compiler threads also use. A worker thread
 * (without the snapshot) also loads every module and font again, about 1.3 s of CPU. Measured on 2
 * cores: 40 handouts 2.88 s alone, 3.31 s with a worker process; 200 handouts 9.85 s alone, 8.56 s
 * with one. So one worker is started per so many handouts, up to one renderer per core.
 */
const handoutsPerWorker = { thread: 60, process: 30 };

export interface RunOptions {
  /**
   * Renderers at most (this thread and workers); default: `HANDOUT_WORKERS`, else one per core, with
   * workers only for big enough batches. Given here, it is used for any batch. 1 renders in this thread.
   */
  workers?: number;
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
  const launch = workerLaunch();
  const { signal } = options;
  // An explicit number (`--jobs`) is honoured for any batch; otherwise a worker needs enough handouts.
  const wanted = options.workers !== undefined ? tasks.length - 1 : Math.floor(tasks.length / handoutsPerWorker[launch?.type ?? 'thread']) - 1;
  const poolSize = Math.min(workers - 1, wanted);
  if (poolSize < 1 || !launch) {
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
  const pool = workerpool.pool(launch.script, {
    workerType: launch.type,
    minWorkers: poolSize,
    maxWorkers: poolSize,
    workerTerminateTimeout: 1000,
    ...(launch.type === 'process'
      ? {
          forkOpts: {
            execArgv: launch.execArgv,
            // Temporary files carry the owner's process id, so this process can remove those of a stopped worker.
            env: { ...process.env, [poolWorkerVariable]: '1', [temporaryOwnerVariable]: String(temporaryOwner()) },
          },
        }
      : {}),
  });
  // Stopping: terminating the pool stops the workers mid-task and rejects every queued task.
  let destroying: Promise<void> | undefined;
  const destroy = () => (destroying ??= new Promise<void>((resolve) => void pool.terminate(true).then(() => resolve(), () => resolve())));
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
    await Promise.all([consume(runRenderTask), ...Array.from({ length: poolSize }, () => consume((task) => new Promise<RenderTaskResult>((resolve, reject) => void pool.exec('render', [task]).then(resolve, reject))))]);
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
