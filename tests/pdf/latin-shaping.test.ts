// The quick way to shape Latin words (src/writers/pdf/latin-shaping.ts) must give exactly what
// fontkit's full OpenType shaping gives, for every font of the built-in themes, or stand aside.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { latinShaper } from '../../src/writers/pdf/latin-shaping.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { fromRoot } from '../support/paths.js';

const characters = [
  ...`ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.,;:!?'"()[]{}-/*+=<>@#$%&_|~\`–—‘’‚“”„…•€£¥°±×÷§¶©®™«»¿¡·`,
  ...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ',
  // Outside the quick way's set: words with these must go to fontkit.
  ...'ĀăĐłŁőűΩπжЖ\u0301\u00ad',
];

/** Words of the seed dataset, and random strings (fixed seed) of the characters above. */
function sampleWords(): string[] {
  const article = readFileSync(fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml'), 'utf8').split(/\s+/).filter(Boolean);
  let seed = 20261203;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const random = Array.from({ length: 6000 }, () => Array.from({ length: 1 + next(9) }, () => characters[next(characters.length)]).join(''));
  return [...new Set([...article, ...random, 'office', 'affluent', 'fjord', 'ﬁne', 'AVATAR', 'Tom’s', 'L’été'])];
}

function sameAsFontkit(font: fontkit.Font, word: string, quick: { glyphs: fontkit.Glyph[]; advances: number[] }): boolean {
  const run = font.layout(word);
  return (
    run.glyphs.length === quick.glyphs.length &&
    run.glyphs.every((glyph, index) => glyph.id === quick.glyphs[index]!.id) &&
    run.positions.every((position, index) => position.xAdvance === quick.advances[index] && position.xOffset === 0 && position.yOffset === 0 && position.yAdvance === 0)
  );
}

describe('quick shaping of Latin words', () => {
  it('gives fontkit’s glyphs and advances exactly, for every face of the built-in fonts', async () => {
    const { theme } = await loadTheme('default');
    const words = sampleWords();
    const files = [...new Set(Object.values(theme!.fontFiles).flatMap((faces) => Object.values(faces)))];
    expect(files.length).toBe(12);
    for (const file of files) {
      const font = fontkit.create(readFileSync(file)) as fontkit.Font;
      const shaper = latinShaper(font);
      expect(shaper, `${file}: the quick way was refused`).toBeDefined();
      let quick = 0;
      const wrong: string[] = [];
      for (const word of words) {
        const shaped = shaper!.shape(word);
        if (!shaped) continue;
        quick++;
        if (!sameAsFontkit(font, word, shaped)) wrong.push(word);
      }
      expect(wrong, file).toEqual([]);
      // Most words take the quick way; the rest (other scripts, no letter) still shape correctly.
      expect(quick / words.length, file).toBeGreaterThan(0.5);
    }
  }, 120_000);

  it('stands aside for ligatures, other scripts, combining marks and words without a letter', async () => {
    const { theme } = await loadTheme('default');
    const font = fontkit.create(readFileSync(theme!.fontFiles.body!.regular)) as fontkit.Font;
    const shaper = latinShaper(font)!;
    // Noto Serif draws "fi" and "ffl" as ligatures: one glyph where the quick way would put two.
    expect(font.layout('office').glyphs.length).toBeLessThan(6);
    expect(shaper.shape('office')).toBeUndefined();
    expect(shaper.shape('Ω')).toBeUndefined();
    expect(shaper.shape('Łódź')).toBeUndefined();
    expect(shaper.shape('e\u0301')).toBeUndefined();
    expect(shaper.shape('2024')).toBeUndefined();
    expect(shaper.shape('—')).toBeUndefined();
    // Kerned pairs are kerned: "AV" is narrower than "A" and "V" apart.
    const av = shaper.shape('AV')!;
    expect(av.advances[0]).toBeLessThan(av.glyphs[0]!.advanceWidth);
    expect(sameAsFontkit(font, 'AV', av)).toBe(true);
  });
});
