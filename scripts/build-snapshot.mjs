#!/usr/bin/env node
/**
 * Builds the startup snapshot the CLI starts from (see src/snapshot/snapshot-main.ts):
 *
 *   1. esbuild bundles src/snapshot/snapshot-main.ts and every module it uses into dist/startup-snapshot/handout.cjs
 *      (`node --build-snapshot` runs a single file);
 *   2. `node --build-snapshot` runs it (loading modules, parsing fonts, rendering a sample handout)
 *      and writes the heap to dist/startup-snapshot/handout.blob;
 *   3. dist/startup-snapshot/snapshot.json records what the snapshot depends on (Node version, checkout folder,
 *      sources, lockfile, the font files it parsed), which bin/handout.js checks before using it.
 *
 * A failure is reported and leaves no snapshot: the CLI then runs from dist/ as it is, only slower to
 * start. `HANDOUT_SNAPSHOT=0` skips this step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'startup-snapshot');
const bundle = path.join(outDir, 'handout.cjs');
const blob = path.join(outDir, 'handout.blob');
const manifest = path.join(outDir, 'snapshot.json');

function fail(message) {
  rmSync(outDir, { recursive: true, force: true });
  process.stderr.write(`handout: startup snapshot not built: ${message}\nThe CLI works without it (it starts from dist/), only more slowly.\n`);
  process.exit(0);
}

if (process.env.HANDOUT_SNAPSHOT === '0') {
  rmSync(outDir, { recursive: true, force: true });
  process.exit(0);
}

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  fail(`esbuild is not installed (${error.message})`);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

/**
 * Changes to dependencies' code in the bundle. Mostly code that must run later than at load time,
 * because the snapshot cannot hold native handles: yargs reads `process.stdout.columns` as it loads
 * (creating process.stdout), and string-width (used by yargs and cli-progress) makes an
 * `Intl.Segmenter`; deferred to first use, they behave as before. A pattern that is no longer found (after an
 * upgrade) stops the build, so a change is never silently skipped.
 */
const deferredReads = [
  {
    // yargs renders the whole help text each time a command runs, in case an asynchronous handler
    // fails later and help is to be shown then; handout never shows help for a failure (src/cli/main.ts
    // rethrows). Rendering it was a tenth of the time to a first handout, Intl.Segmenter included.
    file: /[\\/]yargs[\\/]build[\\/]lib[\\/]command\.js$/,
    from: 'yargs.getInternalMethods().getUsageInstance().cacheHelpMessage();',
    to: '/* help is not cached: see scripts/build-snapshot.mjs */',
  },
  {
    file: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/,
    from: "stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null",
    to: "get stdColumns() { return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null; }",
  },
  {
    file: /[\\/]string-width[\\/]index\.js$/,
    // Older copies (cli-progress's) have no segmenter.
    only: 'Intl.Segmenter',
    from: 'const segmenter = new Intl.Segmenter();',
    to: 'let madeSegmenter; const segmenter = { segment: (text) => (madeSegmenter ??= new Intl.Segmenter()).segment(text) };',
  },
];

/**
 * In a CommonJS bundle `import.meta.url` is empty; every module that uses it (ours, to find
 * templates/ and package.json; pdfkit and yargs, to find their data files) gets its own file's URL,
 * so paths resolve as they do from the unbundled modules.
 */
const snapshotSafeModules = {
  name: 'snapshot-safe-modules',
  setup(build) {
    build.onLoad({ filter: /\.(m?js|cjs|ts)$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      const patches = deferredReads.filter((patch) => patch.file.test(args.path) && (!patch.only || source.includes(patch.only)));
      if (patches.length === 0 && !source.includes('import.meta.url')) return undefined;
      for (const patch of patches) {
        if (!source.includes(patch.from)) throw new Error(`${args.path} changed: cannot defer \`${patch.from}\``);
        source = source.replace(patch.from, patch.to);
      }
      source = source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents: source, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

try {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'snapshot', 'snapshot-main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // ESM builds first: jsonc-parser's UMD build loads its parts with a require() no bundler can follow.
    mainFields: ['module', 'main'],
    // Less source text in the snapshot, faster to load; names are kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
    plugins: [snapshotSafeModules],
  });
  if (result.warnings.length > 0) {
    const messages = await esbuild.formatMessages(result.warnings, { kind: 'warning' });
    process.stderr.write(messages.join(''));
  }
} catch (error) {
  fail(`bundling failed: ${error.message}`);
}

// A dynamic import() left in the bundle (of a Node module, which is not bundled) fails at run time
// in a snapshot ("A dynamic import callback was not specified"): import Node's modules statically.
const dynamicImport = /\bimport\(\s*["'`]/.exec(readFileSync(bundle, 'utf8'));
if (dynamicImport) fail(`the bundle still has a dynamic import() at offset ${dynamicImport.index}; import that module statically`);

const built = spawnSync(process.execPath, ['--no-warnings', '--snapshot-blob', blob, '--build-snapshot', bundle], { cwd: root, encoding: 'utf8' });
if (built.status !== 0) fail(`node --build-snapshot exited with ${built.status ?? built.signal}:\n${built.stderr}${built.stdout}`);

const { loadTheme } = await import(pathToFileURL(path.join(root, 'dist', 'templates', 'load-theme.js')).href);
const { theme } = await loadTheme('default');
if (!theme) fail('the default theme does not load');
const fontFiles = Object.values(theme.fontFiles).flatMap((faces) => Object.values(faces));

function filesUnder(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

const inputs = [...filesUnder(path.join(root, 'src')), path.join(root, 'package.json'), path.join(root, 'package-lock.json'), bundle, blob, ...fontFiles].map((file) => {
  const stat = statSync(file);
  return { file: path.relative(root, file), size: stat.size, mtimeMs: stat.mtimeMs };
});
writeFileSync(manifest, `${JSON.stringify({ node: process.version, arch: process.arch, root, blob: path.relative(root, blob), bundle: path.relative(root, bundle), inputs }, null, 1)}\n`);
process.stdout.write(`handout: startup snapshot built (${(statSync(blob).size / 1e6).toFixed(1)} MB)\n`);
