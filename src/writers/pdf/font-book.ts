import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontFace, Theme } from '../../templates/theme.js';

/** A font the layout can measure with and the PDF writer embeds: family + face. */
export interface FontRef {
  family: string;
  face: FontFace;
}

export function fontKey(ref: FontRef): string {
  return `${ref.family}-${ref.face}`;
}

export function faceOf(bold: boolean, italic: boolean): FontFace {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

interface LoadedFont {
  file: string;
  bytes: Buffer;
  font: fontkit.Font;
  /** Word widths at size 1, cached: handouts repeat the same words many times. */
  widths: Map<string, number>;
}

// Fonts are parsed once per process (or worker) and shared by every handout built there.
const loadedFonts = new Map<string, LoadedFont>();

function loadFont(file: string): LoadedFont {
  let loaded = loadedFonts.get(file);
  if (!loaded) {
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes) as fontkit.Font;
    loaded = { file, bytes, font, widths: new Map() };
    loadedFonts.set(file, loaded);
  }
  return loaded;
}

/**
 * Forget the glyph objects fontkit cached while a PDF was written. fontkit keeps one Glyph per glyph
 * id with the code points it was first made for; subsetting a composite glyph ("ë") makes its parts
 * ("e") with none. Handed to the next document, such a glyph gets no ToUnicode entry and its text no
 * longer extracts. Parsed tables stay cached: only the cheap Glyph objects are made again.
 */
export function forgetCachedGlyphs(): void {
  for (const loaded of loadedFonts.values()) (loaded.font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
}

/**
 * Measures text and answers glyph coverage for the theme's fonts. The same font files are embedded by
 * the PDF writer, so what is measured here is what is drawn. A face is read and parsed the first time
 * it is needed: most handouts never touch the fallback font's italics.
 */
export class FontBook {
  private readonly files = new Map<string, string>();
  readonly families: string[];

  constructor(theme: Theme) {
    for (const [family, faces] of Object.entries(theme.fontFiles)) {
      for (const [face, file] of Object.entries(faces)) this.files.set(`${family}-${face}`, file);
    }
    this.families = Object.keys(theme.fontFiles);
  }

  private get(ref: FontRef): LoadedFont {
    const file = this.files.get(fontKey(ref)) ?? this.files.get(fontKey({ family: 'body', face: ref.face }));
    if (!file) throw new Error(`font ${fontKey(ref)} is not part of the theme`);
    return loadFont(file);
  }

  file(ref: FontRef): string {
    return this.get(ref).file;
  }

  /** The parsed font, handed to pdfkit as is: parsing a font per document would dominate build time. */
  parsed(ref: FontRef): fontkit.Font {
    return this.get(ref).font;
  }

  /** Width in points of `text` set in `ref` at `size`, kerning included (as pdfkit draws it). */
  width(text: string, ref: FontRef, size: number): number {
    const loaded = this.get(ref);
    let unit = loaded.widths.get(text);
    if (unit === undefined) {
      unit = loaded.font.layout(text).advanceWidth / loaded.font.unitsPerEm;
      if (loaded.widths.size < 200_000) loaded.widths.set(text, unit);
    }
    return unit * size;
  }

  /** Ascent and descent (descent negative) in points, as pdfkit positions text. */
  metrics(ref: FontRef, size: number): { ascent: number; descent: number } {
    const font = this.get(ref).font;
    return { ascent: (font.ascent / font.unitsPerEm) * size, descent: (font.descent / font.unitsPerEm) * size };
  }

  covers(ref: FontRef, codePoint: number): boolean {
    return this.get(ref).font.hasGlyphForCodePoint(codePoint);
  }
}
