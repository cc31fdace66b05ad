#!/usr/bin/env node
/**
 * Competitor for the benchmark: Chromium's print to PDF of OUR HTML handouts, one browser for the
 * whole batch (its start is part of the measured time), one page reused for every handout:
 *
 *   node bench/chromium-print.mjs --out DIR <html files or folders…>
 *
 * Debian's /usr/bin/chromium through playwright-core; `preferCSSPageSize` so the handout's own
 * `@page` rule (size, margins, running header, "Page X of Y" margin boxes) decides the layout.
 */
import { readdirSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function expand(inputs) {
  const files = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      for (const name of readdirSync(input).sort()) if (name.endsWith('.html')) files.push(path.join(input, name));
    } else files.push(input);
  }
  return files;
}

async function main(argv) {
  const outAt = argv.indexOf('--out');
  if (outAt < 0 || !argv[outAt + 1]) {
    process.stderr.write('usage: node bench/chromium-print.mjs --out DIR <html files or folders…>\n');
    return 2;
  }
  const outDir = argv[outAt + 1];
  const files = expand(argv.filter((_, i) => i !== outAt && i !== outAt + 1));
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const launched = performance.now();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const file of files) {
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
      await page.pdf({ path: path.join(outDir, path.basename(file).replace(/\.html$/, '.pdf')), preferCSSPageSize: true, printBackground: true });
    }
  } finally {
    await browser.close();
  }
  const seconds = (ms) => (ms / 1000).toFixed(2);
  process.stdout.write(`chromium: ${files.length} handouts in ${seconds(performance.now() - started)} s (browser start ${seconds(launched - started)} s)\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
