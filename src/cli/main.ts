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
          // The command's --help shows the option with an example.
          .replace(/^Missing required arguments?: (.+)$/, (_, names: string) => `${names.split(', ').map((name) => `--${name}`).join(' and ')} ${names.includes(',') ? 'are' : 'is'} required: see \`handout ${command ?? ''} --help\` for ${names.includes(',') ? 'them' : 'it'} and an example`)
          // recommendCommands() says only "Did you mean build?": name what was not understood.
          .replace(/^Did you mean (\S+)\?$/, (_, close: string) => `unknown command \`${command ?? ''}\`; did you mean \`${close}\`?`),
      );
    })
    .parseAsync();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const message = await withChoiceSuggestion(error.message);
    process.stderr.write(`handout: ${linesForTerminal(message)}\nRun \`handout --help\` for usage.\n`);
    exitCode = 2;
  }
  return exitCode;
}

/**
 * yargs' message for a value outside an option's `choices` ("Invalid values: Argument: edition,
 * Given: "al", Choices: …") in our words, with the nearest choice. Other messages (and yargs'
 * translations of this one) pass unchanged.
 */
async function withChoiceSuggestion(message: string): Promise<string> {
  const match = /^Invalid values:\s+Argument: (\S+), Given: "([^"]*)", Choices: (.+)$/s.exec(message);
  if (!match) return message;
  const [, option, given, listed] = match as unknown as [string, string, string, string];
  const choices = [...listed.matchAll(/"([^"]*)"/g)].map((choice) => choice[1]!);
  // Loaded only now: a mistyped value is the one case that needs it.
  const { suggest } = await import('../load/wording.js');
  const close = suggest(given, choices);
  return `--${option} ${given}: not one of ${choices.map((choice) => `\`${choice}\``).join(', ')}${close ? `; did you mean \`${close}\`?` : ''}`;
}
