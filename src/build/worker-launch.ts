import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * How the batch pool starts its workers. From dist/ they are worker threads running render-worker.js.
 * A CLI started from the startup snapshot sets `process`: each worker is a new process started from
 * the same snapshot, with modules, fonts and templates already loaded, in about a tenth of a second,
 * where a thread spends over a second of CPU loading them again.
 */
export type WorkerLaunch = { type: 'thread'; script: string } | { type: 'process'; script: string; execArgv: string[] };

let configured: WorkerLaunch | undefined;

export function useProcessWorkers(script: string, execArgv: string[]): void {
  configured = { type: 'process', script, execArgv };
}

/** How to start a worker, or nothing when there is no way (TypeScript sources run by tests or tsx). */
export function workerLaunch(): WorkerLaunch | undefined {
  if (configured) return configured;
  const script = fileURLToPath(new URL('./render-worker.js', import.meta.url));
  return existsSync(script) ? { type: 'thread', script } : undefined;
}

/** Set in the environment of worker processes: their snapshot entry then serves the pool instead of the CLI. */
export const poolWorkerVariable = 'HANDOUT_POOL_WORKER';
