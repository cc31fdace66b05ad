// `handout import` and `handout convert` as a user runs them, in a child process, in a folder of its own.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { handout, show, stackTraceLine } from '../robustness/support/cli.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const fixtures = fromRoot('tests', 'fixtures', 'markdown');

describe('handout import', () => {
  it('writes data/<title>.md from a spreadsheet CSV, which builds; never replaces it without --force', async () => {
    const course = tmpDir('cli-import');
    copyFileSync(join(fixtures, 'spreadsheet', 'tea-vs-coffee.csv'), join(course, 'sheet.csv'));
    const imported = await handout(['import', 'sheet.csv', '--title', 'Tea vs. Coffee'], { cwd: course });
    expect(imported.code, show(imported)).toBe(0);
    expect(imported.stdout).toMatch(/^wrote {3}data\/tea-vs-coffee\.md \(2 subjects, 3 rows\)$/m);
    const written = readFileSync(join(course, 'data', 'tea-vs-coffee.md'), 'utf8');
    expect(written).toMatch(/^---\ntitle: Tea vs\. Coffee\n/);

    const built = await handout(['build'], { cwd: course });
    expect(built.code, show(built)).toBe(0);
    expect(readFileSync(join(course, 'output', 'tea-vs-coffee.html'), 'utf8')).toContain('Green tea has less, black tea more.');

    writeFileSync(join(course, 'data', 'tea-vs-coffee.md'), written.replace('Tea vs. Coffee', 'My own title'));
    const again = await handout(['import', 'sheet.csv', '--title', 'Tea vs. Coffee'], { cwd: course });
    expect(again.code, show(again)).toBe(1);
    expect(again.stderr).toContain('data/tea-vs-coffee.md: error [file-exists]: the file already exists; nothing was written');
    expect(readFileSync(join(course, 'data', 'tea-vs-coffee.md'), 'utf8')).toContain('My own title');
    const forced = await handout(['import', 'sheet.csv', '--title', 'Tea vs. Coffee', '--force'], { cwd: course });
    expect(forced.code, show(forced)).toBe(0);
    expect(readFileSync(join(course, 'data', 'tea-vs-coffee.md'), 'utf8')).toBe(written);
  });

  it('a broken sheet: exit 1, the cell named, nothing written, no stack trace', async () => {
    const course = tmpDir('cli-import-broken');
    copyFileSync(join(fixtures, 'broken', 'ragged.csv'), join(course, 'ragged.csv'));
    const result = await handout(['import', 'ragged.csv', '--title', 'T', '--out', 'data/t.yaml'], { cwd: course });
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toContain('not imported: ragged.csv has problems to fix first');
    expect(result.stderr).toContain('ragged.csv:2:1: error [ragged-row]: this row has 4 cells, but the header row has 3');
    expect(result.stderr).not.toMatch(stackTraceLine);
    const listed = await handout(['validate', 'data'], { cwd: course });
    expect(listed.stderr).toContain('no such file or folder');
  });

  it('--out and --format must agree', async () => {
    const result = await handout(['import', 'x.csv', '--title', 'T', '--out', 'x.yaml', '--format', 'md'], { cwd: tmpDir('cli-import-usage') });
    expect(result.code, show(result)).toBe(2);
    expect(result.stderr).toContain('--format md does not match --out x.yaml');
  });
});

describe('handout convert', () => {
  it('md → yaml → json next to the file, each validating; refuses to convert a file onto itself', async () => {
    const dir = tmpDir('cli-convert');
    copyFileSync(join(fixtures, 'cytokine-storm-vs-sepsis.md'), join(dir, 'seed.md'));
    for (const [from, to] of [['seed.md', 'yaml'], ['seed.yaml', 'json']] as const) {
      const result = await handout(['convert', from, '--to', to], { cwd: dir });
      expect(result.code, show(result)).toBe(0);
      // The new file shares the original's folder and slug: the next build of the folder would refuse the pair.
      expect(result.stdout).toMatch(new RegExp(`^note {4}${from.replace('.', '\\.')} and seed\\.${to} both build \`cytokine-storm-vs-sepsis\`: keep one of them in this folder`, 'm'));
    }
    // One at a time: the three share a slug, which validating them together reports.
    for (const file of ['seed.md', 'seed.yaml', 'seed.json']) {
      const valid = await handout(['validate', file], { cwd: dir });
      expect(valid.code, show(valid)).toBe(0);
    }
    expect(JSON.parse(readFileSync(join(dir, 'seed.json'), 'utf8')).sections[1].subject).toBe('cytokine-storm');

    // Written elsewhere, no note.
    const elsewhere = await handout(['convert', 'seed.md', '--to', 'yaml', '--out', join('other', 'seed.yaml')], { cwd: dir });
    expect(elsewhere.code, show(elsewhere)).toBe(0);
    expect(elsewhere.stdout).not.toMatch(/^note /m);

    const same = await handout(['convert', 'seed.md', '--to', 'md'], { cwd: dir });
    expect(same.code, show(same)).toBe(2);
    expect(same.stderr).toContain('seed.md is already Markdown; name another file with --out');
    const exists = await handout(['convert', 'seed.md', '--to', 'json'], { cwd: dir });
    expect(exists.code, show(exists)).toBe(1);
    expect(exists.stderr).toContain('seed.json: error [file-exists]');
  });
});
