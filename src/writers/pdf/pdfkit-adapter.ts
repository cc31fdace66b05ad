import PDFDocument from 'pdfkit';
import type * as fontkit from 'fontkit';

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
  const page = (doc as unknown as { page?: { write?: unknown } }).page;
  expect(typeof page?.write === 'function', 'PDFPage#write', 'a method appending to the content stream');
  const item = (doc.outline as unknown as { addItem(title: string): { outlineData?: unknown } }).addItem('sample');
  expect(typeof item.outlineData === 'object' && item.outlineData !== null, 'PDFOutline#outlineData', 'the outline item dictionary');
  const glyphs = (sampleFont as unknown as { _glyphs?: unknown })._glyphs;
  expect(typeof glyphs === 'object' && glyphs !== null, 'fontkit Font#_glyphs', 'the glyph cache by id');
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
  const internals = doc as unknown as { addContent(data: string): PdfDoc; addPage(options?: unknown): PdfDoc; page?: { write(chunk: string): void } };
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    internals.page?.write(pending.join('\n'));
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
