import { createHash } from 'node:crypto';
import type { Dataset } from '../load/dataset-schema.js';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import type { Theme } from '../templates/theme.js';
import type { PageSize } from '../writers/pdf/write-pdf.js';
import type { Edition } from '../view/build-view-model.js';
import { renderOwnedHandout, type OutputFormat } from './render-handout.js';
import { writeAllAtomic } from './write-atomic.js';

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
 * Render one handout completely in memory, then write its files; a failure writes nothing. The task
 * is used up: its dataset is handed to the renderer (and let go early, see renderOwnedHandout).
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
  const rendered = await renderOwnedHandout(owned, theme, {
    formats: task.formats,
    pageSize: task.pageSize,
    ...(task.landscape ? { landscape: true } : {}),
    edition: task.edition,
    includeDetails: task.includeDetails,
  });
  if (hasErrors(rendered.diagnostics)) return done({ outputs: [], diagnostics: rendered.diagnostics });
  const outputs: RenderTaskResult['outputs'] = [];
  const files: { path: string; data: Uint8Array | string }[] = [];
  if (rendered.pdf && task.targets.pdf) {
    files.push({ path: task.targets.pdf, data: rendered.pdf.bytes });
    outputs.push({ format: 'pdf', path: task.targets.pdf, bytes: rendered.pdf.bytes.byteLength, sha256: sha256(rendered.pdf.bytes), pages: rendered.pdf.pageCount });
  }
  if (rendered.html !== undefined && task.targets.html) {
    files.push({ path: task.targets.html, data: rendered.html });
    outputs.push({ format: 'html', path: task.targets.html, bytes: Buffer.byteLength(rendered.html), sha256: sha256(rendered.html) });
  }
  try {
    await writeAllAtomic(files);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return done({
      outputs: [],
      diagnostics: [
        ...rendered.diagnostics,
        {
          severity: 'error',
          code: 'write-failed',
          message: `cannot write the outputs (${code ?? (error as Error).message}); earlier files were left as they were`,
          file: task.file,
          hint: code === 'ENOSPC' ? 'the disk is full; free some space and build again' : 'check that the output folder is writable and holds no folder of the same name, or choose another with --out',
        },
      ],
    });
  }
  return done({ outputs, diagnostics: rendered.diagnostics });
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
