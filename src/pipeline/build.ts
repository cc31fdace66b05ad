import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import { withSourcePositions } from '../load/load-dataset.js';
import { loadTheme } from '../templates/load-theme.js';
import type { Edition } from '../view/build-view-model.js';
import type { PageSize } from '../writers/pdf/write-pdf.js';
import { createDatasetCheck } from './check-dataset.js';
import { findDatasets } from './find-datasets.js';
import { handoutInputHash, themeFingerprint } from './fingerprint.js';
import { outputsIntact, readManifest, updateManifest, type ManifestEntry } from './manifest.js';
import { unsafeWriteTarget } from './write-target.js';
import type { OutputFormat } from './render-handout.js';
import type { RenderTask, RenderTaskResult } from './render-task.js';
import { startRenderers } from './run-tasks.js';
import { shareOf, type Shard } from './shard.js';
import { writeIndex } from './write-index.js';
import { prepareOutputFolder, removeTemporaryFiles } from './write-atomic.js';

export interface BuildOptions {
  /** Dataset files or folders; default `data/`. */
  inputs?: readonly string[];
  outDir?: string;
  formats?: readonly OutputFormat[];
  pageSize?: PageSize;
  landscape?: boolean;
  /** Theme name under templates/ or a theme folder path. */
  theme?: string;
  /** Editions to build per dataset; default the handout alone. */
  editions?: readonly Edition[];
  /** Worksheets and answer keys keep the detail sections. */
  includeDetails?: boolean;
  /** Rebuild even when nothing changed since the last build, and take over slugs another dataset made in the output folder. */
  force?: boolean;
  /** The JSON report's path (`--report`), checked before anything is built: it may not replace an input or an output. */
  report?: string;
  /** Build only this share of the datasets (`--shard 2/4`). */
  shard?: Shard;
  /** Renderers at most (this process and its workers); default one per core (or `HANDOUT_WORKERS`), workers only for big enough batches. */
  workers?: number;
  /** Called once the datasets are known, with how many will be rendered. */
  onStart?: (counts: { total: number; toRender: number }) => void;
  /** Called as each handout finishes, for progress output. */
  onHandout?: (result: HandoutResult) => void;
  /** Stops the build (Ctrl+C): nothing new starts, handouts in progress are dropped with their temporary files. */
  signal?: AbortSignal;
}

export interface OutputFile {
  format: OutputFormat;
  path: string;
  bytes: number;
  /** sha256 of the file's bytes. */
  sha256?: string;
  pages?: number;
}

export interface HandoutResult {
  file: string;
  slug?: string;
  edition?: Edition;
  title?: string;
  /** `skipped`: inputs unchanged since the last build, outputs still in place. */
  status: 'built' | 'skipped' | 'failed';
  /** Hash of the dataset, theme, fonts, options and tool version. */
  inputHash?: string;
  outputs: OutputFile[];
  diagnostics: Diagnostic[];
  milliseconds: number;
}

export interface BuildReport {
  handouts: HandoutResult[];
  /** Problems not tied to one dataset (a missing input path, an unknown theme). */
  diagnostics: Diagnostic[];
  ok: boolean;
  outDir: string;
  milliseconds: number;
  /** Set when `signal` stopped the build: its reason, and how many datasets were not built. */
  interrupted?: { reason: string; notBuilt: number };
}

/**
 * Builds handouts from datasets: load and check every dataset here (cheap, and slugs must be known
 * before anything is written), skip those whose inputs are unchanged, render the rest (on worker
 * threads for big batches) and record what was built in the output folder's manifest. A failing
 * dataset writes nothing and leaves its earlier outputs alone; the others still build.
 */
export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const started = performance.now();
  const outDir = path.resolve(options.outDir ?? 'output');
  const formats: OutputFormat[] = options.formats && options.formats.length > 0 ? [...new Set(options.formats)] : ['pdf', 'html'];
  const found = await findDatasets(options.inputs && options.inputs.length > 0 ? options.inputs : ['data']);
  const report: BuildReport = { handouts: [], diagnostics: [...found.diagnostics], ok: true, outDir, milliseconds: 0 };
  const finish = () => {
    report.ok = !hasErrors(report.diagnostics) && report.handouts.every((h) => h.status !== 'failed');
    report.milliseconds = performance.now() - started;
    return report;
  };
  const themeName = options.theme ?? 'default';
  const themeResult = await loadTheme(themeName);
  if (!themeResult.theme) {
    report.diagnostics.push(...themeResult.diagnostics);
    return finish();
  }
  const files = shareOf(found.files, (file) => path.relative(process.cwd(), path.resolve(file)), options.shard);
  if (found.files.length === 0 && found.diagnostics.length === 0) {
    report.diagnostics.push({ severity: 'error', code: 'no-datasets', message: 'no dataset files (.yaml, .yml, .json, .md) found', hint: 'put datasets in data/ or name them on the command line' });
  }
  if (options.report) {
    const problem = await unsafeWriteTarget(options.report, { option: '--report', inputs: options.inputs && options.inputs.length > 0 ? options.inputs : ['data'], datasets: found.files, outDir });
    if (problem) {
      report.diagnostics.push(problem);
      return finish();
    }
  }
  const fingerprint = await themeFingerprint(themeResult.theme, { exclude: [outDir] });
  const { manifest, diagnostics: manifestProblems } = await readManifest(outDir);
  report.diagnostics.push(...manifestProblems);
  if (hasErrors(manifestProblems)) return finish();
  const manifestChanges: Record<string, ManifestEntry> = {};
  const renderOptions = { formats, pageSize: options.pageSize ?? 'A4', landscape: options.landscape === true, theme: themeResult.theme.directory };

  const tasks: RenderTask[] = [];
  const pending = new Map<RenderTask, HandoutResult>();
  const checker = createDatasetCheck({ theme: themeResult.theme, formats });
  const emit = (result: HandoutResult) => {
    report.handouts.push(result);
    options.onHandout?.(result);
  };
  const prepared: { result: HandoutResult; task?: RenderTask }[] = [];
  let filesRead = 0;
  const onResult = (task: RenderTask, outcome: RenderTaskResult) => {
    const result = pending.get(task)!;
    result.diagnostics.push(...outcome.diagnostics);
    result.outputs = outcome.outputs;
    result.milliseconds += outcome.milliseconds;
    result.status = hasErrors(outcome.diagnostics) ? 'failed' : 'built';
    if (result.status === 'built' && result.slug && result.inputHash) {
      manifestChanges[outputBaseName(result.slug, task.edition)] = {
        dataset: path.relative(outDir, path.resolve(task.file)),
        hash: result.inputHash,
        outputs: result.outputs.map((o) => ({ format: o.format, file: path.basename(o.path), bytes: o.bytes, sha256: o.sha256 ?? '', ...(o.pages !== undefined ? { pages: o.pages } : {}) })),
      };
    }
    emit(result);
  };
  // Each dataset is read and checked in a function of its own: what the loader builds (the parsed
  // source and its positions, hundreds of megabytes for the largest datasets) is let go when it
  // returns, rather than kept alive by this function while it waits for the renders.
  const prepareFile = async (file: string) => {
    const result: HandoutResult = { file, status: 'failed', outputs: [], diagnostics: [], milliseconds: 0 };
    const loadStarted = performance.now();
    const checked = await checker.checkFile(file);
    result.diagnostics.push(...checked.diagnostics);
    const dataset = checked.loaded;
    if (dataset) {
      result.slug = dataset.slug;
      result.title = dataset.dataset.title;
      if (!hasErrors(result.diagnostics) && !options.force) {
        const owner = await otherOwner(outDir, manifest.handouts, dataset.slug, file);
        if (owner) result.diagnostics.push(...withSourcePositions([ownedSlugProblem(file, dataset.slug, owner, outDir, dataset.dataset.slug !== undefined)], dataset));
      }
    }
    result.milliseconds = performance.now() - loadStarted;
    if (!dataset || !checked.ok || hasErrors(result.diagnostics)) {
      prepared.push({ result });
      return;
    }
    const editions: Edition[] = options.editions && options.editions.length > 0 ? [...new Set(options.editions)] : ['handout'];
    for (const [index, edition] of editions.entries()) {
      const editionResult: HandoutResult = index === 0 ? result : { ...result, diagnostics: [...result.diagnostics], outputs: [], milliseconds: 0 };
      editionResult.edition = edition;
      const base = outputBaseName(dataset.slug, edition);
      const targets = Object.fromEntries(formats.map((format) => [format, outputPath(outDir, base, format)])) as RenderTask['targets'];
      const editionOptions = { ...renderOptions, edition, includeDetails: edition !== 'handout' && options.includeDetails === true };
      editionResult.inputHash = handoutInputHash({ datasetText: dataset.text, themeFingerprint: fingerprint, options: editionOptions });
      const previous = manifest.handouts[base];
      if (!options.force && previous && previous.hash === editionResult.inputHash && (await outputsIntact(outDir, previous.outputs))) {
        editionResult.status = 'skipped';
        editionResult.outputs = previous.outputs.map((o) => ({ format: o.format as OutputFormat, path: path.join(outDir, o.file), bytes: o.bytes, ...(o.pages !== undefined ? { pages: o.pages } : {}) }));
        prepared.push({ result: editionResult });
        continue;
      }
      const task: RenderTask = { file, slug: dataset.slug, dataset: dataset.dataset, themeFingerprint: fingerprint, ...editionOptions, targets };
      tasks.push(task);
      renderers.expect(tasks.length);
      pending.set(task, editionResult);
      prepared.push({ result: editionResult, task });
    }
  };
  // Workers start as soon as enough handouts are known to need rendering: they load while the rest
  // of the datasets are read and checked here.
  const renderers = startRenderers({
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onResult,
  });
  // Node waits for V8's background compilation whenever its event loop runs out of work, as it does
  // between two steps of a render that are only promises. The WebAssembly that subsets the HTML's
  // fonts is optimised in the background for about half a second after its first use: without a
  // pending timer the build sat idle for it, with one that compilation overlaps the PDF's layout.
  const keepLoopBusy = setInterval(() => undefined, 3_600_000);
  try {
    for (const file of files) {
      if (options.signal?.aborted) break;
      filesRead++;
      await prepareFile(file);
    }
    options.onStart?.({ total: prepared.length, toRender: tasks.length });
    for (const { result, task } of prepared) if (!task) emit(result);
    // An output folder that cannot take files: one clear error, before any rendering.
    const folderProblem = tasks.length > 0 && !options.signal?.aborted ? await prepareOutputFolder(outDir) : undefined;
    if (folderProblem) {
      report.diagnostics.push(folderProblem);
      for (const task of tasks.splice(0)) {
        emit({ ...pending.get(task)!, diagnostics: [{ severity: 'error', code: 'not-built', message: 'the output folder cannot be used (see below)', file: task.file, hint: 'fix the output folder and build again' }] });
      }
    }
    await renderers.run(tasks);
  } finally {
    clearInterval(keepLoopBusy);
    // Stops a pool started for tasks that never ran (a build that ended early).
    await renderers.close();
  }
  if (Object.keys(manifestChanges).length > 0) {
    try {
      await updateManifest(outDir, { set: manifestChanges });
    } catch {
      // Without a manifest the next build simply renders everything again.
    }
  }
  if (options.signal?.aborted) {
    removeTemporaryFiles([outDir]);
    // A worker stopped mid-write may have a file creation still in flight in the thread pool.
    await new Promise((resolve) => setTimeout(resolve, 100));
    removeTemporaryFiles([outDir]);
    // Not built: the tasks that never reported, and every edition of the files not even read.
    const reported = new Set(report.handouts);
    const unreported = tasks.filter((task) => !reported.has(pending.get(task)!)).length;
    const editionCount = options.editions && options.editions.length > 0 ? new Set(options.editions).size : 1;
    report.interrupted = { reason: String(options.signal.reason ?? 'aborted'), notBuilt: unreported + (files.length - filesRead) * editionCount };
    return { ...finish(), ok: false };
  }
  // `<out>/index.html` lists every handout HTML in the folder, this run's and earlier ones (write-index.ts).
  if (report.handouts.some((h) => h.status !== 'failed' && h.outputs.some((o) => o.format === 'html'))) report.diagnostics.push(...(await writeIndex(outDir, themeResult.theme, renderOptions.pageSize)).diagnostics);
  return finish();
}

/**
 * The dataset other than `file` that made a handout with this slug in the output folder (any edition),
 * as the manifest records it, if that dataset still exists: building over its files would silently
 * replace another topic's handout.
 */
async function otherOwner(outDir: string, handouts: Record<string, ManifestEntry>, slug: string, file: string): Promise<string | undefined> {
  const self = await canonical(path.resolve(file));
  for (const [key, entry] of Object.entries(handouts)) {
    if (key !== slug && !key.startsWith(`${slug}.`)) continue;
    if (key !== slug && !(['worksheet', 'answers'] as string[]).includes(key.slice(slug.length + 1))) continue;
    const owner = path.resolve(outDir, entry.dataset);
    if ((await canonical(owner)) === self) continue;
    if (await realpath(owner).then(() => true, () => false)) return owner;
  }
  return undefined;
}

async function canonical(file: string): Promise<string> {
  return realpath(file).catch(() => file);
}

function ownedSlugProblem(file: string, slug: string, owner: string, outDir: string, explicit: boolean): Diagnostic {
  const shown = (target: string) => path.relative(process.cwd(), target) || target;
  return {
    severity: 'error',
    code: 'duplicate-slug',
    message: `slug \`${slug}\` in ${shown(outDir)}/ was built from ${shown(owner)}; building ${shown(file)} there would replace that handout`,
    file,
    ...(explicit ? { path: 'slug' } : {}),
    hint: `give one of the datasets another ${explicit ? '`slug:`' : 'file name or a `slug:`'}, build into another --out, or use --force to replace it`,
  };
}

/** `cells` → `cells` (handout), `cells.worksheet`, `cells.answers`. */
export function outputBaseName(slug: string, edition: Edition): string {
  return edition === 'handout' ? slug : `${slug}.${edition}`;
}

/** `<out>/<slug>.<format>`; the slug is validated, and this refuses anything that would leave `out`. */
export function outputPath(outDir: string, slug: string, format: OutputFormat): string {
  const target = path.resolve(outDir, `${slug}.${format}`);
  if (path.dirname(target) !== path.resolve(outDir)) throw new Error(`slug ${JSON.stringify(slug)} would write outside the output folder`);
  return target;
}
