/**
 * A private copy of the installed CLI in a temporary folder: package.json, bin/handout.js, the bundle
 * (dist/, made by the test setup) and links to templates/ and node_modules/. Tests may change its
 * code, as an upgrade would, without touching the repository's dist/.
 */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, tmpDir } from '../../support/paths.js';
import { run, type RunResult } from '../../robustness/support/cli.js';

export interface CompiledPackage {
  root: string;
  bin: string;
  handout(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<RunResult>;
}

export function compiledPackage(prefix: string): CompiledPackage {
  const root = tmpDir(prefix);
  cpSync(fromRoot('package.json'), join(root, 'package.json'));
  mkdirSync(join(root, 'bin'));
  // Without scripts/ beside it, the launcher runs the bundle as it is (as in an installed package).
  cpSync(fromRoot('bin', 'handout.js'), join(root, 'bin', 'handout.js'));
  cpSync(fromRoot('dist'), join(root, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.map') });
  symlinkSync(fromRoot('templates'), join(root, 'templates'));
  symlinkSync(fromRoot('node_modules'), join(root, 'node_modules'));
  const bin = join(root, 'bin', 'handout.js');
  return { root, bin, handout: (args, options = {}) => run(process.execPath, [bin, ...args], { ...options, ...(options.cwd ? {} : { cwd: root }) }) };
}
