import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic } from '../shared/diagnostic.js';
import { packagePath } from '../shared/package-root.js';
import type { FontFace, Theme, ThemeTokens } from './theme.js';

export const templatesDirectory = packagePath('templates');
const require = createRequire(import.meta.url);
const faces: FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** `default` → `templates/default`; anything with a slash or dot is a folder path. */
export function themeDirectory(nameOrPath: string): string {
  return /[\\/.]/.test(nameOrPath) ? path.resolve(nameOrPath) : path.join(templatesDirectory, nameOrPath);
}

export async function loadTheme(nameOrPath: string): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  return loadThemeLevel(nameOrPath, templatesDirectory, []);
}

type ThemeFile = Partial<ThemeTokens> & { extends?: string };

/**
 * One theme folder, on top of the theme it `extends` (if any): tokens merge rule by rule, its partials
 * replace the parent's of the same name, its style.css follows the parent's. So `large-print` is a
 * theme.json of a few lines, not a copy of every template.
 */
async function loadThemeLevel(nameOrPath: string, relativeTo: string, chain: string[]): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  const directory = /[\\/.]/.test(nameOrPath) ? path.resolve(relativeTo === templatesDirectory ? process.cwd() : relativeTo, nameOrPath) : path.join(templatesDirectory, nameOrPath);
  const fail = (message: string, hint: string, file = directory): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ severity: 'error', code: 'theme', message, file, hint }],
  });
  if (!(await isDirectory(directory))) {
    const known = await listThemes();
    return fail(`no theme \`${nameOrPath}\``, `themes are ${known.map((t) => `\`${t}\``).join(', ')}, or give a folder path`);
  }
  if (chain.includes(directory) || chain.length > 5) return fail('themes extend each other in a loop', 'check the `extends` fields of the theme.json files');
  const tokensFile = path.join(directory, 'theme.json');
  let own: ThemeFile;
  try {
    own = JSON.parse(await readFile(tokensFile, 'utf8')) as ThemeFile;
  } catch (error) {
    return fail(`cannot read theme tokens: ${(error as Error).message}`, 'every theme folder has a valid theme.json', tokensFile);
  }
  let parent: Theme | undefined;
  if (own.extends) {
    const loaded = await loadThemeLevel(own.extends, directory, [...chain, directory]);
    if (!loaded.theme) return loaded;
    parent = loaded.theme;
  }
  const tokens = mergeTokens(parent?.tokens, own);
  if (!tokens.fonts?.body || !tokens.styles || !tokens.page?.margin) {
    return fail('theme.json needs `fonts.body`, `page.margin` and `styles` (or `extends` a theme that has them)', 'start from templates/default/theme.json', tokensFile);
  }
  const fontFiles: Theme['fontFiles'] = { ...(parent?.fontFiles ?? {}) };
  for (const [family, files] of Object.entries(own.fonts ?? {})) {
    fontFiles[family] = { ...(parent?.fontFiles[family] ?? {}) } as Record<FontFace, string>;
    for (const face of faces) {
      if (!files[face]) continue;
      const resolved = resolveFontFile(files[face], directory);
      if (!resolved) return fail(`font file for ${family}.${face} not found: ${files[face]}`, 'use a path relative to the theme folder or an installed npm package path', tokensFile);
      fontFiles[family]![face] = resolved;
    }
    const missing = faces.filter((face) => !fontFiles[family]![face]);
    if (missing.length > 0) return fail(`font family \`${family}\` has no ${missing.join(', ')} face`, 'give all four faces: regular, bold, italic, boldItalic', tokensFile);
  }
  const main = await readFile(path.join(directory, 'handout.hbs'), 'utf8').catch(() => parent?.templates.main);
  if (main === undefined) return fail('the theme has no handout.hbs', 'copy templates/default/handout.hbs into the theme folder, or `extends` a theme');
  const pack = await readFile(path.join(directory, 'pack.hbs'), 'utf8').catch(() => parent?.templates.pack);
  const partials: Record<string, string> = { ...(parent?.templates.partials ?? {}) };
  const partialsDirectory = path.join(directory, 'partials');
  if (await isDirectory(partialsDirectory)) {
    for (const file of (await readdir(partialsDirectory)).sort()) {
      if (file.endsWith('.hbs')) partials[file.slice(0, -4)] = await readFile(path.join(partialsDirectory, file), 'utf8');
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
    },
    diagnostics: [],
  };
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
