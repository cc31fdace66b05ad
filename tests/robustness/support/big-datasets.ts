/**
 * Big, deterministic datasets for memory and scaling checks: a table of N rows (row i is the same in
 * every size, so sizes differ only in the number of rows) and a prose-heavy dataset of a given size.
 * Also: running a command under GNU time to read its peak resident memory.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { run, type RunResult } from './cli.js';

const words = ['cell', 'membrane', 'protein', 'signal', 'energy', 'storage', 'transport', 'reaction', 'pathway', 'enzyme', 'gradient', 'binding', 'structure', 'function', 'response', 'pressure', 'volume', 'surface', 'network', 'cycle', 'outcome', 'factor', 'stage', 'résumé', 'naïve', 'façade'];

/** A small linear congruential generator: the same numbers on every machine. */
function numbers(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(next: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(words[Math.floor(next() * words.length)]!);
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

export function tableDataset(rows: number): string {
  const attributes = [];
  for (let i = 0; i < rows; i++) {
    const next = numbers(1_000_003 + i);
    attributes.push({ name: `Criterion ${i + 1}`, values: { reference: sentence(next, 5 + Math.floor(next() * 15)), rapid: sentence(next, 5 + Math.floor(next() * 15)) } });
  }
  return stringify(
    {
      title: `Reference vs. Rapid Method: ${rows.toLocaleString('en')} criteria`,
      subjects: [
        { id: 'reference', name: 'Reference Method' },
        { id: 'rapid', name: 'Rapid Method' },
      ],
      summary: 'Two laboratory methods compared criterion by criterion.',
      attributes,
      meta: { language: 'en', date: '2026-01-15' },
    },
    { lineWidth: 0 },
  );
}

/** About `bytes` of YAML, mostly section prose (paragraphs of a few hundred characters). */
export function proseDataset(bytes: number): string {
  const next = numbers(42);
  const sections = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => sentence(next, 8 + Math.floor(next() * 10))).join(' '));
    const body = paragraphs.join('\n\n');
    sections.push({ heading: `Section ${i + 1}`, body, ...(i % 5 === 0 ? { sections: [{ heading: `Detail ${i + 1}.1`, body: paragraphs[0]! }] } : {}) });
    size += body.length + paragraphs[0]!.length * (i % 5 === 0 ? 1 : 0) + 40;
  }
  return stringify(
    {
      title: 'A very long handout',
      subjects: [
        { id: 'one', name: 'One' },
        { id: 'two', name: 'Two' },
      ],
      summary: 'Mostly prose.',
      attributes: [{ name: 'Length', values: { one: 'Long', two: 'Longer' } }],
      sections,
      meta: { language: 'en', date: '2026-01-15' },
    },
    { lineWidth: 0 },
  );
}

export const gnuTime = '/usr/bin/time';

export interface Measured extends RunResult {
  /** Peak resident set size of the process (or its largest waited-for child), MB. */
  peakMB: number;
  seconds: number;
  cpuSeconds: number;
}

/** Runs `command args` under `/usr/bin/time -v` and reads peak memory and CPU time from its report. */
export async function measured(command: string, args: readonly string[], reportFile: string, options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Measured> {
  const started = performance.now();
  const result = await run(gnuTime, ['-v', '-o', reportFile, command, ...args], options);
  const seconds = (performance.now() - started) / 1000;
  const report = await readFile(reportFile, 'utf8');
  await rm(reportFile, { force: true });
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(report)?.[1] ?? NaN);
  return { ...result, peakMB: field('Maximum resident set size \\(kbytes\\)') / 1024, seconds, cpuSeconds: field('User time \\(seconds\\)') + field('System time \\(seconds\\)') };
}

export function datasetFile(dir: string, name: string): string {
  return join(dir, `${name}.yaml`);
}
