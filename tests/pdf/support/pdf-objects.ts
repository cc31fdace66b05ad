/**
 * The objects of a PDF as qpdf parses them (`qpdf --json=2`): an independent reader of the file's
 * object graph (catalog, pages, annotations, structure tree), for checks that text extraction cannot
 * see. Values follow qpdf's JSON: names "/Name", strings "u:text", references "12 0 R".
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PdfValue = null | boolean | number | string | PdfValue[] | { [key: string]: PdfValue };
export type PdfDict = { [key: string]: PdfValue };

export interface PdfObjects {
  /** Follow a reference ("12 0 R") to its value (a stream's dictionary for streams); other values as they are. */
  resolve(value: PdfValue | undefined): PdfValue | undefined;
  dict(value: PdfValue | undefined): PdfDict | undefined;
  trailer: PdfDict;
  catalog: PdfDict;
  pages: { ref: string; dict: PdfDict }[];
}

const isRef = (value: unknown): value is string => typeof value === 'string' && /^\d+ \d+ R$/.test(value);

export async function readPdfObjects(file: string): Promise<PdfObjects> {
  const { stdout } = await run('qpdf', ['--json=2', '--json-stream-data=none', file], { maxBuffer: 256 * 1024 * 1024 });
  const parsed = JSON.parse(stdout) as { qpdf: [unknown, Record<string, { value?: PdfValue; stream?: { dict: PdfDict } }>] };
  const table = parsed.qpdf[1];
  const byRef = (ref: string): PdfValue | undefined => {
    const entry = table[`obj:${ref}`];
    return entry?.value ?? entry?.stream?.dict;
  };
  const resolve = (value: PdfValue | undefined): PdfValue | undefined => {
    let current = value;
    for (let hops = 0; isRef(current) && hops < 32; hops++) current = byRef(current);
    return current;
  };
  const dict = (value: PdfValue | undefined): PdfDict | undefined => {
    const resolved = resolve(value);
    return resolved && typeof resolved === 'object' && !Array.isArray(resolved) ? resolved : undefined;
  };
  const trailer = dict(table.trailer?.value)!;
  const catalog = dict(trailer['/Root'])!;
  const pages: { ref: string; dict: PdfDict }[] = [];
  const collect = (ref: PdfValue | undefined) => {
    const node = dict(ref);
    if (!node) return;
    if (node['/Type'] === '/Pages') for (const kid of (node['/Kids'] as PdfValue[]) ?? []) collect(kid);
    else if (typeof ref === 'string') pages.push({ ref, dict: node });
  };
  collect(catalog['/Pages']);
  return { resolve, dict, trailer, catalog, pages };
}

/** qpdf's "u:text" / "b:hex" strings as text. */
export function pdfString(value: PdfValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.startsWith('u:')) return value.slice(2);
  if (value.startsWith('b:')) return Buffer.from(value.slice(2), 'hex').toString('latin1');
  return undefined;
}

export function asArray(value: PdfValue | undefined): PdfValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
