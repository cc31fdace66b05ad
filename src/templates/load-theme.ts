import { existsSync } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { suggest } from '../load/wording.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { packagePath } from '../shared/package-root.js';
import type { FontFace, TemplateFiles, Theme, ThemeTokens } from './theme.js';
import type { ThemeFile } from './theme-schema.js';
import { diagnosticsFor, isColorLiteral, validateThemeFile, type ThemeFileSource } from './validate-theme.js';

export const templatesDirectory = packagePath('templates');
const require = createRequire(import.meta.url);
const faces: FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

const isBareName = (nameOrPath: string) => !/[\\/.]/.test(nameOrPath);

/**
 * The folder of the theme a user names: anything with a slash or dot is a folder path; a bare name is
 * the course's own `templates/<name>/` when that folder has a theme.json (what `handout init --theme`
 * makes), else the built-in theme of that name.
 */
export function themeDirectory(nameOrPath: string): string {
  if (!isBareName(nameOrPath)) return path.resolve(nameOrPath);
  const own = path.resolve('templates', nameOrPath);
  return existsSync(path.join(own, 'theme.json')) ? own : path.join(templatesDirectory, nameOrPath);
}

export async function loadTheme(nameOrPath: string): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  return loadThemeLevel(nameOrPath, templatesDirectory, []);
}

/**
 * One theme folder, on top of the theme it `extends` (if any): tokens merge rule by rule, its partials
 * replace the parent's of the same name, its style.css follows the parent's. So `large-print` is a
 * theme.json of a few lines, not a copy of every template.
 */
async function loadThemeLevel(nameOrPath: string, relativeTo: string, chain: string[], extendsAt: Partial<Diagnostic> = {}): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  // `extends` names a built-in theme or a folder relative to the theme; the command line also finds the course's own templates/<name>/.
  const fromCommandLine = relativeTo === templatesDirectory;
  const directory = fromCommandLine ? themeDirectory(nameOrPath) : isBareName(nameOrPath) ? path.join(templatesDirectory, nameOrPath) : path.resolve(relativeTo, nameOrPath);
  const fail = (message: string, hint: string, file = directory): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ severity: 'error', code: 'theme', message, file, hint }],
  });
  if (!(await isDirectory(directory))) {
    const known = [...(await listThemes()), ...(fromCommandLine ? await courseThemes() : [])];
    const close = suggest(nameOrPath, known);
    const listed = `themes are ${[...new Set(known)].map((t) => `\`${t}\``).join(', ')}, or give a folder path`;
    // A bare name from the command line is no file of the user's: the message names the option instead of a folder inside the package.
    const where: Partial<Diagnostic> = extendsAt.file ? {} : fromCommandLine && isBareName(nameOrPath) ? { path: '--theme' } : { file: directory };
    return { diagnostics: [{ ...extendsAt, ...where, severity: 'error', code: 'theme', message: `no theme \`${nameOrPath}\``, hint: close && isBareName(nameOrPath) ? `did you mean \`${close}\`? (${listed})` : listed }] };
  }
  if (chain.includes(directory) || chain.length > 5) return fail('themes extend each other in a loop', 'check the `extends` fields of the theme.json files', extendsAt.file ?? directory);
  const tokensFile = path.join(directory, 'theme.json');
  let text: string;
  try {
    text = await readFile(tokensFile, 'utf8');
  } catch (error) {
    return fail(`cannot read theme tokens: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the theme folder has no theme.json' : (error as Error).message}`, 'every theme folder has a theme.json; start from templates/default/theme.json', tokensFile);
  }
  const checked = validateThemeFile(text, tokensFile);
  if (!checked.source) {
    // Every problem in one run: a theme `extends` names that cannot be loaded is reported too.
    if (!checked.extends) return { diagnostics: checked.diagnostics };
    const position = checked.extends.locate(['extends']);
    const parent = await loadThemeLevel(checked.extends.name, directory, [...chain, directory], { file: tokensFile, path: 'extends', ...(position ? { position } : {}) });
    const order = (d: Diagnostic) => (d.file === tokensFile ? 0 : 1e12) + (d.position?.line ?? 0) * 1e6 + (d.position?.column ?? 0);
    return { diagnostics: [...checked.diagnostics, ...parent.diagnostics].sort((a, b) => order(a) - order(b)) };
  }
  const own = checked.source.data;
  let parent: Theme | undefined;
  if (own.extends) {
    const position = checked.source.locate(['extends']);
    const loaded = await loadThemeLevel(own.extends, directory, [...chain, directory], { file: tokensFile, path: 'extends', ...(position ? { position } : {}) });
    if (!loaded.theme) return loaded;
    parent = loaded.theme;
  }
  const tokens = mergeTokens(parent?.tokens, own);
  const references = checkReferences(checked.source, tokens, parent?.tokens);
  if (references.length > 0) return { diagnostics: references };
  if (!tokens.fonts?.body || !tokens.styles || !tokens.page?.margin) {
    return fail('theme.json needs `fonts.body`, `page.margin` and `styles` (or `extends` a theme that has them)', 'start from templates/default/theme.json', tokensFile);
  }
  const fontFiles: Theme['fontFiles'] = { ...(parent?.fontFiles ?? {}) };
  for (const [family, files] of Object.entries(own.fonts ?? {})) {
    fontFiles[family] = { ...(parent?.fontFiles[family] ?? {}) } as Record<FontFace, string>;
    for (const face of faces) {
      const spec = files[face];
      if (!spec) continue;
      const resolved = resolveFontFile(spec, directory);
      if (!resolved) {
        const at = checked.source.locate(['fonts', family, face]);
        return { diagnostics: [{ severity: 'error', code: 'theme-font-not-found', message: `font file for ${family}.${face} not found: ${spec}`, file: tokensFile, path: `fonts.${family}.${face}`, ...(at ? { position: at } : {}), hint: 'use a path relative to the theme folder or an installed npm package path' }] };
      }
      fontFiles[family]![face] = resolved;
    }
    const missing = faces.filter((face) => !fontFiles[family]![face]);
      if (missing.length > 0) return fail(`font family \`${family}\` has no ${missing.join(', ')} face`, 'give all four faces: regular, bold, italic, boldItalic', tokensFile);
  }
  // Each template with the file it came from (this theme's or a parent's), so errors can name it.
  const inherited = parent?.templateFiles;
  const templateFiles: TemplateFiles = { main: inherited?.main ?? '', ...(inherited?.pack ? { pack: inherited.pack } : {}), partials: { ...(inherited?.partials ?? {}) } };
  const ownFile = async (file: string) => readFile(file, 'utf8').then((text) => text, () => undefined);
  const ownMain = await ownFile(path.join(directory, 'handout.hbs'));
  const main = ownMain ?? parent?.templates.main;
  if (main === undefined) return fail('the theme has no handout.hbs', 'copy templates/default/handout.hbs into the theme folder, or `extends` a theme');
  if (ownMain !== undefined) templateFiles.main = path.join(directory, 'handout.hbs');
  const ownPack = await ownFile(path.join(directory, 'pack.hbs'));
  const pack = ownPack ?? parent?.templates.pack;
  if (ownPack !== undefined) templateFiles.pack = path.join(directory, 'pack.hbs');
  const partials: Record<string, string> = { ...(parent?.templates.partials ?? {}) };
  const partialsDirectory = path.join(directory, 'partials');
  if (await isDirectory(partialsDirectory)) {
    for (const file of (await readdir(partialsDirectory)).sort()) {
      if (!file.endsWith('.hbs')) continue;
      partials[file.slice(0, -4)] = await readFile(path.join(partialsDirectory, file), 'utf8');
      templateFiles.partials[file.slice(0, -4)] = path.join(partialsDirectory, file);
    }
  }
  const css = [parent?.css ?? '', await readFile(path.join(directory, 'style.css'), 'utf8').catch(() => '')].filter(Boolean).join('\n');
  return {
    theme: {
      name: own.name ?? path.basename(directory),
      directory,
      sourceDirectories: [...(parent?.sourceDirectories ?? []), directory],
      tokens,
      fontFiles,
      css,
      templates: { main, ...(pack !== undefined ? { pack } : {}), partials },
      templateFiles,
    },
    diagnostics: [],
  };
}

/**
 * What the schema cannot see alone, because it needs the themes merged: a style's colour or font must
 * name one that exists, and a colour a child theme adds that is one letter off a parent's colour
 * (`acent`) is that colour misspelt, not a new one (it would change nothing).
 */
function checkReferences(source: ThemeFileSource, tokens: ThemeTokens, parent: ThemeTokens | undefined): Diagnostic[] {
  const report = diagnosticsFor(source.file, source.locate);
  const colors = Object.keys(tokens.colors);
  const fonts = Object.keys(tokens.fonts);
  if (parent) {
    const inherited = Object.keys(parent.colors);
    for (const name of Object.keys(source.data.colors ?? {})) {
      const close = inherited.includes(name) ? undefined : suggest(name, inherited);
      if (close) report.add(['colors', name], 'theme-unknown-key', `unknown colour \`${name}\``, { hint: `did you mean \`${close}\`? (a new colour name is only useful once a style uses it)` }, true);
    }
  }
  const color = (value: string | undefined, at: (string | number)[]) => {
    if (value === undefined || Object.hasOwn(tokens.colors, value) || isColorLiteral(value)) return;
    const close = suggest(value, colors);
    report.add(at, 'theme-unknown-colour', `\`${value}\` is neither a colour of \`colors\` nor a CSS colour`, {
      expected: `one of ${colors.map((c) => `\`${c}\``).join(', ')}, #rgb, #rrggbb or a CSS colour name`,
      hint: close ? `did you mean \`${close}\`?` : 'add it to `colors`, or write a hex colour such as #1b5e8a',
    });
  };
  for (const [selector, style] of Object.entries(source.data.styles ?? {})) {
    if (style.font !== undefined && !Object.hasOwn(tokens.fonts, style.font)) {
      const close = suggest(style.font, fonts);
      report.add(['styles', selector, 'font'], 'theme-unknown-font', `no font family \`${style.font}\` in \`fonts\``, { expected: `one of ${fonts.map((f) => `\`${f}\``).join(', ')}`, hint: close ? `did you mean \`${close}\`?` : 'add the family to `fonts`, or use one of those' });
    }
    color(style.color, ['styles', selector, 'color']);
    color(style.background, ['styles', selector, 'background']);
    for (const side of ['borderTop', 'borderBottom', 'borderLeft'] as const) color(style[side]?.color, ['styles', selector, side, 'color']);
  }
  return report.diagnostics;
}

function mergeTokens(parent: ThemeTokens | undefined, own: ThemeFile): ThemeTokens {
  const styles: ThemeTokens['styles'] = { ...(parent?.styles ?? {}) };
  for (const [selector, rule] of Object.entries(own.styles ?? {})) styles[selector] = { ...(styles[selector] ?? {}), ...rule };
  return {
    name: own.name ?? parent?.name ?? 'theme',
    numberSections: own.numberSections ?? parent?.numberSections ?? false,
    vennTint: own.vennTint ?? parent?.vennTint ?? 0.08,
    page: { ...(parent?.page ?? {}), ...(own.page ?? {}), margin: { ...(parent?.page.margin ?? {}), ...(own.page?.margin ?? {}) } } as ThemeTokens['page'],
    fonts: { ...(parent?.fonts ?? {}), ...(own.fonts ?? {}) } as ThemeTokens['fonts'],
    colors: { ...(parent?.colors ?? {}), ...(own.colors ?? {}) },
    styles,
  };
}

/** Theme folders of the course in the working directory (`templates/<name>/theme.json`). */
async function courseThemes(): Promise<string[]> {
  const folder = path.resolve('templates');
  if (folder === templatesDirectory) return [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory() && existsSync(path.join(folder, entry.name, 'theme.json'))).map((entry) => entry.name);
}

export async function listThemes(): Promise<string[]> {
  const entries = await readdir(templatesDirectory, { withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

function resolveFontFile(spec: string | undefined, themeDir: string): string | undefined {
  if (!spec) return undefined;
  const local = path.resolve(themeDir, spec);
  try {
    require.resolve(local);
    return local;
  } catch {
    try {
      return require.resolve(spec);
    } catch {
      return undefined;
    }
  }
}

async function isDirectory(directory: string): Promise<boolean> {
  return stat(directory).then((info) => info.isDirectory(), () => false);
}
