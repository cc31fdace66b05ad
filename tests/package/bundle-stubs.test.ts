// The bundle replaces a few modules of dependencies that handout never uses (scripts/bundle.mjs,
// `replacedModules`). Each replacement must still be needed (the dependency still imports that
// module), must have left the real module out of dist/, and must fail loudly if it is ever reached.
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const { replacedModules } = (await import(pathToFileURL(fromRoot('scripts', 'bundle.mjs')).href)) as { replacedModules: Record<string, string> };
const stamp = JSON.parse(readFileSync(fromRoot('dist', '.bundle-inputs.json'), 'utf8')) as { inputs: Record<string, unknown> };
const bundledFiles = Object.keys(stamp.inputs);

/** What each replaced module is to its dependency, and what the stand-in must export. */
const expectations: Record<string, { exports: string[]; use: (value: unknown) => unknown }> = {
  'brotli/decompress.js': { exports: ['default'], use: (decompress) => (decompress as (input: Uint8Array) => unknown)(new Uint8Array(8)) },
  linebreak: { exports: ['default'], use: (LineBreaker) => new (LineBreaker as new (text: string) => unknown)('two words') },
  '@noble/ciphers/aes': { exports: ['cbc', 'ecb'], use: (cipher) => (cipher as (key: Uint8Array) => unknown)(new Uint8Array(16)) },
};

describe('modules replaced in the bundle', () => {
  it('are the ones this test knows about', () => {
    expect(Object.keys(replacedModules).sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const [specifier, stub] of Object.entries(replacedModules)) {
    describe(specifier, () => {
      it('is bundled as its stand-in, and the real module is left out', () => {
        // In the stamp's inputs only if some bundled module imported it, through the alias.
        expect(bundledFiles).toContain(stub.replace(/^\.\//, ''));
        const packageFolder = `node_modules/${specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]}/`;
        expect(bundledFiles.filter((file) => file.startsWith(packageFolder))).toEqual([]);
      });

      it('stands in with the same exports, each failing with a clear error', async () => {
        const module = (await import(pathToFileURL(fromRoot(stub)).href)) as Record<string, unknown>;
        expect(Object.keys(module).sort()).toEqual(expectations[specifier]!.exports.sort());
        for (const name of expectations[specifier]!.exports) expect(() => expectations[specifier]!.use(module[name])).toThrow(/handout/);
      });
    });
  }
});

describe('a WOFF2 font in a theme', () => {
  it('is refused by name, from the bundled CLI and from the library alike', async () => {
    const folder = tmpDir('woff2-theme');
    const ttf = readFileSync(fromRoot('node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'));
    writeFileSync(join(folder, 'fallback.woff2'), await subsetFont(ttf, 'abcdefghijklmnopqrstuvwxyz', { targetFormat: 'woff2' }));
    writeFileSync(
      join(folder, 'theme.json'),
      JSON.stringify({ extends: 'default', name: 'woff2', fonts: { fallback: { css: "'DejaVu Sans', sans-serif", regular: 'fallback.woff2' } } }, null, 2),
    );
    const dataset = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

    const report = await build({ inputs: [dataset], outDir: tmpDir('woff2-theme-out'), theme: folder, formats: ['pdf'], workers: 1 });
    expect(report.ok).toBe(false);
    expect(report.handouts.flatMap((handout) => handout.diagnostics)).toEqual([expect.objectContaining({ code: 'theme-font', file: join(folder, 'theme.json'), message: expect.stringContaining('WOFF2') })]);

    const cli = spawnSync(process.execPath, [fromRoot('bin', 'handout.js'), 'build', dataset, '--theme', folder, '--format', 'pdf', '--out', tmpDir('woff2-theme-cli')], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toMatch(/theme-font/);
    expect(cli.stderr).toMatch(/WOFF2/);
    expect(cli.stderr).not.toMatch(/internal error/);
  });
});
