/**
 * Time per table row from 100 to 10,000 rows, PDF, through the CLI (one process per build, as a user
 * runs it), with peak memory. Not a test: timings are reported, not asserted.
 *
 *   node scripts/bundle.mjs && npx tsx tests/robustness/support/measure-scaling.ts [runs]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpDir } from '../../support/paths.js';
import { datasetFile, measured, tableDataset } from './big-datasets.js';
import { BIN } from './cli.js';

const ladder = [100, 1000, 3000, 10_000];
const runs = Number(process.argv[2] ?? 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const rows: { rows: number; wall: number; cpu: number; peak: number }[] = [];
for (const count of ladder) {
  const dir = tmpDir(`scaling-${count}`);
  const file = datasetFile(dir, `table-${count}`);
  writeFileSync(file, tableDataset(count));
  const walls: number[] = [];
  const cpus: number[] = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    const result = await measured(process.execPath, [BIN, 'build', file, '--format', 'pdf', '--out', join(dir, 'out'), '--force'], join(dir, 'time.txt'));
    if (result.code !== 0) throw new Error(result.stderr);
    walls.push(result.seconds);
    cpus.push(result.cpuSeconds);
    peak = Math.max(peak, result.peakMB);
  }
  rows.push({ rows: count, wall: median(walls), cpu: median(cpus), peak });
  process.stderr.write(`${count} rows: ${median(walls).toFixed(2)} s\n`);
}

process.stdout.write('| Rows | Wall s (median) | CPU s | Total µs/row (wall) | Marginal µs/row (wall) | Marginal µs/row (CPU) | Peak RSS MB |\n| --- | --- | --- | --- | --- | --- | --- |\n');
rows.forEach((row, index) => {
  const previous = rows[index - 1];
  const marginal = (a: number, b: number) => (previous ? (((a - b) / (row.rows - previous.rows)) * 1e6).toFixed(0) : '—');
  process.stdout.write(`| ${row.rows.toLocaleString('en')} | ${row.wall.toFixed(2)} | ${row.cpu.toFixed(2)} | ${((row.wall / row.rows) * 1e6).toFixed(0)} | ${marginal(row.wall, previous?.wall ?? 0)} | ${marginal(row.cpu, previous?.cpu ?? 0)} | ${row.peak.toFixed(0)} |\n`);
});
