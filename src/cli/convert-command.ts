import path from 'node:path';
import type { CommandModule } from 'yargs';
import { printDiagnostics } from './print-diagnostics.js';

interface ConvertArgs {
  file: string;
  to: 'md' | 'yaml' | 'json';
  out?: string;
  force: boolean;
}

export function convertCommand(setExitCode: (code: number) => void): CommandModule<object, ConvertArgs> {
  return {
    command: 'convert <file>',
    describe: 'Write a dataset in another format (Markdown, YAML or JSON), keeping every string exactly',
    builder: (yargs) =>
      yargs
        .positional('file', { type: 'string', demandOption: true, describe: 'The dataset to convert (.md, .yaml, .yml or .json)' })
        .option('to', { type: 'string', choices: ['md', 'yaml', 'json'] as const, demandOption: true, describe: 'The format to write' })
        .option('out', { alias: 'o', type: 'string', describe: 'The file to write (default: next to the dataset, with the new extension)' })
        .option('force', { type: 'boolean', default: false, describe: 'Replace the output file if it exists' })
        .example('$0 convert data/tea.yaml --to md', 'Write data/tea.md') as never,
    handler: async (args) => {
      const [{ loadDataset }, { formatDataset }, { writeNewFile }] = await Promise.all([
        import('../load/load-dataset.js'),
        import('../convert/format-dataset.js'),
        import('../convert/write-new-file.js'),
      ]);
      const relative = (file: string) => path.relative(process.cwd(), file) || file;
      const err = (line: string) => process.stderr.write(`${line}\n`);
      const out = args.out ?? path.join(path.dirname(args.file), `${path.basename(args.file).replace(/\.(md|markdown|ya?ml|json)$/i, '')}.${args.to}`);
      if (path.resolve(out) === path.resolve(args.file)) {
        err(`handout: ${relative(args.file)} is already ${args.to === 'md' ? 'Markdown' : args.to.toUpperCase()}; name another file with --out`);
        setExitCode(2);
        return;
      }
      const loaded = await loadDataset(args.file);
      if (!loaded.loaded) {
        err(`not converted: ${relative(args.file)} has problems to fix first`);
        printDiagnostics(loaded.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        setExitCode(1);
        return;
      }
      const problems = await writeNewFile(out, formatDataset(loaded.loaded.dataset as Record<string, unknown>, args.to), args.force);
      if (problems.length > 0) {
        printDiagnostics(problems.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        setExitCode(1);
        return;
      }
      process.stdout.write(`wrote   ${relative(out)}\n`);
      // Both files now sit in one folder with one slug: the next `build` of that folder would refuse the pair.
      if (path.dirname(path.resolve(out)) === path.dirname(path.resolve(args.file))) {
        process.stdout.write(`note    ${relative(args.file)} and ${relative(out)} both build \`${loaded.loaded.slug}\`: keep one of them in this folder (move or delete the other) before \`handout build\`\n`);
      }
    },
  };
}
