// A handout is only "unchanged" when nothing that shapes it changed: the code that renders, the
// theme, the font files' contents. `watch` follows theme edits, and never its own outputs.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeIdentityOf, themeFingerprint } from '../../src/pipeline/fingerprint.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { show } from '../robustness/support/cli.js';
import { compiledPackage, type CompiledPackage } from './support/compiled-package.js';

const fixture = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');
let pkg: CompiledPackage;

beforeAll(async () => {
  pkg = compiledPackage('caches-package');
});

function workspace(prefix: string): { root: string; data: string; theme: string; out: string } {
  const root = tmpDir(prefix);
  const data = join(root, 'data');
  mkdirSync(data);
  cpSync(fixture, join(data, 'tea.yaml'));
  const theme = join(root, 'theme');
  cpSync(fromRoot('templates', 'default'), theme, { recursive: true });
  return { root, data, theme, out: join(root, 'out') };
}

const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

describe('build: what makes a handout unchanged', () => {
  it('rebuilds after the code that renders changed (an upgrade, a recompile)', async () => {
    const { data, out } = workspace('code-identity');
    const args = ['build', data, '--out', out, '--format', 'html'];
    expect(summary((await pkg.handout(args)).stdout)).toMatch(/1 built/);
    expect(summary((await pkg.handout(args)).stdout)).toMatch(/0 built, 1 unchanged/);
    appendFileSync(join(pkg.root, 'dist', 'cli.js'), '\n// a change to the code\n');
    const after = await pkg.handout(args);
    expect(summary(after.stdout), show(after)).toMatch(/1 built/);
  });

  it('rebuilds after a font file changed, though its name, size and time did not', async () => {
    const { root, data, theme, out } = workspace('font-content');
    const fonts = join(root, 'fonts');
    mkdirSync(fonts);
    const font = join(fonts, 'body.ttf');
    cpSync(fromRoot('node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf'), font);
    const tokens = JSON.parse(readFileSync(join(theme, 'theme.json'), 'utf8')) as { fonts: { body: Record<string, string> } };
    tokens.fonts.body.regular = '../fonts/body.ttf';
    writeFileSync(join(theme, 'theme.json'), JSON.stringify(tokens));
    // A whole-second time, which can be put back exactly (as a cache restore or a checkout would).
    utimesSync(font, 1_700_000_000, 1_700_000_000);
    const args = ['build', data, '--out', out, '--format', 'pdf', '--theme', theme];
    const first = await pkg.handout(args);
    expect(summary(first.stdout), show(first)).toMatch(/1 built/);
    expect(summary((await pkg.handout(args)).stdout)).toMatch(/1 unchanged/);
    // One letter of the font's name (UTF-16 in its name table) changed in place, the time put back.
    const bytes = readFileSync(font);
    const at = bytes.indexOf(Buffer.from('\0N\0o\0t\0o', 'latin1'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 7] = 'p'.charCodeAt(0);
    writeFileSync(font, bytes);
    utimesSync(font, 1_700_000_000, 1_700_000_000);
    expect(statSync(font).mtimeMs).toBe(1_700_000_000_000);
    const after = await pkg.handout(args);
    expect(summary(after.stdout), show(after)).toMatch(/1 built/);
  });

  it('rebuilds after a theme file changed', async () => {
    const { data, theme, out } = workspace('theme-file');
    const args = ['build', data, '--out', out, '--format', 'html', '--theme', theme];
    expect(summary((await pkg.handout(args)).stdout)).toMatch(/1 built/);
    appendFileSync(join(theme, 'style.css'), '\n.handout-test-rule { color: red; }\n');
    const after = await pkg.handout(args);
    expect(summary(after.stdout), show(after)).toMatch(/1 built/);
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toContain('handout-test-rule');
  });
});

describe('theme fingerprint', () => {
  it('ignores version control, installed packages and the output folder inside a theme folder', async () => {
    const { theme } = workspace('theme-dot');
    const loaded = (await loadTheme(theme)).theme!;
    const write = (file: string, text: string) => {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
    };
    write(join(theme, '.git', 'HEAD'), 'ref: a');
    write(join(theme, 'node_modules', 'x', 'index.js'), 'a');
    write(join(theme, 'out', 'tea.html'), 'a');
    const before = await themeFingerprint(loaded, { exclude: [join(theme, 'out')] });
    write(join(theme, '.git', 'HEAD'), 'ref: b');
    write(join(theme, 'node_modules', 'x', 'index.js'), 'b');
    write(join(theme, 'out', 'tea.html'), 'b');
    expect(await themeFingerprint(loaded, { exclude: [join(theme, 'out')] })).toBe(before);
    write(join(theme, 'partials', 'extra.hbs'), 'b');
    expect(await themeFingerprint(loaded, { exclude: [join(theme, 'out')] })).not.toBe(before);
  });

  it('code identity follows every script of the code folder', () => {
    const folder = tmpDir('code-folder');
    write(join(folder, 'a.js'), 'one');
    write(join(folder, 'deep', 'b.js'), 'two');
    const before = codeIdentityOf(folder);
    expect(codeIdentityOf(folder)).toBe(before);
    write(join(folder, 'deep', 'b.js'), 'three');
    expect(codeIdentityOf(folder)).not.toBe(before);
  });
});

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

/** `handout watch …` from the compiled package, with its output lines as they come. */
function watchProcess(args: readonly string[], cwd = pkg.root) {
  const child = spawn(process.execPath, [pkg.bin, 'watch', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  /** Polls until `ready()` holds, up to a deadline (no fixed waits). */
  const until = async (what: string, ready: () => boolean, deadline = Date.now() + 45_000) => {
    while (!ready()) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`watch: ${what} did not happen\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const summaries = () => stdout.split('\n').filter((line) => /^\d+ handouts?: /.test(line)).length;
  return { child, until, summaries, stdout: () => stdout, stderr: () => stderr, stop: async () => (child.kill('SIGTERM'), await exited) };
}

describe('watch', () => {
  const running: ReturnType<typeof watchProcess>[] = [];
  afterAll(async () => {
    for (const watcher of running) await watcher.stop();
  });

  it('reloads the theme when a theme file changes and rebuilds with it', async () => {
    const { data, theme, out } = workspace('watch-theme');
    const watcher = watchProcess([data, '--out', out, '--format', 'html', '--theme', theme]);
    running.push(watcher);
    await watcher.until('the first build', () => /^watching /m.test(watcher.stdout()));
    expect(readFileSync(join(out, 'tea.html'), 'utf8')).toContain('#1b5e8a');
    writeFileSync(join(theme, 'theme.json'), readFileSync(join(theme, 'theme.json'), 'utf8').replaceAll('#1b5e8a', '#7a1f5c'));
    await watcher.until('a rebuild', () => watcher.summaries() >= 2);
    const html = readFileSync(join(out, 'tea.html'), 'utf8');
    expect(html).toContain('#7a1f5c');
    expect(html).not.toContain('#1b5e8a');
  });

  it('says a dataset is fixed when it goes back to what was last built, instead of leaving its error as the last word', async () => {
    const { data, out } = workspace('watch-fixed');
    const watcher = watchProcess([data, '--out', out, '--format', 'html']);
    running.push(watcher);
    await watcher.until('the first build', () => /^watching /m.test(watcher.stdout()));
    // The font files are counted, not listed.
    expect(watcher.stdout()).toMatch(/^watching .* and the theme's \d+ font files — press Ctrl\+C to stop$/m);
    expect(watcher.stdout()).not.toMatch(/\.ttf/);
    const good = readFileSync(join(data, 'tea.yaml'), 'utf8');
    writeFileSync(join(data, 'tea.yaml'), good.replace('title:', 'titel:'));
    await watcher.until('the failed rebuild', () => /unknown key|titel/.test(watcher.stderr()));
    expect(watcher.stdout()).not.toMatch(/^fixed /m);
    writeFileSync(join(data, 'tea.yaml'), good);
    await watcher.until('the fixed line', () => /^fixed\s+\S*tea\.yaml \(as it was at its last build; its outputs are up to date\)$/m.test(watcher.stdout()));
  });

  it('does not rebuild in a loop when the output folder is inside the theme folder', async () => {
    const { root, data, theme } = workspace('watch-out-in-theme');
    const out = join(theme, 'out');
    // As a user types it, from the folder that holds them.
    const watcher = watchProcess(['data', '--out', join('theme', 'out'), '--theme', `.${sep}theme`], root);
    running.push(watcher);
    await watcher.until('the first build', () => /^watching /m.test(watcher.stdout()));
    for (const [index, title] of ['Tea vs. Coffee, edited', 'Tea vs. Coffee, edited again'].entries()) {
      writeFileSync(join(data, 'tea.yaml'), readFileSync(fixture, 'utf8').replace('title: Tea vs. Coffee', `title: ${title}`));
      await watcher.until(`the rebuild for "${title}"`, () => readFileSync(join(out, 'tea.html'), 'utf8').includes(title) && watcher.summaries() >= index + 2);
    }
    // One build at the start, one per edit: writing the outputs started none.
    expect(watcher.summaries(), watcher.stdout()).toBe(3);
  });
});
