import { availableParallelism } from 'node:os';
import type { Pool } from 'workerpool';
import { hasErrors } from '../shared/diagnostic.js';
import { runRenderTask, type RenderTask, type RenderTaskResult } from './render-task.js';
import { workerScript } from './worker-launch.js';
import { removeTemporariesOf } from './write-atomic.js';
import { isLargeDataset, renderFailure, renderResourceLimits } from './render-limits.js';
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
 * than one core, otherwise on this thread alone. A large handout (see `isLargeDataset`) always renders
 * on a worker of its own, one at a time, where its heap is bounded. Results are reported as each task
 * finishes.
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
  // The worker for large handouts: started for the first one, one such render at a time.
  let largePool: Promise<Pool> | undefined;
  let destroying: Promise<void> | undefined;
  const limits = options.resourceLimits ?? renderResourceLimits;
  const newPool = (size: number, maxWorkers: number) =>
    // workerpool is loaded only for a build that uses it.
    import('workerpool').then(({ default: workerpool }) =>
      workerpool.pool(script!, { workerType: 'thread', minWorkers: size, maxWorkers, workerTerminateTimeout: 1000, workerThreadOpts: { resourceLimits: limits } }),
    );
  const destroy = () =>
    (destroying ??= Promise.all([pool, largePool].map((started) => started?.then((running) => running.terminate(true)))).then(
      () => undefined,
      () => undefined,
    ));
  const startPool = (size: number) => {
    if (pool || destroying || size < 1 || signal?.aborted) return;
    pool = newPool(size, workers - 1);
    // Stopping: terminating the pool stops the workers mid-task and rejects every queued task.
    signal?.addEventListener('abort', destroy, { once: true });
  };
  const onWorker = (started: Promise<Pool>) => (task: RenderTask) => started.then((running) => new Promise<RenderTaskResult>((resolve, reject) => void running.exec('render', [task]).then(resolve, reject)));
  const renderLarge = (task: RenderTask) => {
    if (!largePool) {
      largePool = newPool(1, 1);
      signal?.addEventListener('abort', destroy, { once: true });
    }
    return onWorker(largePool)(task);
  };
  /**
   * Renders the tasks `next` gives, one after another, reporting each; none starts once aborted. After
   * a stop, a handout this thread still finished (it cannot stop mid-render) was written whole and
   * counts as built; one whose worker was stopped is not reported at all.
   */
  const renderInTurn = async (next: () => RenderTask | undefined, render: (task: RenderTask) => Promise<RenderTaskResult>, onWorkers: boolean, large = false) => {
    for (let task = next(); task && !signal?.aborted; task = next()) {
      const result = await runSafely(task, render, limits, large);
      if (!onWorkers || !signal?.aborted || !hasErrors(result.diagnostics)) options.onResult(task, result);
    }
  };
  return {
    expect: (count) => startPool(poolSizeFor(count)),
    close: async () => {
      signal?.removeEventListener('abort', destroy);
      await destroy();
    },
    async run(tasks) {
      // After `close`, this thread renders alone.
      const large = script && !destroying ? tasks.filter((task) => isLargeDataset(task.dataset)) : [];
      const others = large.length > 0 ? tasks.filter((task) => !large.includes(task)) : tasks;
      const poolSize = destroying ? 0 : poolSizeFor(others.length);
      try {
        if (signal?.aborted) return;
        const largeInTurn = () => renderInTurn(inOrder(large), renderLarge, true, true);
        if (poolSize < 1) {
          if (workers === 1) {
            // One renderer asked for: a large handout waits its turn on its worker.
            for (const task of tasks) await renderInTurn(inOrder([task]), large.includes(task) ? renderLarge : runRenderTask, large.includes(task), large.includes(task));
          } else {
            await Promise.all([largeInTurn(), renderInTurn(inOrder(others), runRenderTask, false)]);
          }
          return;
        }
        startPool(poolSize);
        const next = inOrder(others);
        // This thread renders too: it starts at once, while each worker still starts, and together they use the cores.
        await Promise.all([largeInTurn(), renderInTurn(next, runRenderTask, false), ...Array.from({ length: poolSize }, () => renderInTurn(next, onWorker(pool!), true))]);
      } finally {
        signal?.removeEventListener('abort', destroy);
        await destroy();
      }
    },
  };
}

/** The tasks of `tasks` one by one, then undefined; several consumers may share one. */
function inOrder(tasks: readonly RenderTask[]): () => RenderTask | undefined {
  let index = 0;
  return () => tasks[index++];
}

/** A task that throws (a bug, or a worker that died) fails that handout only; the others finish. `large`: see renderFailure. */
async function runSafely(task: RenderTask, run: (task: RenderTask) => Promise<RenderTaskResult>, limits?: ResourceLimits, large = false): Promise<RenderTaskResult> {
  try {
    return await run(task);
  } catch (error) {
    // A worker that died mid-render left the temporary file its PDF was going into.
    removeTemporariesOf(Object.values(task.targets));
    return { outputs: [], milliseconds: 0, diagnostics: [renderFailure(task.file, error, limits, large)] };
  }
}
