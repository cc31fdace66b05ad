// Faults mid-build: SIGINT / SIGTERM leave no partial files and exit 130 / 143 with a message; an
// output folder that cannot be created, a write that fails part-way (file-size limit, full disk) give
// a clear error and leave earlier outputs as they were; a handout whose rendering throws inside a
// worker thread is reported as failed while the others are built.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/load/dataset-schema.js';
import type { RenderTask } from '../../src/pipeline/render-task.js';
import { runTasks } from '../../src/pipeline/run-tasks.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { qpdfCheck } from '../support/poppler.js';
import { handout, show, spawnHandout, stackTraceLine } from './support/cli.js';
import { dataset } from './support/generate.js';
import { datasetYaml } from './support/round-trip.js';

const SMALL = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');
const SEED = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');

/** 60 generated datasets (fixed seed) of 15–30 rows each: a build of several seconds on two workers. */
function sixtyDatasets(): string {
  const dir = tmpDir('sixty-datasets');
  fc.sample(dataset({ rows: fc.integer({ min: 15, max: 30 }) }), { seed: 7, numRuns: 60 }).forEach((data, index) => {
    writeFileSync(join(dir, `handout-${String(index + 1).padStart(2, '0')}.yaml`), datasetYaml(data));
  });
  return dir;
}

/** Whatever a stopped build may leave: only complete files, no temporaries. */
async function expectOnlyCompleteOutputs(outDir: string): Promise<{ pdfs: string[]; htmls: string[] }> {
  const names = existsSync(outDir) ? readdirSync(outDir) : [];
  expect(names.filter((name) => name.endsWith('.tmp')), 'temporary files left behind').toEqual([]);
  const pdfs = names.filter((name) => name.endsWith('.pdf'));
  const htmls = names.filter((name) => name.endsWith('.html') && name !== 'index.html');
  for (const pdf of pdfs) {
    const check = await qpdfCheck(join(outDir, pdf));
    expect(check.code, `${pdf}: ${check.stderr}${check.stdout}`).toBe(0);
  }
  for (const html of htmls) expect(readFileSync(join(outDir, html), 'utf8').trimEnd(), html).toMatch(/<\/html>$/);
  const manifest = join(outDir, '.handout-manifest.json');
  if (existsSync(manifest)) expect(() => JSON.parse(readFileSync(manifest, 'utf8')) as unknown).not.toThrow();
  return { pdfs, htmls };
}

describe('interrupted builds (a CLI build of 60 datasets on two worker threads)', () => {
  let data: string;
  beforeAll(() => {
    data = sixtyDatasets();
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s after the first `built` line: exit %i, a message, only complete files', async (signal, code) => {
    const outDir = join(tmpDir(`interrupt-${signal}`), 'out');
    const build = spawnHandout(['build', data, '--out', outDir, '--jobs', '2']);
    await build.line(/^built /);
    // Rendering takes far longer than writing, so the signal seldom lands mid-write: stand in for a
    // worker caught mid-write with a temporary file named as write-atomic.ts names them.
    const partial = placePartialFile(outDir, build.child.pid!);
    build.child.kill(signal);
    // The build stops by itself (nothing new starts, work in progress is dropped): waiting for its
    // exit is the test; how long it takes is not (timing belongs in bench/).
    const exit = await build.exited;
    const output = `exit ${exit.code}/${exit.signal}\n${build.stdout()}\n${build.stderr()}`;
    expect(exit.code, output).toBe(code);
    const message = new RegExp(`^interrupted by ${signal}: (\\d+) handouts? built, (\\d+) not built; no partial files left in .*out/$`, 'm').exec(build.stderr());
    expect(message, output).not.toBeNull();
    expect(build.stderr()).not.toMatch(stackTraceLine);
    const [built, notBuilt] = [Number(message![1]), Number(message![2])];
    expect(built + notBuilt).toBe(60);
    expect(notBuilt).toBeGreaterThan(0);
    expect(existsSync(partial), 'the partial file of a stopped worker').toBe(false);
    const { pdfs, htmls } = await expectOnlyCompleteOutputs(outDir);
    expect(pdfs.length).toBe(built);
    expect(htmls.length).toBe(built);
  }, 120_000);

  it('a second SIGINT while stopping: still exit 130 and no temporary files', async () => {
    const outDir = join(tmpDir('interrupt-twice'), 'out');
    const build = spawnHandout(['build', data, '--out', outDir, '--jobs', '2']);
    await build.line(/^built /);
    const partial = placePartialFile(outDir, build.child.pid!);
    build.child.kill('SIGINT');
    // Two signals sent at once may arrive as one: send the second once the first was seen (the
    // build says "stopping"), or not at all if it already ended.
    const stopping = await Promise.race([build.line(/stopping/).then(() => true), build.exited.then(() => false)]);
    if (stopping && build.child.exitCode === null) build.child.kill('SIGINT');
    const exit = await build.exited;
    expect(exit.code, build.stderr()).toBe(130);
    expect(build.stderr()).not.toMatch(stackTraceLine);
    expect(existsSync(partial)).toBe(false);
    await expectOnlyCompleteOutputs(outDir);
  }, 120_000);

  it('the library stops too: build({ signal }) returns what was built (two editions each) and removes temporaries', async () => {
    // The bundled library entry (dist/index.js): next to it is the worker script that makes workers threads.
    const { build } = (await import(pathToFileURL(fromRoot('dist', 'index.js')).href)) as typeof import('../../src/index.js');
    const outDir = join(tmpDir('interrupt-library'), 'out');
    const controller = new AbortController();
    mkdirSync(outDir, { recursive: true });
    const userFile = join(outDir, '.notes.tmp');
    writeFileSync(userFile, 'not ours');
    let partial = '';
    const report = await build({
      inputs: [data],
      outDir,
      workers: 2,
      editions: ['handout', 'worksheet'],
      signal: controller.signal,
      onHandout: (h) => {
        if (h.status !== 'built' || controller.signal.aborted) return;
        partial = placePartialFile(outDir, process.pid);
        controller.abort('test');
      },
    });
    expect(existsSync(partial)).toBe(false);
    expect(readFileSync(userFile, 'utf8')).toBe('not ours');
    rmSync(userFile);
    expect(report.ok).toBe(false);
    expect(report.interrupted?.reason).toBe('test');
    const built = report.handouts.filter((h) => h.status === 'built').length;
    expect(built).toBeGreaterThan(0);
    expect(built + report.interrupted!.notBuilt).toBe(120);
    await expectOnlyCompleteOutputs(outDir);
  }, 120_000);
});

describe('an output folder that cannot take the files', () => {
  it('--out under a regular file: exit 1, one clear error before any rendering, nothing created', async () => {
    const root = tmpDir('out-under-file');
    const file = join(root, 'somefile');
    writeFileSync(file, 'not a folder\n');
    const result = await handout(['build', SMALL, SEED, '--out', join(file, 'out')]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/error \[output-folder\]: cannot create the output folder: .*somefile is a file, not a folder/);
    expect(result.stderr).toMatch(/hint: choose another folder with --out/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(readdirSync(root)).toEqual(['somefile']);
    expect(readFileSync(file, 'utf8')).toBe('not a folder\n');
  });

  it('--out naming an existing file: exit 1, the file is left as it was', async () => {
    const root = tmpDir('out-is-file');
    const file = join(root, 'output');
    writeFileSync(file, 'precious\n');
    const result = await handout(['build', SMALL, '--out', file]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/error \[output-folder\]: cannot create the output folder: .*output is a file, not a folder/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(readFileSync(file, 'utf8')).toBe('precious\n');
    expect(readdirSync(root)).toEqual(['output']);
  });

  it('a write that fails part-way (file-size limit: EFBIG): exit 1, a clear error, earlier outputs byte-identical, no temporaries', async () => {
    const outDir = join(tmpDir('write-fails'), 'out');
    const first = await handout(['build', SEED, '--out', outDir]);
    expect(first.code, show(first)).toBe(0);
    const before = Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name))]));
    // RLIMIT_FSIZE of 16 KB, with SIGXFSZ ignored: writing a bigger file fails with EFBIG, like a disk
    // that fills up in the middle of a handout. (bash's `ulimit -f` counts 1024-byte blocks.)
    const result = await runShell(`trap '' XFSZ; ulimit -f 16; exec "${process.execPath}" bin/handout.js build "${SEED}" --out "${outDir}" --force`);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/error \[write-failed\]: cannot write the outputs \(EFBIG\); earlier files were left as they were/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    const after = Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name))]));
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [name, bytes] of Object.entries(before)) expect(after[name]!.equals(bytes), name).toBe(true);
  });

  describe('a full disk (a 320 KB tmpfs, mounted as root like the rest of the test run)', () => {
    const mountPoint = join(tmpDir('full-disk'), 'disk');
    let mounted = false;
    beforeAll(() => {
      mkdirSync(mountPoint, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=320k', 'tmpfs', mountPoint], { stdio: 'ignore' });
      mounted = true;
    });
    afterAll(() => {
      if (mounted) execFileSync('umount', [mountPoint]);
    });

    it('ENOSPC while writing: exit 1, "the disk is full", earlier outputs byte-identical, no temporaries', async () => {
      const outDir = join(mountPoint, 'out');
      const first = await handout(['build', SEED, '--out', outDir]);
      expect(first.code, show(first)).toBe(0);
      const before = Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name))]));
      // Fill what is left of the disk.
      const filler = join(mountPoint, 'filler');
      try {
        for (let i = 0; i < 1000; i++) writeFileSync(filler, Buffer.alloc(4096), { flag: 'a' });
      } catch {
        // ENOSPC: full.
      }
      const result = await handout(['build', SEED, '--out', outDir, '--force']);
      rmSync(filler);
      expect(result.code, show(result)).toBe(1);
      expect(result.stderr).toMatch(/cannot write the outputs \(ENOSPC\)/);
      expect(result.stderr).toMatch(/hint: the disk is full; free some space and build again/);
      expect(result.stderr).not.toMatch(stackTraceLine);
      expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      for (const [name, bytes] of Object.entries(before)) expect(readFileSync(join(outDir, name)).equals(bytes), name).toBe(true);
    });
  });
});

describe('a handout that throws inside a worker thread', () => {
  it('is reported as failed (internal-error, its file named) while the other tasks are built', async () => {
    // The bundled worker script (dist/) makes runTasks use worker threads.
    const workerScript = fromRoot('dist', 'render-worker.js');
    expect(existsSync(workerScript), 'the bundled worker is needed for worker threads').toBe(true);
    const dir = tmpDir('worker-throws');
    // A theme whose body font file is not a font: fontkit throws while the handout is rendered.
    const brokenTheme = join(dir, 'broken-font-theme');
    mkdirSync(brokenTheme);
    writeFileSync(join(brokenTheme, 'not-a-font.ttf'), 'this is not a font file\n');
    const faces = { regular: './not-a-font.ttf', bold: './not-a-font.ttf', italic: './not-a-font.ttf', boldItalic: './not-a-font.ttf' };
    writeFileSync(join(brokenTheme, 'theme.json'), JSON.stringify({ extends: 'default', name: 'broken-font', fonts: { body: faces, heading: faces } }));
    const theme = fromRoot('templates', 'default');
    const base: Dataset = {
      title: 'Tea vs. Coffee',
      subjects: [
        { id: 'tea', name: 'Tea' },
        { id: 'coffee', name: 'Coffee' },
      ],
      summary: 'Both are hot drinks.',
      attributes: [{ name: 'Origin', values: { tea: 'China', coffee: 'Ethiopia' } }],
      sections: [],
      meta: { language: 'en' },
    };
    const task = (name: string, extra: { theme?: string } = {}, dataset: Dataset = base): RenderTask => ({
      file: join(dir, `${name}.yaml`),
      slug: name,
      dataset,
      theme,
      themeFingerprint: 'test',
      formats: ['pdf', 'html'],
      pageSize: 'A4',
      landscape: false,
      edition: 'handout',
      includeDetails: false,
      targets: { pdf: join(dir, 'out', `${name}.pdf`), html: join(dir, 'out', `${name}.html`) },
      ...extra,
    });
    const tasks = [
      task('one'),
      task('two'),
      task('three'),
      task('broken-font', { theme: brokenTheme }),
      task('four'),
      task('five'),
      task('six'),
    ];
    const results = new Map<string, Awaited<ReturnType<typeof import('../../src/pipeline/render-task.js').runRenderTask>>>();
    await runTasks(tasks, { workers: 2, workerScript, onResult: (t, result) => results.set(t.slug, result) });
    expect([...results.keys()].sort()).toEqual(tasks.map((t) => t.slug).sort());
    for (const failing of ['broken-font']) {
      const result = results.get(failing)!;
      expect(result.outputs, failing).toEqual([]);
      expect(result.diagnostics.map((d) => [d.code, d.file]), failing).toEqual([['internal-error', join(dir, `${failing}.yaml`)]]);
      expect(result.diagnostics[0]!.message).toMatch(/^rendering failed unexpectedly: /);
      expect(existsSync(join(dir, 'out', `${failing}.pdf`))).toBe(false);
    }
    for (const name of ['one', 'two', 'three', 'four', 'five', 'six']) {
      const result = results.get(name)!;
      expect(result.diagnostics, name).toEqual([]);
      expect(result.outputs.map((o) => o.format).sort(), name).toEqual(['html', 'pdf']);
      expect((await qpdfCheck(join(dir, 'out', `${name}.pdf`))).code, name).toBe(0);
    }
    expect(readdirSync(join(dir, 'out')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('through the CLI: a theme whose font is broken fails every handout with exit 1, no crash, no stack trace', async () => {
    const dir = tmpDir('cli-broken-theme');
    const brokenTheme = join(dir, 'theme');
    mkdirSync(brokenTheme);
    writeFileSync(join(brokenTheme, 'not-a-font.ttf'), 'garbage');
    const faces = { regular: './not-a-font.ttf', bold: './not-a-font.ttf', italic: './not-a-font.ttf', boldItalic: './not-a-font.ttf' };
    writeFileSync(join(brokenTheme, 'theme.json'), JSON.stringify({ extends: 'default', fonts: { body: faces } }));
    const result = await handout(['build', SMALL, SEED, '--theme', brokenTheme, '--out', join(dir, 'out')]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr.match(/^failed /gm)).toHaveLength(2);
    // Found by the dataset check, before rendering: the theme's font file, named, not an internal error.
    expect(result.stderr).toMatch(/theme\.json: error \[theme-font\]: the font file of `fonts\.body` cannot be read: .*not-a-font\.ttf/);
    expect(result.stderr).not.toMatch(/internal-error/);
    expect(result.stderr).not.toMatch(stackTraceLine);
    expect(existsSync(join(dir, 'out')) ? readdirSync(join(dir, 'out')).filter((n) => /\.(pdf|html)$/.test(n) && n !== 'index.html') : []).toEqual([]);
  });
});

/** A temporary file as a worker of process `pid` names it while writing `<out>/handout-60.pdf`. */
function placePartialFile(outDir: string, pid: number): string {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `.handout-60.pdf.${pid}.0badc0de.tmp`);
  writeFileSync(file, '%PDF-1.7\n% half of a handout');
  return file;
}


function runShell(script: string) {
  return import('./support/cli.js').then(({ run }) => run('bash', ['-c', script]));
}

describe('write-atomic: temporaries and the output folder', () => {
  it('removeTemporaryFiles removes this process’s temporaries only (not other processes’, not the user’s)', async () => {
    const { removeTemporaryFiles } = await import('../../src/pipeline/write-atomic.js');
    const dir = tmpDir('remove-temporaries');
    const ours = [`.a.pdf.${process.pid}.0123abcd.tmp`, `.b.html.${process.pid}.ffffffff.tmp`];
    const theirs = [`.a.pdf.${process.pid + 1}.0123abcd.tmp`, '.notes.tmp', 'a.pdf', `a.pdf.${process.pid}.0123abcd.tmp`];
    for (const name of [...ours, ...theirs]) writeFileSync(join(dir, name), 'x');
    expect(removeTemporaryFiles([dir])).toBe(2);
    expect(readdirSync(dir).sort()).toEqual([...theirs].sort());
    expect(removeTemporaryFiles([join(dir, 'missing')])).toBe(0);
  });

  it('writeAllAtomic leaves no temporary behind, after success or failure', async () => {
    const { writeAllAtomic } = await import('../../src/pipeline/write-atomic.js');
    const dir = tmpDir('write-all-atomic');
    await writeAllAtomic([
      { path: join(dir, 'a.pdf'), data: 'new a' },
      { path: join(dir, 'a.html'), data: 'new a' },
    ]);
    mkdirSync(join(dir, 'b.html'));
    writeFileSync(join(dir, 'b.pdf'), 'old b');
    await expect(
      writeAllAtomic([
        { path: join(dir, 'b.pdf'), data: 'new b' },
        { path: join(dir, 'b.html'), data: 'new b' },
      ]),
    ).rejects.toMatchObject({ code: 'EISDIR' });
    expect(readFileSync(join(dir, 'b.pdf'), 'utf8')).toBe('old b');
    expect(readdirSync(dir).sort()).toEqual(['a.html', 'a.pdf', 'b.html', 'b.pdf']);
  });

  it('prepareOutputFolder creates a usable folder and leaves nothing in it; a path through a file is one clear problem', async () => {
    const { prepareOutputFolder } = await import('../../src/pipeline/write-atomic.js');
    const root = tmpDir('prepare-output');
    expect(await prepareOutputFolder(join(root, 'a', 'b'))).toBeUndefined();
    expect(readdirSync(join(root, 'a', 'b'))).toEqual([]);
    writeFileSync(join(root, 'file'), '');
    const problem = await prepareOutputFolder(join(root, 'file', 'out'));
    expect(problem).toMatchObject({ severity: 'error', code: 'output-folder' });
    expect(problem!.message).toMatch(/file is a file, not a folder$/);
    expect(problem!.hint).toBeTruthy();
  });
});
