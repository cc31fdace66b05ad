/**
 * Entry of the startup snapshot (`npm run snapshot`, part of `npm run compile`): bundled into one
 * file, run once by `node --build-snapshot`, which keeps its heap: modules loaded, fonts parsed, code
 * paths warmed. `bin/handout.js` starts the CLI from that snapshot when it matches this checkout, which
 * makes a one-handout build about twice as fast, and lets batch builds start worker processes that are
 * ready at once.
 */
import { startupSnapshot } from 'node:v8';
import { poolWorkerVariable, useProcessWorkers } from '../build/worker-launch.js';
import { serveRenderTasks } from '../build/render-worker.js';
import { runCli } from '../cli/run-cli.js';
import { forgetCachedGlyphs } from '../writers/pdf/font-book.js';
import { warmUp } from './warm-up.js';

if (!startupSnapshot.isBuildingSnapshot()) throw new Error('this file is the entry of the startup snapshot: node --snapshot-blob FILE --build-snapshot');

// The command modules are loaded lazily by the CLI; loading them here puts them in the snapshot.
// Not serve-output.js: node:http does not load while a snapshot is built (Node 20), and only
// `watch --serve` needs it.
const commandModules = Promise.all([
  import('../build/build.js'),
  import('../build/pack.js'),
  import('../build/validate-files.js'),
  import('../build/watch-handouts.js'),
  import('../build/shard.js'),
  import('../build/build-report-file.js'),
  import('../cli/build-reporter.js'),
  import('workerpool'),
]);

commandModules
  .then(() => warmUp())
  .then(() => forgetCachedGlyphs())
  .catch((error: unknown) => {
    process.stderr.write(`snapshot warm-up failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  });

startupSnapshot.setDeserializeMainFunction(() => {
  // Started as `node --snapshot-blob <blob> <bundle> [arguments]`: the bundle path stands where a
  // script would, so the arguments are where the CLI expects them.
  const blobIndex = process.execArgv.indexOf('--snapshot-blob');
  const bundle = process.argv[1];
  if (blobIndex >= 0 && bundle) useProcessWorkers(bundle, process.execArgv.slice(blobIndex, blobIndex + 2));
  if (process.env[poolWorkerVariable] === '1') {
    // A pool worker: the command that started it handles Ctrl+C and stops its workers itself.
    process.on('SIGINT', () => {});
    serveRenderTasks();
    return;
  }
  // Started by bin/handout.js with a channel to it: if the launcher dies, stop as on SIGTERM.
  if (process.channel) {
    process.channel.unref();
    process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  void runCli(process.argv);
});
