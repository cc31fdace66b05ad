import yargs from 'yargs';
import { linesForTerminal } from '../shared/terminal-text.js';
import { toolVersion } from '../shared/tool-version.js';
import { buildCommand } from './build-command.js';
import { validateCommand } from './validate-command.js';
import { watchCommand } from './watch-command.js';
import { packCommand } from './pack-command.js';
import { UsageError } from './usage-error.js';
import { initCommand } from './init-command.js';
import { importCommand } from './import-command.js';
import { convertCommand } from './convert-command.js';

/** The `handout` command line: a thin yargs layer; each command lazily imports the library. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  try {
    await yargs(argv)
    .scriptName('handout')
    .usage('$0 <command> [options]\n\nTurn comparison datasets (data/*.md|yaml|json) into printable PDF and HTML handouts.')
    .command(buildCommand((code) => (exitCode = code)))
    .command(validateCommand((code) => (exitCode = code)))
    .command(watchCommand())
    .command(packCommand((code) => (exitCode = code)))
    .command(initCommand((code) => (exitCode = code)))
    .command(importCommand((code) => (exitCode = code)))
    .command(convertCommand((code) => (exitCode = code)))
    .demandCommand(1, 'Name a command: init, build, validate, watch, pack, import or convert (see --help).')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    // Our own version: yargs would otherwise read the package.json of the folder it runs in.
    .version(toolVersion())
    .wrap(Math.min(100, process.stdout.columns || 100))
    // `--edition all data/x.yaml` must not swallow the path: an array option takes one value per flag.
    .parserConfiguration({ 'greedy-arrays': false })
    .fail((message, error: unknown) => {
      // A bug is not a usage error: it keeps its stack trace (run-cli.ts). yargs' own checks (unknown
      // options, choices, `coerce`, `check`) report a YError, or the text a check returned.
      if (error instanceof Error && !(error instanceof UsageError) && error.name !== 'YError') throw error;
      // Throwing stops yargs here, so a usage error never runs the command with half-parsed options.
      if (error instanceof UsageError) throw error;
      const text = error instanceof Error ? error.message : (message ?? String(error));
      const command = argv.find((arg) => !arg.startsWith('-'));
      throw new UsageError(
        text
          .replace(/^Not enough arguments following: (\S+)$/, '--$1 needs a value')
          // recommendCommands() says only "Did you mean build?": name what was not understood.
          .replace(/^Did you mean (\S+)\?$/, (_, close: string) => `unknown command \`${command ?? ''}\`; did you mean \`${close}\`?`),
      );
    })
    .parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`handout: ${linesForTerminal(error.message)}\nRun \`handout --help\` for usage.\n`);
    exitCode = 2;
  }
  return exitCode;
}
