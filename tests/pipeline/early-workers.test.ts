// Batch workers start while the build still finds its tasks (startRenderers): once started they take
// tasks beside this thread, every task is reported once, and a build that ends without rendering
// stops them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderTask, RenderTaskResult } from '../../src/pipeline/render-task.js';
import { startRenderers } from '../../src/pipeline/run-tasks.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { defaultTheme } from '../robustness/support/round-trip.js';

const workerScript = fromRoot('tests/fixtures/workers/answering-worker.mjs');

async function tasksNamed(names: string[]): Promise<RenderTask[]> {
  const theme = await defaultTheme();
  const dir = tmpDir('early-workers');
  const text = readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8');
  return names.map((name) => ({
    file: join(dir, `${name}.yaml`),
    slug: name,
    dataset: loadDatasetText(text, `${name}.yaml`).loaded!.dataset,
    themeFingerprint: 'test',
    theme: theme.directory,
    formats: ['html'],
    pageSize: 'A4',
    landscape: false,
    edition: 'handout',
    includeDetails: false,
    targets: { html: join(dir, `${name}.html`) },
  }));
}

describe('renderers started while tasks are still found', () => {
  it('render every task once, this thread and the worker together', async () => {
    const results = new Map<string, RenderTaskResult[]>();
    const renderers = startRenderers({ workers: 2, workerScript, onResult: (task, result) => results.set(task.slug, [...(results.get(task.slug) ?? []), result]) });
    const tasks = await tasksNamed(['first', 'second', 'third', 'fourth', 'fifth', 'sixth']);
    // As the build finds them: the worker starts with the second task known.
    for (let count = 1; count <= tasks.length; count++) renderers.expect(count);
    await renderers.run(tasks);
    expect([...results.keys()].sort()).toEqual(['fifth', 'first', 'fourth', 'second', 'sixth', 'third']);
    for (const [slug, reported] of results) expect(reported, slug).toHaveLength(1);
    // This thread rendered the first task for real; the worker answered at least one of the others.
    expect(results.get('first')![0]!.milliseconds).toBeGreaterThanOrEqual(0);
    expect(results.get('first')![0]!.outputs.map((output) => output.format)).toEqual(['html']);
    expect([...results.values()].filter(([result]) => result!.milliseconds === -1).length).toBeGreaterThan(0);
  });

  it('stop the workers they started when the build ends without rendering', async () => {
    const results: string[] = [];
    const renderers = startRenderers({
      workers: 2,
      workerScript,
      onResult: (task, result) => {
        expect(result.diagnostics, task.slug).toEqual([]);
        expect(result.milliseconds, task.slug).toBeGreaterThanOrEqual(0);
        results.push(task.slug);
      },
    });
    renderers.expect(5);
    await renderers.close();
    // Stopped: nothing runs on them any more, and this thread renders what it is still given.
    const [only] = await tasksNamed(['only']);
    await renderers.run([only!, ...(await tasksNamed(['other']))]);
    expect(results.sort()).toEqual(['only', 'other']);
  });
});
