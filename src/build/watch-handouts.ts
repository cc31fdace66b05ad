import path from 'node:path';
import { themeDirectory } from '../templates/load-theme.js';
import { sourceFormatOf } from '../load/parse-source.js';
import { build, type BuildOptions, type BuildReport, type HandoutResult } from './build.js';

export interface WatchOptions {
  inputs: readonly string[];
  build: Omit<BuildOptions, 'inputs' | 'onHandout'>;
  onHandout: (result: HandoutResult) => void;
  onBuilt: (report: BuildReport) => void;
}

/** Settle time: editors write a file in several steps; one rebuild per burst of changes. */
const debounceMilliseconds = 120;

/**
 * Builds once, then rebuilds on change: a changed dataset rebuilds that handout, a changed theme file
 * rebuilds all (the incremental manifest decides what really changed). Errors are reported, and
 * watching goes on; a deleted dataset removes nothing.
 */
export async function watchHandouts(options: WatchOptions): Promise<{ watched: string[]; close(): Promise<void> }> {
  const { watch } = await import('chokidar');
  const themeDir = themeDirectory(options.build.theme ?? 'default');
  const watched = [...options.inputs.map((input) => path.resolve(input)), themeDir];
  let running: Promise<void> = Promise.resolve();
  const changedDatasets = new Set<string>();
  let themeChanged = false;
  let timer: NodeJS.Timeout | undefined;

  const runBuild = (inputs: readonly string[]) => {
    running = running.then(async () => {
      try {
        options.onBuilt(await build({ ...options.build, inputs, onHandout: options.onHandout }));
      } catch (error) {
        process.stderr.write(`handout: rebuild failed: ${(error as Error).message}\n`);
      }
    });
    return running;
  };
  const flush = () => {
    timer = undefined;
    if (themeChanged) {
      themeChanged = false;
      changedDatasets.clear();
      void runBuild(options.inputs);
    } else if (changedDatasets.size > 0) {
      const inputs = [...changedDatasets];
      changedDatasets.clear();
      void runBuild(inputs);
    }
  };
  const onChange = (file: string) => {
    const absolute = path.resolve(file);
    if (absolute.startsWith(themeDir + path.sep)) themeChanged = true;
    else if (sourceFormatOf(absolute)) changedDatasets.add(absolute);
    // A comparison table file (`table: x.csv`) belongs to whichever datasets name it: rebuild all, unchanged ones are skipped.
    else if (/\.(csv|tsv)$/i.test(absolute)) themeChanged = true;
    else return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMilliseconds);
  };

  await runBuild(options.inputs);
  const watcher = watch(watched, { ignoreInitial: true, awaitWriteFinish: false, ignored: (file) => /(^|[\\/])\.|node_modules/.test(path.basename(file)) });
  watcher.on('add', onChange).on('change', onChange);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    watched,
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
