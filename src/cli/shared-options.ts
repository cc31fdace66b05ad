import type { Argv } from 'yargs';

/** Options every command that renders handouts takes, defined once so help texts cannot drift. */
export function renderingOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('format', { alias: 'f', type: 'string', array: true, choices: ['pdf', 'html'] as const, default: ['pdf', 'html'] as ('pdf' | 'html')[], describe: 'Formats to build (repeat for both)' })
    .option('page-size', { type: 'string', choices: ['A4', 'Letter'] as const, default: 'A4' as const, describe: 'Paper size' })
    .option('theme', { alias: 't', type: 'string', default: 'default', describe: 'Theme name under templates/, or a theme folder path' });
}

export function outputFolderOption<T>(yargs: Argv<T>) {
  return yargs.option('out', { alias: 'o', type: 'string', default: 'output', describe: 'Output folder' });
}
