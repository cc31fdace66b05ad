import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';

/**
 * Writes a file that `import` or `convert` made. Without `force` the file is created exclusively
 * (`wx`): an existing file, even one that appears between a check and the write, is never replaced.
 */
export async function writeNewFile(file: string, text: string, force: boolean): Promise<Diagnostic[]> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { flag: force ? 'w' : 'wx' });
    return [];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return [{ severity: 'error', code: 'file-exists', message: 'the file already exists; nothing was written', file, hint: 'name another file with --out, or add --force to replace it' }];
    return [{ severity: 'error', code: 'unwritable-file', message: `cannot write the file (${code ?? (error as Error).message})`, file, hint: 'check the folder exists and is writable' }];
  }
}
