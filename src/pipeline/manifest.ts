import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { formatFieldPath } from '../shared/diagnostic.js';
import { manifestEntrySchema, manifestFileSchema, type ManifestEntry, type ManifestOutput } from './manifest-schema.js';
import { writeAtomic } from './write-atomic.js';

export type { ManifestEntry, ManifestOutput };

/** What the output folder remembers about each handout: who made it, from what, and what was written. */
export interface Manifest {
  version: 2;
  handouts: Record<string, ManifestEntry>;
}

export const manifestFileName = '.handout-manifest.json';
export const manifestLockName = '.handout-manifest.lock';

/** A handout's base name as a manifest key: `slug` or `slug.edition`, never a path. */
const keyPattern = /^[^\\/.][^\\/]*$/;

function emptyManifest(): Manifest {
  return { version: 2, handouts: Object.create(null) as Record<string, ManifestEntry> };
}

/**
 * The manifest of `outDir`, every entry checked (see manifest-schema.ts): a missing, unreadable or
 * older manifest only means nothing can be skipped; an entry that fails its check is dropped with a
 * warning. A manifest that is not a regular file (a FIFO, a folder) is an error: reading one could
 * block for ever.
 */
export async function readManifest(outDir: string): Promise<{ manifest: Manifest; diagnostics: Diagnostic[] }> {
  const file = path.join(outDir, manifestFileName);
  const manifest = emptyManifest();
  const info = await lstat(file).catch(() => undefined);
  if (!info) return { manifest, diagnostics: [] };
  if (!info.isFile()) {
    return {
      manifest,
      diagnostics: [{ severity: 'error', code: 'manifest-not-a-file', message: `the output folder's manifest is not a regular file (${kindOf(info)})`, file, hint: `remove it (the next build writes a new one), or choose another output folder with --out` }],
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readRegularFile(file));
  } catch {
    return { manifest, diagnostics: [{ severity: 'warning', code: 'manifest-invalid', message: 'the output folder’s manifest is not valid JSON; every handout is built again', file }] };
  }
  const whole = manifestFileSchema.safeParse(parsed);
  // An older manifest (version 1) has no output hashes: its handouts are simply built again.
  if (!whole.success) return { manifest, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(whole.data.handouts)) {
    const entry = manifestEntrySchema.safeParse(value);
    if (keyPattern.test(key) && entry.success) {
      manifest.handouts[key] = entry.data;
      continue;
    }
    const issue = entry.success ? undefined : entry.error.issues[0];
    diagnostics.push({
      severity: 'warning',
      code: 'manifest-invalid',
      message: `ignored a manifest entry that is not valid: ${issue ? issue.message : 'its name is not a file name'}`,
      file,
      path: formatFieldPath(['handouts', key, ...((issue?.path ?? []) as (string | number)[])]),
      hint: 'the handout is built again; the manifest is rewritten by the build',
    });
  }
  return { manifest, diagnostics };
}

/**
 * Records this build's entries in the manifest on disk. Under a lock file, the manifest is read again
 * and this build's entries merged into it, so two builds into one folder at the same time both keep
 * theirs. `removed`: entries this build found to be no longer valid.
 */
export async function updateManifest(outDir: string, changes: { set: Record<string, ManifestEntry>; removed?: readonly string[] }): Promise<void> {
  await withLock(path.join(outDir, manifestLockName), async () => {
    const { manifest } = await readManifest(outDir);
    for (const key of changes.removed ?? []) delete manifest.handouts[key];
    Object.assign(manifest.handouts, changes.set);
    const sorted = Object.fromEntries(Object.entries(manifest.handouts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    await writeAtomic(path.join(outDir, manifestFileName), `${JSON.stringify({ version: 2, handouts: sorted }, null, 2)}\n`);
  });
}

/**
 * Whether the outputs recorded in `entry` are still in `outDir` exactly as written: regular files of
 * the recorded size and hash (a file replaced, truncated or edited since is built again).
 */
export async function outputsIntact(outDir: string, outputs: readonly ManifestOutput[]): Promise<boolean> {
  for (const output of outputs) {
    const file = path.join(outDir, output.file);
    const info = await lstat(file).catch(() => undefined);
    if (!info?.isFile() || info.size !== output.bytes) return false;
    if ((await fileHash(file).catch(() => undefined)) !== output.sha256) return false;
  }
  return outputs.length > 0;
}

export async function fileHash(file: string): Promise<string> {
  return createHash('sha256').update(await readRegularFile(file, 'buffer')).digest('hex');
}

/** Reads a file only if it is a regular one: opened without following links and without blocking (a FIFO). */
async function readRegularFile(file: string): Promise<string>;
async function readRegularFile(file: string, as: 'buffer'): Promise<Buffer>;
async function readRegularFile(file: string, as?: 'buffer'): Promise<string | Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw new Error(`${file} is not a regular file`);
    const data = await handle.readFile();
    return as === 'buffer' ? data : data.toString('utf8');
  } finally {
    await handle.close();
  }
}

function kindOf(info: Awaited<ReturnType<typeof lstat>>): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isSocket()) return 'a socket';
  return 'a device';
}

/** How long a build waits for another one to finish writing the manifest. */
const lockWaitMilliseconds = 30_000;
/** A lock older than this whose owner cannot be told is left over from a crash. */
const staleLockMilliseconds = 60_000;

async function withLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + lockWaitMilliseconds;
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await lockIsStale(lockFile)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the manifest is locked by another build (${lockFile})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}

/** A lock whose process is gone (a build killed while writing the manifest). */
async function lockIsStale(lockFile: string): Promise<boolean> {
  const owner = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  if (Number.isSafeInteger(owner) && owner > 0) {
    try {
      process.kill(owner, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  const info = await stat(lockFile).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > staleLockMilliseconds;
}
