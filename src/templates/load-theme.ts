import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { FontFace, Theme, ThemeTokens } from './theme.js';

export const templatesDirectory = fileURLToPath(new URL('../../templates/', import.meta.url));
const require = createRequire(import.meta.url);
const faces: FontFace[] = ['regular', 'bold', 'italic', 'boldItalic'];

/** `default` → `templates/default`; anything with a slash or dot is a folder path. */
export function themeDirectory(nameOrPath: string): string {
  return /[\\/.]/.test(nameOrPath) ? path.resolve(nameOrPath) : path.join(templatesDirectory, nameOrPath);
}

export async function loadTheme(nameOrPath: string): Promise<{ theme?: Theme; diagnostics: Diagnostic[] }> {
  const directory = themeDirectory(nameOrPath);
  const fail = (message: string, hint: string, file = directory): { diagnostics: Diagnostic[] } => ({
    diagnostics: [{ severity: 'error', code: 'theme', message, file, hint }],
  });
  if (!(await isDirectory(directory))) {
    const known = await listThemes();
    return fail(`no theme \`${nameOrPath}\``, `themes are ${known.map((t) => `\`${t}\``).join(', ')}, or give a folder path`);
  }
  const tokensFile = path.join(directory, 'theme.json');
  let tokens: ThemeTokens;
  try {
    tokens = JSON.parse(await readFile(tokensFile, 'utf8')) as ThemeTokens;
  } catch (error) {
    return fail(`cannot read theme tokens: ${(error as Error).message}`, 'every theme folder has a valid theme.json', tokensFile);
  }
  if (!tokens.fonts?.body || !tokens.styles || !tokens.page?.margin) {
    return fail('theme.json needs `fonts.body`, `page.margin` and `styles`', 'start from templates/default/theme.json', tokensFile);
  }
  const fontFiles: Theme['fontFiles'] = {};
  for (const [family, files] of Object.entries(tokens.fonts)) {
    fontFiles[family] = {} as Record<FontFace, string>;
    for (const face of faces) {
      const resolved = resolveFontFile(files[face], directory);
      if (!resolved) return fail(`font file for ${family}.${face} not found: ${files[face]}`, 'use a path relative to the theme folder or an installed npm package path', tokensFile);
      fontFiles[family]![face] = resolved;
    }
  }
  let main: string;
  try {
    main = await readFile(path.join(directory, 'handout.hbs'), 'utf8');
  } catch {
    return fail('the theme has no handout.hbs', 'copy templates/default/handout.hbs into the theme folder');
  }
  const partials: Record<string, string> = {};
  const partialsDirectory = path.join(directory, 'partials');
  if (await isDirectory(partialsDirectory)) {
    for (const file of (await readdir(partialsDirectory)).sort()) {
      if (file.endsWith('.hbs')) partials[file.slice(0, -4)] = await readFile(path.join(partialsDirectory, file), 'utf8');
    }
  }
  const css = await readFile(path.join(directory, 'style.css'), 'utf8').catch(() => '');
  return { theme: { name: tokens.name ?? path.basename(directory), directory, tokens, fontFiles, css, templates: { main, partials } }, diagnostics: [] };
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
