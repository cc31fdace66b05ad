import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { lstat, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';

/**
 * Temporary files are named `.<target name>.<owner>.<8 hex>.tmp`, next to their target. The owner is
 * the process id of the command the user started, the same in every worker thread, so the command can
 * find (and remove) the temporaries of workers it has stopped, without any shared state.
 */
export function temporaryOwner(): number {
  return process.pid;
}

/** `.<target name>.<owner>.<8 hex>.tmp`: the target's name, and the owner. */
const temporaryPattern = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Temporary files this thread is writing right now. */
const inProgress = new Set<string>();

function temporaryFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${temporaryOwner()}.${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Write through a temporary file in the same folder, then rename: readers (a browser, a print queue,
 * a CI artifact upload) see either the old file or the new one, never half of one.
 */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = temporaryFor(file);
  inProgress.add(temporary);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    inProgress.delete(temporary);
  }
}

/**
 * A file written piece by piece into its temporary file (a PDF as it is drawn: tens of megabytes for
 * a long table, which then never wait in memory), then committed with others by `writeAllAtomic`, or
 * discarded. Writes are synchronous: the PDF's pieces come from a drawing loop that does not yield.
 */
export interface StagedFile {
  readonly path: string;
  readonly temporary: string;
  write(data: Uint8Array): void;
  /** Done writing (`writeAllAtomic` does this before it commits); again does nothing. */
  close(): void;
  /** Removes the temporary file: the output was not wanted after all. */
  discard(): void;
}

export async function stageFile(target: string): Promise<StagedFile> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = temporaryFor(target);
  inProgress.add(temporary);
  let fd: number | undefined = openSync(temporary, 'wx');
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  return {
    path: target,
    temporary,
    write(data) {
      if (fd === undefined) throw new Error(`${temporary} is already closed`);
      for (let written = 0; written < data.byteLength; ) written += writeSync(fd, data, written);
    },
    close,
    discard() {
      close();
      rmSync(temporary, { force: true });
      inProgress.delete(temporary);
    },
  };
}

/**
 * Write several files as one unit: every temporary file is written first (or was staged, see
 * `stageFile`), and only when all of them succeeded are they renamed into place. A failure (full
 * disk, a folder in the way) leaves every earlier output untouched.
 */
export async function writeAllAtomic(files: readonly ({ path: string; data: Uint8Array | string } | StagedFile)[]): Promise<void> {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      if ('temporary' in file) {
        staged.push({ temporary: file.temporary, target: file.path });
        file.close();
        continue;
      }
      await mkdir(path.dirname(file.path), { recursive: true });
      const temporary = temporaryFor(file.path);
      staged.push({ temporary, target: file.path });
      inProgress.add(temporary);
      await writeFile(temporary, file.data);
    }
    // A rename can still fail where a folder stands in the way: check every target before the first rename.
    for (const { target } of staged) {
      const existing = await lstat(target).catch(() => undefined);
      if (existing?.isDirectory()) throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' });
    }
    for (const { temporary, target } of staged) await rename(temporary, target);
  } catch (error) {
    for (const file of files) if ('temporary' in file) file.discard();
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  } finally {
    for (const { temporary } of staged) inProgress.delete(temporary);
  }
}

/**
 * Removes the temporary files of this command: those this thread is writing, and every
 * `.<name>.<owner>.<hex>.tmp` of this command in `directories` (written by workers that were
 * stopped mid-write). Synchronous, so it can run in a signal handler just before the process exits.
 * Returns how many files were removed.
 */
export function removeTemporaryFiles(directories: readonly string[] = []): number {
  let removed = 0;
  for (const file of inProgress) removed += removeQuietly(file);
  inProgress.clear();
  for (const directory of new Set(directories.map((d) => path.resolve(d)))) removed += removeOwnTemporaries(directory, () => true);
  return removed;
}

/**
 * Removes this command's temporary files of `targets`: a worker thread that died mid-render (out of
 * memory) leaves the one its PDF was being written into.
 */
export function removeTemporariesOf(targets: readonly string[]): void {
  for (const target of targets) removeOwnTemporaries(path.dirname(target), (name) => name === path.basename(target));
}

/** Removes this command's `.<name>.<owner>.<hex>.tmp` files in `directory` whose `<name>` is accepted. */
function removeOwnTemporaries(directory: string, acceptName: (name: string) => boolean): number {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = temporaryPattern.exec(name);
    if (match && Number(match[2]) === temporaryOwner() && acceptName(match[1]!)) removed += removeQuietly(path.join(directory, name));
  }
  return removed;
}

function removeQuietly(file: string): number {
  try {
    rmSync(file);
    return 1;
  } catch {
    // Not created yet, already gone, or not removable: nothing more can be done on the way out.
    return 0;
  }
}

/**
 * Makes sure `directory` exists and accepts new files, before anything is rendered for it: a path
 * through a file, a read-only or full disk is then one clear message instead of one per handout.
 * Returns the problem, if any; nothing is left behind either way.
 */
export async function prepareOutputFolder(directory: string): Promise<Diagnostic | undefined> {
  const shown = path.relative(process.cwd(), directory) || '.';
  const problem = (message: string, hint: string): Diagnostic => ({ severity: 'error', code: 'output-folder', message, file: shown, hint });
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      const blocker = await firstFileOnPath(directory);
      return problem(
        `cannot create the output folder: ${blocker ? `${path.relative(process.cwd(), blocker) || blocker} is a file, not a folder` : `a file is in the way (${code})`}`,
        'choose another folder with --out, or move the file away',
      );
    }
    return problem(`cannot create the output folder (${code ?? (error as Error).message})`, folderHint(code));
  }
  const probe = temporaryFor(path.join(directory, '.write-check'));
  inProgress.add(probe);
  try {
    await writeFile(probe, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return problem(`cannot write into the output folder (${code ?? (error as Error).message})`, folderHint(code));
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
    inProgress.delete(probe);
  }
  return undefined;
}

function folderHint(code: string | undefined): string {
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full; free some space and build again';
  if (code === 'EROFS') return 'the disk is read-only; choose another folder with --out';
  return 'check the folder\'s permissions, or choose another folder with --out';
}

/** The first existing path on the way to `target` that is not a folder. */
async function firstFileOnPath(target: string): Promise<string | undefined> {
  const parts = path.resolve(target).split(path.sep);
  for (let index = 2; index <= parts.length; index++) {
    const prefix = parts.slice(0, index).join(path.sep) || path.sep;
    const info = await stat(prefix).catch(() => undefined);
    if (!info) return undefined;
    if (!info.isDirectory()) return prefix;
  }
  return undefined;
}
