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
  /** pdfkit's shaped words for this font, shared by every document drawn in this process. */
  layoutCache: Record<string, unknown>;
  /** Which code points the font has a glyph for: asked for every character of every handout. */
  coverage: Map<number, boolean>;
}

/** Past this many shaped words a font's shared layout cache starts again (bounded memory in long watch sessions). */
const maxSharedLayouts = 100_000;

// Fonts are parsed once per process (or worker) and shared by every handout built there.
const loadedFonts = new Map<string, LoadedFont>();

function loadFont(file: string): LoadedFont {
  let loaded = loadedFonts.get(file);
  if (!loaded) {
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes) as fontkit.Font;
    loaded = { file, bytes, font, widths: new Map(), layoutCache: Object.create(null) as Record<string, unknown>, coverage: new Map() };
    loadedFonts.set(file, loaded);
  }
  return loaded;
}

/**
 * Forget the glyph objects fontkit made without code points while a PDF was written. fontkit keeps one
 * Glyph per glyph id with the code points it was first made for; subsetting a composite glyph ("ë")
 * makes its parts ("e") with none. Handed to the next document, such a glyph gets no ToUnicode entry
 * and its text no longer extracts. Glyphs made from text keep their code points and stay cached, with
 * the parsed tables: decoding them again for every handout was a tenth of a batch build.
 */
export function forgetCachedGlyphs(): void {
  for (const loaded of loadedFonts.values()) {
    const glyphs = (loaded.font as unknown as { _glyphs: Record<number, { codePoints?: number[] } | undefined> })._glyphs;
    for (const id in glyphs) if (!glyphs[id]?.codePoints?.length) delete glyphs[id];
    let words = 0;
    for (const _ in loaded.layoutCache) if (++words > maxSharedLayouts) break;
    if (words > maxSharedLayouts) loaded.layoutCache = Object.create(null) as Record<string, unknown>;
  }
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

  /**
   * pdfkit shapes each word it draws and caches the result per document; this cache, shared by all
   * documents of the process, makes a word shaped once for the whole batch. (Shaped runs are not
   * changed by pdfkit once made, and depend only on the font.)
   */
  sharedLayoutCache(ref: FontRef): Record<string, unknown> {
    return this.get(ref).layoutCache;
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
    return this.coverage(ref)(codePoint);
  }

  /** `covers` for one font, to ask about many characters. */
  coverage(ref: FontRef): (codePoint: number) => boolean {
    const { font, coverage } = this.get(ref);
    return (codePoint) => {
      let known = coverage.get(codePoint);
      if (known === undefined) {
        known = font.hasGlyphForCodePoint(codePoint);
        coverage.set(codePoint, known);
      }
      return known;
    };
  }
}
