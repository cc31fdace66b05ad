import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { sourceFormatOf } from '../load/parse-source.js';

/**
 * Files and folders → dataset files (.yaml, .yml, .json, .md), folders searched recursively, sorted.
 * In a folder, a Markdown file is a dataset only when it starts with front matter (`---`): a README
 * or notes next to the datasets are left alone. A file named on the command line is always a dataset.
 */
export async function findDatasets(inputs: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) {
      diagnostics.push({ severity: 'error', code: 'not-found', message: 'no such file or folder', file: input, hint: 'check the path; datasets live in data/ by default' });
    } else if (info.isDirectory()) {
      for (const file of await walk(input)) files.add(file);
    } else {
      files.add(input);
    }
  }
  return { files: [...files].sort((a, b) => a.localeCompare(b)), diagnostics };
}

async function walk(directory: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else if (entry.isFile() && sourceFormatOf(entry.name) && (sourceFormatOf(entry.name) !== 'markdown' || (await startsWithFrontMatter(full)))) out.push(full);
  }
  return out;
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
