// A large handout renders on a worker thread of its own, whose heap is bounded, even in a build of
// one handout or with one renderer asked for; the others render in this thread. Its running out of
// memory is reported for it alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RenderTask, RenderTaskResult } from '../../src/pipeline/render-task.js';
import { runTasks } from '../../src/pipeline/run-tasks.js';
import { isLargeDataset, largeHandoutCharacters, largeHandoutTexts } from '../../src/pipeline/render-limits.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import type { Dataset } from '../../src/load/dataset-schema.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { defaultTheme } from '../robustness/support/round-trip.js';

const text = readFileSync(fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml'), 'utf8');

/** The fixture dataset, with enough table rows for its text to reach `characters`. */
function datasetOf(characters: number): Dataset {
  const dataset = loadDatasetText(text, 'tea.yaml').loaded!.dataset;
  const cell = 'a long cell '.repeat(1_000);
  const [first, second] = dataset.subjects.map((subject) => subject.id);
  const rows = Math.ceil(characters / (2 * cell.length));
  return { ...dataset, attributes: Array.from({ length: rows }, (_, index) => ({ name: `Row ${index + 1}`, values: { [first!]: cell, [second!]: cell } })) } as Dataset;
}

async function tasksOf(entries: [name: string, dataset: Dataset][], dir = tmpDir('large-handouts')): Promise<RenderTask[]> {
  const theme = await defaultTheme();
  return entries.map(([name, dataset]) => ({
    file: join(dir, `${name}.yaml`),
    slug: name,
    dataset,
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

describe('a large handout', () => {
  it('is told by the characters of text in its dataset', () => {
    expect(isLargeDataset(datasetOf(largeHandoutCharacters))).toBe(true);
    expect(isLargeDataset(datasetOf(largeHandoutCharacters / 2))).toBe(false);
    expect(isLargeDataset(loadDatasetText(text, 'tea.yaml').loaded!.dataset)).toBe(false);
  });

  it('is told by the pieces of text in its dataset too (many short cells)', () => {
    const dataset = loadDatasetText(text, 'tea.yaml').loaded!.dataset;
    const [first, second] = dataset.subjects.map((subject) => subject.id);
    const rows = (count: number) => ({ ...dataset, attributes: Array.from({ length: count }, (_, index) => ({ name: `R${index}`, values: { [first!]: 'x', [second!]: 'y' } })) });
    expect(isLargeDataset(rows(largeHandoutTexts / 3))).toBe(true);
    expect(isLargeDataset(rows(largeHandoutTexts / 4))).toBe(false);
  });

  for (const workers of [1, 2]) {
    it(`renders on a worker with a bounded heap, the others in this thread (${workers} renderer${workers > 1 ? 's' : ''} asked for)`, async () => {
      // With two renderers, one more small task would go to a batch worker: one small task, beside the large one.
      const smallOnes = workers === 1 ? ['small', 'other'] : ['small'];
      const tasks = await tasksOf([
        [smallOnes[0]!, datasetOf(1_000)],
        ['explode-large', datasetOf(largeHandoutCharacters)],
        ...smallOnes.slice(1).map((name): [string, Dataset] => [name, datasetOf(1_000)]),
      ]);
      const results = new Map<string, RenderTaskResult>();
      await runTasks(tasks, {
        workers,
        workerScript: fromRoot('tests/fixtures/workers/exhausting-worker.mjs'),
        resourceLimits: { maxOldGenerationSizeMb: 64 },
        onResult: (task, result) => results.set(task.slug, result),
      });
      expect([...results.keys()].sort()).toEqual(['explode-large', ...smallOnes].sort());
      // The large one went to the worker (the fixture's worker runs out of memory on it)…
      expect(results.get('explode-large')!.diagnostics).toMatchObject([{ code: 'render-crashed', severity: 'error' }]);
      expect(results.get('explode-large')!.diagnostics[0]!.message).toContain('64 MB');
      // Its size, not a bug: the hint says to split it.
      expect(results.get('explode-large')!.diagnostics[0]!.hint).toMatch(/^the handout is too large to lay out in that memory: split/);
      // …and the small ones were rendered here, for real.
      for (const name of smallOnes) {
        expect(results.get(name)!.diagnostics, name).toEqual([]);
        expect(results.get(name)!.outputs.map((output) => output.format), name).toEqual(['html']);
      }
    });
  }

  it('that runs out of memory while its PDF is written leaves no temporary file', async () => {
    const dir = tmpDir('large-handouts-crash');
    const tasks = (await tasksOf([['explode-large', datasetOf(largeHandoutCharacters)]], dir)).map((task) => ({ ...task, formats: ['pdf' as const], targets: { pdf: `${dir}/explode-large.pdf` } }));
    const results = new Map<string, RenderTaskResult>();
    await runTasks(tasks, {
      workerScript: fromRoot('tests/fixtures/workers/staging-exhausting-worker.mjs'),
      resourceLimits: { maxOldGenerationSizeMb: 64 },
      onResult: (task, result) => results.set(task.slug, result),
    });
    expect(results.get('explode-large')!.diagnostics).toMatchObject([{ code: 'render-crashed' }]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
