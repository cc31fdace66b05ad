import { hideBin } from 'yargs/helpers';
import { linesForTerminal } from '../shared/terminal-text.js';
import { main } from './main.js';

/** The `handout` process: the CLI on this process's arguments, and its exit code. */
export async function runCli(argv: readonly string[] = process.argv): Promise<void> {
  // `handout build | head`: a reader that stops early is no reason to stop building (or to crash).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
  try {
    process.exitCode = await main(hideBin([...argv]));
  } catch (error) {
    // A problem with the user's input is reported as diagnostics; anything reaching here is a bug.
    process.stderr.write(`handout: internal error: ${linesForTerminal((error as Error)?.stack ?? String(error))}\nPlease report this, with the dataset that caused it.\n`);
    process.exitCode = 70;
  }
}
