/** Worker entry for batch builds (workerpool): each worker keeps its own theme and font caches. */
import { isMainThread } from 'node:worker_threads';
import workerpool from 'workerpool';
import { runRenderTask } from './render-task.js';

/** Serve render tasks to the pool; called in a worker thread or a worker process. */
export function serveRenderTasks(): void {
  workerpool.worker({ render: runRenderTask });
}

// Run as a worker thread's script; the snapshot bundle, which only includes this module, calls it itself.
if (!isMainThread) serveRenderTasks();
