import type { Argv, Options } from 'yargs';
import { nonEmptyText, oneOf, someOf } from './option-values.js';

/**
 * Options several commands take, defined once so help texts and checks cannot drift. `choices` shows
 * the values in --help; `coerce` checks them (case-insensitively) and names the option when refusing.
 */
export const formats = ['pdf', 'html'] as const;
export const pageSizes = ['A4', 'Letter'] as const;

export const formatOption = {
  alias: 'f',
  type: 'string',
  array: true,
  choices: formats,
  default: ['pdf', 'html'] as ('pdf' | 'html')[],
  coerce: someOf('--format', formats),
  describe: 'Formats to build (repeat for both)',
} as const satisfies Options;

export const pageSizeOption = {
  type: 'string',
  choices: pageSizes,
  default: 'A4' as const,
  coerce: oneOf('--page-size', pageSizes),
  describe: 'Paper size (any case: a4, letter)',
} as const satisfies Options;

export const themeOption = {
  alias: 't',
  type: 'string',
  default: 'default',
  requiresArg: true,
  coerce: nonEmptyText('--theme', 'a theme name (e.g. large-print) or a theme folder path'),
  describe: 'Theme: NAME (your templates/NAME/, else a built-in theme) or a folder path',
} as const satisfies Options;

/** Options every command that renders handouts takes. */
export function renderingOptions<T>(yargs: Argv<T>) {
  return yargs.option('format', formatOption).option('page-size', pageSizeOption).option('theme', themeOption);
}

export function outputFolderOption<T>(yargs: Argv<T>) {
  return yargs.option('out', { alias: 'o', type: 'string', default: 'output', requiresArg: true, coerce: nonEmptyText('--out', 'a folder path'), describe: 'Output folder' });
}

/**
 * Dataset paths: the positional ones, and those after `--` (`handout build -- -odd-name.yaml`), which
 * yargs leaves in `_` behind the command name.
 */
export function datasetPaths(args: { paths?: string[]; _: (string | number)[] }): string[] {
  return [...(args.paths ?? []), ...args._.slice(1).map(String)];
}
