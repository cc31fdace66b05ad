import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeAtomic } from './write-atomic.js';

/** What the output folder remembers about each handout, to skip what has not changed. */
export interface ManifestEntry {
  dataset: string;
  hash: string;
  outputs: { format: string; file: string; bytes: number; pages?: number }[];
}

export interface Manifest {
  version: 1;
  handouts: Record<string, ManifestEntry>;
}

export const manifestFileName = '.handout-manifest.json';

export async function readManifest(outDir: string): Promise<Manifest> {
  try {
    const parsed = JSON.parse(await readFile(path.join(outDir, manifestFileName), 'utf8')) as Manifest;
    if (parsed.version === 1 && parsed.handouts && typeof parsed.handouts === 'object') {
      return { version: 1, handouts: Object.assign(Object.create(null) as Record<string, ManifestEntry>, parsed.handouts) };
    }
  } catch {
    // A missing or unreadable manifest only means nothing can be skipped.
  }
  return { version: 1, handouts: Object.create(null) as Record<string, ManifestEntry> };
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(manifest.handouts).sort(([a], [b]) => a.localeCompare(b)));
  await writeAtomic(path.join(outDir, manifestFileName), `${JSON.stringify({ version: 1, handouts: sorted }, null, 2)}\n`);
}
