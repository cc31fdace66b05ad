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

export interface BorderToken {
  width: number;
  color: string;
}

/** One style rule; inheritable properties (font … align) pass from a block to what it contains. */
export interface StyleTokens {
  font?: string;
  weight?: 'normal' | 'bold';
  style?: 'normal' | 'italic';
  size?: number;
  lineHeight?: number;
  color?: string;
  align?: 'left' | 'center' | 'right' | 'justify';
  background?: string;
  spaceBefore?: number;
  spaceAfter?: number;
  padding?: number;
  paddingTop?: number;
  paddingBottom?: number;
  borderTop?: BorderToken;
  borderBottom?: BorderToken;
  borderLeft?: BorderToken;
  /** Tables: the widest share of the width the first (attribute) column may take. */
  maxFirstColumn?: number;
  /** Tables: the narrowest share of the width any column may take. */
  minColumn?: number;
  /** Text blocks and sections: the longest line, in ems of the element's size (CSS `max-width`); not inherited. */
  measure?: number;
  /** Trailing matter (disclaimer, sources…): kept off a last page of its own (CSS `break-before: avoid`). */
  keepWithPrevious?: boolean;
}

export interface ThemeTokens {
  name: string;
  numberSections: boolean;
  /** Opacity of the subject-coloured tint inside Venn circles (0: outlines only, for less ink). */
  vennTint?: number;
  page: { size: string; margin: { top: number; right: number; bottom: number; left: number } };
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
}

/** A colour token name (`accent`) or a literal colour (`#1b5e8a`). */
export function resolveColor(tokens: ThemeTokens, value: string): string {
  return tokens.colors[value] ?? value;
}
