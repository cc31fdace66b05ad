// `watch` on a folder rebuilds a dataset when the CSV table file it names changes.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/pipeline/build.js';
import { watchHandouts } from '../../src/pipeline/watch-handouts.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const dir = tmpDir('watch-table');
const data = join(dir, 'data');
mkdirSync(data);
for (const name of ['tea-vs-coffee.md', 'tea-vs-coffee.csv']) copyFileSync(fromRoot('tests', 'fixtures', 'markdown', 'spreadsheet', name), join(data, name));
const reports: BuildReport[] = [];
const watcher = await watchHandouts({
  inputs: [data],
  build: { outDir: join(dir, 'out'), formats: ['html'], workers: 1 },
  onHandout: () => undefined,
  onBuilt: (report) => reports.push(report),
});
afterAll(() => watcher.close());

describe('watch with a table file', () => {
  it('rebuilds the dataset when its CSV changes', async () => {
    expect(reports.at(-1)?.ok).toBe(true);
    const csv = join(data, 'tea-vs-coffee.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('Beans are roasted and ground', 'Beans are roasted then ground'));
    await expect.poll(() => reports.some((report) => report.handouts.some((handout) => handout.status === 'built' && reports.indexOf(report) > 0)), { timeout: 60_000, interval: 100 }).toBe(true);
    expect(readFileSync(join(dir, 'out', 'tea-vs-coffee.html'), 'utf8')).toContain('Beans are roasted then ground');
  });
});
