import path from 'node:path';
import type { CommandModule } from 'yargs';
import { formatBytes, printDiagnostics } from './print-diagnostics.js';

interface BuildArgs {
  paths?: string[];
  out: string;
  format: ('pdf' | 'html')[];
  'page-size': 'A4' | 'Letter';
  landscape: boolean;
  theme: string;
  quiet: boolean;
}

export function buildCommand(setExitCode: (code: number) => void): CommandModule<object, BuildArgs> {
  return {
    command: 'build [paths..]',
    describe: 'Build handouts from dataset files or folders (default: data/)',
    builder: (yargs) =>
      yargs
        .positional('paths', { type: 'string', array: true, describe: 'Dataset files (.yaml, .yml, .json) or folders' })
        .option('out', { alias: 'o', type: 'string', default: 'output', describe: 'Output folder' })
        .option('format', { alias: 'f', type: 'string', array: true, choices: ['pdf', 'html'] as const, default: ['pdf', 'html'] as ('pdf' | 'html')[], describe: 'Formats to build' })
        .option('page-size', { type: 'string', choices: ['A4', 'Letter'] as const, default: 'A4' as const, describe: 'Paper size' })
        .option('landscape', { type: 'boolean', default: false, describe: 'Landscape pages' })
        .option('theme', { alias: 't', type: 'string', default: 'default', describe: 'Theme name under templates/, or a theme folder path' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only failures and the summary' })
        .example('$0 build', 'Every dataset in data/ to output/, PDF and HTML')
        .example('$0 build data/sepsis.yaml --format pdf --page-size Letter', 'One handout, PDF only, US Letter') as never,
    handler: async (args) => {
      const { build } = await import('../build/build.js');
      const out = (line: string) => process.stdout.write(`${line}\n`);
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const relative = (file: string) => path.relative(process.cwd(), file) || file;
      const report = await build({
        inputs: args.paths ?? [],
        outDir: args.out,
        formats: args.format,
        pageSize: args['page-size'],
        landscape: args.landscape,
        theme: args.theme,
        onHandout: (handout) => {
          const seconds = `${(handout.milliseconds / 1000).toFixed(2)} s`;
          if (handout.status === 'built') {
            if (!args.quiet) {
              const files = handout.outputs.map((o) => `${relative(o.path)} (${o.pages ? `${o.pages} ${o.pages === 1 ? 'page' : 'pages'}, ` : ''}${formatBytes(o.bytes)})`).join(', ');
              out(`built   ${relative(handout.file)} → ${files} in ${seconds}`);
            }
          } else {
            const errors = handout.diagnostics.filter((d) => d.severity === 'error').length;
            err(`failed  ${relative(handout.file)}: ${errors} ${errors === 1 ? 'error' : 'errors'}, nothing written`);
            printDiagnostics(handout.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
          }
        },
      });
      if (report.diagnostics.length > 0) printDiagnostics(report.diagnostics, err);
      const built = report.handouts.filter((h) => h.status === 'built').length;
      const failed = report.handouts.length - built;
      const summary = `${built} of ${report.handouts.length} ${report.handouts.length === 1 ? 'handout' : 'handouts'} built${failed > 0 ? `, ${failed} failed` : ''} (output in ${relative(path.resolve(args.out))}/)`;
      (report.ok ? out : err)(summary);
      setExitCode(report.ok ? 0 : 1);
    },
  };
}
