// `handout init` as a user runs it, in a child process, in a folder of its own.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../support/paths.js';
import { pdftotext, qpdfCheck } from '../support/poppler.js';
import { handout, show, stackTraceLine } from '../robustness/support/cli.js';

describe('handout init', () => {
  it('lays out an example dataset that builds, and .gitignore for output/ and node_modules/', async () => {
    const course = join(tmpDir('init-course'), 'biology');
    const init = await handout(['init', course]);
    expect(init.code, show(init)).toBe(0);
    expect(readdirSync(join(course, 'data'))).toEqual(['weather-vs-climate.md']);
    expect(readFileSync(join(course, '.gitignore'), 'utf8')).toBe('output/\nnode_modules/\n');
    expect(init.stdout).toMatch(/^created\s+.*data\/weather-vs-climate\.md$/m);
    expect(init.stdout.match(/\.gitignore$/gm)).toHaveLength(1);

    const build = await handout(['build', '--edition', 'all'], { cwd: course });
    expect(build.code, show(build)).toBe(0);
    const outputs = readdirSync(join(course, 'output')).filter((name) => /\.(pdf|html)$/.test(name)).sort();
    expect(outputs).toEqual([
      'index-teacher.html',
      'index.html',
      'weather-vs-climate.answers.html',
      'weather-vs-climate.answers.pdf',
      'weather-vs-climate.html',
      'weather-vs-climate.pdf',
      'weather-vs-climate.worksheet.html',
      'weather-vs-climate.worksheet.pdf',
    ]);
    expect((await qpdfCheck(join(course, 'output', 'weather-vs-climate.pdf'))).code).toBe(0);
    expect(await pdftotext(join(course, 'output', 'weather-vs-climate.pdf'))).toContain('Weather vs. Climate');
  });

  it('shows every top-level field of a dataset in the example, each commented', async () => {
    const course = tmpDir('init-fields');
    expect((await handout(['init', course, '--format', 'yaml'])).code).toBe(0);
    const text = readFileSync(join(course, 'data', 'weather-vs-climate.yaml'), 'utf8');
    const dataset = parseYaml(text) as Record<string, unknown>;
    expect(Object.keys(dataset).sort()).toEqual(['attributes', 'conclusion', 'disclaimer', 'meta', 'questions', 'sections', 'slug', 'subjects', 'subtitle', 'summary', 'title', 'venn'].sort());
    for (const key of Object.keys(dataset)) expect(text, key).toMatch(new RegExp(`^${key}:.*#`, 'm'));
  });

  it('writes nothing when a file exists with other content, and names it; --force overwrites', async () => {
    const course = tmpDir('init-refuse');
    mkdirSync(join(course, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(course, '.github', 'workflows', 'handouts.yml'), 'name: mine\n');
    const refused = await handout(['init', course, '--ci', 'github']);
    expect(refused.code, show(refused)).toBe(1);
    expect(refused.stderr).toMatch(/handouts\.yml: error \[file-exists\]: exists with other content/);
    expect(refused.stderr).toMatch(/hint: .*--force/);
    expect(refused.stderr).not.toMatch(stackTraceLine);
    expect(existsSync(join(course, 'data'))).toBe(false);
    expect(existsSync(join(course, '.gitignore'))).toBe(false);

    const forced = await handout(['init', course, '--ci', 'github', '--force']);
    expect(forced.code, show(forced)).toBe(0);
    const workflow = parseYaml(readFileSync(join(course, '.github', 'workflows', 'handouts.yml'), 'utf8')) as { jobs: Record<string, { steps: { run?: string }[] }> };
    const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run).filter(Boolean));
    expect(runs).toContain('npm ci');
    expect(runs.some((run) => run!.startsWith('npx handout build'))).toBe(true);
  });

  it('adds output/ to an existing .gitignore once, and leaves existing datasets alone', async () => {
    const course = tmpDir('init-existing');
    writeFileSync(join(course, '.gitignore'), 'node_modules');
    mkdirSync(join(course, 'data'));
    writeFileSync(join(course, 'data', 'mine.yaml'), 'title: Mine\n');
    const first = await handout(['init', course]);
    expect(first.code, show(first)).toBe(0);
    expect(first.stdout).toMatch(/^skipped\s+.*data \(already holds 1 dataset; no example added\)$/m);
    expect(readdirSync(join(course, 'data'))).toEqual(['mine.yaml']);
    expect(readFileSync(join(course, '.gitignore'), 'utf8')).toBe('node_modules\noutput/\n');
    const again = await handout(['init', course]);
    expect(again.code, show(again)).toBe(0);
    expect(again.stdout).toMatch(/^unchanged\s+.*\.gitignore$/m);
    expect(readFileSync(join(course, '.gitignore'), 'utf8')).toBe('node_modules\noutput/\n');
  });

  it('--theme copies a theme to edit, and the build uses the edited colour', async () => {
    const course = tmpDir('init-theme');
    const init = await handout(['init', course, '--theme', 'my-school']);
    expect(init.code, show(init)).toBe(0);
    const themeFile = join(course, 'templates', 'my-school', 'theme.json');
    const theme = JSON.parse(readFileSync(themeFile, 'utf8')) as { extends: string; colors: Record<string, string> };
    expect(theme.extends).toBe('default');
    expect(existsSync(join(course, 'templates', 'my-school', 'partials', 'title-block.hbs'))).toBe(true);
    theme.colors.accent = '#7a1f5c';
    writeFileSync(themeFile, JSON.stringify(theme));
    expect(JSON.parse(readFileSync(themeFile, 'utf8')).$schema).toBe('../../node_modules/handout/schema/theme.schema.json');
    theme.colors.accent = '#7a1f5c';
    writeFileSync(themeFile, JSON.stringify(theme));
    const build = await handout(['build', '--theme', 'templates/my-school', '--format', 'html'], { cwd: course });
    expect(build.code, show(build)).toBe(0);
    expect(readFileSync(join(course, 'output', 'weather-vs-climate.html'), 'utf8')).toContain('#7a1f5c');

    // By its bare name too, as init's last line says: the course's templates/my-school/ comes before the built-in themes.
    expect(init.stdout).toContain('npx handout build --theme my-school');
    theme.colors.accent = '#5c1f7a';
    writeFileSync(themeFile, JSON.stringify(theme));
    // The theme's own style.css: empty but for a comment, its rules added after the default theme's.
    const styleFile = join(course, 'templates', 'my-school', 'style.css');
    expect(readFileSync(styleFile, 'utf8')).toMatch(/^\/\*[^]*node_modules\/handout\/templates\/default\/style\.css[^]*\*\/\n$/);
    writeFileSync(styleFile, `${readFileSync(styleFile, 'utf8')}h1 { letter-spacing: 0.031em; }\n`);
    const byName = await handout(['build', '--theme', 'my-school', '--format', 'html'], { cwd: course });
    expect(byName.code, show(byName)).toBe(0);
    const html = readFileSync(join(course, 'output', 'weather-vs-climate.html'), 'utf8');
    expect(html).toContain('#5c1f7a');
    expect(html).toContain('letter-spacing: 0.031em');

    // A misspelt name is an error about the option, with the course's own theme among the suggestions.
    const misspelt = await handout(['build', '--theme', 'my-shcool', '--format', 'html'], { cwd: course });
    expect(misspelt.code).toBe(1);
    expect(misspelt.stderr).toMatch(/error \[theme\] at --theme: no theme `my-shcool`/);
    expect(misspelt.stderr).toMatch(/did you mean `my-school`\?/);
    expect(misspelt.stderr).not.toMatch(/node_modules|templates\/my-shcool/);
    expect(misspelt.stderr).toMatch(/^nothing built: the error above stopped the build before any dataset$/m);
  });

  it('refuses a theme name that is not a folder name, and an unknown base theme', async () => {
    const course = tmpDir('init-bad-theme');
    const badName = await handout(['init', course, '--theme', '../escape']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toMatch(/error \[invalid-option\] at --theme: "\.\.\/escape" is not a theme name/);
    const badBase = await handout(['init', course, '--theme', 'mine', '--from', 'defualt']);
    expect(badBase.code).toBe(1);
    expect(badBase.stderr).toMatch(/error \[unknown-theme\] at --from: no built-in theme "defualt"/);
    expect(readdirSync(course)).toEqual([]);
  });
});
