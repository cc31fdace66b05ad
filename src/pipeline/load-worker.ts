/** Worker thread entry that loads one large dataset (see loadDatasetApart) and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadDataset } from '../load/load-dataset.js';

const { file } = workerData as { file: string };
const { loaded, ...result } = await loadDataset(file);
// Everything but the source locator, which is a function: the receiver makes its own.
parentPort!.postMessage(loaded ? { ...result, loaded: { file: loaded.file, slug: loaded.slug, dataset: loaded.dataset, text: loaded.text } } : result);
