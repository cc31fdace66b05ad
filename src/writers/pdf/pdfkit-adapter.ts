import PDFDocument from 'pdfkit';
import type * as fontkit from 'fontkit';
import { xmpDescriptions } from './xmp-packet.js';

/**
 * Every use of a private member of pdfkit (0.20.2) or fontkit (2.0.4), and nothing else. Each member is
 * checked before it is used (`checkPdfkitInternals`, once per process, and by a test against the
 * pinned versions): if an upgrade renames or removes one, rendering stops with an error naming it,
 * instead of silently drawing something else. Everything else uses the libraries' public API.
 */

type PdfDoc = InstanceType<typeof PDFDocument>;

/** pdfkit's EmbeddedFont (the font of a document), as far as handout reaches into it. */
interface EmbeddedFont {
  font: fontkit.Font;
  scale: number;
  widths: (number | undefined)[];
  subset: { encode(): Uint8Array; glyphs: number[] };
  layoutCache?: unknown;
  layoutRun(text: string, features?: unknown): unknown;
}

/** A shaped run as pdfkit's EmbeddedFont.layoutRun returns it (positions in 1000ths of the font size). */
export interface PdfkitRun {
  readonly glyphs: readonly fontkit.Glyph[];
  readonly positions: readonly { readonly xAdvance: number; readonly yAdvance: number; readonly xOffset: number; readonly yOffset: number; readonly advanceWidth: number }[];
  readonly advanceWidth: number;
}

export class PdfkitInternalsChanged extends Error {
  override name = 'PdfkitInternalsChanged';
  constructor(member: string, expected: string) {
    super(`the installed pdfkit/fontkit no longer has ${member} (${expected}); handout is made for pdfkit 0.20.2 and fontkit 2.0.4 — reinstall those versions`);
  }
}

function expect(condition: boolean, member: string, expected: string): void {
  if (!condition) throw new PdfkitInternalsChanged(member, expected);
}

let checked = false;

/** `verifyPdfkitInternals`, once per process, before the first PDF is drawn. */
export function checkPdfkitInternals(sampleFont: fontkit.Font): void {
  if (checked) return;
  verifyPdfkitInternals(sampleFont);
  checked = true;
}

/**
 * Checks every private member used here on a small document, and throws naming the first one that is
 * missing or of another kind.
 */
export function verifyPdfkitInternals(sampleFont: fontkit.Font): void {
  const proto = PDFDocument.prototype as unknown as Record<string, unknown>;
  expect(typeof proto.addContent === 'function', 'PDFDocument#addContent', 'a method writing one content operator');
  expect(typeof proto.addPage === 'function', 'PDFDocument#addPage', 'a method');
  const doc = new PDFDocument({ autoFirstPage: false, font: null as never, subset: 'PDF/UA' as never, tagged: true });
  doc.addPage();
  doc.registerFont('sample', sampleFont as never);
  doc.font('sample');
  const font = (doc as unknown as { _font?: Partial<EmbeddedFont> })._font;
  expect(font !== undefined && font !== null, 'PDFDocument#_font', 'the current EmbeddedFont');
  expect(font!.font === sampleFont, 'EmbeddedFont#font', 'the fontkit font it embeds');
  expect(typeof font!.layoutRun === 'function', 'EmbeddedFont#layoutRun', 'a method shaping one run');
  expect('layoutCache' in font!, 'EmbeddedFont#layoutCache', 'the per-document cache of runs');
  expect(typeof font!.subset?.encode === 'function' && Array.isArray(font!.subset.glyphs), 'EmbeddedFont#subset.encode/glyphs', 'the fontkit subset');
  expect(Array.isArray(font!.widths), 'EmbeddedFont#widths', 'the widths by CID');
  expect(typeof font!.scale === 'number', 'EmbeddedFont#scale', 'a number');
  expect(typeof (doc as unknown as { _write?: unknown })._write === 'function', 'PDFDocument#_write', 'the method writing a piece of the file');
  const page = (doc as unknown as { page?: { write?: unknown } }).page;
  expect(typeof page?.write === 'function', 'PDFPage#write', 'a method appending to the content stream');
  const item = (doc.outline as unknown as { addItem(title: string): { outlineData?: unknown } }).addItem('sample');
  expect(typeof item.outlineData === 'object' && item.outlineData !== null, 'PDFOutline#outlineData', 'the outline item dictionary');
  const glyphs = (sampleFont as unknown as { _glyphs?: unknown })._glyphs;
  expect(typeof glyphs === 'object' && glyphs !== null, 'fontkit Font#_glyphs', 'the glyph cache by id');
  // The drawing shortcuts.
  expect(typeof (doc as unknown as Partial<TextInternals>)._fragment === 'function', 'PDFDocument#_fragment', 'a method drawing one line of text');
  const text = font as unknown as Partial<TextInternals['_font']>;
  expect(typeof text.layout === 'function' && typeof text.layoutCached === 'function', 'EmbeddedFont#layout/layoutCached', 'methods shaping text by words');
  const subset = font!.subset as unknown as Partial<TrueTypeSubsetInternals>;
  expect(typeof subset._addGlyph === 'function' && typeof subset.includeGlyph === 'function', 'fontkit TTFSubset#_addGlyph/includeGlyph', 'methods adding a glyph to the subset');
  const source = sampleFont as unknown as TrueTypeSubsetInternals['font'];
  expect(Array.isArray(source.loca?.offsets) && typeof source._getTableStream === 'function', 'fontkit Font#loca/_getTableStream', 'the glyph offsets and a method reading a table');
  const glyph = sampleFont.getGlyph(0) as unknown as { _decode?: unknown; _getMetrics?: unknown };
  expect(typeof glyph._decode === 'function' && typeof glyph._getMetrics === 'function', 'fontkit TTFGlyph#_decode/_getMetrics', 'methods reading a glyph record');
}

/** The EmbeddedFont pdfkit made for the current font of `doc` (after `doc.font(...)`). */
function currentFont(doc: PdfDoc): EmbeddedFont {
  return (doc as unknown as { _font: EmbeddedFont })._font;
}

/**
 * pdfkit shapes every word it draws again, per document. `shape` hands it the runs the layout
 * measured with: the same glyphs and advances, shaped once per process. pdfkit's own per-document
 * cache is turned off, as `shape` stands in for it. Calls with OpenType features (handout makes
 * none) still go to pdfkit. The runs are frozen: shared by every document, never changed by one.
 */
export function shareShapedRuns(doc: PdfDoc, shape: (text: string) => PdfkitRun): void {
  const font = currentFont(doc);
  const own = font.layoutRun.bind(font);
  font.layoutCache = null;
  font.layoutRun = (text, features) => (features ? own(text, features) : shape(text));
}

/**
 * PDF/UA-1 (7.21.3.2) wants a font's CIDSet to list every glyph of the embedded subset. pdfkit builds
 * it from the glyphs the text used, but fontkit's subsetter adds the components of composite glyphs
 * (accented letters) while encoding, so those were missing. Record them as used once the subset is
 * encoded, just before pdfkit writes the CIDSet and widths. (tests/pdf checks the CIDSet against the
 * embedded font.)
 */
export function completeCidSet(doc: PdfDoc): void {
  const { subset, widths, scale, font: source } = currentFont(doc);
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const bytes = encode();
    subset.glyphs.forEach((glyphId, cid) => {
      widths[cid] ??= source.getGlyph(glyphId).advanceWidth * scale;
    });
    return bytes;
  };
}

/** Sets /Count of an outline item (pdfkit's `expanded` option counts children only, not as ISO 32000-1 12.3.3 says). */
export function setOutlineCount(item: unknown, count: number): void {
  (item as { outlineData: Record<string, unknown> }).outlineData.Count = count;
}

/**
 * pdfkit turns every content operator it writes (a few per line of text) into its own small buffer,
 * kept until the page ends: for a 10,000-row table, hundreds of thousands of buffers that outlive the
 * young generation and pile up as old garbage. Collected as strings instead, a page's content is
 * written in one piece when the next page starts or the document ends (the bytes are the same).
 * Returns the flush to call before `doc.end()`.
 */
export function batchPageContent(doc: PdfDoc): () => void {
  const internals = doc as unknown as { addContent(data: string): PdfDoc; addPage(options?: unknown): PdfDoc; page?: { write(chunk: string | Uint8Array): void } };
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    // pdfkit turns a string into bytes with a loop over its characters (each char code & 255, after a
    // newline it adds); Node's latin1 encoding is that same mapping, done natively.
    const content = pending.join('\n');
    internals.page?.write(shortcutsEnabled ? latin1Line(content) : content);
    pending = [];
  };
  const addPage = internals.addPage.bind(doc);
  internals.addContent = (data: string) => {
    pending.push(data);
    return doc;
  };
  internals.addPage = (options?: unknown) => {
    flush();
    return addPage(options);
  };
  return flush;
}

/** `text` and a newline as pdfkit's `fromBinaryString(text + "\\n")` makes it: each char code & 255, as a Buffer. */
function latin1Line(text: unknown): Buffer {
  return Buffer.from((text as string) + '\n', 'latin1');
}

/**
 * pdfkit writes each piece of the file (an object's header, its dictionary, "stream", …) through
 * `_write`, which turns a string into bytes with a loop over its characters and hands the stream a
 * Uint8Array that Node wraps once more as a Buffer. Strings become Buffers natively here first (the
 * same bytes: Node's latin1 is the char code & 255); pdfkit then pushes them as they are.
 */
export function writeStringsNatively(doc: PdfDoc): void {
  const internals = doc as unknown as { _write(data: unknown): void };
  expect(typeof internals._write === 'function', 'PDFDocument#_write', 'the method writing a piece of the file');
  const own = internals._write.bind(doc);
  internals._write = (data: unknown) => own(data instanceof Uint8Array ? data : latin1Line(data));
}

/**
 * Forget the glyph objects fontkit made without code points while a PDF was written. fontkit keeps one
 * Glyph per glyph id with the code points it was first made for; subsetting a composite glyph ("ë")
 * makes its parts ("e") with none. Handed to the next document, such a glyph gets no ToUnicode entry
 * and its text no longer extracts. Glyphs made from text keep their code points and stay cached, with
 * the parsed tables: decoding them again for every handout was a tenth of a batch build.
 */
export function forgetGlyphsWithoutCodePoints(font: fontkit.Font): void {
  const glyphs = (font as unknown as { _glyphs: Record<number, { codePoints?: number[] } | undefined> })._glyphs;
  for (const id in glyphs) if (!glyphs[id]?.codePoints?.length) delete glyphs[id];
}

interface MetadataInternals {
  info: Record<string, unknown>;
  appendXML(xml: string): void;
  /** pdfkit 0.20 writes the info strings into the XMP packet unescaped (`&` and `<` break it). */
  _addInfo(): void;
}

/** The XMP packet's descriptions written from the document info with every value escaped. */
export function escapeXmpMetadata(doc: PdfDoc): void {
  const internals = doc as unknown as MetadataInternals;
  expect(typeof internals._addInfo === 'function', 'PDFDocument#_addInfo', 'the method writing the info into the XMP packet');
  expect(typeof internals.appendXML === 'function', 'PDFDocument#appendXML', 'a method appending to the XMP packet');
  const text = (key: string) => (typeof internals.info[key] === 'string' ? (internals.info[key] as string) : undefined);
  const created = internals.info.CreationDate;
  internals._addInfo = () =>
    internals.appendXML(
      xmpDescriptions({
        title: text('Title'),
        author: text('Author'),
        subject: text('Subject'),
        keywords: text('Keywords'),
        creator: text('Creator'),
        producer: text('Producer'),
        created: created instanceof Date ? created : undefined,
      }),
    );
}

/**
 * The drawing shortcuts below make drawing cheaper without changing a byte of the PDF: glyph records
 * read once per font and process for the subsetter, runs joined without copying, a line of text drawn
 * without being measured twice more. `setDrawingShortcuts(false)` draws the straightforward way,
 * through pdfkit's public calls (tests compare the two byte for byte).
 */
let shortcutsEnabled = true;

/** Turns the drawing shortcuts off (or on again) for the documents drawn from now on. */
export function setDrawingShortcuts(enabled: boolean): void {
  shortcutsEnabled = enabled;
}

export function drawingShortcuts(): boolean {
  return shortcutsEnabled;
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
  _font: {
    layout(text: string, features?: unknown, onlyWidth?: boolean): unknown;
    layoutCached(text: string): { glyphs: unknown[]; positions: unknown[]; advanceWidth: number };
    layoutRun(text: string, features?: unknown): unknown;
  };
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
