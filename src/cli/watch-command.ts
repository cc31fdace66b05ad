import path from 'node:path';
import type { CommandModule } from 'yargs';
import { outputFolderOption, renderingOptions } from './shared-options.js';
import { displayPath } from '../shared/terminal-text.js';
import { printDiagnostics } from './print-diagnostics.js';

interface WatchArgs {
  paths?: string[];
  out: string;
  format: ('pdf' | 'html')[];
  'page-size': 'A4' | 'Letter';
  theme: string;
  serve: boolean;
  port: number;
}

export function watchCommand(): CommandModule<object, WatchArgs> {
  return {
    command: 'watch [paths..]',
    describe: 'Rebuild handouts when their datasets or the theme change; --serve shows them live in a browser',
    builder: (yargs) =>
      renderingOptions(outputFolderOption(yargs))
        .positional('paths', { type: 'string', array: true, describe: 'Dataset files or folders (default: data/)' })
        .option('serve', { type: 'boolean', default: false, describe: 'Serve the output folder on localhost and reload open pages after each rebuild' })
        .option('port', { type: 'number', default: 4173, describe: 'Port for --serve (0 picks a free one)' }) as never,
    handler: async (args) => {
      const [{ watchHandouts }, { serveOutput }, { summaryLine, createBuildReporter }] = await Promise.all([
        import('../build/watch-handouts.js'),
        import('../build/serve-output.js'),
        import('./build-reporter.js'),
      ]);
      const server = args.serve ? await serveOutput(args.out, args.port) : undefined;
      const reporter = await createBuildReporter({ quiet: false, verbose: false, interactive: false });
      const watcher = await watchHandouts({
        inputs: args.paths && args.paths.length > 0 ? args.paths : ['data'],
        build: { outDir: args.out, formats: args.format, pageSize: args['page-size'], theme: args.theme },
        onHandout: (handout) => reporter.handout(handout),
        onBuilt: (report) => {
          if (report.diagnostics.length > 0) printDiagnostics(report.diagnostics, (line) => process.stderr.write(`${line}\n`));
          if (report.handouts.some((h) => h.status !== 'skipped')) process.stdout.write(`${summaryLine(report.handouts, report.outDir, report.milliseconds)}\n`);
          server?.reload();
        },
      });
      process.stdout.write(`watching ${watcher.watched.map((p) => (path.relative(process.cwd(), p) ? displayPath(p) : '.')).join(', ')} — press Ctrl+C to stop\n`);
      if (server) process.stdout.write(`serving ${path.relative(process.cwd(), path.resolve(args.out)) ? displayPath(path.resolve(args.out)) : '.'}/ at ${server.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await watcher.close();
      await server?.close();
      process.stdout.write('stopped watching\n');
    },
  };
}
