// The output folder belongs to the datasets that made it: another dataset with the same slug does not
// silently replace a handout, the manifest is checked before it is trusted, and two builds into one
// folder at once keep every entry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { manifestFileName } from '../../src/pipeline/manifest.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { show } from '../robustness/support/cli.js';
import { compiledPackage, type CompiledPackage } from './support/compiled-package.js';

const fixture = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

/** A dataset folder with `tea.yaml` whose title is `title`. */
function datasetFolder(root: string, name: string, title: string): string {
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'tea.yaml'), readFileSync(fixture, 'utf8').replace('title: Tea vs. Coffee', `title: ${title}`));
  return folder;
}

const manifestOf = (outDir: string) => JSON.parse(readFileSync(join(outDir, manifestFileName), 'utf8')) as { handouts: Record<string, { dataset: string; outputs: { file: string }[] }> };

describe('output folder ownership', () => {
  it('refuses a dataset from another folder with the same slug, naming both, unless --force', async () => {
    const root = tmpDir('owner');
    const a = datasetFolder(root, 'da', 'Topic A');
    const b = datasetFolder(root, 'db', 'Topic B');
    const out = join(root, 'out');
    const first = await build({ inputs: [a], outDir: out, formats: ['html'] });
    expect(first.ok).toBe(true);
    const second = await build({ inputs: [b], outDir: out, formats: ['html'] });
    expect(second.ok).toBe(false);
    const problem = second.handouts[0]!.diagnostics.find((d) => d.code === 'duplicate-slug');
    expect(problem?.message).toContain(join('da', 'tea.yaml'));
    expect(problem?.file).toBe(join(b, 'tea.yaml'));
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toContain('Topic A');
    const forced = await build({ inputs: [b], outDir: out, formats: ['html'], force: true });
    expect(forced.ok).toBe(true);
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toContain('Topic B');
    expect(manifestOf(out).handouts.tea!.dataset).toBe(join('..', 'db', 'tea.yaml'));
  });

  it('rebuilds an output whose bytes changed since it was written, though it still exists', async () => {
    const root = tmpDir('owner-hash');
    const data = datasetFolder(root, 'd', 'Topic');
    const out = join(root, 'out');
    expect((await build({ inputs: [data], outDir: out, formats: ['html'] })).handouts[0]!.status).toBe('built');
    expect((await build({ inputs: [data], outDir: out, formats: ['html'] })).handouts[0]!.status).toBe('skipped');
    // Same size, other bytes: replaced by something else (a report written over it, an editor).
    const html = readFileSync(join(out, 'tea.html'), 'utf8');
    writeFileSync(join(out, 'tea.html'), html.replace('Topic', 'Tipoc'));
    expect((await build({ inputs: [data], outDir: out, formats: ['html'] })).handouts[0]!.status).toBe('built');
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toBe(html);
  });
});

describe('the manifest is checked before it is trusted', () => {
  const hostileEntries: [string, unknown][] = [
    ['an output path leaving the folder', { dataset: 'x.yaml', hash: 'HASH', outputs: [{ format: 'html', file: '../../../../etc/passwd', bytes: 1, sha256: '0'.repeat(64) }] }],
    ['outputs that are not a list', { dataset: 'x.yaml', hash: 'HASH', outputs: 'x' }],
    ['an output without a file name', { dataset: 'x.yaml', hash: 'HASH', outputs: [{ format: 'html', file: null, bytes: 1 }] }],
    ['an entry that is not an object', 42],
  ];
  for (const [what, entry] of hostileEntries) {
    it(`ignores ${what} and builds the handout`, async () => {
      const root = tmpDir('manifest-entry');
      const data = datasetFolder(root, 'd', 'Topic');
      const out = join(root, 'out');
      const built = await build({ inputs: [data], outDir: out, formats: ['html'] });
      const hash = built.handouts[0]!.inputHash!;
      const text = JSON.stringify({ version: 2, handouts: { tea: JSON.parse(JSON.stringify(entry).replace('HASH', hash)) as unknown } });
      writeFileSync(join(out, manifestFileName), text);
      const report = await build({ inputs: [data], outDir: out, formats: ['html'] });
      expect(report.handouts[0]!.status).toBe('built');
      expect(report.handouts[0]!.outputs.map((o) => o.path)).toEqual([join(out, 'tea.html')]);
      expect(report.diagnostics.some((d) => d.code === 'manifest-invalid' && d.path?.startsWith('handouts.tea'))).toBe(true);
      expect(manifestOf(out).handouts.tea!.outputs[0]!.file).toBe('tea.html');
    });
  }

  it('reports a named pipe in place of the manifest instead of waiting on it', async () => {
    const root = tmpDir('manifest-fifo');
    const data = datasetFolder(root, 'd', 'Topic');
    const out = join(root, 'out');
    mkdirSync(out);
    execFileSync('mkfifo', [join(out, manifestFileName)]);
    const report = await build({ inputs: [data], outDir: out, formats: ['html'] });
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toContain('manifest-not-a-file');
  });

  it('rebuilds an output replaced by a named pipe instead of reading it', async () => {
    const root = tmpDir('output-fifo');
    const data = datasetFolder(root, 'd', 'Topic');
    const out = join(root, 'out');
    await build({ inputs: [data], outDir: out, formats: ['html'] });
    rmSync(join(out, 'tea.html'));
    execFileSync('mkfifo', [join(out, 'tea.html')]);
    const report = await build({ inputs: [data], outDir: out, formats: ['html'] });
    expect(report.handouts[0]!.status).toBe('built');
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toContain('Topic');
  });
});

describe('two builds into one folder at once', () => {
  it('keep every entry of the manifest', async () => {
    const root = tmpDir('manifest-concurrent');
    const out = join(root, 'out');
    const folders = ['p', 'q'].map((name) => {
      const folder = join(root, name);
      mkdirSync(folder);
      for (let i = 0; i < 3; i++) copyFileSync(fixture, join(folder, `${name}${i}.yaml`));
      return folder;
    });
    const reports = await Promise.all(folders.map((folder) => build({ inputs: [folder], outDir: out, formats: ['html'] })));
    expect(reports.every((r) => r.ok)).toBe(true);
    expect(Object.keys(manifestOf(out).handouts).sort()).toEqual(['p0', 'p1', 'p2', 'q0', 'q1', 'q2']);
  });
});

describe('--report and pack --out never replace inputs or outputs', () => {
  let pkg: CompiledPackage;
  beforeAll(async () => {
    pkg = compiledPackage('write-target-package');
  });

  function setUp() {
    const root = tmpDir('write-target');
    const data = datasetFolder(root, 'd', 'Topic');
    return { root, data, dataset: join(data, 'tea.yaml'), out: join(root, 'o'), text: readFileSync(join(data, 'tea.yaml'), 'utf8') };
  }

  it('build --report naming a dataset is refused and the dataset kept', async () => {
    const { data, dataset, out, text } = setUp();
    const result = await pkg.handout(['build', data, '--out', out, '--report', dataset]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/unsafe-output-path.*--report .*tea\.yaml would overwrite a dataset/);
    expect(readFileSync(dataset, 'utf8')).toBe(text);
  });

  it('build --report naming a file in a data folder is refused', async () => {
    const { data, out } = setUp();
    const result = await pkg.handout(['build', data, '--out', out, '--report', join(data, 'notes.json')]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/would overwrite a file in the data folder/);
    expect(existsSync(join(data, 'notes.json'))).toBe(false);
  });

  it('build --report naming a handout it writes is refused, and the handout stays whole', async () => {
    const { data, out } = setUp();
    expect((await pkg.handout(['build', data, '--out', out, '-f', 'pdf'])).code).toBe(0);
    const pdf = readFileSync(join(out, 'tea.pdf'));
    const result = await pkg.handout(['build', data, '--out', out, '-f', 'pdf', '--report', join(out, 'tea.pdf')]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/would overwrite a file the build writes/);
    expect(readFileSync(join(out, 'tea.pdf')).equals(pdf)).toBe(true);
  });

  it('pack --out naming a dataset is refused and the dataset kept', async () => {
    const { data, dataset, text } = setUp();
    const result = await pkg.handout(['pack', data, '--out', dataset]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/--out .*tea\.yaml would overwrite a dataset/);
    expect(readFileSync(dataset, 'utf8')).toBe(text);
  });

  it('pack --out naming a handout an earlier build wrote is refused', async () => {
    const { data, out } = setUp();
    expect((await pkg.handout(['build', data, '--out', out, '-f', 'pdf'])).code).toBe(0);
    const pdf = readFileSync(join(out, 'tea.pdf'));
    const result = await pkg.handout(['pack', data, '--out', join(out, 'tea.pdf')]);
    expect(result.code, show(result)).toBe(1);
    expect(result.stderr).toMatch(/would overwrite a file a build wrote there/);
    expect(readFileSync(join(out, 'tea.pdf')).equals(pdf)).toBe(true);
  });

  it('a report beside the outputs, and a pack in the output folder, are still written', async () => {
    const { root, data, out } = setUp();
    const built = await pkg.handout(['build', data, '--out', out, '--report', join(out, 'build-report.json')]);
    expect(built.code, show(built)).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8'))).toMatchObject({ ok: true });
    const packed = await pkg.handout(['pack', data, '--out', join(out, 'class-pack.pdf')], { cwd: root });
    expect(packed.code, show(packed)).toBe(0);
  });
});
