#!/usr/bin/env node
/**
 * Reference for the benchmark: Typst (through its Node binding, a prebuilt native compiler) turning the
 * same datasets into handouts. One process per batch, one compiler, handouts compiled one after
 * another:
 *
 *   node bench/typst-render.mjs --out DIR [--edition worksheet] <dataset files or folders…>
 *
 * The document is bench/typst-handout.typ: running header (title) and footer "Page X of Y", title
 * block, summary box, the comparison table with its header row repeated on every page, nested
 * sections, conclusion, sources and disclaimer. Each dataset goes in as JSON through `sys.inputs`
 * (with the theme's design tokens); the fonts are the same Noto TTF files as our default theme, from
 * node_modules/@expo-google-fonts/…. Typst tags its PDFs and writes bookmarks by default.
 * `--edition worksheet` compiles bench/typst-worksheet.typ instead (<slug>.worksheet.pdf): the
 * worksheet edition, with ruled blanks, for side-by-side pictures (not part of the timed benchmark).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { NodeCompiler } = require('@myriaddreamin/typst-ts-node-compiler');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const themeText = readFileSync(path.join(root, 'templates', 'default', 'theme.json'), 'utf8');
const theme = JSON.parse(themeText);
// Exactly the eight font files of the default theme (body and heading), no system fonts.
const fontPaths = ['body', 'heading'].flatMap((family) =>
  ['regular', 'bold', 'italic', 'boldItalic'].map((face) => require.resolve(theme.fonts[family][face], { paths: [root] })),
);

function expand(inputs) {
  const files = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      for (const name of readdirSync(input).sort()) if (/\.(ya?ml|json)$/.test(name)) files.push(path.join(input, name));
    } else files.push(input);
  }
  return files;
}

async function main(argv) {
  const outAt = argv.indexOf('--out');
  if (outAt < 0 || !argv[outAt + 1]) {
    process.stderr.write('usage: node bench/typst-render.mjs --out DIR [--edition worksheet] <datasets or folders…>\n');
    return 2;
  }
  const outDir = argv[outAt + 1];
  const editionAt = argv.indexOf('--edition');
  const edition = editionAt < 0 ? 'handout' : argv[editionAt + 1];
  if (edition !== 'handout' && edition !== 'worksheet') {
    process.stderr.write(`typst: --edition is handout or worksheet, not ${edition}\n`);
    return 2;
  }
  const source = readFileSync(path.join(here, edition === 'worksheet' ? 'typst-worksheet.typ' : 'typst-handout.typ'), 'utf8');
  const taken = new Set([outAt, outAt + 1, ...(editionAt < 0 ? [] : [editionAt, editionAt + 1])]);
  const inputs = argv.filter((_, i) => !taken.has(i));
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths }] });
  let count = 0;
  for (const file of expand(inputs)) {
    const text = readFileSync(file, 'utf8');
    const dataset = file.endsWith('.json') ? JSON.parse(text) : parse(text);
    const slug = dataset.slug ?? path.basename(file).replace(/\.(ya?ml|json)$/, '');
    const compiled = compiler.compile({ mainFileContent: source, inputs: { dataset: JSON.stringify(dataset), theme: themeText } });
    const document = compiled.result;
    if (!document) {
      process.stderr.write(`typst: ${file} did not compile:\n`);
      compiled.printDiagnostics();
      return 1;
    }
    await writeFile(path.join(outDir, `${slug}${edition === 'worksheet' ? '.worksheet' : ''}.pdf`), compiler.pdf(document));
    // A batch tool keeps the compiler's memo cache bounded between documents (typst-cli does the same).
    compiler.evictCache(10);
    count++;
  }
  process.stdout.write(`typst: ${count} handouts in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
