// `watch` rebuilds a dataset when the CSV table file it names changes: when its folder is watched,
// and when the dataset file is named on its own (the table beside it is then watched too).
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/pipeline/build.js';
import { watchHandouts } from '../../src/pipeline/watch-handouts.js';
import { fromRoot, tmpDir } from '../support/paths.js';

/** A data folder with the spreadsheet fixture (tea-vs-coffee.md naming tea-vs-coffee.csv), watched as `input`. */
async function watchedCopy(prefix: string, input: (data: string) => string) {
  const dir = tmpDir(prefix);
  const data = join(dir, 'data');
  mkdirSync(data);
  for (const name of ['tea-vs-coffee.md', 'tea-vs-coffee.csv']) copyFileSync(fromRoot('tests', 'fixtures', 'markdown', 'spreadsheet', name), join(data, name));
  const reports: BuildReport[] = [];
  const watcher = await watchHandouts({
    inputs: [input(data)],
    build: { outDir: join(dir, 'out'), formats: ['html'], workers: 1 },
    onHandout: () => undefined,
    onBuilt: (report) => reports.push(report),
  });
  return { dir, data, reports, watcher };
}

const watchers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const watcher of watchers) await watcher.close();
});

describe.each([
  ['its folder', (data: string) => data],
  ['the dataset file alone', (data: string) => join(data, 'tea-vs-coffee.md')],
])('watch %s with a table file', (_what, input) => {
  it('rebuilds the dataset when its CSV changes', async () => {
    const { dir, data, reports, watcher } = await watchedCopy('watch-table', input);
    watchers.push(watcher);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.ok).toBe(true);
    const csv = join(data, 'tea-vs-coffee.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('Beans are roasted and ground', 'Beans are roasted then ground'));
    // Polled with a deadline: a rebuild after the first build, with the handout built again.
    await expect.poll(() => reports.slice(1).some((report) => report.handouts.some((handout) => handout.status === 'built')), { timeout: 60_000, interval: 100 }).toBe(true);
    expect(readFileSync(join(dir, 'out', 'tea-vs-coffee.html'), 'utf8')).toContain('Beans are roasted then ground');
  });
});
