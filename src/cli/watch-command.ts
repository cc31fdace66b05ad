import path from 'node:path';
import type { CommandModule } from 'yargs';
import { datasetPaths, outputFolderOption, renderingOptions } from './shared-options.js';
import { checkRenderingEnvironment } from './check-environment.js';
import { portNumber } from './option-values.js';
import { UsageError } from './usage-error.js';
import { displayPath } from '../shared/terminal-text.js';
import { printDiagnostics } from './print-diagnostics.js';

interface WatchArgs {
  paths?: string[];
  _: (string | number)[];
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
        .option('serve', { type: 'boolean', default: false, describe: 'Serve the output folder on localhost with a live preview (HTML and PDF side by side, all editions, current problems), reloaded after each rebuild' })
        .option('port', { type: 'string', default: 4173, requiresArg: true, coerce: portNumber('--port'), describe: 'Port for --serve (0 picks a free one)' })
        .check((args) => (args.port !== 4173 && !args.serve ? '--port is the port of --serve: add --serve, or leave --port out' : true)) as never,
    handler: async (args) => {
      checkRenderingEnvironment();
      const [{ watchHandouts }, { serveOutput }, { summaryLine, createBuildReporter }, { createPreview, previewPath }] = await Promise.all([
        import('../pipeline/watch-handouts.js'),
        import('../pipeline/serve-output.js'),
        import('./build-reporter.js'),
        import('../pipeline/preview-page.js'),
      ]);
      const preview = args.serve ? createPreview(args.out) : undefined;
      const server = args.serve ? await serveOutput(args.out, args.port, preview).catch((error: NodeJS.ErrnoException) => {
        throw portProblem(error, args.port) ?? error;
      }) : undefined;
      const reporter = await createBuildReporter({ quiet: false, verbose: false, interactive: false });
      // Datasets whose last build failed: once one builds again, or is back to what was last built, say it is fixed.
      const failing = new Set<string>();
      const watcher = await watchHandouts({
        inputs: datasetPaths(args).length > 0 ? datasetPaths(args) : ['data'],
        // The preview switches between editions, so all three are kept up to date while serving.
        build: { outDir: args.out, formats: args.format, pageSize: args['page-size'], theme: args.theme, ...(preview ? { editions: ['handout', 'worksheet', 'answers'] as const } : {}) },
        onHandout: (handout) => {
          reporter.handout(handout);
          preview?.handoutDone(handout);
        },
        onBuilt: (report) => {
          if (report.diagnostics.length > 0) printDiagnostics(report.diagnostics, (line) => process.stderr.write(`${line}\n`));
          for (const handout of report.handouts) {
            if (handout.status === 'failed') failing.add(handout.file);
            else if (failing.delete(handout.file) && handout.status === 'skipped') process.stdout.write(`fixed   ${displayPath(handout.file)} (as it was at its last build; its outputs are up to date)\n`);
          }
          if (report.handouts.some((h) => h.status !== 'skipped')) process.stdout.write(`${summaryLine(report.handouts, report.outDir, report.milliseconds)}\n`);
          preview?.update(report);
          server?.reload();
        },
      });
      // The theme's font files are watched too, but listing a dozen paths inside node_modules helps nobody.
      const fonts = watcher.watched.filter((p) => /\.(ttf|otf|woff2?)$/i.test(p));
      const shown = watcher.watched.filter((p) => !fonts.includes(p)).map((p) => (path.relative(process.cwd(), p) ? displayPath(p) : '.'));
      process.stdout.write(`watching ${shown.join(', ')}${fonts.length > 0 ? ` and the theme's ${fonts.length} font files` : ''} — press Ctrl+C to stop\n`);
      if (server) process.stdout.write(`serving ${path.relative(process.cwd(), path.resolve(args.out)) ? displayPath(path.resolve(args.out)) : '.'}/ at ${server.url}\npreview at ${new URL(previewPath, server.url).href}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await watcher.close();
      preview?.close();
      await server?.close();
      process.stdout.write('stopped watching\n');
    },
  };
}

/** The port of `--serve` cannot be had: say so, and what to do, instead of a stack trace. */
function portProblem(error: NodeJS.ErrnoException, port: number): UsageError | undefined {
  if (error.code === 'EADDRINUSE') return new UsageError(`--port ${port}: the port is already in use (another \`handout watch --serve\` or another server?); choose another with --port N, or --port 0 for any free port`);
  if (error.code === 'EACCES') return new UsageError(`--port ${port}: this user may not listen on that port; choose one above 1023 with --port N, or --port 0 for any free port`);
  return undefined;
}
