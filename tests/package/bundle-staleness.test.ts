// `handout` in a checkout re-bundles when a source changed since the last bundle. It reads a file only
// when its size or modification time differs from the stamp: these check that every real change is
// still seen, and that a file touched without a change is not.
import { copyFileSync, mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromRoot, tmpDir } from '../support/paths.js';

interface Bundler {
  staleReason(): string | undefined;
  writeStamp(inputs: string[], outputs: string[], started?: number): void;
}

// A copy of the bundler in a folder of its own: it takes that folder as the checkout's root.
let root: string;
let bundler: Bundler;
let copies = 0;

beforeEach(async () => {
  root = tmpDir('bundle-staleness');
  mkdirSync(join(root, 'scripts'));
  mkdirSync(join(root, 'src'));
  mkdirSync(join(root, 'dist'));
  // A new file name per test: each import gets a module of its own, bound to this test's root.
  const script = join(root, 'scripts', `bundle-${copies++}.mjs`);
  copyFileSync(fromRoot('scripts', 'bundle.mjs'), script);
  bundler = (await import(pathToFileURL(script).href)) as Bundler;
  writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 2;\n');
  writeFileSync(join(root, 'dist', 'cli.js'), '// bundled\n');
  bundler.writeStamp(['src/a.ts', 'src/b.ts'], ['dist/cli.js']);
});

/** Sets a file's modification time `seconds` after what it was. */
function shiftTime(file: string, seconds: number): void {
  const { atime, mtime } = statSync(file);
  utimesSync(file, atime, new Date(mtime.getTime() + seconds * 1000));
}

describe('the bundle stamp', () => {
  it('is fresh right after bundling', () => {
    expect(bundler.staleReason()).toBeUndefined();
  });

  it('sees a source whose size changed', () => {
    writeFileSync(join(root, 'src', 'b.ts'), 'export const b = 20;\n');
    expect(bundler.staleReason()).toBe('src/b.ts changed');
  });

  it('sees a change that keeps the size, by the contents, once the time differs', () => {
    const file = join(root, 'src', 'a.ts');
    writeFileSync(file, 'export const a = 7;\n');
    shiftTime(file, 5);
    expect(bundler.staleReason()).toBe('src/a.ts changed');
  });

  it('keeps a source touched but not changed fresh', () => {
    shiftTime(join(root, 'src', 'a.ts'), 5);
    expect(bundler.staleReason()).toBeUndefined();
  });

  it('sees a source removed, and a bundled file missing', () => {
    rmSync(join(root, 'src', 'a.ts'));
    expect(bundler.staleReason()).toBe('src/a.ts changed');
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;\n');
    rmSync(join(root, 'dist', 'cli.js'));
    expect(bundler.staleReason()).toBe('dist/cli.js is missing');
  });

  it('sees a source changed while it was being bundled', () => {
    // Bundling began a minute ago; src/b.ts is older, src/a.ts was written since: what was bundled may be older.
    shiftTime(join(root, 'src', 'b.ts'), -120);
    bundler.writeStamp(['src/a.ts', 'src/b.ts'], ['dist/cli.js'], Date.now() - 60_000);
    expect(bundler.staleReason()).toBe('src/a.ts changed');
  });

  it('says when nothing was bundled yet', () => {
    rmSync(join(root, 'dist', '.bundle-inputs.json'));
    expect(bundler.staleReason()).toBe('dist/ has not been bundled yet');
  });
});

describe('the files a stamp records', () => {
  it('are the own sources, and the dependencies by npm\'s record of the installed tree', async () => {
    const { stampedInputs } = (await import(pathToFileURL(fromRoot('scripts', 'bundle.mjs')).href)) as { stampedInputs(bundled: string[]): string[] };
    const recorded = stampedInputs(['src/cli/run-cli.ts', 'node_modules/yargs/index.mjs', 'node_modules/@scope/pkg/lib/a.js', 'scripts/bundle-stubs/linebreak.js']);
    expect(recorded.sort()).toEqual(['node_modules/.package-lock.json', 'package-lock.json', 'package.json', 'scripts/bundle-stubs/linebreak.js', 'scripts/bundle.mjs', 'src/cli/run-cli.ts']);
  });

  it('see a dependency installed again (npm rewrites node_modules/.package-lock.json)', () => {
    mkdirSync(join(root, 'node_modules'));
    const record = join(root, 'node_modules', '.package-lock.json');
    writeFileSync(record, '{"packages":{"node_modules/yargs":{"version":"17.7.2"}}}\n');
    bundler.writeStamp(['src/a.ts', 'node_modules/.package-lock.json'], ['dist/cli.js']);
    expect(bundler.staleReason()).toBeUndefined();
    writeFileSync(record, '{"packages":{"node_modules/yargs":{"version":"18.0.0"}}}\n');
    expect(bundler.staleReason()).toBe('node_modules/.package-lock.json changed');
  });
});
