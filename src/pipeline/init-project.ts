import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { suggest } from '../load/wording.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { packagePath } from '../shared/package-root.js';
import { templatesDirectory } from '../templates/load-theme.js';
import { findDatasets } from './find-datasets.js';

export interface InitOptions {
  /** The course folder to set up (created if missing). */
  folder: string;
  /** Also write a CI workflow. */
  ci?: 'github';
  /** Also copy a built-in theme into `templates/<name>/`, extending it, to edit. */
  theme?: string;
  /** The built-in theme the copy starts from (default: `default`). */
  themeFrom?: string;
  /** Overwrite files that exist with other content. */
  force?: boolean;
  /** The example dataset as Markdown (default) or YAML. */
  format?: 'md' | 'yaml';
}

export type FileAction = 'created' | 'overwritten' | 'updated' | 'unchanged' | 'skipped';

export interface InitResult {
  files: { file: string; action: FileAction; note?: string }[];
  diagnostics: Diagnostic[];
}

/** A file init wants: its path inside the folder and its content (or a line to have in it). */
type Planned = { relative: string; content: Buffer; appendLine?: false; note?: string } | { relative: string; appendLine: string };

const exampleName = 'weather-vs-climate';
const themeNamePattern = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Lays out a course folder: an example dataset that builds, a .gitignore line for output/, and on
 * request a CI workflow and a theme to edit. Nothing existing is overwritten unless `force`; when
 * anything would be, nothing at all is written and every such file is named.
 */
export async function initProject(options: InitOptions): Promise<InitResult> {
  const folder = path.resolve(options.folder);
  const diagnostics: Diagnostic[] = [];
  const planned: Planned[] = [];
  const notes: InitResult['files'] = [];

  const datasets = await existingDatasets(path.join(folder, 'data'));
  if (datasets > 0) notes.push({ file: path.join(folder, 'data'), action: 'skipped', note: `already holds ${datasets} ${datasets === 1 ? 'dataset' : 'datasets'}; no example added` });
  else {
    const format = options.format ?? 'md';
    planned.push({ relative: path.join('data', `${exampleName}.${format}`), content: await readFile(packagePath('starter', `example.${format}`)) });
  }
  // Built handouts and installed packages stay out of the course's repository.
  planned.push({ relative: '.gitignore', appendLine: 'output/' }, { relative: '.gitignore', appendLine: 'node_modules/' });
  if (options.ci === 'github') planned.push({ relative: path.join('.github', 'workflows', 'handouts.yml'), content: await readFile(packagePath('starter', 'github-workflow.yml')) });
  if (options.theme !== undefined) {
    const theme = await planTheme(options.theme, options.themeFrom ?? 'default');
    if ('diagnostic' in theme) diagnostics.push(theme.diagnostic);
    else planned.push(...theme.files);
  }
  if (diagnostics.length > 0) return { files: [], diagnostics };

  const conflicts: string[] = [];
  const actions: { planned: Planned; action: FileAction }[] = [];
  for (const item of planned) {
    const target = path.join(folder, item.relative);
    const current = await readFile(target).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error)));
    if (item.appendLine !== undefined && item.appendLine !== false) {
      const lines = current?.toString('utf8').split(/\r?\n/).map((line) => line.trim()) ?? [];
      // `output/`, `/output/`, `output` and `/output` all ignore the folder already.
      const bare = item.appendLine.replace(/\/$/, '');
      const ignored = [bare, `${bare}/`, `/${bare}`, `/${bare}/`].some((form) => lines.includes(form));
      actions.push({ planned: item, action: current === undefined ? 'created' : ignored ? 'unchanged' : 'updated' });
    } else if (current === undefined) actions.push({ planned: item, action: 'created' });
    else if (current.equals(item.content)) actions.push({ planned: item, action: 'unchanged' });
    else if (options.force) actions.push({ planned: item, action: 'overwritten' });
    else conflicts.push(target);
  }
  if (conflicts.length > 0) {
    return {
      files: [],
      diagnostics: conflicts.map((file) => ({
        severity: 'error',
        code: 'file-exists',
        message: 'exists with other content; init writes nothing rather than overwrite it',
        file,
        hint: 'move or rename the file, or run `handout init --force` to overwrite it',
      })),
    };
  }

  for (const { planned: item, action } of actions) {
    const target = path.join(folder, item.relative);
    if (action === 'unchanged') continue;
    await mkdir(path.dirname(target), { recursive: true });
    if (item.appendLine !== undefined && item.appendLine !== false) {
      const current = await readFile(target, 'utf8').catch(() => '');
      await writeFile(target, `${current}${current === '' || current.endsWith('\n') ? '' : '\n'}${item.appendLine}\n`);
    } else await writeFile(target, item.content);
  }
  // One entry a file: .gitignore gets two lines but is reported once, with its strongest action.
  const byFile = new Map<string, FileAction>();
  for (const { planned: item, action } of actions) {
    const file = path.join(folder, item.relative);
    const before = byFile.get(file);
    byFile.set(file, before === undefined || before === 'unchanged' ? action : before);
  }
  return { files: [...notes, ...[...byFile].map(([file, action]) => ({ file, action }))], diagnostics };
}

async function existingDatasets(dataFolder: string): Promise<number> {
  const info = await stat(dataFolder).catch(() => undefined);
  if (!info?.isDirectory()) return 0;
  return (await findDatasets([dataFolder])).files.length;
}

/**
 * A theme to edit: `theme.json` extending the built-in theme with its colours and styles written out
 * (so each can be changed in place), copies of its templates and partials, and a style.css of its own.
 */
async function planTheme(name: string, from: string): Promise<{ files: Planned[] } | { diagnostic: Diagnostic }> {
  if (!themeNamePattern.test(name)) {
    return { diagnostic: { severity: 'error', code: 'invalid-option', message: `"${name}" is not a theme name`, path: '--theme', expected: 'lowercase letters, digits and hyphens', hint: 'e.g. `handout init --theme my-school`' } };
  }
  const source = path.join(templatesDirectory, from);
  const available = (await readdir(templatesDirectory, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  if (!available.includes(from)) {
    const close = suggest(from, available);
    return { diagnostic: { severity: 'error', code: 'unknown-theme', message: `no built-in theme "${from}"`, path: '--from', expected: available.join(', '), hint: close ? `did you mean "${close}"?` : 'name one of the built-in themes' } };
  }
  const tokens = JSON.parse(await readFile(path.join(source, 'theme.json'), 'utf8')) as Record<string, unknown>;
  // The schema path as the theme sits in a course: templates/<name>/theme.json, handout in node_modules.
  const theme = { $schema: '../../node_modules/handout/schema/theme.schema.json', extends: from, name, colors: tokens.colors ?? {}, styles: tokens.styles ?? {} };
  const files: Planned[] = [{ relative: path.join('templates', name, 'theme.json'), content: Buffer.from(`${JSON.stringify(theme, null, 2)}\n`) }];
  for (const relative of await templateFiles(source)) {
    files.push({ relative: path.join('templates', name, relative), content: await readFile(path.join(source, relative)) });
  }
  // A theme's style.css follows its parent's rather than replacing it: a copy would say every rule
  // twice. This one starts empty, saying where the rules it adds to are.
  const styleComment = `/* Style rules for the HTML handout only (the PDF takes its look from theme.json), added after
   those of the \`${from}\` theme: node_modules/handout/templates/${from}/style.css. Write here what a
   browser needs that theme.json cannot say; a rule here wins over the same rule there. */\n`;
  files.push({ relative: path.join('templates', name, 'style.css'), content: Buffer.from(styleComment) });
  return { files };
}

/** The .hbs files of a theme folder (its partials included), relative to it. */
async function templateFiles(directory: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(directory, prefix), { withFileTypes: true }).catch(() => [])) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await templateFiles(directory, relative)));
    else if (entry.name.endsWith('.hbs')) out.push(relative);
  }
  return out.sort();
}

