import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Dataset } from './dataset-schema.js';
import { parseSource, sourceFormatOf, type ParsedSource } from './parse-source.js';
import { validateDataset } from './validate-dataset.js';
import type { Diagnostic } from '../shared/diagnostic.js';

/** Datasets above this size are refused before parsing: no handout needs more, and it bounds memory. */
export const maxDatasetBytes = 10 * 1024 * 1024;

export interface LoadedDataset {
  file: string;
  slug: string;
  dataset: Dataset;
  /** The raw bytes, for change detection. */
  text: string;
  /** Source position of a field, for problems found after loading (e.g. an unsupported language). */
  locate: ParsedSource['locate'];
}

export interface LoadResult {
  file: string;
  loaded?: LoadedDataset;
  diagnostics: Diagnostic[];
}

export async function loadDataset(file: string): Promise<LoadResult> {
  const format = sourceFormatOf(file);
  if (!format) {
    return fail(file, 'unsupported-file', 'a dataset file must end in .yaml, .yml or .json', 'rename the file, e.g. `my-topic.yaml`');
  }
  let text: string;
  try {
    const info = await stat(file);
    if (info.size > maxDatasetBytes) {
      return fail(file, 'file-too-large', `the file is ${(info.size / 1024 / 1024).toFixed(1)} MB; datasets may be at most ${maxDatasetBytes / 1024 / 1024} MB`, 'split the topic into several datasets');
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(file, 'unreadable-file', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? (error as Error).message})`, 'check the path');
  }
  return loadDatasetText(text, file, format);
}

export function loadDatasetText(text: string, file: string, format = sourceFormatOf(file) ?? 'yaml'): LoadResult {
  const content = text.replace(/^\uFEFF/, '');
  const parsed = parseSource(content, format, file);
  if (!parsed.source) return { file, diagnostics: parsed.diagnostics };
  const validated = validateDataset(parsed.source, file);
  if (!validated.dataset) return { file, diagnostics: validated.diagnostics };
  const slug = validated.dataset.slug ?? slugFromFileName(file);
  return { file, loaded: { file, slug, dataset: validated.dataset, text: content, locate: parsed.source.locate }, diagnostics: validated.diagnostics };
}

/** `Data/Cytokine Storm vs Sepsis.yaml` → `cytokine-storm-vs-sepsis`. */
export function slugFromFileName(file: string): string {
  const base = path.basename(file).replace(/\.(ya?ml|json)$/i, '');
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 100);
  return slug || 'handout';
}

function fail(file: string, code: string, message: string, hint: string): LoadResult {
  return { file, diagnostics: [{ severity: 'error', code, message, file, hint }] };
}

/** Adds source positions to diagnostics that name a field path but no position. */
export function withSourcePositions<T extends { path?: string; position?: unknown }>(diagnostics: readonly T[], loaded: LoadedDataset): T[] {
  return diagnostics.map((diagnostic) => {
    if (diagnostic.position || !diagnostic.path) return diagnostic;
    const segments = [...diagnostic.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : match[1]!));
    const position = loaded.locate(segments);
    return position ? { ...diagnostic, position } : diagnostic;
  });
}
