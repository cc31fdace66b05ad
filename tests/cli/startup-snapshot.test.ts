// The startup snapshot (scripts/build-snapshot.mjs, src/snapshot/, bin/startup-snapshot.js): that
// `npm ci` / `npm run compile` built one the CLI uses, that it renders exactly what the modules in
// dist/ render, that its worker processes do too, and that the launcher refuses a snapshot that no
// longer matches the checkout.
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromRoot, repoRoot, tmpDir } from '../support/paths.js';

const BIN = fromRoot('bin', 'handout.js');
const SEED = fromRoot('data', 'cytokine-storm-vs-sepsis.yaml');

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function handout(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { ...process.env, CI: '1', NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

const show = (result: RunResult) => `exit ${result.code}\n${result.stdout}\n${result.stderr}`;

type Launcher = typeof import('../../bin/startup-snapshot.js');
const launcher = (): Promise<Launcher> => import(pathToFileURL(fromRoot('bin', 'startup-snapshot.js')).href) as Promise<Launcher>;

/** Every file of a build's output folder (handouts only) with its bytes. */
function outputs(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .filter((name) => /\.(pdf|html)$/.test(name) && name !== 'index.html')
      .sort()
      .map((name) => [name, readFileSync(join(dir, name))]),
  );
}

describe('the startup snapshot', () => {
  it('was built by the install for this checkout, and the CLI starts from it', async () => {
    const { usableSnapshot } = await launcher();
    const snapshot = usableSnapshot(repoRoot, {});
    expect(snapshot, 'npm ci (prepare) or npm run compile builds dist/startup-snapshot/').toHaveProperty('blob');
    const result = await handout(['build', SEED, '--out', join(tmpDir('snapshot-used'), 'out'), '--format', 'pdf', '--verbose']);
    expect(result.code, show(result)).toBe(0);
    expect(result.stderr).toMatch(/^handout: started from the startup snapshot$/m);
  });

  it('renders byte for byte what the modules in dist/ render, in every edition and format', async () => {
    const fromSnapshot = join(tmpDir('snapshot-bytes'), 'out');
    const fromModules = join(tmpDir('modules-bytes'), 'out');
    const args = ['build', fromRoot('data'), '--edition', 'all', '--page-size', 'Letter'];
    const [a, b] = await Promise.all([handout([...args, '--out', fromSnapshot]), handout([...args, '--out', fromModules], { HANDOUT_SNAPSHOT: '0' })]);
    expect(a.code, show(a)).toBe(0);
    expect(b.code, show(b)).toBe(0);
    const [snapshotFiles, moduleFiles] = [outputs(fromSnapshot), outputs(fromModules)];
    expect([...snapshotFiles.keys()]).toEqual([...moduleFiles.keys()]);
    expect(snapshotFiles.size).toBe(2 * 3 * 2);
    for (const [name, bytes] of snapshotFiles) expect(bytes.equals(moduleFiles.get(name)!), `${name} differs`).toBe(true);
  });

  it('worker processes started from it render what a single process renders', async () => {
    const data = tmpDir('snapshot-workers-data');
    // Eight handouts: enough for this process and two workers to take several each.
    for (const name of readdirSync(fromRoot('data')).filter((n) => n.endsWith('.yaml'))) {
      const text = readFileSync(fromRoot('data', name), 'utf8');
      for (let copy = 1; copy <= 4; copy++) writeFileSync(join(data, `${copy}-${name}`), text.replace(/^slug: .*$/m, '').concat(`slug: copy-${copy}-${name.replace('.yaml', '')}\n`));
    }
    const pooled = join(tmpDir('snapshot-workers-pool'), 'out');
    const single = join(tmpDir('snapshot-workers-single'), 'out');
    const [a, b] = await Promise.all([handout(['build', data, '--out', pooled, '--jobs', '3']), handout(['build', data, '--out', single, '--jobs', '1'])]);
    expect(a.code, show(a)).toBe(0);
    expect(b.code, show(b)).toBe(0);
    const [pooledFiles, singleFiles] = [outputs(pooled), outputs(single)];
    expect(pooledFiles.size).toBe(16);
    expect([...pooledFiles.keys()]).toEqual([...singleFiles.keys()]);
    for (const [name, bytes] of pooledFiles) expect(bytes.equals(singleFiles.get(name)!), `${name} differs`).toBe(true);
  });

  it('a rebuild of unchanged datasets skips them, and an edited one is built again', async () => {
    const data = tmpDir('snapshot-rebuild-data');
    cpSync(fromRoot('data'), data, { recursive: true });
    const out = join(tmpDir('snapshot-rebuild'), 'out');
    const first = await handout(['build', data, '--out', out, '--verbose']);
    expect(first.code, show(first)).toBe(0);
    expect(first.stderr).toMatch(/started from the startup snapshot/);
    const second = await handout(['build', data, '--out', out]);
    expect(second.code, show(second)).toBe(0);
    expect(second.stdout).toMatch(/^2 handouts: 0 built, 2 unchanged/m);
    const seed = join(data, 'cytokine-storm-vs-sepsis.yaml');
    writeFileSync(seed, readFileSync(seed, 'utf8').replace('title: Cytokine Storm vs. Sepsis', 'title: Cytokine Storm vs. Sepsis (edited)'));
    const third = await handout(['build', data, '--out', out]);
    expect(third.code, show(third)).toBe(0);
    expect(third.stdout).toMatch(/^2 handouts: 1 built, 1 unchanged/m);
  });

  it('is refused when a source changed, the checkout moved or Node.js differs, with the reason', async () => {
    const { usableSnapshot } = await launcher();
    const root = tmpDir('snapshot-stale');
    mkdirSync(join(root, 'dist', 'startup-snapshot'), { recursive: true });
    mkdirSync(join(root, 'src'));
    const source = join(root, 'src', 'main.ts');
    writeFileSync(source, 'export {};\n');
    for (const file of ['handout.blob', 'handout.cjs']) writeFileSync(join(root, 'dist', 'startup-snapshot', file), 'x');
    const record = (overrides: Record<string, unknown> = {}) => {
      const inputs = ['src/main.ts', 'dist/startup-snapshot/handout.blob'].map((file) => {
        const stat = statSync(join(root, file));
        return { file, size: stat.size, mtimeMs: stat.mtimeMs };
      });
      const manifest = { node: process.version, arch: process.arch, root, blob: 'dist/startup-snapshot/handout.blob', bundle: 'dist/startup-snapshot/handout.cjs', inputs, ...overrides };
      writeFileSync(join(root, 'dist', 'startup-snapshot', 'snapshot.json'), JSON.stringify(manifest));
    };
    record();
    expect(usableSnapshot(root, {})).toEqual({ blob: join(root, 'dist', 'startup-snapshot', 'handout.blob'), bundle: join(root, 'dist', 'startup-snapshot', 'handout.cjs') });
    expect(usableSnapshot(root, { HANDOUT_SNAPSHOT: '0' }).unusable).toMatch(/HANDOUT_SNAPSHOT=0/);
    utimesSync(source, new Date(), new Date(Date.now() + 5_000));
    expect(usableSnapshot(root, {}).unusable).toMatch(/^src\/main\.ts changed since it was built/);
    record({ node: 'v0.0.1' });
    expect(usableSnapshot(root, {}).unusable).toMatch(/^built by Node\.js v0\.0\.1/);
    record({ root: '/elsewhere' });
    expect(usableSnapshot(root, {}).unusable).toMatch(/the checkout has moved/);
    record();
    writeFileSync(source, 'export const changed = true;\n');
    expect(usableSnapshot(root, {}).unusable).toMatch(/^src\/main\.ts changed/);
  });

  it('a reader that stops early (`handout build | head -1`) ends neither the build nor in a crash', async () => {
    const out = join(tmpDir('snapshot-epipe'), 'out');
    const child = spawn(process.execPath, [BIN, 'build', fromRoot('data'), '--out', out, '--force'], { cwd: repoRoot, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // Like `head -1`: read the first line, then close the pipe.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    expect(stderr).not.toMatch(/EPIPE|internal error|at .*\(.*:\d+:\d+\)/);
    expect(code).toBe(0);
    expect(outputs(out).size).toBe(4);
  });
});
