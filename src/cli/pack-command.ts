import path from 'node:path';
import type { CommandModule } from 'yargs';
import { displayPath, forTerminal } from '../shared/terminal-text.js';
import { printDiagnostics } from './print-diagnostics.js';
import { withDetailsProblem } from './build-command.js';
import { checkRenderingEnvironment } from './check-environment.js';
import { isoDate, nonEmptyText, oneOf } from './option-values.js';
import { datasetPaths, pageSizeOption, themeOption } from './shared-options.js';

interface PackArgs {
  paths?: string[];
  _: (string | number)[];
  out: string;
  edition: 'handout' | 'worksheet' | 'answers';
  'with-details': boolean;
  'page-size': 'A4' | 'Letter';
  theme: string;
  title?: string;
  course?: string;
  teacher?: string;
  date?: string;
}

const editions = ['handout', 'worksheet', 'answers'] as const;

export function packCommand(setExitCode: (code: number) => void): CommandModule<object, PackArgs> {
  return {
    command: 'pack [paths..]',
    describe: 'Make one printable PDF of many handouts: cover, contents, each handout on a right-hand page',
    builder: (yargs) =>
      yargs
        .positional('paths', { type: 'string', array: true, describe: 'Dataset files or folders (default: data/)' })
        .option('out', { alias: 'o', type: 'string', demandOption: true, requiresArg: true, coerce: nonEmptyText('--out', 'the PDF file to write, e.g. class-pack.pdf'), describe: 'The PDF to write, e.g. class-pack.pdf' })
        .option('edition', { alias: 'e', type: 'string', choices: editions, default: 'handout' as const, coerce: oneOf('--edition', editions), describe: 'Which edition of each handout' })
        .option('with-details', { type: 'boolean', default: false, describe: 'Worksheets and answer keys keep the detail sections' })
        .option('page-size', pageSizeOption)
        .option('theme', themeOption)
        .option('title', { type: 'string', requiresArg: true, coerce: nonEmptyText('--title', 'the cover title'), describe: 'Cover title (default: the datasets’ meta.course, or "Class pack")' })
        .option('course', { type: 'string', requiresArg: true, coerce: nonEmptyText('--course', 'the course name'), describe: 'Course on the cover (default: the datasets’ meta.course)' })
        .option('teacher', { type: 'string', requiresArg: true, coerce: nonEmptyText('--teacher', 'the teacher’s name'), describe: 'Teacher on the cover (default: the datasets’ meta.author)' })
        .option('date', { type: 'string', requiresArg: true, coerce: isoDate('--date'), describe: 'Date on the cover, YYYY-MM-DD' })
        .example('$0 pack data/ --out output/class-pack.pdf --edition worksheet', 'All worksheets in one PDF')
        .check((args) => withDetailsProblem(args.edition, args['with-details']) ?? true) as never,
    handler: async (args) => {
      checkRenderingEnvironment();
      const { pack } = await import('../pipeline/pack.js');
      const relative = (file: string) => displayPath(file);
      const report = await pack({
        inputs: datasetPaths(args),
        out: args.out,
        edition: args.edition,
        includeDetails: args['with-details'],
        pageSize: args['page-size'],
        theme: args.theme,
        ...(args.title ? { title: args.title } : {}),
        ...(args.course ? { course: args.course } : {}),
        ...(args.teacher ? { teacher: args.teacher } : {}),
        ...(args.date ? { date: args.date } : {}),
      });
      const err = (line: string) => process.stderr.write(`${line}\n`);
      printDiagnostics(report.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
      if (!report.ok) {
        err(`pack not written: ${report.diagnostics.filter((d) => d.severity === 'error').length} problem(s) above; nothing was written`);
        setExitCode(1);
        return;
      }
      for (const handout of report.handouts) process.stdout.write(`page ${String(handout.page).padStart(3)}  ${forTerminal(handout.title)} (${handout.pages} ${handout.pages === 1 ? 'page' : 'pages'})\n`);
      process.stdout.write(`wrote ${relative(report.out)}: ${report.handouts.length} ${report.handouts.length === 1 ? 'handout' : 'handouts'}, ${report.pageCount} ${report.pageCount === 1 ? 'page' : 'pages'}\n`);
      setExitCode(0);
    },
  };
}
