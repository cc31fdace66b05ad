import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Theme } from '../templates/theme.js';
import { packageRoot } from '../shared/package-root.js';
import { toolVersion } from '../shared/tool-version.js';

/** The libraries whose code decides what the bytes of a handout are. */
const renderingDependencies = ['pdfkit', 'fontkit', 'harfbuzzjs', 'handlebars'] as const;

/**
 * Folders never part of a theme, even when the theme is given as a folder that holds them (`--theme .`):
 * version control, installed packages, and hidden files in general.
 */
function ignoredInTheme(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/**
 * What a handout's output depends on besides its dataset and options: the code that renders (see
 * `codeIdentity`), the theme folder (templates, tokens, CSS) and the font files' contents. Computed
 * once per build. `exclude`: folders inside a theme folder that are not the theme's (the output folder).
 */
export async function themeFingerprint(theme: Theme, options: { exclude?: readonly string[] } = {}): Promise<string> {
  const exclude = (options.exclude ?? []).map((folder) => path.resolve(folder));
  const hash = createHash('sha256');
  hash.update(`handout ${toolVersion()}\ncode ${codeIdentity()}\n`);
  for (const directory of theme.sourceDirectories) {
    for (const file of await listFiles(directory, exclude)) {
      hash.update(`${path.basename(directory)}/${path.relative(directory, file)}\n`);
      hash.update(await readFile(file));
    }
  }
  for (const file of [...new Set(Object.values(theme.fontFiles).flatMap((faces) => Object.values(faces)))].sort()) {
    hash.update(`font ${path.basename(file)} ${await fontContentHash(file)}\n`);
  }
  return hash.digest('hex');
}

/** Hash of everything one handout's outputs are made from. */
export function handoutInputHash(parts: { datasetText: string; themeFingerprint: string; options: unknown }): string {
  return createHash('sha256').update(parts.themeFingerprint).update('\0').update(JSON.stringify(parts.options)).update('\0').update(parts.datasetText).digest('hex');
}

// Font files are megabytes: each is hashed once per process, again only when its size or time changes.
const fontHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>();

/** sha256 of a font file's bytes, cached by path, size and modification time. */
export async function fontContentHash(file: string): Promise<string> {
  const info = await stat(file);
  const known = fontHashes.get(file);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.hash;
  const hash = createHash('sha256').update(await readFile(file)).digest('hex');
  fontHashes.set(file, { size: info.size, mtimeMs: info.mtimeMs, hash });
  return hash;
}

let runningCode: string | undefined;

/**
 * The identity of the code that renders: a hash of the files of the module graph this process runs
 * (the compiled `dist/` folder or bundle, or `src/` when run from sources) and the versions of the
 * rendering libraries. A new release, a local change and a recompile all change it, so handouts
 * built by other code are never taken for up to date. Computed once per process.
 */
export function codeIdentity(): string {
  runningCode ??= codeIdentityOf(codeFolder(path.dirname(fileURLToPath(import.meta.url))));
  return runningCode;
}

/** `codeIdentity` for the code in `folder` (every script file below it) and the installed rendering libraries. */
export function codeIdentityOf(folder: string): string {
  const hash = createHash('sha256');
  for (const file of listScripts(folder)) {
    hash.update(`${path.relative(folder, file)}\n`);
    hash.update(readFileSync(file));
  }
  const require = createRequire(path.join(folder, 'index.js'));
  for (const name of renderingDependencies) hash.update(`${name}@${dependencyVersion(require, name)}\n`);
  return hash.digest('hex');
}

/**
 * The top folder of the running code: the child of the package folder on the way to this module,
 * `dist/` for the bundle, `src/` from sources.
 */
function codeFolder(moduleFolder: string): string {
  const root = packageRoot();
  let folder = moduleFolder;
  while (path.dirname(folder) !== root) {
    if (path.dirname(folder) === folder) return moduleFolder;
    folder = path.dirname(folder);
  }
  return folder;
}

function listScripts(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!ignoredInTheme(entry.name)) out.push(...listScripts(full));
    } else if (entry.isFile() && /\.(c|m)?(j|t)s$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

/** A library's version from its package.json; `bundled` when it is part of the bundle (hashed with it). */
function dependencyVersion(require: NodeJS.Require, name: string): string {
  try {
    // The package's own package.json, above any nested one (`{"type": "module"}` in a dist folder).
    for (let folder = path.dirname(require.resolve(name)); path.dirname(folder) !== folder; folder = path.dirname(folder)) {
      const file = path.join(folder, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === name && manifest.version) return manifest.version;
    }
  } catch {
    // Not resolvable on its own: bundled.
  }
  return 'bundled';
}

async function listFiles(directory: string, exclude: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(directory, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (ignoredInTheme(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!exclude.includes(full)) out.push(...(await listFiles(full, exclude)));
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}
