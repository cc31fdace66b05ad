#!/usr/bin/env node
/**
 * `npm run bench`: our build against a pdfmake script, Chromium's print to PDF and Typst, on the same
 * generated datasets, as whole processes (the way a user or a CI job runs them).
 *
 *   npm run bench                   full run (5 runs for small workloads, 3 for large ones)
 *   npm run bench -- --quick        smoke run: 1 run each, no 200-handout batch, no competitors on
 *                                   the 10,000-row table; writes bench/RESULTS.quick.md
 *   npm run bench -- --only REGEX   only scenarios whose id matches (e.g. `--only 'batch-40|seed'`)
 *   npm run bench -- --keep         keep the temp folder (datasets and outputs) for inspection
 *   npm run bench -- --no-compile   measure dist/ as it is (default: `npm run compile` first)
 *   npm run bench -- --tools ours,typst   only these tools (ours, pdfmake, chromium, typst, baseline)
 *   npm run bench -- --skip REGEX   leave out the runs whose `tool@scenario` matches (e.g. the
 *                                   slowest: `--skip 'pdfmake@(batch-200|table-10000)'`)
 *   npm run bench -- --baseline DIR another checkout of handout (compiled, with node_modules), run
 *                                   as the tool "baseline" beside ours on every PDF scenario of ours
 *   npm run bench -- --report-only  render RESULTS.md again from bench/results.json (with --quick:
 *                                   the quick files), without measuring anything
 *   BENCH_RUNS=N npm run bench      N runs for every scenario
 *
 * Writes bench/RESULTS.md (or RESULTS.quick.md) and bench/results.json (results.quick.json), and
 * prints the same Markdown to stdout; progress goes to stderr.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateDatasets, LADDER } from './generate-datasets.mjs';
import { hasGnuTime, measure } from './measure.mjs';
import { fmtInt, fmtS, renderReport, summarise, writeOutputs } from './report.mjs';

const execFileAsync = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(root, 'bin', 'handout.js');

// ---------- options ----------
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
};
const quick = flag('--quick');
const only = option('--only') ? new RegExp(option('--only')) : undefined;
const keep = flag('--keep');
const skip = option('--skip') ? new RegExp(option('--skip')) : undefined;
const toolFilter = option('--tools') ? new Set(option('--tools').split(',')) : undefined;
const baselineRoot = option('--baseline') ? path.resolve(option('--baseline')) : undefined;
if (baselineRoot && !existsSync(path.join(baselineRoot, 'bin', 'handout.js'))) throw new Error(`--baseline ${baselineRoot}: no bin/handout.js there`);
const runsOverride = process.env.BENCH_RUNS ? Math.max(1, Number(process.env.BENCH_RUNS)) : undefined;
const runsFor = (size) => runsOverride ?? (quick ? 1 : size === 'large' ? 3 : 5);
const cores = os.availableParallelism();
const log = (line) => process.stderr.write(`${line}\n`);

// ---------- helpers ----------
const sh = (command, args) => {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
};

async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** qpdf --check (0 ok, 2 errors, 3 warnings) and page count of each PDF. */
async function checkPdf(file) {
  let qpdf = 0;
  try {
    await execFileAsync('qpdf', ['--check', file], { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    qpdf = typeof error.code === 'number' ? error.code : -1;
  }
  let pages = null;
  try {
    const { stdout } = await execFileAsync('qpdf', ['--show-npages', file]);
    pages = Number(stdout.trim());
  } catch {
    // unreadable
  }
  return { qpdf, pages, bytes: statSync(file).size };
}

/** Checks the outputs of a run: every expected handout present, PDFs valid, their pages and sizes. */
async function verify(outDir, names, formats) {
  const result = { expected: names.length, formats: {} };
  for (const format of formats) {
    const files = names.map((name) => path.join(outDir, `${name}.${format}`));
    const present = files.filter((file) => existsSync(file));
    const entry = { present: present.length, bytes: 0 };
    if (format === 'pdf') {
      const checks = await mapLimit(present, cores, checkPdf);
      entry.valid = checks.filter((c) => c.qpdf === 0).length;
      entry.qpdfWarnings = checks.filter((c) => c.qpdf === 3).length;
      entry.qpdfErrors = checks.filter((c) => c.qpdf !== 0 && c.qpdf !== 3).length;
      entry.pages = checks.reduce((sum, c) => sum + (c.pages ?? 0), 0);
      entry.pagesPerHandout = Object.fromEntries(present.map((file, i) => [path.basename(file, '.pdf'), checks[i].pages]));
      entry.bytes = checks.reduce((sum, c) => sum + c.bytes, 0);
    } else {
      entry.valid = present.filter((file) => statSync(file).size > 0 && readFileSync(file, 'utf8').includes('</html>')).length;
      entry.bytes = present.reduce((sum, file) => sum + statSync(file).size, 0);
    }
    result.formats[format] = entry;
  }
  return result;
}

if (flag('--report-only')) {
  const data = JSON.parse(readFileSync(path.join(root, 'bench', quick ? 'results.quick.json' : 'results.json'), 'utf8'));
  for (const record of data.results) for (const entry of Object.values(record.tools)) summarise(entry);
  data.batchBig ??= data.quick ? 'batch-40' : 'batch-200';
  const { markdown, targets, ladderFlat } = renderReport(data);
  writeOutputs({ ...data, targets, ladderFlat }, markdown);
  process.exit(0);
}

// ---------- set-up ----------
const startedAt = new Date();
const work = mkdtempSync(path.join(os.tmpdir(), 'handout-bench-'));
log(`handout bench${quick ? ' (quick)' : ''}: working in ${work}`);

let compile = 'skipped (--no-compile)';
if (!flag('--no-compile')) {
  log('compiling src → dist (npm run compile)…');
  const result = spawnSync('npm', ['run', 'compile', '--silent'], { cwd: root, encoding: 'utf8' });
  compile = result.status === 0 ? 'ok' : `FAILED (exit ${result.status}); measured the dist/ already there`;
  if (result.status !== 0) log(`warning: npm run compile failed; measuring the existing dist/\n${(result.stdout + result.stderr).slice(-2000)}`);
}

const distText = (() => {
  const texts = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.js')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(path.join(root, 'dist'))) walk(path.join(root, 'dist'));
  return texts.join('\n');
})();
const workersEnvSupported = distText.includes('HANDOUT_WORKERS');

const version = (pkg) => {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
};
const machine = {
  date: startedAt.toISOString(),
  nproc: cores,
  cpu: (/model name\s*:\s*(.+)/.exec(existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '') ?? [])[1] ?? os.cpus()[0]?.model ?? '?',
  memoryGB: (os.totalmem() / 1024 ** 3).toFixed(1),
  node: process.version,
  kernel: os.release(),
  chromium: (sh('/usr/bin/chromium', ['--version']).match(/Chromium [\d.]+/) ?? ['?'])[0],
  pdfmake: version('pdfmake'),
  typst: version('@myriaddreamin/typst-ts-node-compiler'),
  baseline: baselineRoot ? (spawnSync('git', ['-C', baselineRoot, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' }).stdout?.trim() || baselineRoot) : undefined,
  pdfkit: version('pdfkit'),
  playwright: version('playwright-core'),
  gnuTime: hasGnuTime,
  compile,
  workersEnvSupported,
};
log(`machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGB} GB, Node ${machine.node}, ${machine.chromium}`);

log('generating datasets…');
const generated = generateDatasets({ outDir: path.join(work, 'datasets') });
const sets = generated.sets;
const namesOf = (set) => set.files.map((file) => path.basename(file).replace(/\.(ya?ml|json)$/, ''));

// ---------- scenarios ----------
const batchBig = quick ? 'batch-40' : 'batch-200';
const workloads = [
  { id: 'seed', set: 'single', label: 'Seed handout, cold single', size: 'small', competitors: true },
  { id: 'batch-40', set: 'batch-40', label: 'Batch of 40 handouts', size: 'small', competitors: true },
  { id: 'table-300', set: 'table-300', label: '300-row table', size: 'small', competitors: true },
  ...(quick ? [] : [{ id: 'batch-200', set: 'batch-200', label: 'Batch of 200 handouts', size: 'large', competitors: true }]),
  { id: 'table-10000', set: 'rows-10000', label: '10,000-row table', size: 'large', competitors: !quick },
];
const scenarios = [];
for (const w of workloads) {
  scenarios.push({ id: `${w.id}:pdf`, group: 'main', workload: w, label: `${w.label}, PDF`, set: w.set, formats: ['pdf'], tools: w.competitors ? ['ours', 'pdfmake', 'chromium', 'typst'] : ['ours', 'typst'], size: w.size });
  scenarios.push({ id: `${w.id}:html`, group: 'main', workload: w, label: `${w.label}, HTML`, set: w.set, formats: ['html'], tools: ['ours'], size: w.size });
  scenarios.push({ id: `${w.id}:pdf+html`, group: 'main', workload: w, label: `${w.label}, PDF + HTML`, set: w.set, formats: ['pdf', 'html'], tools: ['ours'], size: w.size });
}
// The largest table a dataset can hold (100,000 short rows): peak memory of both writers.
if (!quick) {
  for (const format of ['pdf', 'html']) {
    scenarios.push({ id: `table-100000:${format}`, group: 'huge', label: `100,000-row table, ${format.toUpperCase()}`, set: 'rows-100000', formats: [format], tools: ['ours'], size: 'large', rows: 100_000, runs: runsOverride ?? 1 });
  }
}
for (const rows of LADDER.filter((n) => n !== 10000)) {
  scenarios.push({ id: `ladder-${rows}:pdf`, group: 'ladder', label: `${fmtInt(rows)}-row table, PDF`, set: `rows-${rows}`, formats: ['pdf'], tools: ['ours'], size: rows >= 3000 ? 'large' : 'small', rows });
}
scenarios.push({
  id: `workers-1:${batchBig}:pdf`,
  group: 'workers',
  label: `${batchBig === 'batch-200' ? 'Batch of 200' : 'Batch of 40'}, PDF, HANDOUT_WORKERS=1`,
  set: batchBig,
  formats: ['pdf'],
  tools: ['ours'],
  size: batchBig === 'batch-200' ? 'large' : 'small',
  env: { HANDOUT_WORKERS: '1' },
});
scenarios.push({ id: `incremental-unchanged:${batchBig}:pdf`, group: 'incremental', label: `Rebuild of ${batchBig}, nothing changed`, set: batchBig, formats: ['pdf'], tools: ['ours'], size: 'small', incremental: 'unchanged' });
scenarios.push({ id: `incremental-one-edited:${batchBig}:pdf`, group: 'incremental', label: `Rebuild of ${batchBig}, one dataset edited`, set: batchBig, formats: ['pdf'], tools: ['ours'], size: 'small', incremental: 'one-edited' });

// A baseline checkout runs wherever ours builds PDF alone; --tools keeps only the tools named.
for (const s of scenarios) {
  if (baselineRoot && (s.group === 'main' || s.group === 'ladder') && s.formats.join() === 'pdf') s.tools.splice(1, 0, 'baseline');
  if (toolFilter) s.tools = s.tools.filter((tool) => toolFilter.has(tool));
  if (skip) s.tools = s.tools.filter((tool) => !skip.test(`${tool}@${s.id}`));
}
const selected = scenarios.filter((s) => (!only || only.test(s.id)) && s.tools.length > 0);
// The ladder's 10,000 rows and the 1-worker comparison need their partners.
const needed = new Set(selected.map((s) => s.id));
if (selected.some((s) => s.group === 'workers')) needed.add(`${batchBig}:pdf`);
const plan = scenarios.filter((s) => needed.has(s.id));

// ---------- tools ----------
const htmlInputs = new Map();
async function chromiumInputs(setId) {
  if (!htmlInputs.has(setId)) {
    const dir = path.join(work, 'html-for-chromium', setId);
    log(`  preparing our HTML of ${setId} for Chromium (not timed)…`);
    const result = await measure('node', [BIN, 'build', sets[setId].dir, '--out', dir, '--format', 'html', '--quiet'], { cwd: root });
    if (result.code !== 0) throw new Error(`our HTML build of ${setId} failed:\n${result.stderr}`);
    htmlInputs.set(setId, namesOf(sets[setId]).map((name) => path.join(dir, `${name}.html`)));
  }
  return htmlInputs.get(setId);
}

const TOOL_LABEL = { ours: 'handout (ours)', baseline: 'handout (baseline)', pdfmake: 'pdfmake script', chromium: 'Chromium print', typst: 'Typst' };
async function commandFor(tool, scenario, setDir, outDir) {
  if (tool === 'ours') return ['node', [BIN, 'build', setDir, '--out', outDir, ...scenario.formats.flatMap((f) => ['--format', f])]];
  if (tool === 'baseline') return ['node', [path.join(baselineRoot, 'bin', 'handout.js'), 'build', setDir, '--out', outDir, ...scenario.formats.flatMap((f) => ['--format', f])]];
  if (tool === 'pdfmake') return ['node', [path.join(root, 'bench', 'pdfmake-render.mjs'), '--out', outDir, setDir]];
  if (tool === 'typst') return ['node', [path.join(root, 'bench', 'typst-render.mjs'), '--out', outDir, setDir]];
  return ['node', [path.join(root, 'bench', 'chromium-print.mjs'), '--out', outDir, ...(await chromiumInputs(scenario.set))]];
}

// ---------- run ----------
const results = [];
const totalRuns = plan.reduce((sum, s) => sum + (s.runs ?? runsFor(s.size)) * s.tools.length, 0);
let done = 0;
for (const scenario of plan) {
  const set = sets[scenario.set];
  const names = namesOf(set);
  const runs = scenario.runs ?? runsFor(scenario.size);
  const record = { id: scenario.id, group: scenario.group, label: scenario.label, set: scenario.set, handouts: names.length, rows: scenario.rows ?? set.rows, formats: scenario.formats, env: scenario.env ?? {}, tools: {} };
  log(`\n${scenario.label} (${scenario.id}, ${names.length} handout${names.length === 1 ? '' : 's'}, ${runs} run${runs === 1 ? '' : 's'})`);

  // Incremental scenarios build once (not timed) into a folder that every timed run reuses.
  // One dataset is named as a file (`build one.yaml`), a batch as its folder.
  let setDir = set.files.length === 1 ? set.files[0] : set.dir;
  let persistentOut;
  if (scenario.incremental) {
    setDir = path.join(work, 'incremental', scenario.id.replace(/[^a-z0-9-]+/gi, '_'), 'data');
    mkdirSync(setDir, { recursive: true });
    for (const file of set.files) writeFileSync(path.join(setDir, path.basename(file)), readFileSync(file));
    persistentOut = path.join(path.dirname(setDir), 'out');
    const first = await measure('node', [BIN, 'build', setDir, '--out', persistentOut, '--format', 'pdf', '--quiet'], { cwd: root });
    if (first.code !== 0) log(`  warning: the initial build failed (exit ${first.code})`);
  }
  const editTarget = scenario.incremental === 'one-edited' ? path.join(setDir, path.basename(set.files[0])) : undefined;
  const editOriginal = editTarget ? readFileSync(editTarget, 'utf8') : undefined;

  for (const tool of scenario.tools) record.tools[tool] = { label: TOOL_LABEL[tool], runs: [] };
  const lastOut = {};
  for (let k = 1; k <= runs; k++) {
    for (const tool of scenario.tools) {
      const outDir = persistentOut ?? path.join(work, 'out', scenario.id.replace(/[^a-z0-9-]+/gi, '_'), tool, `run-${k}`);
      if (editTarget) {
        // A real edit: the disclaimer's text changes on every run.
        writeFileSync(editTarget, editOriginal.replace(/^disclaimer: (.*)$/m, (_, text) => `disclaimer: ${text} (edit ${k})`));
      }
      const [command, args] = await commandFor(tool, scenario, setDir, outDir);
      const loadBefore = os.loadavg()[0];
      const m = await measure(command, args, { cwd: root, env: scenario.env });
      done++;
      const entry = record.tools[tool];
      entry.runs.push({ ms: m.ms, cpuMs: m.cpuMs, treeCpuMs: m.treeCpuMs, loadBefore, code: m.code, gnuMaxRssKB: m.gnuMaxRssKB, treePeakKB: m.treePeakKB, peakKB: m.peakKB });
      entry.lastStdout = m.stdout.trim().split('\n').slice(-1)[0] ?? '';
      if (m.code !== 0) {
        entry.failed = true;
        entry.stderr = m.stderr.slice(-3000);
        log(`  ${tool} run ${k}: FAILED (exit ${m.code})\n${m.stderr.slice(-1500)}`);
      } else {
        log(`  [${done}/${totalRuns}] ${tool.padEnd(8)} run ${k}/${runs}: ${fmtS(m.ms).padStart(6)} s, peak ${fmtInt(m.peakKB / 1024)} MB`);
      }
      if (!persistentOut && lastOut[tool] && !keep) rmSync(lastOut[tool], { recursive: true, force: true });
      lastOut[tool] = outDir;
    }
  }
  if (editTarget) writeFileSync(editTarget, editOriginal);

  for (const tool of scenario.tools) {
    const entry = summarise(record.tools[tool]);
    entry.verify = await verify(lastOut[tool], names, tool === 'ours' || tool === 'baseline' ? scenario.formats : ['pdf']);
    const pdf = entry.verify.formats.pdf;
    if (pdf) log(`  ${tool}: ${pdf.valid}/${names.length} valid PDFs (qpdf), ${pdf.pages} pages, ${fmtInt(pdf.bytes / 1024)} KB`);
    if (scenario.group === 'main' && scenario.id.startsWith('seed:pdf') && pdf?.present) {
      entry.fonts = sh('pdffonts', [path.join(lastOut[tool], `${names[0]}.pdf`)])
        .split('\n')
        .slice(2)
        .map((line) => line.split(/\s+/)[0].replace(/^[A-Z]{6}\+/, ''))
        .filter(Boolean);
    }
  }
  results.push(record);
}

// ---------- report ----------
const data = { machine, quick, runsOverride, batchBig, results, options: { only: only?.source, tools: toolFilter ? [...toolFilter] : undefined, skip: skip?.source } };
const { markdown, targets, ladderFlat } = renderReport(data);
writeOutputs({ ...data, targets, ladderFlat }, markdown);
log(`\nwritten bench/${quick ? 'RESULTS.quick.md' : 'RESULTS.md'}; ${keep ? `kept ${work}` : 'temp folder removed'}; took ${fmtS(performance.now())} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
