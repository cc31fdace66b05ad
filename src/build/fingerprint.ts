import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Theme } from '../templates/theme.js';
import { toolVersion } from '../shared/tool-version.js';

/**
 * What a handout's output depends on besides its dataset: the theme folder (templates, tokens, CSS),
 * the font files and the tool's version. Computed once per build.
 */
export async function themeFingerprint(theme: Theme): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`handout ${toolVersion()}\n`);
  for (const directory of theme.sourceDirectories) {
    for (const file of await listFiles(directory)) {
      hash.update(`${path.basename(directory)}/${path.relative(directory, file)}\n`);
      hash.update(await readFile(file));
    }
  }
  // Font files are large and come from packages or the theme folder (hashed above when local):
  // their name, size and modification time identify them without reading megabytes per build.
  for (const file of new Set(Object.values(theme.fontFiles).flatMap((faces) => Object.values(faces)))) {
    const info = await stat(file);
    hash.update(`${path.basename(file)} ${info.size} ${info.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

/** Hash of everything one handout's outputs are made from. */
export function handoutInputHash(parts: { datasetText: string; themeFingerprint: string; options: unknown }): string {
  return createHash('sha256').update(parts.themeFingerprint).update('\0').update(JSON.stringify(parts.options)).update('\0').update(parts.datasetText).digest('hex');
}

async function listFiles(directory: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(directory, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
