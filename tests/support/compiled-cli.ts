/**
 * The CLI compiled into a folder of the test file's own (under tests/.artifacts/), laid out like the
 * installed package (bin/, dist/, templates/, package.json, node_modules/): test files that run the
 * CLI as a child process never share, or race over, the dist/ of the working tree. esbuild transpiles
 * file by file (the project compiles with `isolatedModules`), in well under a second; types are
 * checked by `npm run typecheck`, not here.
 */
import { copyFileSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fromRoot, tmpDir } from './paths.js';

export interface CompiledCli {
  /** The package folder. */
  root: string;
  /** `bin/handout.js` of that folder. */
  bin: string;
  /** A module of its dist/ (`dist/build/build.js` → `build/build.js`), as a file path. */
  dist(path: string): string;
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = join(directory, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export async function compileCli(name: string): Promise<CompiledCli> {
  const root = tmpDir(`compiled-${name}`);
  const source = fromRoot('src');
  await build({
    entryPoints: typeScriptFiles(source),
    outdir: join(root, 'dist'),
    outbase: source,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'silent',
  });
  mkdirSync(join(root, 'bin'));
  for (const file of readdirSync(fromRoot('bin'))) if (file.endsWith('.js')) copyFileSync(fromRoot('bin', file), join(root, 'bin', file));
  copyFileSync(fromRoot('package.json'), join(root, 'package.json'));
  // Read-only inputs are linked, not copied: templates (themes, fonts named relative to them) and the dependencies.
  // `junction`: a link to a folder Windows makes without administrator rights (ignored elsewhere).
  for (const linked of ['templates', 'node_modules']) symlinkSync(fromRoot(linked), join(root, linked), 'junction');
  return { root, bin: join(root, 'bin', 'handout.js'), dist: (path) => join(root, 'dist', path) };
}
