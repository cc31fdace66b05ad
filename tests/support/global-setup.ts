/**
 * Before any test file: bundle src/ into dist/ if it changed (the CLI run as a child process and the
 * batch worker threads run from dist/). Done once here, so no test file compiles anything itself.
 */
import { spawnSync } from 'node:child_process';
import { fromRoot } from './paths.js';

export default function setup(): void {
  const result = spawnSync(process.execPath, [fromRoot('scripts', 'bundle.mjs')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bundling src/ into dist/ failed:\n${result.stdout}${result.stderr}`);
}
