import { readFileSync, statSync } from 'node:fs';
import type { Dataset } from './dataset-schema.js';
import { parseSource, sourceFormatOf, type ParsedSource } from './parse-source.js';
import { withMarkdownHints } from './parse-markdown.js';
import { resolveTableFile } from './resolve-table-file.js';
import { derivedSlugProblem, slugFromFileName } from './slug.js';
import { validateDataset } from './validate-dataset.js';
import { emptyFileHint } from './wording.js';
import type { Diagnostic, DiagnosticCode } from '../shared/diagnostic.js';

export { slugFromFileName } from './slug.js';

/** Datasets above this size are refused before parsing: no handout needs more, and it bounds memory. */
export const maxDatasetBytes = 10 * 1024 * 1024;

export interface LoadedDataset {
  file: string;
  slug: string;
  dataset: Dataset;
  /** The raw text, for change detection (followed by the text of its table file, when it names one). */
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
    return fail(file, 'unsupported-file', 'a dataset file must end in .yaml, .yml, .json or .md', 'rename the file, e.g. `my-topic.md`');
  }
  let bytes: Buffer;
  // Read synchronously: a build reads its datasets one after another, and each asynchronous read
  // waited for the thread pool and a turn of the event loop (a tenth of a second in a batch of 40).
  try {
    const info = statSync(file);
    if (info.isDirectory()) return fail(file, 'unreadable-file', 'this is a folder, not a dataset file', 'rename the folder, or name the dataset files in it');
    // A pipe or a device would be read forever (or block): only regular files are datasets.
    if (!info.isFile()) return fail(file, 'unreadable-file', 'this is not a regular file (a pipe, socket or device)', 'save the dataset to a file and name that file');
    if (info.size > maxDatasetBytes) return tooLarge(file, info.size);
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(file, 'unreadable-file', code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? (error as Error).message})`, 'check the path');
  }
  // Checked again: the file may have grown between stat and read.
  if (bytes.byteLength > maxDatasetBytes) return tooLarge(file, bytes.byteLength);
  const decoded = decodeUtf8(bytes, file);
  if (decoded.diagnostic) return { file, diagnostics: [decoded.diagnostic] };
  return loadDatasetText(decoded.text, file, format);
}

export function loadDatasetText(text: string, file: string, format = sourceFormatOf(file) ?? 'yaml'): LoadResult {
  if (text.length > maxDatasetBytes || Buffer.byteLength(text) > maxDatasetBytes) return tooLarge(file, Buffer.byteLength(text));
  const content = text.replace(/^\uFEFF/, '');
  if (content.trim() === '') {
    const hint = format === 'markdown' ? 'start the file with its front matter: a line `---`, then `title: …`, then `---` again (README "Markdown datasets and spreadsheet tables" shows a whole dataset)' : emptyFileHint;
    return { file, diagnostics: [{ severity: 'error', code: 'empty-file', message: 'the file is empty', file, position: { line: 1, column: 1 }, hint }] };
  }
  // Classic Mac OS line endings (CR alone): a line break in YAML 1.2, but not to the parser, which
  // would read the whole file as one comment line. One CR for one LF keeps every offset and line.
  const parsed = parseSource(format === 'yaml' && !content.includes('\n') ? content.replace(/\r/g, '\n') : content, format, file);
  if (!parsed.source) return { file, diagnostics: parsed.diagnostics };
  const table = resolveTableFile(parsed.source, file);
  if (!table.resolved) return { file, diagnostics: table.diagnostics };
  const { source, relocate, tableText } = table.resolved;
  const checked = validateDataset(source, file);
  const relocated = checked.diagnostics.map(relocate);
  const validated = { ...checked, diagnostics: format === 'markdown' ? withMarkdownHints(relocated) : relocated };
  if (!validated.dataset) return { file, diagnostics: validated.diagnostics };
  const slug = validated.dataset.slug ?? slugFromFileName(file);
  const slugProblem = validated.dataset.slug === undefined ? derivedSlugProblem(file, slug) : undefined;
  if (slugProblem) return { file, diagnostics: [...validated.diagnostics, slugProblem] };
  return { file, loaded: { file, slug, dataset: validated.dataset, text: tableText === undefined ? content : `${content}\u0000${tableText}`, locate: source.locate }, diagnostics: validated.diagnostics };
}

/**
 * Dataset files are UTF-8. Decoding strictly means a file saved as Latin-1 or UTF-16 is refused with
 * the place of its first bad byte, instead of becoming text full of "�" in the printed handout.
 */
function decodeUtf8(bytes: Buffer, file: string): { text: string; diagnostic?: undefined } | { text?: undefined; diagnostic: Diagnostic } {
  // UTF-16 without a byte-order mark decodes as "valid" UTF-8 (every other byte a NUL) for text in
  // ASCII: told apart by its NULs, before they reach the parser as data.
  if (looksLikeUtf16(bytes)) {
    return { diagnostic: { severity: 'error', code: 'not-utf8', message: 'the file is not UTF-8 text: it looks like UTF-16 (every other byte is zero)', file, position: { line: 1, column: 1 }, hint: 'save the file as UTF-8 (most editors: "Save with encoding" → UTF-8)' } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    if (utf16) {
      return { diagnostic: { severity: 'error', code: 'not-utf8', message: 'the file is not UTF-8 text: it is UTF-16', file, position: { line: 1, column: 1 }, hint: 'save the file as UTF-8 (most editors: "Save with encoding" → UTF-8)' } };
    }
    const offset = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, offset).toString('utf8');
    const lineStart = before.lastIndexOf('\n') + 1;
    return {
      diagnostic: {
        severity: 'error',
        code: 'not-utf8',
        message: `the file is not UTF-8 text: byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')} is not valid UTF-8 (the file was probably saved as Latin-1 or Windows-1252)`,
        file,
        position: { line: before.split('\n').length, column: [...before.slice(lineStart)].length + 1 },
        hint: 'save the file as UTF-8 (most editors: "Save with encoding" → UTF-8)',
      },
    };
  }
}

/** Zero bytes at most even or most odd offsets of the file's start: UTF-16, with or without a BOM. */
function looksLikeUtf16(bytes: Buffer): boolean {
  const sample = Math.min(bytes.length, 1024) & ~1;
  if (sample < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < sample; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  return Math.max(evenZeros, oddZeros) >= pairs * 0.4 && Math.min(evenZeros, oddZeros) <= pairs * 0.05;
}

/** Offset of the first byte that does not begin a complete, valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    if (length > 1) {
      try {
        decoder.decode(bytes.subarray(index, index + length));
      } catch {
        return index;
      }
    }
    index += length;
  }
  return bytes.length - 1;
}

function tooLarge(file: string, bytes: number): LoadResult {
  return fail(file, 'file-too-large', `the file is ${(bytes / 1024 / 1024).toFixed(1)} MB; datasets may be at most ${maxDatasetBytes / 1024 / 1024} MB`, 'split the topic into several datasets');
}

function fail(file: string, code: DiagnosticCode, message: string, hint: string): LoadResult {
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
