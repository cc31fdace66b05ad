import path from 'node:path';
import { loadDataset } from '../load/load-dataset.js';
import { hasErrors, type Diagnostic } from '../shared/diagnostic.js';
import { loadTheme } from '../templates/load-theme.js';
import type { PageSize } from '../writers/pdf/write-pdf.js';
import { findDatasets } from './find-datasets.js';
import { renderHandout, type OutputFormat } from './render-handout.js';
import { writeAtomic } from './write-atomic.js';

export interface BuildOptions {
  /** Dataset files or folders; default `data/`. */
  inputs?: readonly string[];
  outDir?: string;
  formats?: readonly OutputFormat[];
  pageSize?: PageSize;
  landscape?: boolean;
  /** Theme name under templates/ or a theme folder path. */
  theme?: string;
  /** Called as each handout finishes, for progress output. */
  onHandout?: (result: HandoutResult) => void;
}

export interface OutputFile {
  format: OutputFormat;
  path: string;
  bytes: number;
  pages?: number;
}

export interface HandoutResult {
  file: string;
  slug?: string;
  title?: string;
  status: 'built' | 'failed';
  outputs: OutputFile[];
  diagnostics: Diagnostic[];
  milliseconds: number;
}

export interface BuildReport {
  handouts: HandoutResult[];
  /** Problems not tied to one dataset (a missing input path, an unknown theme). */
  diagnostics: Diagnostic[];
  ok: boolean;
}

/**
 * Builds handouts from datasets. Every dataset is rendered completely in memory before anything is
 * written, so a failing dataset writes nothing and leaves its earlier outputs alone; the others
 * still build.
 */
export async function build(options: BuildOptions = {}): Promise<BuildReport> {
  const outDir = path.resolve(options.outDir ?? 'output');
  const formats = options.formats && options.formats.length > 0 ? [...new Set(options.formats)] : (['pdf', 'html'] as const);
  const found = await findDatasets(options.inputs && options.inputs.length > 0 ? options.inputs : ['data']);
  const report: BuildReport = { handouts: [], diagnostics: [...found.diagnostics], ok: true };
  const themeResult = await loadTheme(options.theme ?? 'default');
  if (!themeResult.theme) {
    report.diagnostics.push(...themeResult.diagnostics);
    report.ok = false;
    return report;
  }
  const theme = themeResult.theme;
  if (found.files.length === 0 && found.diagnostics.length === 0) {
    report.diagnostics.push({ severity: 'error', code: 'no-datasets', message: 'no dataset files (.yaml, .yml, .json) found', hint: 'put datasets in data/ or name them on the command line' });
  }
  const slugOwners = new Map<string, string>();
  for (const file of found.files) {
    const started = performance.now();
    const result: HandoutResult = { file, status: 'failed', outputs: [], diagnostics: [], milliseconds: 0 };
    const loaded = await loadDataset(file);
    result.diagnostics.push(...loaded.diagnostics);
    if (loaded.loaded) {
      const { slug } = loaded.loaded;
      result.slug = slug;
      result.title = loaded.loaded.dataset.title;
      const owner = slugOwners.get(slug);
      if (owner) {
        result.diagnostics.push({
          severity: 'error',
          code: 'duplicate-slug',
          message: `slug \`${slug}\` is already used by ${owner}; building both would overwrite its files`,
          file,
          path: 'slug',
          hint: 'give one of the datasets its own `slug:`',
        });
      } else {
        slugOwners.set(slug, file);
        const rendered = await renderHandout(loaded.loaded, theme, {
          formats,
          pageSize: options.pageSize ?? 'A4',
          ...(options.landscape ? { landscape: true } : {}),
        });
        result.diagnostics.push(...rendered.diagnostics);
        if (!hasErrors(rendered.diagnostics)) {
          try {
            if (rendered.pdf) {
              const target = outputPath(outDir, slug, 'pdf');
              await writeAtomic(target, rendered.pdf.bytes);
              result.outputs.push({ format: 'pdf', path: target, bytes: rendered.pdf.bytes.byteLength, pages: rendered.pdf.pageCount });
            }
            if (rendered.html !== undefined) {
              const target = outputPath(outDir, slug, 'html');
              await writeAtomic(target, rendered.html);
              result.outputs.push({ format: 'html', path: target, bytes: Buffer.byteLength(rendered.html) });
            }
            result.status = 'built';
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            result.diagnostics.push({
              severity: 'error',
              code: 'write-failed',
              message: `cannot write to ${outDir} (${code ?? (error as Error).message})`,
              file,
              hint: code === 'ENOSPC' ? 'the disk is full; free some space and build again' : 'check that the output folder exists and is writable, or choose another with --out',
            });
          }
        }
      }
    }
    result.milliseconds = performance.now() - started;
    if (result.status === 'failed') report.ok = false;
    report.handouts.push(result);
    options.onHandout?.(result);
  }
  if (hasErrors(report.diagnostics)) report.ok = false;
  return report;
}

/** `<out>/<slug>.<format>`; the slug is validated, and this refuses anything that would leave `out`. */
export function outputPath(outDir: string, slug: string, format: OutputFormat): string {
  const target = path.resolve(outDir, `${slug}.${format}`);
  if (path.dirname(target) !== path.resolve(outDir)) throw new Error(`slug ${JSON.stringify(slug)} would write outside the output folder`);
  return target;
}
