// Words are shaped by HarfBuzz where it gives what fontkit gives: for every font of the built-in
// themes and every word of the fixtures, the same glyphs, code points and positions as fontkit's own
// shaping; text where the two may differ goes to fontkit.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { listThemes, loadTheme, templatesDirectory } from '../../src/templates/load-theme.js';
import { HarfBuzzFace, shapeText } from '../../src/writers/pdf/shape-text.js';
import { fromRoot } from '../support/paths.js';

async function builtInFontFiles(): Promise<string[]> {
  const files = new Set<string>();
  for (const name of await listThemes()) {
    const { theme } = await loadTheme(path.join(templatesDirectory, name));
    for (const faces of Object.values(theme!.fontFiles)) for (const file of Object.values(faces)) files.add(file);
  }
  return [...files].sort();
}

/** Every word of the fixtures' datasets, and text of every kind a handout holds. */
function corpus(): string[] {
  const words = new Set<string>([
    'Hello',
    'office affine fluffy ffi ffl fi fl',
    'AVATAR WAVE Tofu LT. Yo, P.A. “quotes” 12–14 °C',
    'Crème brûlée, Françoise, Å, ǖ ǘ ǚ ǜ Tiếng Việt ặ ậ ễ ữ ỵ',
    'ἄνθρωπος ᾧ ῥήτωρ Ἀθῆναι Ѐ ѝ й ё Кириллица',
    'a≠b √2 ∞ ½ ⅓ № ℃',
  ]);
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.(ya?ml|md|json)$/.test(name)) for (const word of readFileSync(file, 'utf8').split(/\s+/)) if (word) words.add(word);
    }
  };
  walk(fromRoot('tests', 'fixtures'));
  return [...words];
}

function plain(run: { glyphs: readonly fontkit.Glyph[]; positions: readonly { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[] }): unknown {
  return run.glyphs.map((glyph, index) => {
    const { xAdvance, yAdvance, xOffset, yOffset } = run.positions[index]!;
    return [glyph.id, [...glyph.codePoints], xAdvance, yAdvance, xOffset, yOffset];
  });
}

describe('shaping text', () => {
  it('gives fontkit\'s glyphs, code points and positions for every word of the fixtures in every built-in font', async () => {
    const words = corpus();
    expect(words.length).toBeGreaterThan(1_000);
    for (const file of await builtInFontFiles()) {
      const bytes = readFileSync(file);
      // One font object each way: a glyph object keeps the code points it was first made with.
      const byFontkit = fontkit.create(bytes) as fontkit.Font;
      const ours = fontkit.create(bytes) as fontkit.Font;
      const harfBuzz = new HarfBuzzFace(bytes);
      const covers = (codePoint: number) => ours.hasGlyphForCodePoint(codePoint);
      const differ = words.filter((word) => JSON.stringify(plain(shapeText(ours, harfBuzz, word, covers))) !== JSON.stringify(plain(byFontkit.layout(word))));
      expect(differ, path.basename(file)).toEqual([]);
    }
  });

  it('uses HarfBuzz for Latin, Greek and Cyrillic text the font covers, fontkit for anything else', () => {
    const bytes = readFileSync(fromRoot('node_modules', '@expo-google-fonts', 'noto-sans', '400Regular', 'NotoSans_400Regular.ttf'));
    const font = fontkit.create(bytes) as fontkit.Font;
    const harfBuzz = new HarfBuzzFace(bytes);
    const byFontkit: string[] = [];
    const layout = font.layout.bind(font);
    font.layout = ((text: string) => {
      byFontkit.push(text);
      return layout(text);
    }) as typeof font.layout;
    const covers = (codePoint: number) => font.hasGlyphForCodePoint(codePoint);
    for (const text of ['Hello,', 'Crème', 'ἄνθρωπος', 'Кириллица', '12–14 °C', 'e\u0301', 'soft\u00adhyphen', 'a≠b', 'שלום', '日本']) shapeText(font, harfBuzz, text, covers);
    expect(byFontkit).toEqual(['e\u0301', 'soft\u00adhyphen', 'a≠b', 'שלום', '日本']);
  });
});
