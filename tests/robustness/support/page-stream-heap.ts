/**
 * Run by page-streaming.test.ts in a child process with `--expose-gc` (a test-only flag of that
 * child): lays out a long table and reports, in MB of live heap after a full collection, how much
 * the whole page model takes, and how much the live heap falls between the first and the last page
 * the PDF writer is handed. Pages made as they are drawn: it hardly falls. Pages made all at once
 * and let go of as they are drawn: it falls by about the whole model.
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

/** How far the live heap falls from the first page handed to the PDF writer to the last. */
function streamed(): { handed: number; pageCount: number; fallMB: number } {
  const { sequence } = planDocument(tree, theme, setup);
  let atFirst = 0;
  let atLast = 0;
  let handed = 0;
  sequence.forEachPage((_page, index) => {
    handed++;
    if (index === 0) atFirst = liveMB();
    if (index === sequence.pageCount - 1) atLast = liveMB();
  });
  return { handed, pageCount: sequence.pageCount, fallMB: atFirst - atLast };
}

process.stdout.write(`${JSON.stringify({ rows, ...wholeModel(), ...streamed() })}\n`);
