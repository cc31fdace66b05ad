import path from 'node:path';
import type { BuildReport } from './build.js';
import { writeAtomic } from './write-atomic.js';
import { toolVersion } from '../shared/tool-version.js';

/** The machine-readable build report (`--report FILE.json`): one entry per handout. */
export async function writeBuildReport(file: string, report: BuildReport): Promise<void> {
  const relative = (target: string) => path.relative(process.cwd(), target) || target;
  const body = {
    tool: { name: 'handout', version: toolVersion() },
    ok: report.ok,
    outDir: relative(report.outDir),
    milliseconds: Math.round(report.milliseconds),
    handouts: report.handouts.map((handout) => ({
      dataset: relative(handout.file),
      slug: handout.slug ?? null,
      edition: handout.edition ?? 'handout',
      title: handout.title ?? null,
      status: handout.status,
      inputHash: handout.inputHash ?? null,
      milliseconds: Math.round(handout.milliseconds),
      outputs: handout.outputs.map((output) => ({ format: output.format, path: relative(output.path), bytes: output.bytes, pages: output.pages ?? null })),
      diagnostics: handout.diagnostics,
    })),
    diagnostics: report.diagnostics,
  };
  await writeAtomic(path.resolve(file), `${JSON.stringify(body, null, 2)}\n`);
}
