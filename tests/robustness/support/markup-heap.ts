/**
 * Run by page-streaming.test.ts in a child process with `--expose-gc` (a test-only flag of that
 * child): parses the markup of a long table into a document tree and reports, in MB of live heap
 * after a full collection, how much is freed when the markup string is let go while the tree is
 * kept. The tree's texts are strings of their own: about the markup's size. Views into the markup
 * (what the HTML parser hands out): nothing, the whole markup lives as long as the tree.
 *
 *   node --expose-gc --import tsx tests/robustness/support/markup-heap.ts [rows]
 */
import { parseMarkup } from '../../../src/tree/parse-markup.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (!collect) throw new Error('run with --expose-gc');
const liveMB = () => {
  collect();
  collect();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const rows = Number(process.argv[2] ?? 20000);
const holder: { markup?: string } = {};

/** Parses the markup held by `holder`; returns the tree (each step in a function of its own, so nothing stays reachable from a suspended caller's registers). */
function parse(): unknown {
  const parsed = parseMarkup(holder.markup!, 'test markup');
  if (!parsed.markup) throw new Error(JSON.stringify(parsed.diagnostics));
  return parsed.markup;
}

function makeMarkup(): void {
  const body = Array.from({ length: rows }, (_, index) => `<tr class="criterion"><th scope="row" class="attribute-name">Attribute number ${index}</th><td class="value">The first subject's value in row ${index}</td><td class="value">The second subject's value in row ${index}</td></tr>`);
  holder.markup = `<table><thead><tr><th></th><th scope="col">One</th><th scope="col">Two</th></tr></thead><tbody>${body.join('\n')}</tbody></table>`;
}

makeMarkup();
const markupMB = holder.markup!.length / 1024 / 1024;
const tree = parse();
const withMarkup = liveMB();
delete holder.markup;
const freedMB = withMarkup - liveMB();
process.stdout.write(`${JSON.stringify({ rows, markupMB, freedMB, kept: tree !== undefined })}\n`);
