/**
 * Builds datasets to PDF through the library's real `build()` into a fresh folder under
 * tests/.artifacts, and returns the PDF's path with the build report.
 */
import { join } from 'node:path';
import { build, type BuildReport } from '../../../src/index.js';
import { fromRoot, tmpDir } from '../../support/paths.js';

export const fixture = (name: string) => fromRoot('tests', 'fixtures', 'pdf', name);
export const seedDataset = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');

export interface BuiltPdf {
  file: string;
  dir: string;
  pages: number;
  report: BuildReport;
}

export async function buildPdf(dataset: string, options: { pageSize?: 'A4' | 'Letter'; landscape?: boolean; label?: string } = {}): Promise<BuiltPdf> {
  const dir = tmpDir(`pdf-${options.label ?? 'build'}`);
  const report = await build({ inputs: [dataset], outDir: dir, formats: ['pdf'], ...(options.pageSize ? { pageSize: options.pageSize } : {}), ...(options.landscape ? { landscape: true } : {}) });
  const handout = report.handouts[0];
  const output = handout?.outputs.find((out) => out.format === 'pdf');
  if (!report.ok || !handout || !output) throw new Error(`build of ${dataset} failed: ${JSON.stringify([...report.diagnostics, ...(handout?.diagnostics ?? [])], null, 2)}`);
  return { file: output.path, dir, pages: output.pages ?? 0, report };
}

/** `name` inside a built PDF's folder. */
export const besides = (built: BuiltPdf, name: string) => join(built.dir, name);
