import { availableParallelism } from 'node:os';
import type { Pool } from 'workerpool';
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
  const renderers = startRenderers(options);
  renderers.expect(tasks.length);
  await renderers.run(tasks);
}

/** Renderers for a batch whose tasks are still being found: see `startRenderers`. */
export interface Renderers {
  /** So many tasks are known so far: starts the pool once that is enough work for a worker. */
  expect(count: number): void;
  /** Renders `tasks` (this thread, and the pool if started), then stops the pool. */
  run(tasks: readonly RenderTask[]): Promise<void>;
  /** Stops the pool without rendering (the build ended early); `run` does this itself. */
  close(): Promise<void>;
}

/**
 * Renderers that can start their workers while the build is still reading and checking datasets: a
 * worker takes a task only once it has loaded its modules and told this thread so, and this thread
 * hears it only between two of its own renders. Started as soon as the batch is known to be big
 * enough, a worker loads while this thread still reads datasets, and takes its first task at once.
 */
export function startRenderers(options: RunOptions): Renderers {
  const workers = Math.max(1, options.workers ?? (Number(process.env.HANDOUT_WORKERS) || availableParallelism()));
  // From TypeScript sources (tests, tsx) there is no compiled worker file: render in this thread.
  const script = options.workerScript ?? workerScript();
  const { signal } = options;
  // An explicit number (`--jobs`) is honoured for any batch; otherwise a worker needs enough handouts.
  const poolSizeFor = (count: number) => (script ? Math.min(workers - 1, options.workers !== undefined ? count - 1 : Math.floor(count / handoutsPerWorker) - 1) : 0);
  let pool: Promise<Pool> | undefined;
  let destroying: Promise<void> | undefined;
  const destroy = () => (destroying ??= pool ? pool.then((started) => started.terminate(true)).then(() => undefined, () => undefined) : Promise.resolve());
  const startPool = (size: number) => {
    if (pool || destroying || size < 1 || signal?.aborted) return;
    // workerpool is loaded only for a batch that uses it.
    pool = import('workerpool').then(({ default: workerpool }) =>
      workerpool.pool(script!, {
        workerType: 'thread',
        minWorkers: size,
        maxWorkers: workers - 1,
        workerTerminateTimeout: 1000,
        workerThreadOpts: { resourceLimits: options.resourceLimits ?? renderResourceLimits },
      }),
    );
    // Stopping: terminating the pool stops the workers mid-task and rejects every queued task.
    signal?.addEventListener('abort', destroy, { once: true });
  };
  return {
    expect: (count) => startPool(poolSizeFor(count)),
    close: async () => {
      signal?.removeEventListener('abort', destroy);
      await destroy();
    },
    async run(tasks) {
      // After `close`, this thread renders alone.
      const poolSize = destroying ? 0 : poolSizeFor(tasks.length);
      try {
        if (poolSize < 1) {
          // In this thread a render cannot be stopped half-way; it finishes, then nothing more starts.
          for (const task of tasks) {
            if (signal?.aborted) return;
            options.onResult(task, await runSafely(task, runRenderTask));
          }
          return;
        }
        if (signal?.aborted) return;
        startPool(poolSize);
        const running = await pool!;
        if (signal?.aborted) return;
        const queue = [...tasks];
        const consume = async (run: (task: RenderTask) => Promise<RenderTaskResult>) => {
          for (let task = queue.shift(); task && !signal?.aborted; task = queue.shift()) {
            const result = await runSafely(task, run, options.resourceLimits);
            // After a stop, a handout this thread still finished (it cannot stop mid-render) was written
            // whole and counts as built; one whose worker was stopped is not reported at all.
            if (!signal?.aborted || !hasErrors(result.diagnostics)) options.onResult(task, result);
          }
        };
        // This thread renders too: it starts at once, while each worker still starts, and together they use the cores.
        await Promise.all([consume(runRenderTask), ...Array.from({ length: poolSize }, () => consume((task) => new Promise<RenderTaskResult>((resolve, reject) => void running.exec('render', [task]).then(resolve, reject))))]);
      } finally {
        signal?.removeEventListener('abort', destroy);
        await destroy();
      }
    },
  };
}

/** A task that throws (a bug, or a worker that died) fails that handout only; the others finish. */
async function runSafely(task: RenderTask, run: (task: RenderTask) => Promise<RenderTaskResult>, limits?: ResourceLimits): Promise<RenderTaskResult> {
  try {
    return await run(task);
  } catch (error) {
    return { outputs: [], milliseconds: 0, diagnostics: [renderFailure(task.file, error, limits)] };
  }
}
