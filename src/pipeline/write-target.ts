import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { readManifest, manifestFileName, manifestLockName } from './manifest.js';

/** Names the build writes in its output folder besides `<slug>.<format>`. */
const outputFolderFiles = new Set([manifestFileName, manifestLockName, 'index.html']);

/**
 * Why a file a command writes besides its handouts (`--report`, `pack --out`) must not be written
 * where it is asked for, if so: it would replace a dataset, a file in a data folder, a file the build
 * writes (a handout, the index, the manifest) or something that is not a regular file. Checked before
 * anything is built, so a mistyped path costs nothing.
 */
export async function unsafeWriteTarget(
  target: string,
  context: { option: string; inputs: readonly string[]; datasets: readonly string[]; outDir?: string },
): Promise<Diagnostic | undefined> {
  const file = await canonical(path.resolve(target));
  const refuse = (why: string, hint: string): Diagnostic => ({ severity: 'error', code: 'unsafe-output-path', message: `${context.option} ${target} would overwrite ${why}; nothing was built`, file: target, hint });
  for (const dataset of context.datasets) {
    if ((await canonical(path.resolve(dataset))) === file) return refuse('a dataset', `write it elsewhere, e.g. ${context.option} ${suggestion(context.option)}`);
  }
  for (const input of context.inputs) {
    const folder = await canonical(path.resolve(input));
    const info = await lstat(folder).catch(() => undefined);
    if (info?.isDirectory() && inside(file, folder)) return refuse(`a file in the data folder ${input}`, `write it outside the data folders, e.g. ${context.option} ${suggestion(context.option)}`);
  }
  if (context.outDir) {
    const outDir = await canonical(path.resolve(context.outDir));
    if (path.dirname(file) === outDir && (outputFolderFiles.has(path.basename(file)) || /\.(pdf|html)$/i.test(file))) {
      return refuse('a file the build writes in the output folder', `give the file another name, e.g. ${context.option} ${suggestion(context.option)}`);
    }
  }
  // A handout an earlier build wrote into that folder (as its manifest records).
  const { manifest } = await readManifest(path.dirname(file));
  const name = path.basename(file);
  if (outputFolderFiles.has(name) || Object.values(manifest.handouts).some((entry) => entry.outputs.some((output) => output.file === name))) {
    return refuse('a file a build wrote there', `give the file another name, e.g. ${context.option} ${suggestion(context.option)}`);
  }
  const info = await lstat(file).catch(() => undefined);
  if (info && !info.isFile()) return refuse('something that is not a regular file', 'name a new file or a regular file');
  return undefined;
}

function suggestion(option: string): string {
  return option === '--report' ? 'build-report.json' : 'class-pack.pdf';
}

function inside(file: string, folder: string): boolean {
  return file.startsWith(folder + path.sep);
}

/** The real path of `file`, or of its folder joined with its name when it does not exist yet. */
async function canonical(file: string): Promise<string> {
  const real = await realpath(file).catch(() => undefined);
  if (real) return real;
  const folder = await realpath(path.dirname(file)).catch(() => path.dirname(file));
  return path.join(folder, path.basename(file));
}
