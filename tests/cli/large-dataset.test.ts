// A dataset file of a megabyte or more is loaded on a worker thread of its own (load-dataset-apart),
// so that the garbage of parsing it does not stay beside its render: the command line must give the
// same results and the same messages, with the same lines and columns, as for any other file.
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { largeDatasetBytes } from '../../src/pipeline/load-dataset-apart.js';
import { fromRoot, repoRoot, tmpDir } from '../support/paths.js';

function handout(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [fromRoot('bin', 'handout.js'), ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** A YAML dataset of `rows` table rows; `edit` changes the text of row `index`'s second cell. */
function largeDataset(rows: number, edit?: { index: number; cell: string }): string {
  const lines = ['title: Large A vs. B', 'subjects:', '  - id: a', '    name: First', '  - id: b', '    name: Second', 'summary: A long table.', 'attributes:'];
  for (let index = 0; index < rows; index++) {
    lines.push(`  - name: Criterion ${index + 1}`, '    values:', `      a: The first method measures outcome ${index} with care and patience.`);
    lines.push(`      b: ${edit?.index === index ? edit.cell : `The second method estimates outcome ${index} quickly and cheaply.`}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('a dataset file of a megabyte or more', () => {
  it('builds, every row in the output', async () => {
    const dir = tmpDir('large-dataset-build');
    const file = join(dir, 'large-a-vs-b.yaml');
    writeFileSync(file, largeDataset(7_000));
    expect(statSync(file).size).toBeGreaterThanOrEqual(largeDatasetBytes);
    const result = await handout(['build', file, '--out', join(dir, 'out'), '--format', 'html']);
    expect(result.code, result.stderr).toBe(0);
    const html = readFileSync(join(dir, 'out', 'large-a-vs-b.html'), 'utf8');
    expect(html).toContain('The second method estimates outcome 6999 quickly and cheaply.');
    expect(html).toContain('Criterion 7000');
  });

  it('is refused with the line and column of a problem found while loading', async () => {
    const dir = tmpDir('large-dataset-schema');
    const file = join(dir, 'large-a-vs-b.yaml');
    const text = largeDataset(7_000, { index: 5_000, cell: '[not, a, text]' });
    writeFileSync(file, text);
    const line = text.split('\n').indexOf('      b: [not, a, text]') + 1;
    const result = await handout(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(new RegExp(`large-a-vs-b\\.yaml:${line}:10: error \\[[a-z-]+\\] at attributes\\[5000\\]\\.values\\.b`));
  });

  it('is refused with the line and column of a problem found after loading (a character no font has)', async () => {
    const dir = tmpDir('large-dataset-glyph');
    const file = join(dir, 'large-a-vs-b.yaml');
    const text = largeDataset(7_000, { index: 4_321, cell: 'The second method \u{1F9CB} estimates quickly.' });
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('\u{1F9CB}')) + 1;
    for (const command of [['validate', file], ['build', file, '--out', join(dir, 'out')]]) {
      const result = await handout(command);
      expect(result.code, command[0]).toBe(1);
      expect(result.stdout + result.stderr, command[0]).toContain(`large-a-vs-b.yaml:${line}:28: error [missing-glyph] at attributes[4321].values.b`);
    }
  });
});
