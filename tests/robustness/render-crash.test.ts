// A render that runs out of memory in a batch worker ends that worker only: the handout is reported
// as `render-crashed`, the other handouts of the batch are still rendered and reported, and the
// process goes on (a new worker takes the rest).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderTask, RenderTaskResult } from '../../src/pipeline/render-task.js';
import { runTasks } from '../../src/pipeline/run-tasks.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { defaultTheme } from './support/round-trip.js';

describe('a render that runs out of memory in a batch', () => {
  it('is reported for that handout; the others are built', async () => {
    const theme = await defaultTheme();
    const dir = tmpDir('render-crash');
    const text = readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8');
    const task = (name: string): RenderTask => {
      const loaded = loadDatasetText(text, `${name}.yaml`).loaded!;
      return {
        file: join(dir, `${name}.yaml`),
        slug: name,
        dataset: loaded.dataset,
        themeFingerprint: 'test',
        theme: theme.directory,
        formats: ['html'],
        pageSize: 'A4',
        landscape: false,
        edition: 'handout',
        includeDetails: false,
        targets: { html: join(dir, `${name}.html`) },
      };
    };
    // This thread takes the first task and renders it for real; the worker takes the second.
    const tasks = [task('first'), task('explode'), task('third'), task('fourth')];
    const results = new Map<string, RenderTaskResult>();
    await runTasks(tasks, {
      workers: 2,
      workerScript: fromRoot('tests/fixtures/workers/exhausting-worker.mjs'),
      // Small, so the test allocates little before the limit ends the worker.
      resourceLimits: { maxOldGenerationSizeMb: 64 },
      onResult: (done, result) => results.set(done.slug, result),
    });
    expect([...results.keys()].sort()).toEqual(['explode', 'first', 'fourth', 'third']);
    const crashed = results.get('explode')!;
    expect(crashed.outputs).toEqual([]);
    expect(crashed.diagnostics).toMatchObject([{ code: 'render-crashed', severity: 'error', file: join(dir, 'explode.yaml') }]);
    expect(crashed.diagnostics[0]!.message).toContain('64 MB');
    for (const name of ['first', 'third', 'fourth']) expect(results.get(name)!.diagnostics, name).toEqual([]);
    expect(results.get('first')!.outputs.map((o) => o.path)).toEqual([join(dir, 'first.html')]);
  });
});
