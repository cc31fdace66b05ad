import path from 'node:path';
import type { CommandModule } from 'yargs';
import { printDiagnostics } from './print-diagnostics.js';

interface InitArgs {
  folder: string;
  ci?: 'github';
  theme?: string;
  from: string;
  force: boolean;
  format: 'md' | 'yaml';
}

export function initCommand(setExitCode: (code: number) => void): CommandModule<object, InitArgs> {
  return {
    command: 'init [folder]',
    describe: 'Set up a course folder: an example dataset in data/, .gitignore for output/, optionally a CI workflow and a theme to edit',
    builder: (yargs) =>
      yargs
        .positional('folder', { type: 'string', default: '.', describe: 'The folder to set up (created if missing)' })
        .option('ci', { type: 'string', choices: ['github'] as const, describe: 'Also write a CI workflow that builds the handouts' })
        .option('theme', {
          type: 'string',
          describe: 'Also copy a built-in theme to templates/NAME/ to edit (build with --theme templates/NAME)',
          coerce: (value: unknown) => {
            if (typeof value !== 'string' || value.trim() === '') throw new Error('--theme needs a name, e.g. --theme my-school');
            return value;
          },
        })
        .option('from', { type: 'string', default: 'default', describe: 'The built-in theme that --theme starts from' })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that exist with other content' })
        .option('format', { type: 'string', choices: ['md', 'yaml'] as const, default: 'md' as const, describe: 'Write the example dataset as Markdown or YAML' })
        .example('$0 init', 'Add data/weather-vs-climate.md and .gitignore here')
        .example('$0 init --format yaml', 'The example dataset in YAML instead')
        .example('$0 init --ci github --theme my-school', 'Also a GitHub Actions workflow and templates/my-school/') as never,
    handler: async (args) => {
      const { initProject } = await import('../pipeline/init-project.js');
      const relative = (file: string) => path.relative(process.cwd(), file) || '.';
      const result = await initProject({ folder: args.folder, ...(args.ci ? { ci: args.ci } : {}), ...(args.theme !== undefined ? { theme: args.theme } : {}), themeFrom: args.from, force: args.force, format: args.format });
      const err = (line: string) => process.stderr.write(`${line}\n`);
      if (result.diagnostics.length > 0) {
        printDiagnostics(result.diagnostics.map((d) => ({ ...d, ...(d.file ? { file: relative(d.file) } : {}) })), err);
        err('handout init: nothing was written');
        setExitCode(1);
        return;
      }
      for (const file of result.files) process.stdout.write(`${file.action.padEnd(11)} ${relative(file.file)}${file.note ? ` (${file.note})` : ''}\n`);
      const folder = relative(path.resolve(args.folder));
      const enter = folder === '.' ? '' : `\`cd ${folder}\`, `;
      const wroteExample = result.files.some((file) => file.action !== 'unchanged' && file.action !== 'skipped' && path.basename(path.dirname(file.file)) === 'data');
      if (wroteExample) process.stdout.write(`\nNext: edit the dataset in data/, then ${enter}run \`npx handout build\` (PDF and HTML in output/).\n`);
      if (args.theme) process.stdout.write(`${wroteExample ? '' : '\n'}Your theme: templates/${args.theme}/ — build with \`npx handout build --theme ${args.theme}\`.\n`);
      setExitCode(0);
    },
  };
}
