/**
 * A private copy of the installed CLI, compiled from src/ into a temporary folder (never into the
 * repository's dist/, which other test files run from): package.json, bin/, the compiled modules, and
 * links to templates/ and node_modules/. Tests may change its code, as an upgrade would.
 */
import { cpSync, readdirSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { fromRoot, tmpDir } from '../../support/paths.js';
import { run, type RunResult } from '../../robustness/support/cli.js';

export interface CompiledPackage {
  root: string;
  handout(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
  bin: string;
}

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

export async function compiledPackage(prefix: string): Promise<CompiledPackage> {
  const root = tmpDir(prefix);
  cpSync(fromRoot('package.json'), join(root, 'package.json'));
  cpSync(fromRoot('bin'), join(root, 'bin'), { recursive: true });
  symlinkSync(fromRoot('templates'), join(root, 'templates'));
  symlinkSync(fromRoot('node_modules'), join(root, 'node_modules'));
  // Each module on its own, as tsc emits them (type-only transpilation; `npm run typecheck` checks types).
  await build({ entryPoints: sources(fromRoot('src')).map((file) => ({ in: file, out: relative(fromRoot('src'), file).replace(/\.ts$/, '') })), outdir: join(root, 'dist'), format: 'esm', platform: 'node', target: 'node20', bundle: false, logLevel: 'error' });
  const bin = join(root, 'bin', 'handout.js');
  return { root, bin, handout: (args, options = {}) => run(process.execPath, [bin, ...args], { ...options, ...(options.cwd ? {} : { cwd: root }) }) };
}
