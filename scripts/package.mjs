#!/usr/bin/env node
/**
 * `npm run package`: assembles the package that course repositories install, in .package/, and packs
 * it into handout-<version>.tgz here (or in --out DIR).
 *
 * The published package differs from this folder on purpose. This folder's package.json is the
 * development project (devDependencies, scripts, no `bin`): were `handout` a bin of this folder, npx
 * would install the checkout into its own cache, dependencies and all, before every first
 * `npx handout` here. The package gets a manifest of its own: `bin`, `exports` with types, `files`,
 * and only the dependencies that are not bundled, at the versions this folder pins. It ships compiled JavaScript,
 * the built-in themes, the starter files of `handout init` and the schemas, and runs nothing at install time.
 *
 *   --out DIR        where the .tgz goes (default: this folder)
 *   --refuse-root    (the root `prepack`) explain that `npm pack` here would pack the development project
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, runtimePackages } from './bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (args.includes('--refuse-root')) {
  process.stderr.write(
    'handout: `npm pack` in this folder would pack the development project, which has no `handout` command.\n' +
      'Run `npm run package` instead: it assembles the installable package and writes handout-<version>.tgz.\n',
  );
  process.exit(1);
}

const outIndex = args.indexOf('--out');
const outDir = path.resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1] : root);
const stage = path.join(root, '.package');
const project = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

rmSync(stage, { recursive: true, force: true });
await bundle();
cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true, filter: (file) => !file.endsWith('.bundle-inputs.json') });
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.types.json')], { stdio: 'inherit' });
for (const item of ['templates', 'starter', 'schema', 'README.md', 'LICENSE']) cpSync(path.join(root, item), path.join(stage, item), { recursive: true });
mkdirSync(path.join(stage, 'bin'));
cpSync(path.join(root, 'bin', 'handout.js'), path.join(stage, 'bin', 'handout.js'));

const manifest = {
  name: project.name,
  version: project.version,
  description: project.description,
  keywords: ['handout', 'worksheet', 'pdf', 'html', 'teaching', 'comparison', 'classroom'],
  license: project.license,
  type: 'module',
  engines: project.engines,
  bin: { handout: 'bin/handout.js' },
  exports: {
    '.': { types: './dist/types/index.d.ts', default: './dist/index.js' },
    './schema/handout.schema.json': './schema/handout.schema.json',
    './schema/theme.schema.json': './schema/theme.schema.json',
    './package.json': './package.json',
  },
  types: './dist/types/index.d.ts',
  files: ['bin/', 'dist/', 'templates/', 'starter/', 'schema/', 'README.md', 'LICENSE'],
  // Everything else is bundled into dist/ (see scripts/bundle.mjs).
  dependencies: Object.fromEntries(runtimePackages.map((name) => [name, project.dependencies[name]])),
};
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

mkdirSync(outDir, { recursive: true });
const packed = execFileSync('npm', ['pack', stage, '--pack-destination', outDir, '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
const [{ filename, size, entryCount }] = JSON.parse(packed);
process.stdout.write(`${path.join(outDir, filename)} (${Math.round(size / 1024)} KB, ${entryCount} files)\n`);
