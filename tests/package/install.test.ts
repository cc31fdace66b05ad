// The package as a course repository gets it: `npm run package` makes the tarball, which is installed
// into an empty folder (dependencies from the npm registry or its cache), then used through npx.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tmpDir } from '../support/paths.js';
import { pdftotext, qpdfCheck } from '../support/poppler.js';
import { closeBrowser, withPage } from '../support/browser.js';

const execFileAsync = promisify(execFile);
const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(command: string, args: string[], cwd: string): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (typeof e.code !== 'number') throw new Error(`${command} ${args.join(' ')} did not run: ${e.message}`);
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const show = (result: Result) => `exit ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;

let course: string;
let tarball: string;

beforeAll(async () => {
  const packages = tmpDir('package-tarball');
  const packed = await run(process.execPath, [join(repoRoot, 'scripts', 'package.mjs'), '--out', packages], repoRoot);
  expect(packed.code, show(packed)).toBe(0);
  tarball = join(packages, `handout-${version}.tgz`);
  course = tmpDir('package-course');
  writeFileSync(join(course, 'package.json'), JSON.stringify({ name: 'biology-handouts', version: '1.0.0', private: true }));
  const installed = await run('npm', ['install', '--save-dev', '--prefer-offline', tarball], course);
  expect(installed.code, show(installed)).toBe(0);
}, 300_000);

afterAll(closeBrowser);

describe('the installed package', () => {
  it('holds compiled JavaScript, themes and schemas, and no sources, tests or install scripts', () => {
    const root = join(course, 'node_modules', 'handout');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.version).toBe(version);
    expect(manifest.bin).toEqual({ handout: 'bin/handout.js' });
    expect(manifest.scripts).toBeUndefined();
    expect(manifest.devDependencies).toBeUndefined();
    expect(manifest.private).toBeUndefined();
    expect(readdirSync(root).sort()).toEqual(['LICENSE', 'README.md', 'bin', 'dist', 'package.json', 'schema', 'starter', 'templates']);
    expect(existsSync(join(root, 'dist', 'types', 'index.d.ts'))).toBe(true);
    expect(existsSync(join(root, 'templates', 'default', 'theme.json'))).toBe(true);
    expect(existsSync(join(root, 'src'))).toBe(false);
  });

  it('npx handout --version is the package version', async () => {
    const result = await run('npx', ['handout', '--version'], course);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout.trim()).toBe(version);
  });

  it('init, validate, build, pack: a PDF and an HTML handout from the example dataset', async () => {
    const init = await run('npx', ['handout', 'init', '--theme', 'my-school'], course);
    expect(init.code, show(init)).toBe(0);
    const validate = await run('npx', ['handout', 'validate'], course);
    expect(validate.code, show(validate)).toBe(0);
    const build = await run('npx', ['handout', 'build', '--edition', 'all'], course);
    expect(build.code, show(build)).toBe(0);
    const pdf = join(course, 'output', 'weather-vs-climate.pdf');
    expect((await qpdfCheck(pdf)).code).toBe(0);
    const text = await pdftotext(pdf);
    expect(text).toContain('Weather vs. Climate');
    expect(text).toContain('Thirty years or more.');
    const html = join(course, 'output', 'weather-vs-climate.html');
    const shown = await withPage(async (page) => {
      await page.goto(`file://${html}`);
      return page.evaluate(() => document.body.innerText);
    });
    expect(shown).toContain('Weather vs. Climate');
    expect(shown).toContain('Thirty years or more.');

    const themed = await run('npx', ['handout', 'build', '--theme', 'templates/my-school', '--out', 'themed', '--format', 'pdf'], course);
    expect(themed.code, show(themed)).toBe(0);
    expect((await qpdfCheck(join(course, 'themed', 'weather-vs-climate.pdf'))).code).toBe(0);

    const pack = await run('npx', ['handout', 'pack', 'data', '--out', 'class-pack.pdf'], course);
    expect(pack.code, show(pack)).toBe(0);
    expect((await qpdfCheck(join(course, 'class-pack.pdf'))).code).toBe(0);
  }, 180_000);

  it('the library API and its types are exported', async () => {
    writeFileSync(join(course, 'use-api.mjs'), "import { build, validateFiles } from 'handout';\nconsole.log(typeof build, typeof validateFiles);\n");
    const result = await run(process.execPath, ['use-api.mjs'], course);
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout.trim()).toBe('function function');
    const types = readFileSync(join(course, 'node_modules', 'handout', 'dist', 'types', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export \{ build,/);
  });
});
