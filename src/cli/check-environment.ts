import { UsageError } from './usage-error.js';

/** Latest time a JavaScript Date can hold, in seconds since 1970 (ECMAScript's ±8.64e15 ms). */
const maxEpochSeconds = 8.64e12;

/**
 * Environment variables the rendering commands read, checked like options: a value that cannot be
 * meant is refused with its name, rather than silently ignored or left to crash deep in a writer.
 */
export function checkRenderingEnvironment(environment: NodeJS.ProcessEnv = process.env): void {
  const workers = environment.HANDOUT_WORKERS;
  if (workers !== undefined && workers !== '' && (!/^\d+$/.test(workers.trim()) || Number(workers) < 1)) {
    throw new UsageError(`HANDOUT_WORKERS expects a whole number of at least 1 (got ${JSON.stringify(workers)}); unset it for one renderer per core`);
  }
  const epoch = environment.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '' && (!/^\d+$/.test(epoch.trim()) || Number(epoch) > maxEpochSeconds)) {
    throw new UsageError(`SOURCE_DATE_EPOCH expects whole seconds since 1970-01-01 UTC, e.g. 1767225600 (got ${JSON.stringify(epoch)})`);
  }
}
