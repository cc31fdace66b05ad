#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm install` / `npm ci` through the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('handout: the compiled CLI is missing (dist/). Run `npm install` or `npm run compile` in the handout folder.\n');
  process.exit(70);
}
const { main } = await import(entry.href);
const { hideBin } = await import('yargs/helpers');
try {
  process.exitCode = await main(hideBin(process.argv));
} catch (error) {
  // A problem with the user's input is reported as diagnostics; anything reaching here is a bug.
  process.stderr.write(`handout: internal error: ${error?.stack ?? error}\nPlease report this, with the dataset that caused it.\n`);
  process.exitCode = 70;
}
