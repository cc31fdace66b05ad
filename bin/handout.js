#!/usr/bin/env node
// The handout command: runs the bundled CLI (dist/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// In a checkout of handout (not in an installed package), bundle src/ first when it changed since the
// last bundle, so `npx handout` always runs the sources as they are.
const bundler = new URL('../scripts/bundle.mjs', import.meta.url);
if (existsSync(fileURLToPath(bundler))) {
  const { staleReason, bundle } = await import(bundler.href);
  const reason = staleReason();
  if (reason) {
    process.stderr.write(`handout: bundling the CLI first (${reason})\n`);
    await bundle();
  }
}

const entry = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('handout: the bundled CLI (dist/cli.js) is missing; reinstall handout.\n');
  process.exit(70);
}
const { runCli } = await import(entry.href);
await runCli(process.argv);
