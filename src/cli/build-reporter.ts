import path from 'node:path';
import type { HandoutResult } from '../pipeline/build.js';
import { displayPath, forTerminal } from '../shared/terminal-text.js';
import { formatBytes, printDiagnostics } from './print-diagnostics.js';

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
  /** A live progress bar (an interactive terminal, not CI); otherwise one plain line per handout. */
  interactive: boolean;
}

const relative = (file: string) => path.relative(process.cwd(), file) || file;
const label = (result: HandoutResult) => `${displayPath(result.file)}${result.edition && result.edition !== 'handout' ? ` [${forTerminal(result.edition)}]` : ''}`;

/**
 * Build output for people and for CI logs: a progress bar with counts and ETA on a terminal, one plain
 * line per handout when piped or in CI; failures always with their diagnostics, on stderr.
 */
export async function createBuildReporter(options: ReporterOptions) {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  let bar: { start(total: number, value: number): void; increment(): void; stop(): void } | undefined;
  let barActive = false;
  if (options.interactive && !options.quiet) {
    const { SingleBar, Presets } = await import('cli-progress');
    bar = new SingleBar({ format: 'building {bar} {value}/{total} handouts | ETA {eta_formatted}', hideCursor: true, clearOnComplete: true, stream: process.stderr }, Presets.shades_classic);
  }
  /** Print above the bar without tearing it. */
  const say = (write: (line: string) => void, line: string) => {
    if (barActive) process.stderr.write('\r\x1b[2K');
    write(line);
  };
  return {
    start(toRender: number) {
      if (bar && toRender > 1) {
        bar.start(toRender, 0);
        barActive = true;
      }
    },
    handout(result: HandoutResult) {
      const seconds = `${(result.milliseconds / 1000).toFixed(2)} s`;
      if (result.status === 'built') {
        if (barActive) bar!.increment();
        if (!options.quiet && (!barActive || options.verbose)) {
          const files = result.outputs.map((o) => `${displayPath(o.path)} (${o.pages ? `${o.pages} ${o.pages === 1 ? 'page' : 'pages'}, ` : ''}${formatBytes(o.bytes)})`).join(', ');
          say(out, `built   ${label(result)} → ${files} in ${seconds}`);
        }
      } else if (result.status === 'skipped') {
        if (options.verbose) say(out, `skipped ${label(result)} (unchanged; --force rebuilds)`);
      } else {
        if (barActive && result.inputHash) bar!.increment();
        const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
        say(err, `failed  ${label(result)}: ${errors} ${errors === 1 ? 'error' : 'errors'}, nothing written`);
        printDiagnostics(result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
      }
    },
    stop() {
      if (barActive) bar!.stop();
      barActive = false;
    },
  };
}

export function summaryLine(handouts: readonly HandoutResult[], outDir: string, milliseconds: number): string {
  const count = (status: HandoutResult['status']) => handouts.filter((h) => h.status === status).length;
  const built = count('built');
  const skipped = count('skipped');
  const failed = count('failed');
  const parts = [`${built} built`, ...(skipped > 0 ? [`${skipped} unchanged`] : []), ...(failed > 0 ? [`${failed} failed`] : [])];
  return `${handouts.length} ${handouts.length === 1 ? 'handout' : 'handouts'}: ${parts.join(', ')} in ${(milliseconds / 1000).toFixed(1)} s (output in ${displayPath(outDir)}/)`;
}
