// Every dataset example in README.md is valid as it stands: a reader copies them.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/index.js';
import { formatDiagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot, tmpDir } from '../support/paths.js';

/** The fenced blocks of a Markdown text in one language, with the line each starts on. */
function fencedBlocks(markdown: string, language: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```' + language) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    blocks.push({ line: start + 1, text: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

const readme = readFileSync(fromRoot('README.md'), 'utf8');
const datasets = [
  ...fencedBlocks(readme, 'yaml').filter((block) => /^title:/m.test(block.text) && /^subjects:/m.test(block.text)).map((block) => ({ ...block, extension: 'yaml' })),
  ...fencedBlocks(readme, 'markdown').filter((block) => /^---\n[^]*^title:/m.test(block.text)).map((block) => ({ ...block, extension: 'md' })),
];
/** A table file an example names (`table: x.csv`) is the spreadsheet export of the tests, copied next to it. */
const exampleTable = fromRoot('tests', 'fixtures', 'markdown', 'spreadsheet', 'tea-vs-coffee.csv');

describe('README dataset examples', () => {
  it('the README has dataset examples to check', () => {
    expect(datasets.length).toBeGreaterThan(0);
  });

  it.each(datasets.map((block) => [block.line, block.text, block.extension] as const))('the example at README.md:%i validates', async (line, text, extension) => {
    const dir = tmpDir('readme-example');
    const file = join(dir, `readme-line-${line}.${extension}`);
    writeFileSync(file, `${text}\n`);
    const table = /^table: (\S+)/m.exec(text)?.[1];
    if (table) copyFileSync(exampleTable, join(dir, table));
    const { results, diagnostics } = await validateFiles([file]);
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(results.map((result) => result.diagnostics.map(formatDiagnostic))).toEqual([[]]);
    expect(results.map((result) => result.ok)).toEqual([true]);
  });
});
