// Shaping without the mark-positioning features is a shortcut: for every bundled font and every kind of
// text it must give what fontkit gives with all its features, and its derived data must match the fonts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { listThemes, loadTheme, templatesDirectory } from '../../src/templates/load-theme.js';
import { bundledFontMarksText } from '../../src/writers/pdf/derive-font-marks.js';
import { deriveMarkGlyphs, knownMarkGlyphs, layoutText } from '../../src/writers/pdf/mark-positioning.js';
import { fromRoot } from '../support/paths.js';

const committedText = readFileSync(fromRoot('src', 'writers', 'pdf', 'bundled-font-marks.json'), 'utf8');

let fontFiles: Promise<string[]> | undefined;
function builtInFontFiles(): Promise<string[]> {
  fontFiles ??= listFontFiles();
  return fontFiles;
}

async function listFontFiles(): Promise<string[]> {
  const files = new Set<string>();
  for (const name of await listThemes()) {
    const { theme } = await loadTheme(path.join(templatesDirectory, name));
    for (const faces of Object.values(theme!.fontFiles)) for (const file of Object.values(faces)) files.add(file);
  }
  return [...files].sort();
}

/** Text of every kind a handout holds, and the kinds that must send a run the full way. */
const samples = [
  'Hello',
  'Cytokine storm vs. sepsis: “quotes”, 12–14 °C, office affine fluffy',
  'AVATAR WAVE Tofu LT. Yo, P.A.',
  'Crème brûlée, Françoise, Å, ǖ ǘ ǚ ǜ',
  'e\u0301 a\u0310 b\u0303 c\u0308 x\u0327 q\u0323 o\u0303\u0301\u0324',
  'Tiếng Việt có dấu: ặ ậ ễ ữ ỵ, Phở Hà Nội',
  'i\u0307 ı\u0307 j\u0303 n\u0308 m\u0304',
  'ἄνθρωπος ᾧ ῥήτωρ Ἀθῆναι',
  'Ѐ ѝ й ё Кириллица',
  'ɲ\u031f t\u032a d\u0325 ə\u0303',
  'a\u034fb soft\u00adhyphen zero\u200dwidth\u200cjoiner variation\ufe0e selector',
  '\u0301 a leading mark',
];

const parsedFonts = new Map<string, { font: fontkit.Font; markGlyphs: ReadonlySet<number> | undefined }>();
/** Each font parsed once for the file: the comparisons ask the same font both ways. */
function parsed(file: string): { font: fontkit.Font; markGlyphs: ReadonlySet<number> | undefined } {
  let entry = parsedFonts.get(file);
  if (!entry) {
    const bytes = readFileSync(file);
    entry = { font: fontkit.create(bytes) as fontkit.Font, markGlyphs: knownMarkGlyphs(bytes) };
    parsedFonts.set(file, entry);
  }
  return entry;
}

function plain(run: fontkit.GlyphRun): unknown {
  return { glyphs: run.glyphs.map((glyph) => glyph.id), positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]) };
}

describe('shaping without mark positioning', () => {
  it('src/writers/pdf/bundled-font-marks.json is up to date with the built-in themes\' fonts', async () => {
    expect(committedText, 'bundled-font-marks.json is stale: run `npm run font-data`').toBe(await bundledFontMarksText());
  });

  it('knows every font of the built-in themes', async () => {
    for (const file of await builtInFontFiles()) expect(knownMarkGlyphs(readFileSync(file)), file).toBeDefined();
  });

  it.each(samples)('gives fontkit\'s own glyphs and positions in every bundled font: %s', async (text) => {
    for (const file of await builtInFontFiles()) {
      const { font, markGlyphs } = parsed(file);
      expect(plain(layoutText(font, text, markGlyphs)), `${path.basename(file)}: ${text}`).toEqual(plain(font.layout(text)));
    }
  });

  it('leaves the mark features out only for runs no mark lookup acts on', () => {
    const bytes = readFileSync(fromRoot('node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf'));
    const font = fontkit.create(bytes) as fontkit.Font;
    const calls: unknown[] = [];
    const layout = font.layout.bind(font);
    font.layout = ((text: string, features?: unknown) => {
      calls.push(features === undefined ? 'all features' : { ...(features as object) });
      return features === undefined ? layout(text) : layout(text, features as never);
    }) as typeof font.layout;
    const markGlyphs = knownMarkGlyphs(bytes)!;

    layoutText(font, 'Hello', markGlyphs);
    expect(calls.splice(0)).toEqual([expect.objectContaining({ mark: false, mkmk: false })]);
    layoutText(font, 'e\u0301', markGlyphs);
    expect(calls.splice(0), 'a combining mark goes the full way at once').toEqual(['all features']);
    layoutText(font, 'Hello', new Set([...markGlyphs, font.glyphForCodePoint(0x48).id]));
    expect(calls.splice(0), 'a glyph a mark lookup covers sends the run the full way').toEqual([expect.objectContaining({ mark: false }), 'all features']);
    layoutText(font, 'Hello', undefined);
    expect(calls.splice(0), 'a font without derived data is shaped with every feature').toEqual(['all features']);
  });

  it('derives nothing for a font whose mark features hold lookups of another kind', () => {
    const font = {
      GSUB: { featureList: [], lookupList: { get: () => ({ lookupType: 1, subTables: [] }) } },
      GPOS: { featureList: [{ tag: 'mark', feature: { lookupListIndexes: [0] } }], lookupList: { get: () => ({ lookupType: 2, subTables: [{}] }) } },
    } as unknown as fontkit.Font;
    expect(deriveMarkGlyphs(font)).toBeUndefined();
  });

  it('does not know a font file it was not derived from', () => {
    const bytes = Buffer.from(readFileSync(fromRoot('node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf')));
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(knownMarkGlyphs(bytes)).toBeUndefined();
  });
});
