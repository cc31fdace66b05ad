import { Worker } from 'node:worker_threads';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataset, loadDatasetText, type LoadedDataset, type LoadResult } from '../load/load-dataset.js';

/**
 * Dataset files from this size are loaded on a worker thread of their own: parsing and validating a
 * 10 MB file allocates several hundred megabytes that are garbage once it is loaded, and this thread,
 * which then waits while the handout renders, would hold them until its next collection, beside the
 * render's own memory. A worker's memory goes when it ends; only the loaded dataset comes back.
 */
export const largeDatasetBytes = 1024 * 1024;

/** `loadDataset`, on a worker thread for a large file (see largeDatasetBytes). Same result, same messages. */
export async function loadDatasetApart(file: string): Promise<LoadResult> {
  const script = loadWorkerScript();
  const size = fileSize(file);
  if (!script || size < largeDatasetBytes) return loadDataset(file);
  const result = await new Promise<LoadResult | Error>((resolve) => {
    const worker = new Worker(script, { workerData: { file } });
    worker.once('message', (message: LoadResult) => resolve(message));
    worker.once('error', (error) => resolve(error));
    worker.once('exit', (code) => resolve(new Error(`the loading thread stopped (exit code ${code})`)));
  });
  if (result instanceof Error) {
    return {
      file,
      diagnostics: [{ severity: 'error', code: 'internal-error', message: `loading failed unexpectedly: ${result.message}`, file, hint: 'this is a bug in handout; please report it with this dataset' }],
    };
  }
  if (!result.loaded) return result;
  return { ...result, loaded: withLocator(result.loaded as Omit<LoadedDataset, 'locate'>) };
}

/**
 * Positions are needed only for a problem found after loading (a slug taken, a character no font
 * has): the text is then parsed again here, once, for them.
 */
function withLocator(loaded: Omit<LoadedDataset, 'locate'>): LoadedDataset {
  let again: LoadResult | undefined;
  const content = loaded.text.split('\u0000')[0]!;
  return { ...loaded, locate: (path, options) => (again ??= loadDatasetText(content, loaded.file)).loaded?.locate(path, options) };
}

function fileSize(file: string): number {
  try {
    const info = statSync(file);
    return info.isFile() ? info.size : 0;
  } catch {
    return 0;
  }
}

/** The compiled load-worker.js next to this module; none when running from the TypeScript sources (tests, tsx). */
function loadWorkerScript(): string | undefined {
  const script = fileURLToPath(new URL('./load-worker.js', import.meta.url));
  return existsSync(script) ? script : undefined;
}
