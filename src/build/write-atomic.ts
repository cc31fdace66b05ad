import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write through a temporary file in the same folder, then rename: readers (a browser, a print queue,
 * a CI artifact upload) see either the old file or the new one, never half of one.
 */
export async function writeAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, data);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Write several files as one unit: every temporary file is written first, and only when all of them
 * succeeded are they renamed into place. A failure (full disk, a folder in the way) leaves every
 * earlier output untouched.
 */
export async function writeAllAtomic(files: readonly { path: string; data: Uint8Array | string }[]): Promise<void> {
  const staged: { temporary: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(path.dirname(file.path), { recursive: true });
      const temporary = path.join(path.dirname(file.path), `.${path.basename(file.path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ temporary, target: file.path });
      await writeFile(temporary, file.data);
    }
    // A rename can still fail where a folder stands in the way: check every target before the first rename.
    for (const { target } of staged) {
      const existing = await lstat(target).catch(() => undefined);
      if (existing?.isDirectory()) throw Object.assign(new Error(`${target} is a folder`), { code: 'EISDIR' });
    }
    for (const { temporary, target } of staged) await rename(temporary, target);
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    throw error;
  }
}
