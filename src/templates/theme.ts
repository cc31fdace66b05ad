/**
 * A theme: a folder under `templates/` with `theme.json` (design tokens), `handout.hbs`, `partials/`
 * and `style.css` (screen/print rules only a browser needs). Both writers read the same tokens.
 */
export type FontFace = 'regular' | 'bold' | 'italic' | 'boldItalic';

export interface FontFamilyTokens {
  /** CSS font-family list for the HTML handout. */
  css: string;
  /** Font files: a path relative to the theme folder, or a package path resolved from node_modules. */
  regular: string;
  bold: string;
  italic: string;
  boldItalic: string;
}

/** One style rule; inheritable properties (font … align) pass from a block to what it contains. Defined by the schema. */
export type { BorderToken, StyleTokens } from './theme-schema.js';
import type { StyleTokens } from './theme-schema.js';

export interface ThemeTokens {
  name: string;
  numberSections: boolean;
  /** Opacity of the subject-coloured tint inside Venn circles (0: outlines only, for less ink). */
  vennTint?: number;
  page: { margin: { top: number; right: number; bottom: number; left: number } };
  fonts: Record<string, FontFamilyTokens> & { body: FontFamilyTokens };
  colors: Record<string, string>;
  /** Rules keyed by a simple selector: `tag`, `.class`, `tag.class`, or two of those separated by a space (descendant). */
  styles: Record<string, StyleTokens>;
}

export interface Theme {
  name: string;
  directory: string;
  /** This theme's folder and those of the themes it extends, parents first. */
  sourceDirectories: string[];
  tokens: ThemeTokens;
  /** Absolute font file paths per family and face. */
  fontFiles: Record<string, Record<FontFace, string>>;
  /** Extra CSS for the HTML handout (responsive, dark screen, print rules). */
  css: string;
  /** `main`: handout.hbs; `pack`: pack.hbs, the cover and contents of a class pack. */
  templates: { main: string; pack?: string; partials: Record<string, string> };
  /** The file each template was read from, for error messages (absent for a theme built in memory). */
  templateFiles?: TemplateFiles;
}

export interface TemplateFiles {
  main: string;
  pack?: string;
  partials: Record<string, string>;
}

/** A colour token name (`accent`) or a literal colour (`#1b5e8a`). */
export function resolveColor(tokens: ThemeTokens, value: string): string {
  return tokens.colors[value] ?? value;
}
