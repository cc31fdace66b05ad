// The PDF writer is handed pages one at a time, made as they are drawn: a long table's pages are
// never all in memory at once, and its measured rows are let go as their pages are made; the
// rendered markup is let go once parsed (the tree's texts are strings of their own). Measured as
// live heap (after full collections, in a child process started with `--expose-gc`), not time: see
// support/page-stream-heap.ts and support/markup-heap.ts.
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../support/paths.js';
import { run, show } from './support/cli.js';

describe('pages made as they are drawn', () => {
  it('a 1,500-row table: the live heap does not rise when the first page is handed over, and falls by most of the plan by the last', async () => {
    const result = await run(process.execPath, ['--expose-gc', '--import', 'tsx', fromRoot('tests/robustness/support/page-stream-heap.ts'), '1500'], { cwd: fromRoot() });
    expect(result.code, show(result)).toBe(0);
    const measured = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { pages: number; handed: number; pageCount: number; modelMB: number; planMB: number; riseMB: number; fallMB: number };
    // Every page is handed over, once, in the number decided.
    expect(measured.handed).toBe(measured.pageCount);
    expect(measured.pageCount).toBe(measured.pages);
    expect(measured.pages).toBeGreaterThan(100);
    // The whole page model (pages and structure tree) is big enough for the comparison to mean something…
    expect(measured.modelMB).toBeGreaterThan(5);
    // …and pages made all at once would make the heap rise by their size (8 MB for these 118 pages)
    // before the first is handed over; made as they are drawn, by nothing.
    expect(measured.riseMB).toBeLessThan(2);
    // The measured table rows (most of the plan) are taken out of it as their pages are made.
    expect(measured.planMB).toBeGreaterThan(3);
    expect(measured.fallMB).toBeGreaterThan(measured.planMB / 2);
  }, 300_000);

  it('a 20,000-row table: the rendered markup is freed once parsed, while the document tree is kept', async () => {
    const result = await run(process.execPath, ['--expose-gc', '--import', 'tsx', fromRoot('tests/robustness/support/markup-heap.ts'), '20000'], { cwd: fromRoot() });
    expect(result.code, show(result)).toBe(0);
    const measured = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { markupMB: number; freedMB: number; kept: boolean };
    expect(measured.kept).toBe(true);
    expect(measured.markupMB).toBeGreaterThan(3);
    // The tree's texts are strings of their own, not views that keep the whole markup alive with them.
    expect(measured.freedMB).toBeGreaterThan(measured.markupMB * 0.8);
  }, 300_000);
});
