// The broken-dataset corpus (tests/fixtures/broken/, exact diagnostics in tests/datasets/) as a user
// meets it: one `handout build` over all of it exits 1, names every file as failed with a located
// diagnostic and a hint, prints no stack trace or runtime warning, and writes nothing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot, repoRoot, tmpDir } from '../support/paths.js';
import { handout, show, stackTraceLine, type RunResult } from './support/cli.js';

const brokenDir = fromRoot('tests', 'fixtures', 'broken');
/** Every broken file (folders hold problems between files, tested below). */
const brokenFiles = readdirSync(brokenDir)
  .filter((name) => statSync(join(brokenDir, name)).isFile())
  .sort();
/** Problems with the file as a whole: no line and no field to point at. */
const fileLevel = new Set(['cytokine-storm-vs-sepsis.txt', 'alias-bomb.yaml']);

/** `failed  <file>: …` and the indented diagnostic lines under it, per file. */
function failureBlocks(stderr: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stderr.split('\n')) {
    const failed = /^failed {2}(.+?): \d+ errors?, nothing written$/.exec(line);
    if (failed) blocks.set(failed[1]!, (current = []));
    else if (current && line.startsWith('  ')) current.push(line);
    else current = undefined;
  }
  return blocks;
}

describe(`handout build over the ${brokenFiles.length} broken files`, () => {
  let result: RunResult;
  let outDir: string;
  beforeAll(async () => {
    outDir = join(tmpDir('broken-cli'), 'out');
    result = await handout(['build', ...brokenFiles.map((name) => relative(repoRoot, join(brokenDir, name))), '--out', outDir]);
  }, 120_000);

  it('has at least 40 broken datasets in the corpus', () => {
    const all = readdirSync(brokenDir, { recursive: true }).filter((name) => statSync(join(brokenDir, String(name))).isFile());
    expect(all.length).toBeGreaterThanOrEqual(40);
  });

  it('exits 1, with the summary counting every file as failed', () => {
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^${brokenFiles.length} handouts: 0 built, ${brokenFiles.length} failed in `, 'm'));
  });

  it('names every file as failed, each with a diagnostic that gives the place (line:column or field path) and a hint', () => {
    const blocks = failureBlocks(result.stderr);
    expect([...blocks.keys()].map((file) => file.replace(/^tests\/fixtures\/broken\//, '')).sort()).toEqual(brokenFiles);
    for (const [file, lines] of blocks) {
      const name = file.replace(/^tests\/fixtures\/broken\//, '');
      const errors = lines.filter((line) => / error \[[a-z0-9-]+\]/.test(line));
      expect(errors.length, `${name}:\n${lines.join('\n')}`).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.trimStart().startsWith(file), error).toBe(true);
        if (!fileLevel.has(name)) expect(error, `${name}: no line:column and no field path`).toMatch(new RegExp(`^ {2}${escape(file)}(:\\d+:\\d+: error \\[| error \\[[a-z0-9-]+\\] at \\S)`));
      }
      expect(lines.filter((line) => /^ {4}hint: \S/.test(line)).length, `${name}: every error has a hint`).toBe(errors.length);
    }
  });

  it('prints no stack trace, no runtime warning and no escape sequence from the data', () => {
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(result.stderr).not.toMatch(/Warning:|internal error|\bat .*node_modules/);
    expect(result.stderr + result.stdout).not.toMatch(/\u001b/);
    expect(result.stdout).toBe('');
  });

  it('writes nothing: the output folder is not even created', () => {
    expect(existsSync(outDir)).toBe(false);
  });
});

describe('handout validate over the whole corpus folder', () => {
  it('exits 1 and marks every broken file invalid (the first of the two same-slug files is valid)', async () => {
    const result = await handout(['validate', relative(repoRoot, brokenDir)]);
    expect(result.code, show(result)).toBe(1);
    const invalid = [...result.stderr.matchAll(/^invalid (\S+): \d+ errors?$/gm)].map((m) => m[1]!.replace(/^tests\/fixtures\/broken\//, ''));
    const yamlOrJson = brokenFiles.filter((name) => /\.(ya?ml|json)$/.test(name));
    expect(invalid.sort()).toEqual([...yamlOrJson, 'duplicate-slug/b-coffee.json'].sort());
    expect(result.stdout).toMatch(/^valid {3}tests\/fixtures\/broken\/duplicate-slug\/a-tea\.yaml$/m);
    expect(result.stderr).not.toMatch(stackTraceLine);
  });
});

describe('two files with one slug (tests/fixtures/broken/duplicate-slug/)', () => {
  it('builds the first, refuses the second with duplicate-slug at its `slug:` line, and keeps the first one’s files', async () => {
    const outDir = join(tmpDir('duplicate-slug-cli'), 'out');
    const result = await handout(['build', relative(repoRoot, join(brokenDir, 'duplicate-slug')), '--out', outDir]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toMatch(/^built {3}tests\/fixtures\/broken\/duplicate-slug\/a-tea\.yaml → /m);
    expect(result.stderr).toMatch(/^failed {2}tests\/fixtures\/broken\/duplicate-slug\/b-coffee\.json: 1 error, nothing written$/m);
    expect(result.stderr).toMatch(/b-coffee\.json:3:11: error \[duplicate-slug\] at slug: slug `tea-vs-coffee` is already used by .*a-tea\.yaml/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(readdirSync(outDir).filter((name) => !name.startsWith('.')).sort()).toEqual(['index-teacher.html', 'index.html', 'tea-vs-coffee.html', 'tea-vs-coffee.pdf']);
    expect(readFileSync(join(outDir, 'tea-vs-coffee.html'), 'utf8')).toContain('<title>Tea vs. Coffee</title>');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
