import { createHash, type Hash } from 'node:crypto';
import type { Dataset } from '../load/dataset-schema.js';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import type { Theme } from '../templates/theme.js';
import type { PageSize } from '../writers/pdf/write-pdf.js';
import type { Edition } from '../view/build-view-model.js';
import { renderOwnedHandout, type OutputFormat } from './render-handout.js';
import { stageFile, writeAllAtomic, type StagedFile } from './write-atomic.js';

/** One handout to render and write: plain data, so it can cross to a worker thread. */
export interface RenderTask {
  file: string;
  slug: string;
  dataset: Dataset;
  theme: string;
  /** The theme's fingerprint when the build read it: a changed theme is loaded again, not taken from the cache. */
  themeFingerprint: string;
  formats: OutputFormat[];
  pageSize: PageSize;
  landscape: boolean;
  edition: Edition;
  includeDetails: boolean;
  /** Target path per format, decided (and checked to stay inside the output folder) by the build. */
  targets: Partial<Record<OutputFormat, string>>;
}

export interface RenderTaskResult {
  /** `sha256`: of the bytes written, recorded in the manifest. */
  outputs: { format: OutputFormat; path: string; bytes: number; sha256: string; pages?: number }[];
  diagnostics: Diagnostic[];
  milliseconds: number;
}

// Themes (templates compiled, fonts parsed) are loaded once per process or worker, not per handout,
// and again when their files change (a long `watch`): keyed by folder and fingerprint.
const themes = new Map<string, { fingerprint: string; loading: Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> }>();

/**
 * Render one handout, then write its files (the PDF into its temporary file as it is drawn); a
 * failure writes nothing. The task is used up: its dataset is handed to the renderer (and let go
 * early, see renderOwnedHandout).
 */
export async function runRenderTask(task: RenderTask): Promise<RenderTaskResult> {
  const started = performance.now();
  const done = (result: Omit<RenderTaskResult, 'milliseconds'>): RenderTaskResult => ({ ...result, milliseconds: performance.now() - started });
  let cached = themes.get(task.theme);
  if (!cached || cached.fingerprint !== task.themeFingerprint) {
    cached = { fingerprint: task.themeFingerprint, loading: loadTheme(task.theme) };
    themes.set(task.theme, cached);
  }
  const { theme, diagnostics: themeProblems } = await cached.loading;
  if (!theme) return done({ outputs: [], diagnostics: themeProblems });
  // The task hands its dataset over: the renderer lets go of it as soon as it can.
  const owned = { file: task.file, slug: task.slug, dataset: task.dataset };
  delete (task as Partial<RenderTask>).dataset;
  const options = { formats: task.formats, pageSize: task.pageSize, ...(task.landscape ? { landscape: true } : {}), edition: task.edition, includeDetails: task.includeDetails };
  // The PDF goes to its temporary file as it is drawn, hashed on the way; it is committed with the
  // other outputs below, or removed.
  let pdfFile: { staged: StagedFile; hash: Hash; bytes: number } | undefined;
  try {
    if (task.formats.includes('pdf') && task.targets.pdf) pdfFile = { staged: await stageFile(task.targets.pdf), hash: createHash('sha256'), bytes: 0 };
  } catch (error) {
    return done({ outputs: [], diagnostics: writeFailed(task.file, error, []) });
  }
  let rendered: Awaited<ReturnType<typeof renderOwnedHandout>>;
  try {
    const sink = pdfFile;
    rendered = sink
      ? await renderOwnedHandout(owned, theme, options, (block) => {
          sink.staged.write(block);
          sink.hash.update(block);
          sink.bytes += block.byteLength;
        })
      : await renderOwnedHandout(owned, theme, options);
  } catch (error) {
    pdfFile?.staged.discard();
    const code = (error as NodeJS.ErrnoException).code;
    // Writing the PDF's temporary file failed mid-way (a full disk): the same message as any other write.
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return done({ outputs: [], diagnostics: writeFailed(task.file, error, []) });
    throw error;
  }
  if (hasErrors(rendered.diagnostics)) {
    pdfFile?.staged.discard();
    return done({ outputs: [], diagnostics: rendered.diagnostics });
  }
  const outputs: RenderTaskResult['outputs'] = [];
  const files: ({ path: string; data: Uint8Array | string } | StagedFile)[] = [];
  if (rendered.pdf && pdfFile) {
    files.push(pdfFile.staged);
    outputs.push({ format: 'pdf', path: pdfFile.staged.path, bytes: pdfFile.bytes, sha256: pdfFile.hash.digest('hex'), pages: rendered.pdf.pageCount });
  } else {
    pdfFile?.staged.discard();
  }
  if (rendered.html !== undefined && task.targets.html) {
    files.push({ path: task.targets.html, data: rendered.html });
    outputs.push({ format: 'html', path: task.targets.html, bytes: Buffer.byteLength(rendered.html), sha256: sha256(rendered.html) });
  }
  try {
    await writeAllAtomic(files);
  } catch (error) {
    return done({ outputs: [], diagnostics: writeFailed(task.file, error, rendered.diagnostics) });
  }
  return done({ outputs, diagnostics: rendered.diagnostics });
}

/** The outputs could not be written; `earlier`: the render's own (non-fatal) problems, kept in front. */
function writeFailed(file: string, error: unknown, earlier: Diagnostic[]): Diagnostic[] {
  const code = (error as NodeJS.ErrnoException).code;
  return [
    ...earlier,
    {
      severity: 'error',
      code: 'write-failed',
      message: `cannot write the outputs (${code ?? (error as Error).message}); earlier files were left as they were`,
      file,
      hint: code === 'ENOSPC' ? 'the disk is full; free some space and build again' : 'check that the output folder is writable and holds no folder of the same name, or choose another with --out',
    },
  ];
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
