/**
 * Run by page-streaming.test.ts in a child process with `--expose-gc` (a test-only flag of that
 * child): lays out a long table and reports, in MB of live heap after a full collection, how much
 * the whole page model takes, how much the plan (the measured flow) takes, how much the live heap
 * rises from the plan to the first page the PDF writer is handed (pages made all at once: about the
 * whole model; made as they are drawn: nothing), and how much it falls from the first page to the
 * last (the measured table rows are let go as their pages are made: about the plan).
 *
 *   node --expose-gc --import tsx tests/robustness/support/page-stream-heap.ts [rows]
 */
import { loadDatasetText } from '../../../src/load/load-dataset.js';
import { layoutDocument, planDocument } from '../../../src/writers/pdf/layout-document.js';
import { tableDataset } from './big-datasets.js';
import { documentTree } from './document-tree.js';
import { defaultTheme } from './round-trip.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
const liveMB = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const rows = Number(process.argv[2] ?? 1500);
const theme = await defaultTheme();
const loaded = loadDatasetText(tableDataset(rows), 'table.yaml').loaded;
if (!loaded) throw new Error('the table dataset does not load');
const tree = documentTree(loaded.dataset, theme);
const setup = { pageSize: 'A4' as const };

// Each measurement in a function of its own, so that nothing it made stays reachable from a
// suspended caller's registers.
/** The live heap the whole page model takes, and its page count. */
function wholeModel(): { pages: number; modelMB: number } {
  const before = liveMB();
  const { model } = layoutDocument(tree, theme, setup);
  const pages = model.pages.length;
  const modelMB = liveMB() - before;
  // Still reachable here, so the collection above counted it.
  return { pages: model.pages.length === pages ? pages : -1, modelMB };
}

/** The plan's size, and how the live heap moves from it to the first page handed to the PDF writer and on to the last. */
function streamed(): { handed: number; pageCount: number; planMB: number; riseMB: number; fallMB: number } {
  const before = liveMB();
  const { sequence } = planDocument(tree, theme, setup);
  const planned = liveMB();
  let atFirst = 0;
  let atLast = 0;
  let handed = 0;
  sequence.forEachPage((_page, index) => {
    handed++;
    if (index === 0) atFirst = liveMB();
    if (index === sequence.pageCount - 1) atLast = liveMB();
  });
  return { handed, pageCount: sequence.pageCount, planMB: planned - before, riseMB: atFirst - planned, fallMB: atFirst - atLast };
}

process.stdout.write(`${JSON.stringify({ rows, ...wholeModel(), ...streamed() })}\n`);
