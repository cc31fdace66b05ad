/**
 * Typed wrappers around the command-line PDF tools installed by scripts/ensure-system-tools.mjs:
 * poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm), qpdf and mupdf-tools (mutool).
 */
import { execFile as execFileCb } from 'node:child_process';
import { mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFileCb);

const MAX_BUFFER = 64 * 1024 * 1024;

interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a tool; never rejects on a non-zero exit (returns the code), rejects if it cannot start. */
async function run(cmd: string, args: string[]): Promise<ExecResult> {
  try {
    const { stdout, stderr } = await execFileAsync(cmd, args, { maxBuffer: MAX_BUFFER, encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { code?: number | string; stdout?: string; stderr?: string };
    if (typeof e.code === 'number') {
      return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
    }
    if (e.code === 'ENOENT') {
      throw new Error(`${cmd} is not installed: run \`npm test\` (its pretest step installs it) or apt-get install it`);
    }
    throw err;
  }
}

/** Run a tool and return stdout; throws with the tool's stderr on a non-zero exit. */
async function runOk(cmd: string, args: string[]): Promise<string> {
  const res = await run(cmd, args);
  if (res.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited with ${res.code}:\n${res.stderr || res.stdout}`);
  }
  return res.stdout;
}

export interface QpdfCheckResult {
  /** 0: no problems, 2: errors, 3: warnings only. */
  code: number;
  stdout: string;
  stderr: string;
}

/** `qpdf --check file`: structure and stream-encoding check. */
export async function qpdfCheck(file: string): Promise<QpdfCheckResult> {
  return run('qpdf', ['--check', file]);
}

/** `pdftotext -enc UTF-8 [-layout] file -`: text of all pages (pages end with a form feed). */
export async function pdftotext(
  file: string,
  options: { layout?: boolean; first?: number; last?: number } = {},
): Promise<string> {
  const args = ['-enc', 'UTF-8'];
  if (options.layout) args.push('-layout');
  if (options.first !== undefined) args.push('-f', String(options.first));
  if (options.last !== undefined) args.push('-l', String(options.last));
  return runOk('pdftotext', [...args, file, '-']);
}

/**
 * `pdfinfo -enc UTF-8 -isodates file` as `{ Title, Author, Tagged, Pages, 'Page size', 'PDF version', ... }`.
 * Dates are ISO 8601 (e.g. `2024-01-31T12:00:00Z`).
 */
export async function pdfinfo(file: string): Promise<Record<string, string>> {
  const out = await runOk('pdfinfo', ['-enc', 'UTF-8', '-isodates', file]);
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) info[m[1].trim()] = m[2].trim();
  }
  return info;
}

/** `pdfinfo -meta file`: the XMP metadata stream as XML ('' when there is none). */
export async function pdfXmp(file: string): Promise<string> {
  return runOk('pdfinfo', ['-meta', file]);
}

export interface PdfFont {
  name: string;
  /** e.g. `CID TrueType`, `TrueType`, `Type 1`, `Type 3`. */
  type: string;
  encoding: string;
  emb: boolean;
  sub: boolean;
  uni: boolean;
  objectId: string;
}

// Font type names as poppler prints them (GfxFont type table), longest alternatives first.
const FONT_TYPES = [
  'CID TrueType \\(OT\\)',
  'CID TrueType',
  'CID Type 0C \\(OT\\)',
  'CID Type 0C',
  'CID Type 0',
  'TrueType \\(OT\\)',
  'TrueType',
  'Type 1C \\(OT\\)',
  'Type 1C',
  'Type 1',
  'Type 3',
  'unknown',
].join('|');
const FONT_LINE = new RegExp(
  `^(.*?)\\s+(${FONT_TYPES})\\s+(\\S+)\\s+(yes|no)\\s+(yes|no)\\s+(yes|no)\\s+(\\d+\\s+\\d+)\\s*$`,
);

/** `pdffonts file`: one row per font resource. */
export async function pdffonts(file: string): Promise<PdfFont[]> {
  const out = await runOk('pdffonts', [file]);
  const fonts: PdfFont[] = [];
  for (const line of out.split('\n').slice(2)) {
    if (line.trim() === '') continue;
    const m = FONT_LINE.exec(line);
    if (!m) throw new Error(`pdffonts: cannot parse line ${JSON.stringify(line)}`);
    fonts.push({
      name: m[1] ?? '',
      type: m[2] ?? '',
      encoding: m[3] ?? '',
      emb: m[4] === 'yes',
      sub: m[5] === 'yes',
      uni: m[6] === 'yes',
      objectId: (m[7] ?? '').replace(/\s+/g, ' '),
    });
  }
  return fonts;
}

/** `pdfinfo -struct-text file`: the logical structure (tag) tree with its text; '' for untagged PDFs. */
export async function pdfStructText(file: string): Promise<string> {
  return runOk('pdfinfo', ['-struct-text', file]);
}

/** `pdfinfo -struct file`: the tag tree without text. */
export async function pdfStruct(file: string): Promise<string> {
  return runOk('pdfinfo', ['-struct', file]);
}

export interface MutoolOutlineEntry {
  /** 0 = top level. */
  depth: number;
  title: string;
  /** e.g. `#page=2&view=Fit`, or a URI. */
  target: string;
  /** `+` open, `-` closed, `|` no children / default. */
  state: string;
}

function unescapeMutool(s: string): string {
  const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', '\\': '\\' };
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, esc: string) => {
    if (esc.length > 1 && (esc[0] === 'u' || esc[0] === 'x')) return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return map[esc] ?? esc;
  });
}

/** `mutool show file outline`: bookmarks as `{ depth, title, target }`, plus the raw output. */
export async function mutoolOutline(file: string): Promise<{ raw: string; entries: MutoolOutlineEntry[] }> {
  const raw = await runOk('mutool', ['show', file, 'outline']);
  const entries: MutoolOutlineEntry[] = [];
  for (const line of raw.split('\n')) {
    if (line.trim() === '') continue;
    const m = /^([|+-])\t(\t*)"((?:[^"\\]|\\.)*)"\t?(.*)$/.exec(line);
    if (!m) throw new Error(`mutool outline: cannot parse line ${JSON.stringify(line)}`);
    entries.push({
      state: m[1] ?? '',
      depth: (m[2] ?? '').length,
      title: unescapeMutool(m[3] ?? ''),
      target: m[4] ?? '',
    });
  }
  return { raw, entries };
}

/**
 * `pdftoppm -png -r dpi [-f first] [-l last] file outDir/prefix`: render pages to PNG.
 * Returns the PNG paths in page order.
 */
export async function renderPdfPages(
  file: string,
  options: { dpi: number; outDir: string; first?: number; last?: number; prefix?: string },
): Promise<string[]> {
  const outDir = resolve(options.outDir);
  const prefix = options.prefix ?? 'page';
  await mkdir(outDir, { recursive: true });
  const args = ['-png', '-r', String(options.dpi)];
  if (options.first !== undefined) args.push('-f', String(options.first));
  if (options.last !== undefined) args.push('-l', String(options.last));
  await runOk('pdftoppm', [...args, file, join(outDir, prefix)]);
  // pdftoppm names pages prefix-N.png, zero-padded to the width of the page count.
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d+)\\.png$`);
  return (await readdir(outDir))
    .map((name) => ({ name, m: pattern.exec(name) }))
    .filter((e): e is { name: string; m: RegExpExecArray } => e.m !== null)
    .filter((e) => {
      const page = Number(e.m[1]);
      return (options.first === undefined || page >= options.first) && (options.last === undefined || page <= options.last);
    })
    .sort((a, b) => Number(a.m[1]) - Number(b.m[1]))
    .map((e) => join(outDir, e.name));
}
