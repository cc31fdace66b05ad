import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadTheme, themeDirectory } from '../templates/load-theme.js';
import { parseSource, sourceFormatOf } from '../load/parse-source.js';
import { namedTableFile } from '../load/resolve-table-file.js';
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
 * Builds once, then rebuilds on change: a changed dataset rebuilds that handout; a changed file of the
 * theme (its folder, the folders of the themes it extends, its font files) reloads the theme and
 * rebuilds every handout watched (the theme's fingerprint changes, so none is taken for unchanged).
 * The output folder is never watched, even inside the theme folder: writing outputs starts nothing.
 * A dataset file named on its own is watched with the table file its `table:` names (a folder is
 * watched whole, tables included). Errors are reported, and watching goes on; a deleted dataset
 * removes nothing.
 */
export async function watchHandouts(options: WatchOptions): Promise<{ watched: string[]; close(): Promise<void> }> {
  const { watch } = await import('chokidar');
  const themeDir = themeDirectory(options.build.theme ?? 'default');
  const outDir = path.resolve(options.build.outDir ?? 'output');
  const inside = (file: string, folder: string) => file === folder || file.startsWith(folder + path.sep);
  const themeFiles = new Set<string>([themeDir]);
  const addThemeFiles = async () => {
    const { theme } = await loadTheme(options.build.theme ?? 'default');
    const added: string[] = [];
    for (const file of [...(theme?.sourceDirectories ?? []), ...Object.values(theme?.fontFiles ?? {}).flatMap((faces) => Object.values(faces))]) {
      if (!themeFiles.has(file)) added.push(file);
      themeFiles.add(file);
    }
    return added;
  };
  await addThemeFiles();
  const isThemeFile = (file: string) => [...themeFiles].some((themeFile) => inside(file, themeFile));
  const outDirHoldsNoInput = !options.inputs.some((input) => inside(path.resolve(input), outDir));
  const watched = () => [...options.inputs.map((input) => path.resolve(input)), ...themeFiles, ...tableFiles];
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
  // The table files named by the dataset files given on their own; a changed dataset may name another.
  const tableFiles = new Set<string>();
  const addTableFiles = async () => {
    const added: string[] = [];
    for (const input of options.inputs) {
      const file = path.resolve(input);
      const format = sourceFormatOf(file);
      if (!format || !(await stat(file).then((info) => info.isFile(), () => false))) continue;
      const text = await readFile(file, 'utf8').catch(() => undefined);
      const { source } = text === undefined ? {} : parseSource(text, format, file);
      const table = source ? namedTableFile(source, file) : undefined;
      if (table && !tableFiles.has(table)) {
        tableFiles.add(table);
        added.push(table);
      }
    }
    return added;
  };
  const flush = () => {
    timer = undefined;
    if (themeChanged) {
      themeChanged = false;
      changedDatasets.clear();
      // A theme that now extends another, or names other fonts: those are watched from now on.
      running = running.then(async () => {
        const added = await addThemeFiles();
        if (added.length > 0) watcher.add(added);
      });
      void runBuild(options.inputs);
    } else if (changedDatasets.size > 0) {
      const inputs = [...changedDatasets];
      changedDatasets.clear();
      running = running.then(async () => {
        const added = await addTableFiles();
        if (added.length > 0) watcher.add(added);
      });
      void runBuild(inputs);
    }
  };
  const onChange = (file: string) => {
    const absolute = path.resolve(file);
    // Files in the output folder are written by the build: never a theme change (that would loop).
    if (isThemeFile(absolute) && !inside(absolute, outDir)) themeChanged = true;
    else if (sourceFormatOf(absolute) && options.inputs.some((input) => inside(absolute, path.resolve(input)))) changedDatasets.add(absolute);
    // A comparison table file (`table: x.csv`) belongs to whichever datasets name it: rebuild all, unchanged ones are skipped.
    else if (/\.(csv|tsv)$/i.test(absolute) && !inside(absolute, outDir)) themeChanged = true;
    else return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMilliseconds);
  };

  await runBuild(options.inputs);
  await addTableFiles();
  const watcher = watch(watched(), {
    ignoreInitial: true,
    awaitWriteFinish: false,
    ignored: (file) => /(^|[\\/])\.|node_modules/.test(path.basename(file)) || (outDirHoldsNoInput && inside(path.resolve(file), outDir)),
  });
  watcher.on('add', onChange).on('change', onChange);
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    watched: watched(),
    async close() {
      if (timer) clearTimeout(timer);
      await watcher.close();
      await running;
    },
  };
}
