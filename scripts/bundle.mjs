#!/usr/bin/env node
/**
 * Compiles src/ into the JavaScript that runs: dist/cli.js (the command), dist/render-worker.js (batch
 * worker threads), dist/index.js (the library API), and the chunks they share. Dependencies stay
 * imports of their npm packages. Commands load their modules only when they run (the CLI imports the
 * library lazily), so esbuild splits those into chunks of their own.
 *
 *   node scripts/bundle.mjs           bundle unless dist/ was bundled from these very sources
 *   node scripts/bundle.mjs --force   bundle anyway
 *   node scripts/bundle.mjs --check   exit 1 (and say why) if dist/ is missing or stale, bundle nothing
 *
 * "These very sources": dist/.bundle-inputs.json records a hash of every file the last bundle read,
 * plus package.json and this script; nothing is rebuilt while they all match.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const stampFile = path.join(outdir, '.bundle-inputs.json');
const alwaysHashed = ['package.json', 'scripts/bundle.mjs'];

const hashFile = (relative) => {
  try {
    return createHash('sha256').update(readFileSync(path.join(root, relative))).digest('hex');
  } catch {
    return 'missing';
  }
};

/** Why dist/ does not match the sources, or undefined when it does. */
export function staleReason() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'dist/ has not been bundled yet';
  }
  for (const output of stamp.outputs ?? []) if (!existsSync(path.join(root, output))) return `${output} is missing`;
  for (const [file, hash] of Object.entries(stamp.inputs ?? {})) if (hashFile(file) !== hash) return `${file} changed`;
  return undefined;
}

export async function bundle() {
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/run-cli.ts', 'render-worker': 'src/build/render-worker.ts', index: 'src/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = {};
  for (const file of [...Object.keys(result.metafile.inputs), ...alwaysHashed].sort()) inputs[file] = hashFile(file);
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(root, path.resolve(root, file))).sort();
  writeFileSync(stampFile, `${JSON.stringify({ inputs, outputs }, null, 2)}\n`);
  return outputs;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const reason = args.includes('--force') ? 'asked to' : staleReason();
  if (args.includes('--check')) {
    if (reason) {
      process.stderr.write(`dist/ is stale: ${reason}. Run \`npm run compile\`.\n`);
      process.exit(1);
    }
  } else if (reason) {
    const outputs = await bundle();
    process.stderr.write(`bundled dist/ (${reason}): ${outputs.filter((file) => !file.endsWith('.map')).length} files\n`);
  }
}
