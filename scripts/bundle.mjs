#!/usr/bin/env node
/**
 * Compiles src/ into the JavaScript that runs: dist/cli.js (the command), dist/render-worker.js and
 * dist/load-worker.js (the worker threads that render handouts and load large datasets), dist/index.js
 * (the library API), and the chunks they share. Commands load their
 * modules only when they run (the CLI imports the library lazily), so esbuild splits those into chunks
 * of their own.
 *
 * Dependencies are bundled too: Node.js then reads a few files instead of some seven hundred modules
 * of forty packages, which is about a sixth of the CPU time of a one-handout build (and of each worker
 * thread's start). The packages in `runtimePackages` stay imports of their npm packages, and are the
 * only dependencies of the published package: data files found by path (the fonts), or files a
 * package loads relative to itself (yargs' message translations), or large data loaded only when needed
(hyphenation patterns, one language at a time). The licences of everything bundled
 * go into dist/THIRD-PARTY-NOTICES.md.
 *
 *   node scripts/bundle.mjs           bundle unless dist/ was bundled from these very sources
 *   node scripts/bundle.mjs --force   bundle anyway
 *   node scripts/bundle.mjs --check   exit 1 (and say why) if dist/ is missing or stale, bundle nothing
 *
 * "These very sources": dist/.bundle-inputs.json records a hash of every file the last bundle read
 * (the dependencies' files by npm's record of what it installed, see `stampedInputs`), plus
 * package.json, the lockfile and this script; nothing is rebuilt while they all match. Every `handout` started
 * in a checkout asks this, so a file whose size and modification time are those recorded with its
 * hash is taken as unchanged without reading it; only the others are hashed (a file touched but
 * not changed is still fresh). Hashing all of them (over a thousand) was a tenth of a one-handout
 * build.
 *
 * `replacedModules` are modules of dependencies that the bundle gets a stand-in for (esbuild's
 * `alias`), because handout never uses them and evaluating them cost every process its share of
 * start-up time; each stand-in throws a clear error if it is reached after all.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'dist');
const stampFile = path.join(outdir, '.bundle-inputs.json');
const alwaysHashed = ['package.json', 'package-lock.json', 'scripts/bundle.mjs'];

/** Dependencies that stay imports at run time (see above); every other dependency is bundled. */
// subset-font and harfbuzzjs load harfbuzz's WebAssembly files from their own package folders; hyphen its patterns by name.
export const runtimePackages = ['yargs', '@expo-google-fonts/noto-sans', '@expo-google-fonts/noto-serif', 'dejavu-fonts-ttf', 'harfbuzzjs', 'hyphen', 'subset-font'];

/**
 * Modules replaced in the bundle by a stand-in (esbuild `alias`; see above). Each is imported by a
 * dependency at its top level but serves something handout does not do:
 * - `brotli/decompress.js`: fontkit's decoder of WOFF2 fonts (1.3 MB, with a dictionary unpacked as
 *   it loads). Themes use TTF, OTF or WOFF files; the font book refuses a WOFF2 file with a clear
 *   error before fontkit would decode it.
 * - `linebreak`: pdfkit's Unicode line breaker (a table unpacked as it loads), used only when pdfkit
 *   wraps text drawn with a width. handout breaks lines itself and draws each line without a width.
 * - `@noble/ciphers/aes`: pdfkit's AES (tables computed as it loads), used only to encrypt a PDF
 *   with a password, which handout never asks for.
 * tests/package/bundle-stubs.test.ts checks that each replaced module is still what its dependency
 * imports, and that the stand-in throws.
 */
export const replacedModules = {
  'brotli/decompress.js': './scripts/bundle-stubs/brotli-decompress.js',
  linebreak: './scripts/bundle-stubs/linebreak.js',
  '@noble/ciphers/aes': './scripts/bundle-stubs/noble-ciphers-aes.js',
};

/**
 * What the stamp records of a file: its SHA-256, and the size and modification time it had then. A
 * file changed after `since` (while it was being bundled) may differ from what was bundled: it is
 * recorded as unknown, so that the next check bundles again.
 */
const describeFile = (relative, since) => {
  try {
    const file = path.join(root, relative);
    const { size, mtimeMs } = statSync(file);
    if (mtimeMs >= since) return { sha256: 'changed while bundling' };
    return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), size, mtimeMs };
  } catch {
    return { sha256: 'missing' };
  }
};

/** Whether a file still is as the stamp describes it: same size and time, or else the same contents. */
const unchanged = (relative, recorded) => {
  if (typeof recorded !== 'object' || recorded === null) return false;
  try {
    const file = path.join(root, relative);
    const { size, mtimeMs } = statSync(file);
    if (size === recorded.size && mtimeMs === recorded.mtimeMs) return true;
    return createHash('sha256').update(readFileSync(file)).digest('hex') === recorded.sha256;
  } catch {
    return recorded.sha256 === 'missing';
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
  for (const [file, recorded] of Object.entries(stamp.inputs ?? {})) if (!unchanged(file, recorded)) return `${file} changed`;
  return undefined;
}

export async function bundle() {
  const started = Date.now();
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/run-cli.ts', 'render-worker': 'src/pipeline/render-worker.ts', 'load-worker': 'src/pipeline/load-worker.ts', index: 'src/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: runtimePackages.flatMap((name) => [name, `${name}/*`]),
    alias: replacedModules,
    // The ES module builds, where a package has both (jsonc-parser's CommonJS build requires files by computed names).
    mainFields: ['module', 'main'],
    // CommonJS packages in an ES module bundle still call require() for Node's own modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  writeFileSync(path.join(outdir, 'THIRD-PARTY-NOTICES.md'), thirdPartyNotices(Object.keys(result.metafile.inputs)));
  const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(root, path.resolve(root, file))).sort();
  writeStamp(stampedInputs(Object.keys(result.metafile.inputs)), outputs, started);
  return outputs;
}

/**
 * The files the stamp records for a bundle that read `bundled`: the sources themselves, but the
 * dependencies' files (nine in ten of them) by npm's record of the installed tree,
 * node_modules/.package-lock.json, which npm rewrites whenever it installs, updates or removes a
 * package. A check at every start then looks at about a hundred files instead of over a thousand.
 */
export function stampedInputs(bundled) {
  const own = bundled.filter((file) => !file.split(/[\\/]/).includes('node_modules'));
  return [...new Set([...own, ...alwaysHashed, 'node_modules/.package-lock.json'])];
}

/**
 * Records `inputs` (as they are now) and `outputs`, paths relative to the root, as what dist/ was
 * bundled from; `started`: when the bundling began (ms since 1970).
 */
export function writeStamp(inputs, outputs, started = Date.now()) {
  const described = {};
  for (const file of [...inputs].sort()) described[file] = describeFile(file, started);
  writeFileSync(stampFile, `${JSON.stringify({ inputs: described, outputs }, null, 2)}\n`);
}

/** The name, version, licence and licence text of every npm package bundled. */
function thirdPartyNotices(inputs) {
  const folders = new Set();
  for (const input of inputs) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(match[1]);
  }
  const sections = [...folders].sort().map((folder) => {
    const manifest = JSON.parse(readFileSync(path.join(root, folder, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(path.join(root, folder)).find((name) => /^(licen[cs]e|copying)(\..*)?$/i.test(name));
    const text = licenceFile ? readFileSync(path.join(root, folder, licenceFile), 'utf8').trim() : `(no licence file in the package; its package.json declares ${manifest.license ?? 'no licence'})`;
    return `## ${manifest.name} ${manifest.version} (${typeof manifest.license === 'string' ? manifest.license : 'see below'})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  return `# Third-party software bundled in handout\n\nThese npm packages are compiled into dist/ by scripts/bundle.mjs.\n\n${sections.join('\n')}`;
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
