// `--shard I/N` deals the datasets out to the jobs of a CI matrix: every dataset is built by exactly
// one job, and no job is left with nothing while another builds several.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { shareOf } from '../../src/pipeline/shard.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const names = (count: number) => Array.from({ length: count }, (_, index) => `data/topic-${String.fromCharCode(97 + ((index * 7) % 26))}${index}.yaml`);

describe('shares of the datasets', () => {
  it.each([
    [3, 3],
    [12, 4],
    [10, 3],
    [2, 5],
    [40, 7],
  ])('%i datasets in %i shares: each dataset in one share, shares differing by one at most', (count, shards) => {
    const files = names(count);
    const shares = Array.from({ length: shards }, (_, index) => shareOf(files, (file) => file, { index: index + 1, count: shards }));
    expect(shares.flat().sort()).toEqual([...files].sort());
    const sizes = shares.map((share) => share.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('does not depend on the order the files were found in, nor on the path separator', () => {
    const files = names(9);
    const shuffled = [...files].reverse();
    const windows = files.map((file) => file.replace(/\//g, '\\'));
    for (let index = 1; index <= 3; index++) {
      const share = shareOf(files, (file) => file, { index, count: 3 });
      expect(shareOf(shuffled, (file) => file, { index, count: 3 })).toEqual(share);
      expect(shareOf(windows, (file) => file, { index, count: 3 }).map((file) => file.replace(/\\/g, '/'))).toEqual(share);
    }
  });

  it('gives each job of a three-job matrix one of three datasets when it builds', async () => {
    const root = tmpDir('shard-build');
    const data = join(root, 'data');
    mkdirSync(data);
    const fixture = readFileSync(fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml'), 'utf8');
    for (const topic of ['Alpha', 'Beta', 'Gamma']) writeFileSync(join(data, `${topic.toLowerCase()}.yaml`), fixture.replace('title: Tea vs. Coffee', `title: ${topic} Tea vs. Coffee`));
    const built: string[] = [];
    for (let index = 1; index <= 3; index++) {
      const report = await build({ inputs: [relative(process.cwd(), data)], outDir: join(root, `out-${index}`), formats: ['html'], shard: { index, count: 3 } });
      expect(report.ok).toBe(true);
      expect(report.handouts).toHaveLength(1);
      built.push(report.handouts[0]!.file);
    }
    expect(built.map((file) => file.split(/[\\/]/).pop()).sort()).toEqual(['alpha.yaml', 'beta.yaml', 'gamma.yaml']);
  });
});
