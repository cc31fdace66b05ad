#!/usr/bin/env node
// Starts the handout CLI: from the startup snapshot when `npm install` / `npm ci` built one that
// matches this checkout and this Node.js (about twice as fast to a first handout; bin/startup-snapshot.js),
// otherwise here, from the compiled modules in dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runFromSnapshot, usableSnapshot } from './startup-snapshot.js';

const snapshot = usableSnapshot(fileURLToPath(new URL('..', import.meta.url)));
if (snapshot.blob) {
  runFromSnapshot(snapshot);
} else {
  const entry = new URL('../dist/cli/run-cli.js', import.meta.url);
  if (!existsSync(fileURLToPath(entry))) {
    process.stderr.write('handout: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the handout folder.\n');
    process.exit(70);
  }
  // `--verbose` says why the snapshot was not used.
  process.env.HANDOUT_SNAPSHOT_UNUSED = snapshot.unusable;
  const { runCli } = await import(entry.href);
  await runCli(process.argv);
}
