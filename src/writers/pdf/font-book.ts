import { readFileSync, statSync } from 'node:fs';
import * as fontkit from 'fontkit';
import type { FontFace, Theme } from '../../templates/theme.js';
import { HarfBuzzFace, shapeText } from './shape-text.js';
import { forgetGlyphsWithoutCodePoints, type PdfkitRun } from './pdfkit-adapter.js';

/** A font the layout can measure with and the PDF writer embeds: family + face. */
export interface FontRef {
  family: string;
  face: FontFace;
}

const fontRefs = new Map<string, FontRef>();

/**
 * The one FontRef of a family and face: every run and fragment of a long table names its font, and
 * a shared, frozen object costs nothing per fragment where a fresh one each costs an object.
 */
export function fontRef(family: string, face: FontFace): FontRef {
  const key = keyOf(family, face);
  let ref = fontRefs.get(key);
  if (!ref) {
    ref = Object.freeze({ family, face });
    fontRefs.set(key, ref);
  }
  return ref;
}

export function fontKey(ref: FontRef): string {
  return keyOf(ref.family, ref.face);
}

function keyOf(family: string, face: FontFace): string {
  return `${family}-${face}`;
}

export function faceOf(bold: boolean, italic: boolean): FontFace {
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

interface LoadedFont {
  file: string;
  /** Size and modification time when read: a font file changed on disk (a theme edited during `watch`) is read again. */
  version: string;
  bytes: Buffer;
  font: fontkit.Font;
  /** Shaped words, for measuring and for pdfkit's drawing alike: each shaped once per process. */
  runs: Map<string, ShapedRun>;
  /** Which code points the font has a glyph for: asked for every character of every handout. */
  coverage: Map<number, boolean>;
  /** Font units per em, ascent and descent: read once (each is a table lookup in fontkit). */
  unitsPerEm: number;
  ascent: number;
  descent: number;
  /** The font in HarfBuzz, made the first time a word is shaped in it (see shape-text). */
  harfBuzz?: HarfBuzzFace;
}

/**
 * A shaped piece of text in pdfkit's form: glyphs with positions in 1000ths of the font size (pdfkit's
 * EmbeddedFont.layoutRun scales fontkit's runs the same way), and their total advance.
 */
export type ShapedRun = PdfkitRun;

/** Past this many shaped words a font's cache starts again (bounded memory in long watch sessions). */
const maxShapedRuns = 100_000;

// Fonts are parsed once per process (or worker) and shared by every handout built there.
const loadedFonts = new Map<string, LoadedFont>();

function loadFont(file: string): LoadedFont {
  const info = statSync(file);
  const version = `${info.size} ${info.mtimeMs}`;
  let loaded = loadedFonts.get(file);
  if (!loaded || loaded.version !== version) {
    const bytes = readFileSync(file);
    const font = fontkit.create(bytes) as fontkit.Font;
    // The bundle leaves out fontkit's WOFF2 (Brotli) decoder: such a file is refused here, by name.
    if (font.type === 'WOFF2') throw new Error('a WOFF2 font file; handout reads TTF, OTF and WOFF files: use the TTF or OTF file of the font');
    loaded = { file, version, bytes, font, runs: new Map(), coverage: new Map(), unitsPerEm: font.unitsPerEm, ascent: font.ascent, descent: font.descent };
    loadedFonts.set(file, loaded);
  }
  return loaded;
}

/**
 * After each PDF: fontkit's glyphs made without code points are forgotten (see
 * forgetGlyphsWithoutCodePoints), and a font's cache of shaped words starts again past its bound.
 */
export function forgetCachedGlyphs(): void {
  for (const loaded of loadedFonts.values()) {
    forgetGlyphsWithoutCodePoints(loaded.font);
    if (loaded.runs.size > maxShapedRuns) loaded.runs.clear();
  }
}

/**
 * Measures text and answers glyph coverage for the theme's fonts. The same font files are embedded by
 * the PDF writer, so what is measured here is what is drawn. A face is read and parsed the first time
 * it is needed: most handouts never touch the fallback font's italics.
 */
export class FontBook {
  private readonly files = new Map<string, string>();
  /** Fonts as first asked for by this book: one document sees one version of each file. */
  private readonly loaded = new Map<string, LoadedFont>();
  readonly families: string[];

  constructor(theme: Theme) {
    for (const [family, faces] of Object.entries(theme.fontFiles)) {
      for (const [face, file] of Object.entries(faces)) this.files.set(`${family}-${face}`, file);
    }
    this.families = Object.keys(theme.fontFiles);
  }

  /** The font last asked for: the layout measures word after word in one font. */
  private last?: { family: string; face: FontFace; loaded: LoadedFont };

  private get(ref: FontRef): LoadedFont {
    const last = this.last;
    if (last && last.family === ref.family && last.face === ref.face) return last.loaded;
    const key = fontKey(ref);
    let loaded = this.loaded.get(key);
    if (!loaded) {
      const file = this.files.get(key) ?? this.files.get(fontKey({ family: 'body', face: ref.face }));
      if (!file) throw new Error(`font ${key} is not part of the theme`);
      loaded = loadFont(file);
      this.loaded.set(key, loaded);
    }
    this.last = { family: ref.family, face: ref.face, loaded };
    return loaded;
  }

  file(ref: FontRef): string {
    return this.get(ref).file;
  }

  /** The parsed font, handed to pdfkit as is: parsing a font per document would dominate build time. */
  parsed(ref: FontRef): fontkit.Font {
    return this.get(ref).font;
  }

  /**
   * `text` shaped in `ref` (kerning, ligatures), cached: handouts repeat the same words many times.
   * pdfkit draws with these same runs (see draw-pdf), so what is measured is what is drawn and a word
   * is shaped once per process, not once to measure and again per document to draw. pdfkit cuts text
   * after each space ("word "): that is the word's run and the space's, as the line breaker measures
   * them, instead of shaping every word a second time with its space.
   */
  shaped(ref: FontRef, text: string): ShapedRun {
    return shapedIn(this.get(ref), text);
  }

  /** Width in points of `text` set in `ref` at `size`, as pdfkit draws it. */
  width(text: string, ref: FontRef, size: number): number {
    return (shapedIn(this.get(ref), text).advanceWidth / 1000) * size;
  }

  /** Ascent and descent (descent negative) in points, as pdfkit positions text. */
  metrics(ref: FontRef, size: number): { ascent: number; descent: number } {
    const { ascent, descent, unitsPerEm } = this.get(ref);
    return { ascent: (ascent / unitsPerEm) * size, descent: (descent / unitsPerEm) * size };
  }

  covers(ref: FontRef, codePoint: number): boolean {
    return coversIn(this.get(ref), codePoint);
  }

  /** `covers` for one font, to ask about many characters. */
  coverage(ref: FontRef): (codePoint: number) => boolean {
    const loaded = this.get(ref);
    return (codePoint) => coversIn(loaded, codePoint);
  }
}

function coversIn(loaded: LoadedFont, codePoint: number): boolean {
  let known = loaded.coverage.get(codePoint);
  if (known === undefined) {
    known = loaded.font.hasGlyphForCodePoint(codePoint);
    loaded.coverage.set(codePoint, known);
  }
  return known;
}

function shapedIn(loaded: LoadedFont, text: string): ShapedRun {
  let run: ShapedRun | undefined = loaded.runs.get(text);
  if (run) return run;
  if (text.length > 1 && text.endsWith(' ')) {
    const word = shapedIn(loaded, text.slice(0, -1));
    const space = shapedIn(loaded, ' ');
    run = { glyphs: [...word.glyphs, ...space.glyphs], positions: [...word.positions, ...space.positions], advanceWidth: word.advanceWidth + space.advanceWidth };
  } else {
    const layout = shapeText(loaded.font, (loaded.harfBuzz ??= new HarfBuzzFace(loaded.bytes)), text, (codePoint) => coversIn(loaded, codePoint));
    const scale = 1000 / loaded.unitsPerEm;
    const positions = layout.positions.map((position, index) => ({
      xAdvance: position.xAdvance * scale,
      yAdvance: position.yAdvance * scale,
      xOffset: position.xOffset * scale,
      yOffset: position.yOffset * scale,
      advanceWidth: layout.glyphs[index]!.advanceWidth * scale,
    }));
    run = { glyphs: layout.glyphs, positions, advanceWidth: positions.reduce((sum, position) => sum + position.xAdvance, 0) };
  }
  // Shared by every document of the process: frozen, so none can change another's text.
  for (const position of run.positions) Object.freeze(position);
  Object.freeze(run.positions);
  Object.freeze(run.glyphs);
  Object.freeze(run);
  loaded.runs.set(text, run);
  return run;
}
