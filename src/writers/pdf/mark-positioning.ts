import { createHash } from 'node:crypto';
import type * as fontkit from 'fontkit';
import bundledFontMarks from './bundled-font-marks.json' with { type: 'json' };

/**
 * Shaping a run without the OpenType mark-positioning features (`mark`, `mkmk`) when they cannot act
 * on it. fontkit decodes a feature's lookups the first time a font shapes any text, and a font's mark
 * lookups (an anchor for every base glyph and every mark class) are most of what it decodes: some 60 ms
 * per face, about a fifth of building one handout, for text that in most handouts holds no mark at all.
 *
 * Those lookups only ever act at a glyph in their mark coverage (mark-to-base and mark-to-ligature at a
 * glyph in `markCoverage`, mark-to-mark at one in `mark1Coverage`), so a run with none of those glyphs
 * comes out of fontkit the same with or without them: glyphs, positions, advances. Which glyphs each
 * bundled font's mark lookups cover is derived when the package is built (`npm run font-data`, checked
 * by a staleness test) and shipped in bundled-font-marks.json, keyed by the font file's SHA-256. A font
 * not listed there (a theme's own font) is shaped with every feature, and so is any run that holds a
 * covered glyph, a combining mark, or a default-ignorable character (fontkit replaces those by a space
 * glyph after positioning, so the glyphs it returns no longer show what positioning saw).
 */


/** Mark-positioning features by their OpenType tag. */
const markFeatureTags = new Set(['mark', 'mkmk']);

/** Characters that send a run the full way at once: shaping it twice would only cost time. */
const marksOrIgnorables = /[\p{M}\p{Default_Ignorable_Code_Point}]/u;

/** Glyph ranges (first, last) per font file hash, as `npm run font-data` writes them. */
interface BundledFontMarks {
  fonts: Record<string, { file: string; markGlyphs: number[][] }>;
}

const derived = (bundledFontMarks as BundledFontMarks).fonts;
/** Each font's glyph set, made the first time the font is loaded: most processes use a few of the fonts. */
const byHash = new Map<string, ReadonlySet<number>>();

export function fontFileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The glyphs the font file's mark lookups act at, if it is one of the fonts derived at build time. */
export function knownMarkGlyphs(bytes: Uint8Array): ReadonlySet<number> | undefined {
  const hash = fontFileHash(bytes);
  let glyphs = byHash.get(hash);
  const entry = Object.hasOwn(derived, hash) ? derived[hash] : undefined;
  if (!glyphs && entry) {
    const expanded = new Set<number>();
    for (const [first = 0, last = -1] of entry.markGlyphs) for (let glyph = first; glyph <= last; glyph++) expanded.add(glyph);
    byHash.set(hash, (glyphs = expanded));
  }
  return glyphs;
}

/**
 * `font.layout(text)`, leaving out the mark-positioning features when `markGlyphs` (the font's, from
 * knownMarkGlyphs) shows they cannot act on the run.
 */
export function layoutText(font: fontkit.Font, text: string, markGlyphs: ReadonlySet<number> | undefined): fontkit.GlyphRun {
  if (!markGlyphs || marksOrIgnorables.test(text)) return font.layout(text);
  // A new object each time: fontkit records the features it applied in the one it is given.
  const run = font.layout(text, { mark: false, mkmk: false } as never);
  for (const glyph of run.glyphs) if (markGlyphs.has(glyph.id)) return font.layout(text);
  return run;
}

/** fontkit's decoded OpenType layout tables, as far as deriving mark glyphs reads them. */
interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}
interface PositioningSubtable {
  lookupType?: number;
  extension?: PositioningSubtable;
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
}
interface LayoutTable {
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { get(index: number): { lookupType: number; subTables: PositioningSubtable[] } };
}

/**
 * Every glyph at which one of the font's `mark`/`mkmk` lookups can act, or undefined when that cannot be
 * told for certain (a lookup of another kind under those features, or the features in GSUB too): such a
 * font is then always shaped with every feature.
 */
export function deriveMarkGlyphs(font: fontkit.Font): number[] | undefined {
  const tables = font as unknown as { GPOS?: LayoutTable; GSUB?: LayoutTable };
  if (tables.GSUB?.featureList.some((record) => markFeatureTags.has(record.tag))) return undefined;
  const gpos = tables.GPOS;
  if (!gpos) return [];
  const lookupIndexes = new Set<number>();
  for (const record of gpos.featureList) {
    if (markFeatureTags.has(record.tag)) for (const index of record.feature.lookupListIndexes) lookupIndexes.add(index);
  }
  const glyphs = new Set<number>();
  for (const index of lookupIndexes) {
    const lookup = gpos.lookupList.get(index);
    for (const subtable of lookup.subTables) {
      const covered = coveredBy(lookup.lookupType, subtable);
      if (!covered) return undefined;
      for (const glyph of covered) glyphs.add(glyph);
    }
  }
  return [...glyphs].sort((a, b) => a - b);
}

/** The glyphs a positioning subtable can act at; undefined for kinds mark features should not hold. */
function coveredBy(lookupType: number, subtable: PositioningSubtable): number[] | undefined {
  switch (lookupType) {
    case 4:
    case 5:
      return subtable.markCoverage ? coverageGlyphs(subtable.markCoverage) : undefined;
    case 6:
      return subtable.mark1Coverage ? coverageGlyphs(subtable.mark1Coverage) : undefined;
    case 9:
      return subtable.extension && subtable.lookupType !== undefined ? coveredBy(subtable.lookupType, subtable.extension) : undefined;
    default:
      return undefined;
  }
}

function coverageGlyphs(coverage: Coverage): number[] | undefined {
  if (coverage.version === 1 && coverage.glyphs) return [...coverage.glyphs];
  if (coverage.version === 2 && coverage.rangeRecords) {
    const glyphs: number[] = [];
    for (const { start, end } of coverage.rangeRecords) for (let glyph = start; glyph <= end; glyph++) glyphs.push(glyph);
    return glyphs;
  }
  return undefined;
}

/** Consecutive glyph ids as (first, last) ranges: the form bundled-font-marks.json keeps them in. */
export function glyphRanges(glyphs: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const glyph of glyphs) {
    const last = ranges[ranges.length - 1];
    if (last && glyph === last[1] + 1) last[1] = glyph;
    else ranges.push([glyph, glyph]);
  }
  return ranges;
}
