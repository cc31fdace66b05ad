import type * as fontkit from 'fontkit';

/**
 * Shortcuts through private members of pdfkit (0.20.2) and fontkit (2.0.4) that make drawing a PDF
 * cheaper without changing a byte of it: glyph records read once per font and process for the
 * subsetter, runs joined without copying, a line of text drawn without being measured twice more.
 * Each private member is checked (`checkShortcutInternals`) before the first use; if an upgrade
 * renames or removes one, rendering stops with an error naming it. `setDrawingShortcuts(false)` draws
 * the straightforward way, through pdfkit's public calls (tests compare the two byte for byte).
 */

let shortcutsEnabled = true;

/** Turns the shortcuts off (or on again) for the documents drawn from now on. */
export function setDrawingShortcuts(enabled: boolean): void {
  shortcutsEnabled = enabled;
}

export function drawingShortcuts(): boolean {
  return shortcutsEnabled;
}

export class DrawingInternalsChanged extends Error {
  override name = 'DrawingInternalsChanged';
  constructor(member: string, expected: string) {
    super(`the installed pdfkit/fontkit no longer has ${member} (${expected}); handout is made for pdfkit 0.20.2 and fontkit 2.0.4 — reinstall those versions`);
  }
}

function expect(condition: boolean, member: string, expected: string): void {
  if (!condition) throw new DrawingInternalsChanged(member, expected);
}

const checkedFonts = new WeakSet<object>();

/**
 * Checks the private members the shortcuts use, on the document's current font (after `doc.font()`),
 * once per fontkit font and process; throws naming the first one missing or of another kind.
 */
export function checkShortcutInternals(doc: unknown): void {
  const internals = doc as Partial<TextInternals>;
  const font = internals._font as (Partial<TextInternals['_font']> & { subset?: Partial<TrueTypeSubsetInternals>; font?: object }) | undefined;
  expect(typeof internals._fragment === 'function', 'PDFDocument#_fragment', 'a method drawing one line of text');
  expect(typeof font?.layout === 'function' && typeof font.layoutCached === 'function', 'EmbeddedFont#layout/layoutCached', 'methods shaping text by words');
  const source = font?.font as (TrueTypeSubsetInternals['font'] & object) | undefined;
  if (!source || checkedFonts.has(source)) return;
  expect(typeof font?.subset?._addGlyph === 'function' && typeof font.subset.includeGlyph === 'function', 'fontkit TTFSubset#_addGlyph/includeGlyph', 'methods adding a glyph to the subset');
  expect(Array.isArray(source.loca?.offsets) || source.loca === undefined, 'fontkit Font#loca.offsets', 'the glyph offsets');
  expect(typeof source._getTableStream === 'function', 'fontkit Font#_getTableStream', 'a method reading a table');
  const glyph = source.getGlyph(0) as unknown as { _decode?: unknown; _getMetrics?: unknown };
  expect(typeof glyph._decode === 'function' && typeof glyph._getMetrics === 'function', 'fontkit TTFGlyph#_decode/_getMetrics', 'methods reading a glyph record');
  checkedFonts.add(source);
}

/**
 * What fontkit's TrueType subsetter reads for one glyph: its glyf record as stored, where a composite
 * glyph names its components, and its horizontal metrics. All of it depends on the font alone.
 */
interface GlyphRecord {
  bytes: Uint8Array;
  /** Components of a composite glyph (glyph id and where the id sits in `bytes`), in order. */
  components: { glyphID: number; pos: number }[] | null;
  advance: number;
  bearing: number;
}

/** The parts of fontkit's TTFSubset (and its font) that `_addGlyph` uses. */
interface TrueTypeSubsetInternals {
  font: fontkit.Font & {
    _variationProcessor?: unknown;
    loca?: { offsets: number[] };
    _getTableStream?(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  };
  glyf?: Uint8Array[];
  loca?: { offsets: number[] };
  hmtx?: { metrics: { advance: number; bearing: number }[] };
  offset?: number;
  includeGlyph(glyph: number): number;
  _addGlyph?: (glyphId: number) => number;
}

const records = new WeakMap<object, Map<number, GlyphRecord>>();

function recordOf(font: TrueTypeSubsetInternals['font'], glyphId: number): GlyphRecord {
  let byGlyph = records.get(font);
  if (!byGlyph) {
    byGlyph = new Map();
    records.set(font, byGlyph);
  }
  let record = byGlyph.get(glyphId);
  if (!record) {
    // Exactly what fontkit's TTFSubset._addGlyph reads, once per glyph and process.
    const glyph = font.getGlyph(glyphId) as fontkit.Glyph & { _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null; _getMetrics(): { leftBearing: number } };
    const glyf = glyph._decode();
    const offsets = font.loca!.offsets;
    const stream = font._getTableStream!('glyf');
    stream.pos += offsets[glyphId]!;
    const bytes = stream.readBuffer(offsets[glyphId + 1]! - offsets[glyphId]!);
    const components = glyf && glyf.numberOfContours < 0 ? (glyf.components ?? []).map(({ glyphID, pos }) => ({ glyphID, pos })) : null;
    record = { bytes: Uint8Array.from(bytes), components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    byGlyph.set(glyphId, record);
  }
  return record;
}

/**
 * pdfkit subsets every embedded font per document with fontkit, which decodes each glyph it keeps
 * (points and flags) only to learn whether it is a composite. A handout's glyphs are mostly the same
 * letters again: read each glyph's record once per font and process, and add it to the subset the way
 * fontkit does (same order, same bytes, same metrics). Variable fonts, whose glyphs fontkit encodes
 * again, and subsetters of another shape (CFF) keep fontkit's own way.
 */
export function shareSubsetGlyphRecords(doc: unknown): void {
  const internals = (doc as { _font: { subset: TrueTypeSubsetInternals } })._font.subset;
  const font = internals.font;
  if (typeof internals._addGlyph !== 'function' || !font || font._variationProcessor || !font.loca || typeof font._getTableStream !== 'function') return;
  internals._addGlyph = function addGlyph(this: TrueTypeSubsetInternals, glyphId: number): number {
    const record = recordOf(font, glyphId);
    let bytes = record.bytes;
    if (record.components) {
      bytes = Uint8Array.from(bytes);
      const view = new DataView(bytes.buffer);
      for (const component of record.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
    }
    this.glyf!.push(bytes);
    this.loca!.offsets.push(this.offset!);
    this.hmtx!.metrics.push({ advance: record.advance, bearing: record.bearing });
    this.offset! += bytes.length;
    return this.glyf!.length - 1;
  };
}

/** The parts of pdfkit's PDFDocument and EmbeddedFont that `drawTextRun` and `layoutWithoutCopies` use. */
interface TextInternals {
  x: number;
  y: number;
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  _font: { layout(text: string, features?: unknown, onlyWidth?: boolean): unknown; layoutCached(text: string): { glyphs: unknown[]; positions: unknown[]; advanceWidth: number }; layoutRun(text: string, features?: unknown): unknown };
}

/**
 * The options `doc.text(text, x, y, { lineBreak: false })` hands to pdfkit's `_fragment` for one line
 * without a width, plus the measured width and word count, which `_fragment` uses only for links,
 * underlines and strike-throughs (handout draws none there) and would otherwise measure again.
 */
const fragmentOptions = Object.freeze({ lineBreak: false, columns: 0, columnGap: 18, rotation: 0, textWidth: 0, wordCount: 0 });

/**
 * `doc.text(text, x, y, { lineBreak: false })` for one line of text, as pdfkit's `text` → `_line` →
 * `_fragment` draws it (the same content operators), without measuring the line twice more on the way.
 * pdfkit would then advance `doc.x` by the line's width; handout places every line itself.
 */
export function drawTextRun(doc: unknown, text: string, x: number, y: number): void {
  const internals = doc as TextInternals;
  if (text.includes('\n')) {
    (doc as { text(text: string, x: number, y: number, options: object): void }).text(text, x, y, { lineBreak: false });
    return;
  }
  internals.x = x;
  internals.y = y;
  internals._fragment(text, x, y, { ...fragmentOptions });
}

/**
 * pdfkit's EmbeddedFont.layout cuts text after each space and joins the runs by copying the glyphs
 * so far for every word (`concat`). The same runs joined by appending: same glyphs, same positions,
 * the same sum of advances in the same order.
 */
export function layoutWithoutCopies(doc: unknown): void {
  const font = (doc as TextInternals)._font;
  const own = font.layout.bind(font);
  font.layout = function layout(text: string, features?: unknown, onlyWidth?: boolean) {
    if (features) return own(text, features, onlyWidth);
    const glyphs: unknown[] | null = onlyWidth ? null : [];
    const positions: unknown[] | null = onlyWidth ? null : [];
    let advanceWidth = 0;
    let last = 0;
    for (let index = 0; index <= text.length; index++) {
      const char = text[index];
      if (char === ' ' || char === '\t' || (index === text.length && last < index)) {
        const run = font.layoutCached(text.slice(last, index + 1));
        if (glyphs && positions) {
          for (const glyph of run.glyphs) glyphs.push(glyph);
          for (const position of run.positions) positions.push(position);
        }
        advanceWidth += run.advanceWidth;
        last = index + 1;
      }
    }
    return { glyphs, positions, advanceWidth };
  };
}
