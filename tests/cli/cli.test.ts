// The command line as a user runs it: `node bin/handout.js …` in a child process, against the bundle
// in dist/ (made once before the suite by tests/support/global-setup.ts).
import { execFile, type ExecFileException } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot, repoRoot, tmpDir } from '../support/paths.js';
import { pdfinfo } from '../support/poppler.js';

const BIN = fromRoot('bin', 'handout.js');
const SEED = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');
const SEED_SLUG = 'cytokine-storm-vs-sepsis';
const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd ?? repoRoot,
        // No colours or terminal progress: plain lines, as in CI.
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
        maxBuffer: 16 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error: ExecFileException | null, stdout: string, stderr: string) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command} ${args.join(' ')} did not run: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
  });
}

/** `node bin/handout.js …args` (cwd: the repository unless given). */
function handout(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], options);
}

function show(result: RunResult): string {
  return `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/** Every entry of `dir`, dotfiles included, recursively, as paths relative to `dir`, sorted. */
async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    out.push(relative(dir, full));
    if (entry.isDirectory()) out.push(...(await listAll(full)).map((p) => join(entry.name, p)));
  }
  return out.sort();
}

/**
 * The handout files (`<slug>.pdf`, `<slug>.html`) in `dir`. Other files the build may keep there
 * (a dot-file manifest, an index.html of all handouts) are not handouts and are left out.
 */
async function handoutFiles(dir: string): Promise<string[]> {
  return (await listAll(dir)).filter((name) => /^[^./][^/]*\.(pdf|html)$/.test(name) && name !== 'index.html' && name !== 'index-teacher.html');
}

/**
 * The build's closing summary line. Two wordings are accepted: `1 of 2 handouts built, 1 failed`
 * (the wording the brief asked for) and `2 handouts: 1 built, 1 failed in 0.6 s` (the wording of
 * the current src/cli/build-reporter.ts).
 */
function summaryPattern(total: number, built: number, failed = 0): RegExp {
  const handouts = `${total} handouts?`;
  const failedPart = failed > 0 ? `, ${failed} failed` : '';
  return new RegExp(`^(${built} of ${handouts} built${failedPart}|${handouts}: ${built} built(, \\d+ unchanged)?${failedPart})\\b`, 'm');
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

describe('help, version and usage errors', () => {
  it('--help lists the build and validate commands', async () => {
    const result = await handout(['--help']);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toMatch(/^\s*handout build\b/m);
    expect(result.stdout).toMatch(/^\s*handout validate\b/m);
    expect(result.stderr).toBe('');
  });

  it('build --help lists --out, --format, --page-size and --theme', async () => {
    const result = await handout(['build', '--help']);
    expect(result.code, show(result)).toBe(0);
    for (const option of ['--out', '--format', '--page-size', '--theme']) {
      expect(result.stdout, `build --help does not list ${option}`).toMatch(new RegExp(`^\\s*(-\\w, )?${option}\\b`, 'm'));
    }
    expect(result.stdout).toContain('A4');
    expect(result.stdout).toContain('Letter');
  });

  it('an unknown command exits 2 with a message naming it', async () => {
    const result = await handout(['frobnicate']);
    expect(result.code, show(result)).toBe(2);
    expect(result.stderr).toContain('frobnicate');
    expect(result.stderr).toMatch(/--help/);
    expect(result.stdout).toBe('');
  });

  it('no command at all exits 2 and says to name one', async () => {
    const result = await handout([]);
    expect(result.code, show(result)).toBe(2);
    expect(result.stderr).toMatch(/name a command/i);
    expect(result.stderr).toMatch(/\bbuild\b/);
    expect(result.stderr).toMatch(/\bvalidate\b/);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(fromRoot('package.json'), 'utf8')) as { version: string };
    const result = await handout(['--version']);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout.trim()).toBe(pkg.version);
  });
});

describe('build', () => {
  let out: string;
  let first: RunResult;

  beforeAll(async () => {
    out = tmpDir('cli-build');
    first = await handout(['build', 'tests/fixtures/bundled/cytokine-storm-vs-sepsis.yaml', '--out', out]);
  });

  it('builds the seed dataset: a built line, the summary, a PDF and an HTML file', async () => {
    expect(first.code, show(first)).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^built\\s+tests/fixtures/bundled/cytokine-storm-vs-sepsis\\.yaml → .*${SEED_SLUG}\\.pdf \\(\\d+ pages?, .*${SEED_SLUG}\\.html`, 'm'));
    expect(first.stdout).toMatch(summaryPattern(1, 1));
    expect(first.stderr).toBe('');
    const pdf = await readFile(join(out, `${SEED_SLUG}.pdf`));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = await readFile(join(out, `${SEED_SLUG}.html`), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Cytokine Storm vs. Sepsis');
  });

  it('leaves no temporary files in the output folder (atomic writes)', async () => {
    const entries = await listAll(out);
    expect(entries.filter((name) => name.endsWith('.tmp')), `temporary files left in ${out}`).toEqual([]);
    expect(await handoutFiles(out)).toEqual([`${SEED_SLUG}.html`, `${SEED_SLUG}.pdf`]);
  });

  it('makes A4 pages by default', async () => {
    const info = await pdfinfo(join(out, `${SEED_SLUG}.pdf`));
    expect(info['Page size']).toMatch(/^595\.28 x 841\.89 pts\b/);
  });

  it('--format pdf --page-size Letter writes only a US Letter PDF', async () => {
    const letter = tmpDir('cli-letter');
    const result = await handout(['build', SEED, '--out', letter, '--format', 'pdf', '--page-size', 'Letter']);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toMatch(summaryPattern(1, 1));
    expect(result.stdout).not.toContain('.html');
    expect(await handoutFiles(letter)).toEqual([`${SEED_SLUG}.pdf`]);
    const info = await pdfinfo(join(letter, `${SEED_SLUG}.pdf`));
    expect(info['Page size']).toMatch(/^612 x 792 pts\b/);
  });

  it('a folder with a valid and a broken dataset: builds the valid one, reports the broken one at file:line:column, writes nothing for it', async () => {
    const dir = tmpDir('cli-mixed');
    await mkdir(join(dir, 'in'));
    await mkdir(join(dir, 'out'));
    await copyFile(SMALL, join(dir, 'in', 'a-good.yaml')); // sorted before broken.yaml: the failure is the last handout
    // The broken dataset: the small one with an unknown key on line 6, column 5 (inside subjects[0]).
    const lines = (await readFile(SMALL, 'utf8')).split('\n');
    expect(lines[4]).toBe('    name: Tea');
    lines.splice(5, 0, '    colour: brown');
    await writeFile(join(dir, 'in', 'broken.yaml'), lines.join('\n'));
    // Outputs of an earlier, successful build of `broken`: they must survive the failed build.
    const oldPdf = Buffer.from('%PDF-1.7\n% an earlier build of broken.yaml\n');
    await writeFile(join(dir, 'out', 'broken.pdf'), oldPdf);
    const before = await stat(join(dir, 'out', 'broken.pdf'));

    const result = await handout(['build', 'in', '--out', 'out'], { cwd: dir });
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toMatch(/^built\s+in\/a-good\.yaml → out\/a-good\.pdf .*out\/a-good\.html/m);
    expect(result.stderr).toMatch(/^failed\s+in\/broken\.yaml: 1 error, nothing written$/m);
    expect(result.stderr).toMatch(/in\/broken\.yaml:6:5: error \[unknown-key\] at subjects\[0\]\.colour: unknown key `colour`/);
    expect(result.stderr).toMatch(summaryPattern(2, 1, 1));
    // The failure's diagnostics come right after its `failed` line and before the summary.
    const stderrLines = result.stderr.split('\n');
    const failedAt = stderrLines.findIndex((l) => l.startsWith('failed'));
    const diagnosticAt = stderrLines.findIndex((l) => l.includes('[unknown-key]'));
    const summaryAt = stderrLines.findIndex((l) => summaryPattern(2, 1, 1).test(l));
    expect(failedAt, show(result)).toBeLessThan(diagnosticAt);
    expect(diagnosticAt, show(result)).toBeLessThan(summaryAt);

    expect(await handoutFiles(join(dir, 'out'))).toEqual(['a-good.html', 'a-good.pdf', 'broken.pdf']);
    expect((await listAll(join(dir, 'out'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect((await readFile(join(dir, 'out', 'a-good.pdf'))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Buffer.compare(await readFile(join(dir, 'out', 'broken.pdf')), oldPdf)).toBe(0);
    expect((await stat(join(dir, 'out', 'broken.pdf'))).mtimeMs).toBe(before.mtimeMs);
  });

  it('a handout whose HTML cannot be written fails and keeps its earlier PDF (all or nothing)', async () => {
    // src/pipeline/build.ts promises "a failing dataset writes nothing and leaves its earlier outputs
    // alone", and the CLI prints "nothing written". A directory where the HTML should go makes the
    // HTML write fail (EISDIR) after the PDF has been rendered.
    const dir = tmpDir('cli-partial-write');
    await mkdir(join(dir, `${SEED_SLUG}.html`));
    const oldPdf = Buffer.from('%PDF-1.7\n% an earlier build\n');
    await writeFile(join(dir, `${SEED_SLUG}.pdf`), oldPdf);

    const result = await handout(['build', SEED, '--out', dir]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/\[write-failed\]/);
    expect(result.stderr).toMatch(summaryPattern(1, 0, 1));
    expect((await listAll(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const pdfNow = await readFile(join(dir, `${SEED_SLUG}.pdf`));
    expect(
      Buffer.compare(pdfNow, oldPdf),
      `the earlier ${SEED_SLUG}.pdf was replaced although the build failed and said "nothing written":\n${show(result)}`,
    ).toBe(0);
  });

  it('two datasets with the same slug: the second fails with duplicate-slug', async () => {
    const dir = tmpDir('cli-duplicate-slug');
    await mkdir(join(dir, 'in'));
    const text = await readFile(SMALL, 'utf8');
    await writeFile(join(dir, 'in', 'a.yaml'), text.replace(/^title: .*$/m, '$&\nslug: same'));
    await writeFile(join(dir, 'in', 'b.yaml'), text.replace(/^title: .*$/m, 'title: Coffee vs. Tea\nslug: same'));

    const result = await handout(['build', 'in', '--out', 'out'], { cwd: dir });
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toMatch(/^built\s+in\/a\.yaml → out\/same\.pdf/m);
    expect(result.stderr).toMatch(/^failed\s+in\/b\.yaml\b/m);
    expect(result.stderr).toMatch(/in\/b\.yaml.*\[duplicate-slug\]/);
    expect(result.stderr).toContain('in/a.yaml');
    expect(result.stderr).toMatch(summaryPattern(2, 1, 1));
    // The files are a.yaml's, not b.yaml's.
    expect(await readFile(join(dir, 'out', 'same.html'), 'utf8')).toContain('<title>Tea vs. Coffee</title>');
  });

  it('a missing path exits 1 and names it', async () => {
    const out2 = tmpDir('cli-missing');
    const result = await handout(['build', 'tests/fixtures/bundled/no-such-dataset.yaml', '--out', out2]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/bundled\/no-such-dataset\.yaml: error \[not-found\]: no such file or folder/);
    expect(await handoutFiles(out2)).toEqual([]);
  });

  it('--theme nope exits 1 and lists the available themes', async () => {
    const out2 = tmpDir('cli-theme');
    const result = await handout(['build', SEED, '--out', out2, '--theme', 'nope']);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/no theme `nope`/);
    expect(result.stderr).toMatch(/themes are .*`default`/);
    expect(await handoutFiles(out2)).toEqual([]);
  });

  it('is reproducible: with SOURCE_DATE_EPOCH two builds give byte-identical PDFs and identical HTML', async () => {
    const a = tmpDir('cli-repro-a');
    const b = tmpDir('cli-repro-b');
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const [ra, rb] = await Promise.all([handout(['build', SEED, '--out', a], { env }), handout(['build', SEED, '--out', b], { env })]);
    expect(ra.code, show(ra)).toBe(0);
    expect(rb.code, show(rb)).toBe(0);
    const [pdfA, pdfB] = await Promise.all([readFile(join(a, `${SEED_SLUG}.pdf`)), readFile(join(b, `${SEED_SLUG}.pdf`))]);
    expect(pdfA.byteLength).toBeGreaterThan(1000);
    expect(Buffer.compare(pdfA, pdfB), 'the two PDFs differ').toBe(0);
    expect(await readFile(join(a, `${SEED_SLUG}.html`), 'utf8')).toBe(await readFile(join(b, `${SEED_SLUG}.html`), 'utf8'));
    const info = await pdfinfo(join(a, `${SEED_SLUG}.pdf`));
    expect(info.CreationDate).toMatch(/^2023-11-14T22:13:20(Z|\+00)/);
  });

  it('is reproducible in a batch too: the same dataset under seven slugs (worker threads for big batches) gives the same PDF as built alone', async () => {
    const dir = tmpDir('cli-repro-batch');
    await mkdir(join(dir, 'in'));
    const text = await readFile(SEED, 'utf8');
    expect(text).toMatch(/^slug: .*$/m);
    const slugs = ['s1', 's2', 's3', 's4', 's5', 's6', 's7'];
    for (const slug of slugs) await writeFile(join(dir, 'in', `${slug}.yaml`), text.replace(/^slug: .*$/m, `slug: ${slug}`));
    const env = { SOURCE_DATE_EPOCH: '1700000000' };
    const [batch, alone] = await Promise.all([
      handout(['build', 'in', '--out', 'batch', '--format', 'pdf'], { cwd: dir, env }),
      handout(['build', join('in', 's1.yaml'), '--out', 'alone', '--format', 'pdf'], { cwd: dir, env }),
    ]);
    expect(batch.code, show(batch)).toBe(0);
    expect(alone.code, show(alone)).toBe(0);
    const reference = await readFile(join(dir, 'alone', 's1.pdf'));
    for (const slug of slugs) {
      expect(Buffer.compare(await readFile(join(dir, 'batch', `${slug}.pdf`)), reference), `batch ${slug}.pdf differs from the one built alone`).toBe(0);
    }
  });
});

describe('validate', () => {
  it('a valid dataset: exit 0 and a valid line', async () => {
    const result = await handout(['validate', 'tests/fixtures/bundled/cytokine-storm-vs-sepsis.yaml']);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toMatch(/^valid\s+tests\/fixtures\/bundled\/cytokine-storm-vs-sepsis\.yaml$/m);
    expect(result.stdout).toMatch(/^1 dataset checked: 1 valid, 0 invalid$/m);
    expect(result.stderr).toBe('');
  });

  it('a broken dataset: exit 1, diagnostics on stderr, and nothing written anywhere', async () => {
    const source = tmpDir('cli-validate-src');
    const broken = join(source, 'broken.yaml');
    await writeFile(broken, (await readFile(SMALL, 'utf8')).replace(/^summary:/m, 'sumary:'));
    const cwd = tmpDir('cli-validate-cwd');

    const result = await handout(['validate', broken], { cwd });
    expect(result.code, show(result)).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^invalid\s+.*broken\.yaml: \d+ errors?$/m);
    expect(result.stderr).toMatch(/broken\.yaml:\d+:\d+: error \[unknown-key\] at sumary: unknown key `sumary`/);
    expect(result.stderr).toMatch(/did you mean `summary`\?/);
    expect(result.stderr).toMatch(/^1 dataset checked: 0 valid, 1 invalid$/m);

    expect(await listAll(cwd)).toEqual([]);
    expect(await listAll(source)).toEqual(['broken.yaml']);
    expect(await exists(join(cwd, 'output'))).toBe(false);
  });
});
