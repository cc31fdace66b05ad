import path from 'node:path';
import type { CommandModule } from 'yargs';
import { datasetPaths, outputFolderOption, renderingOptions } from './shared-options.js';
import { checkRenderingEnvironment } from './check-environment.js';
import { positiveWholeNumber, shardOf } from './option-values.js';
import type { Shard } from '../pipeline/shard.js';
import { exitCodeForSignal, listenForInterruption, type Interruption } from '../pipeline/interruption.js';
import { displayPath } from '../shared/terminal-text.js';
import { printDiagnostics } from './print-diagnostics.js';

interface BuildArgs {
  paths?: string[];
  _: (string | number)[];
  out: string;
  format: ('pdf' | 'html')[];
  'page-size': 'A4' | 'Letter';
  landscape: boolean;
  theme: string;
  edition: ('handout' | 'worksheet' | 'answers' | 'all')[];
  'with-details': boolean;
  force: boolean;
  shard?: Shard;
  report?: string;
  jobs?: number;
  quiet: boolean;
  verbose: boolean;
}

export function buildCommand(setExitCode: (code: number) => void): CommandModule<object, BuildArgs> {
  return {
    command: 'build [paths..]',
    describe: 'Build handouts from dataset files or folders (default: data/)',
    builder: (yargs) =>
      renderingOptions(outputFolderOption(yargs))
        .positional('paths', { type: 'string', array: true, describe: 'Dataset files (.yaml, .yml, .json, .md) or folders' })
        .option('landscape', { type: 'boolean', default: false, describe: 'Landscape pages' })
        .option('edition', { alias: 'e', type: 'string', array: true, choices: ['handout', 'worksheet', 'answers', 'all'] as const, default: ['handout'] as ('handout' | 'worksheet' | 'answers' | 'all')[], describe: 'Editions: the handout, a worksheet to fill in, its answer key, or all three (<slug>.worksheet.pdf, <slug>.answers.pdf)' })
        .option('with-details', { type: 'boolean', default: false, describe: 'Worksheets and answer keys keep the detail sections' })
        .option('force', { type: 'boolean', default: false, describe: 'Rebuild handouts whose inputs have not changed' })
        .option('shard', { type: 'string', requiresArg: true, coerce: shardOf('--shard'), describe: 'Build only share I of N of the datasets, e.g. 2/4 (for CI matrices)' })
        .option('report', { type: 'string', requiresArg: true, describe: 'Write a JSON build report to this file' })
        // A string, not a number: yargs would turn `abc` into NaN before the check could name it.
        .option('jobs', { alias: 'j', type: 'string', requiresArg: true, coerce: positiveWholeNumber('--jobs'), describe: 'Processes rendering at once, at most (default: one per core, workers only for big enough batches)' })
        .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print only failures and the summary' })
        .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Also print unchanged handouts' })
        .example('$0 build', 'Every dataset in data/ to output/, PDF and HTML')
        .example('$0 build data/sepsis.yaml -f pdf --page-size Letter', 'One handout, PDF only, US Letter')
        .example('$0 build --edition all', 'Handout, worksheet and answer key of every dataset')
        .example('$0 build --shard 1/4 --report build.json', 'A quarter of the datasets, with a JSON report')
        .check((args) => withDetailsProblem(args.edition, args['with-details']) ?? true) as never,
    handler: async (args) => {
      checkRenderingEnvironment();
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const shard = args.shard;
      const [{ build }, { createBuildReporter, summaryLine }] = await Promise.all([import('../pipeline/build.js'), import('./build-reporter.js')]);
      const reporter = await createBuildReporter({ quiet: args.quiet, verbose: args.verbose, interactive: process.stderr.isTTY === true && !process.env.CI });
      const interruption = await listenDuringBuild(args.out, () => reporter.stop());
      const report = await build({
        signal: interruption.signal,
        inputs: datasetPaths(args),
        outDir: args.out,
        formats: args.format,
        pageSize: args['page-size'],
        landscape: args.landscape,
        theme: args.theme,
        force: args.force,
        ...(args.report ? { report: args.report } : {}),
        editions: args.edition.includes('all') ? ['handout', 'worksheet', 'answers'] : (args.edition as ('handout' | 'worksheet' | 'answers')[]),
        includeDetails: args['with-details'],
        ...(shard ? { shard } : {}),
        ...(args.jobs !== undefined ? { workers: args.jobs } : {}),
        onStart: ({ toRender }) => reporter.start(toRender),
        onHandout: (handout) => reporter.handout(handout),
      }).finally(() => interruption.dispose());
      reporter.stop();
      if (report.interrupted) {
        const built = report.handouts.filter((h) => h.status === 'built').length;
        err(`interrupted by ${report.interrupted.reason}: ${built} ${built === 1 ? 'handout' : 'handouts'} built, ${report.interrupted.notBuilt} not built; no partial files left in ${path.relative(process.cwd(), report.outDir) ? displayPath(report.outDir) : '.'}/`);
        setExitCode(exitCodeForSignal(report.interrupted.reason));
        return;
      }
      if (report.diagnostics.length > 0) printDiagnostics(report.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: displayPath(d.file) } : {}) })), err);
      // A report path refused by the build (it would replace an input or an output) is not written.
      if (args.report && !report.diagnostics.some((d) => d.code === 'unsafe-output-path')) {
        const { writeBuildReport } = await import('../pipeline/build-report-file.js');
        await writeBuildReport(args.report, report);
      }
      // A problem before any dataset (a broken theme, a missing input) builds nothing: "0 handouts: 0 built" would hide why.
      const errors = report.diagnostics.filter((d) => d.severity === 'error').length;
      const summary = report.handouts.length === 0 && errors > 0 ? `nothing built: ${errors === 1 ? 'the error' : `the ${errors} errors`} above stopped the build before any dataset` : summaryLine(report.handouts, report.outDir, report.milliseconds);
      if (report.ok) process.stdout.write(`${summary}\n`);
      else err(summary);
      setExitCode(report.ok ? 0 : 1);
    },
  };
}

/** `--with-details` changes worksheets and answer keys only: alone with the handout it would do nothing. */
export function withDetailsProblem(editions: readonly string[] | string, withDetails: boolean): string | undefined {
  const chosen = Array.isArray(editions) ? editions : [editions];
  if (!withDetails || chosen.some((edition) => edition !== 'handout')) return undefined;
  return '--with-details only changes the worksheet and answers editions (the handout always has its details); add --edition worksheet, --edition answers or --edition all, or leave --with-details out';
}

/**
 * Ctrl+C or SIGTERM stops the build cleanly (build.ts removes the temporary files of the handouts in
 * progress and reports what was built); a second one stops at once, after removing them here.
 */
async function listenDuringBuild(outDir: string, stopProgress: () => void): Promise<Interruption> {
  const { removeTemporaryFiles } = await import('../pipeline/write-atomic.js');
  return listenForInterruption({
    onFirst: (signal) => {
      stopProgress();
      process.stderr.write(`handout: ${signal}: stopping (send it again to stop at once)\n`);
    },
    onRepeat: (signal) => {
      removeTemporaryFiles([path.resolve(outDir)]);
      process.stderr.write(`handout: ${signal} again: stopped at once\n`);
      // A worker thread being stopped may still have a file creation in flight (libuv's pool runs it
      // even after the thread's JavaScript ends): let those land, then remove them as well.
      setTimeout(() => {
        removeTemporaryFiles([path.resolve(outDir)]);
        process.exit(exitCodeForSignal(signal));
      }, 150).unref();
      process.once('beforeExit', () => {
        removeTemporaryFiles([path.resolve(outDir)]);
        process.exit(exitCodeForSignal(signal));
      });
    },
  });
}
