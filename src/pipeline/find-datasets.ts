import { open, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { sourceFormatOf } from '../load/parse-source.js';

/**
 * Files and folders → dataset files (.yaml, .yml, .json, .md), folders searched recursively, sorted.
 * In a folder, a Markdown file is a dataset only when it starts with front matter (`---`): a README
 * or notes next to the datasets are left alone. A file named on the command line is always a dataset.
 * A file reached twice (named in two spellings, `data/x.yaml` and `./data//x.yaml`, or through a
 * symbolic link) is listed once. Folders that cannot be read, paths the system cannot handle and
 * folders without datasets are reported as diagnostics, never thrown.
 */
export async function findDatasets(inputs: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const add = async (file: string) => {
    const identity = await realpath(file).catch(() => path.resolve(file));
    if (!files.has(identity)) files.set(identity, file);
  };
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch (error) {
      diagnostics.push(pathProblem(input, error, 'no such file or folder', 'check the path; datasets live in data/ by default'));
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(input, diagnostics);
      // Unless the reason is already reported (a folder in it that cannot be read).
      if (found.length === 0 && !diagnostics.some((d) => d.severity === 'error' && d.file !== undefined && (d.file === input || d.file.startsWith(path.join(input, path.sep))))) {
        diagnostics.push({ severity: 'error', code: 'no-datasets', message: 'no dataset files (.yaml, .yml, .json, .md) in this folder', file: input, hint: 'put datasets in this folder, or name the dataset files on the command line' });
      }
      for (const file of found) await add(file);
    } else {
      await add(input);
    }
  }
  return { files: [...files.values()].sort((a, b) => a.localeCompare(b)), diagnostics };
}

async function walk(directory: string, diagnostics: Diagnostic[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(pathProblem(directory, error, 'this folder cannot be read', 'check the folder\'s permissions, or move the datasets to a folder that can be read'));
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    const isDataset = async (name: string, file: string) => Boolean(sourceFormatOf(name)) && (sourceFormatOf(name) !== 'markdown' || (await startsWithFrontMatter(file)));
    if (entry.isDirectory()) out.push(...(await walk(full, diagnostics)));
    else if (entry.isFile() && (await isDataset(entry.name, full))) out.push(full);
    else if (entry.isSymbolicLink() && sourceFormatOf(entry.name)) {
      // A link to a dataset is a dataset; a link to a folder is not followed (links can form loops).
      const target = await stat(full).catch(() => undefined);
      if (target?.isFile()) {
        if (await isDataset(entry.name, full)) out.push(full);
      } else {
        diagnostics.push({ severity: 'warning', code: 'skipped-link', message: target ? 'this symbolic link does not point to a file: skipped' : 'this symbolic link points to nothing: skipped', file: full, hint: 'point the link at a dataset file, or remove it' });
      }
    }
  }
  return out;
}

/** A path that cannot be used, said in the user's terms (a missing file, a path too long for the system…). */
function pathProblem(file: string, error: unknown, otherwise: string, hint: string): Diagnostic {
  const code = (error as NodeJS.ErrnoException).code;
  const problem = (message: string, hintText = hint): Diagnostic => ({ severity: 'error', code: code === 'ENOENT' ? 'not-found' : 'unreadable-path', message, file, hint: hintText });
  switch (code) {
    case 'ENOENT':
      return problem('no such file or folder', 'check the path; datasets live in data/ by default (`npx handout init` makes data/ with an example dataset)');
    case 'ENAMETOOLONG':
      return problem(`the path is too long for the system (${path.resolve(file).length.toLocaleString('en')} characters)`, 'move the datasets to a folder with a shorter path, or name shorter folders');
    case 'EACCES':
    case 'EPERM':
      return problem(`${otherwise}: permission denied`);
    case 'ELOOP':
      return problem('the path goes round in a loop of symbolic links', 'replace the links with the files or folders they should point to');
    case 'ENOTDIR':
      return problem('a part of the path is a file, not a folder', 'check the path');
    default:
      return problem(`${otherwise} (${code ?? (error as Error).message})`);
  }
}

async function startsWithFrontMatter(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => undefined);
  if (!handle) return true; // unreadable: let the loader report why
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    return /^(\uFEFF)?---[ \t]*(\r?\n|$)/.test(buffer.subarray(0, bytesRead).toString('utf8'));
  } finally {
    await handle.close();
  }
}
