import path from 'node:path';
import type { CommandModule } from 'yargs';
import { printDiagnostics } from './print-diagnostics.js';

interface ImportArgs {
  table: string;
  title: string;
  summary?: string;
  language?: string;
  out?: string;
  format?: 'md' | 'yaml';
  force: boolean;
}

export function importCommand(setExitCode: (code: number) => void): CommandModule<object, ImportArgs> {
  return {
    command: 'import <table>',
    describe: 'Make a dataset from a spreadsheet table (.csv, .tsv, .xlsx): first row the subjects, first column the attributes',
    builder: (yargs) =>
      yargs
        .positional('table', { type: 'string', demandOption: true, describe: 'The table file' })
        .option('title', { type: 'string', demandOption: true, describe: 'Title of the handout' })
        .option('summary', { type: 'string', describe: 'Summary paragraph (default: one sentence naming the subjects, to replace)' })
        .option('language', { type: 'string', describe: 'Language of the handout, e.g. en, es, fr, de (default: en)' })
        .option('out', { alias: 'o', type: 'string', describe: 'The dataset to write (default: data/<title>.md)' })
        .option('format', { type: 'string', choices: ['md', 'yaml'] as const, describe: 'Markdown or YAML (default: from --out, else md)' })
        .option('force', { type: 'boolean', default: false, describe: 'Replace the dataset file if it exists' })
        .example('$0 import sheet.csv --title "Tea vs. Coffee"', 'Write data/tea-vs-coffee.md') as never,
    handler: async (args) => {
      const [{ importTable }, { formatDataset, datasetFormatOf }, { writeNewFile }, { subjectIdFromName }] = await Promise.all([
        import('../convert/import-table.js'),
        import('../convert/format-dataset.js'),
        import('../convert/write-new-file.js'),
        import('../load/sheet-to-attributes.js'),
      ]);
      const relative = (file: string) => path.relative(process.cwd(), file) || file;
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const fromOut = args.out ? datasetFormatOf(args.out) : undefined;
      if (args.out && (fromOut === 'json' || !fromOut)) {
        err(`handout: --out must name a .md or .yaml file (${relative(args.out)})`);
        setExitCode(2);
        return;
      }
      const format = args.format ?? (fromOut === 'yaml' ? 'yaml' : 'md');
      if (args.format && fromOut && fromOut !== args.format) {
        err(`handout: --format ${args.format} does not match --out ${relative(args.out!)}`);
        setExitCode(2);
        return;
      }
      // `Tea vs. Coffee` → data/tea-vs-coffee.md: letters, digits and hyphens, like a subject id.
      const out = args.out ?? path.join('data', `${subjectIdFromName(args.title)}.${format}`);
      const result = await importTable(args.table, { title: args.title, summary: args.summary, language: args.language });
      if (!result.dataset) {
        err(`not imported: ${relative(args.table)} has problems to fix first`);
        printDiagnostics(result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        setExitCode(1);
        return;
      }
      const problems = await writeNewFile(out, formatDataset(result.dataset, format), args.force);
      if (problems.length > 0) {
        printDiagnostics(problems.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        setExitCode(1);
        return;
      }
      const attributes = (result.dataset.attributes as unknown[]).length;
      process.stdout.write(`wrote   ${relative(out)} (${(result.dataset.subjects as unknown[]).length} subjects, ${attributes} ${attributes === 1 ? 'row' : 'rows'})\n`);
      if (args.summary === undefined) process.stdout.write('  the summary is one sentence naming the subjects: write your own in the file\n');
    },
  };
}
