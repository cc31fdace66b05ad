import type { CommandModule } from 'yargs';
import { displayPath } from '../shared/terminal-text.js';
import { printDiagnostics } from './print-diagnostics.js';
import { datasetPaths, formatOption, themeOption } from './shared-options.js';

interface ValidateArgs {
  paths?: string[];
  _: (string | number)[];
  theme: string;
  format: ('pdf' | 'html')[];
}

export function validateCommand(setExitCode: (code: number) => void): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate [paths..]',
    describe: 'Check datasets without writing anything (exit code 0 when all are valid, 1 otherwise)',
    builder: (yargs) =>
      yargs
        .positional('paths', { type: 'string', array: true, describe: 'Dataset files or folders (default: data/)' })
        // The same checks as `build` with these options: the theme's fonts decide which characters print.
        .option('theme', themeOption)
        .option('format', formatOption)
        .example('$0 validate data/', 'Check every dataset in data/') as never,
    handler: async (args) => {
      const { validateFiles } = await import('../pipeline/validate-files.js');
      const relative = (file: string) => displayPath(file);
      const { results, diagnostics } = await validateFiles(datasetPaths(args), { theme: args.theme, formats: args.format });
      const err = (line: string) => process.stderr.write(`${line}\n`);
      for (const result of results) {
        if (result.ok) process.stdout.write(`valid   ${relative(result.file)}\n`);
        else {
          const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
          err(`invalid ${relative(result.file)}: ${errors} ${errors === 1 ? 'error' : 'errors'}`);
          printDiagnostics(result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        }
      }
      printDiagnostics(diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
      const invalid = results.filter((r) => !r.ok).length;
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      // A broken theme or a missing input stops the check before any dataset: say so rather than "0 checked".
      const line = results.length === 0 && errors > 0 ? `nothing checked: ${errors === 1 ? 'the error' : `the ${errors} errors`} above stopped the check before any dataset` : `${results.length} ${results.length === 1 ? 'dataset' : 'datasets'} checked: ${results.length - invalid} valid, ${invalid} invalid`;
      (invalid === 0 && diagnostics.length === 0 && results.length > 0 ? (l: string) => process.stdout.write(`${l}\n`) : err)(line);
      setExitCode(invalid === 0 && diagnostics.length === 0 && results.length > 0 ? 0 : 1);
    },
  };
}
