import type * as fontkit from 'fontkit';

/**
 * A quick way to shape ordinary Latin words, exactly as fontkit does.
 *
 * fontkit runs every word through the font's OpenType lookups (GSUB substitutions, GPOS kerning):
 * correct for any script, but the largest cost of a handout (each new word, in each font). For words
 * of Western European letters, digits and common signs, that amounts to the cmap's glyphs with a
 * kerning value between neighbours. This reads those values off the font once, by letting fontkit
 * shape every pair of such characters, in the Latin script as fontkit would pick for such a word.
 *
 * Anything it cannot vouch for is left to fontkit: pairs whose glyphs change (ligatures such as "fi"),
 * whose kerning moves the second glyph, or that measure differently in two contexts; words with no
 * Latin letter (fontkit would choose another script's rules); characters outside the set. A font for
 * which the quick way disagrees with fontkit on a sample of words gets no quick way at all.
 */
export interface LatinShaper {
  /** Glyphs and kerned advances (font units) of `word`, or undefined: shape it with fontkit. */
  shape(word: string): { glyphs: fontkit.Glyph[]; advances: number[] } | undefined;
}

const characters = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...`.,;:!?'"()[]{}-/*+=<>@#$%&_|~\``,
  ...'–—‘’‚“”„…•€£¥°±×÷§¶©®™«»¿¡·',
  ...'ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿŒœŠšŽžŸ',
].map((char) => char.codePointAt(0)!);

const latinLetter = /\p{Script=Latin}/u;
const pairKey = (first: number, second: number) => first * 0x110000 + second;

export function latinShaper(font: fontkit.Font): LatinShaper | undefined {
  const glyphs = new Map<number, fontkit.Glyph>();
  for (const codePoint of characters) if (font.hasGlyphForCodePoint(codePoint)) glyphs.set(codePoint, font.glyphForCodePoint(codePoint));
  const known = [...glyphs.keys()];
  if (known.length === 0) return undefined;
  const kerning = new Map<number, number>();
  const unsafe = new Set<number>();
  const record = (key: number, value: number) => {
    const earlier = kerning.get(key);
    if (earlier !== undefined && earlier !== value) unsafe.add(key);
    else kerning.set(key, value);
  };
  // One string per first character, "a b₁ a b₂ a b₃ …": every pair (a, b) and (b, a), each pair
  // measured in two strings (so a kerning that moves the second glyph shows as a disagreement).
  for (const first of known) {
    const codePoints = known.flatMap((second) => [first, second]);
    const run = font.layout(String.fromCodePoint(...codePoints), undefined as never, 'latn');
    if (run.glyphs.length !== codePoints.length) {
      // A substitution changed the glyph count: measure this character's pairs one by one.
      for (const second of known) measurePair(font, glyphs, first, second, record, unsafe);
      continue;
    }
    run.glyphs.forEach((glyph, index) => {
      const codePoint = codePoints[index]!;
      const next = codePoints[index + 1];
      const position = run.positions[index]!;
      const plain = glyph.id === glyphs.get(codePoint)!.id && position.xOffset === 0 && position.yOffset === 0 && position.yAdvance === 0;
      if (!plain) {
        if (index > 0) unsafe.add(pairKey(codePoints[index - 1]!, codePoint));
        if (next !== undefined) unsafe.add(pairKey(codePoint, next));
        return;
      }
      const delta = position.xAdvance - glyph.advanceWidth;
      if (next !== undefined) record(pairKey(codePoint, next), delta);
      else if (delta !== 0) unsafe.add(pairKey(codePoints[index - 1]!, codePoint));
    });
  }
  // Most pairs are not kerned: keep only those that are.
  for (const [key, value] of kerning) if (value === 0) kerning.delete(key);
  const shaper: LatinShaper = {
    shape(word) {
      const out: fontkit.Glyph[] = [];
      const advances: number[] = [];
      let latin = false;
      let previous = -1;
      for (const char of word) {
        const codePoint = char.codePointAt(0)!;
        const glyph = glyphs.get(codePoint);
        if (!glyph) return undefined;
        latin ||= latinLetter.test(char);
        if (previous >= 0) {
          const key = pairKey(previous, codePoint);
          if (unsafe.has(key)) return undefined;
          advances[advances.length - 1]! += kerning.get(key) ?? 0;
        }
        out.push(glyph);
        advances.push(glyph.advanceWidth);
        previous = codePoint;
      }
      return latin && out.length > 0 ? { glyphs: out, advances } : undefined;
    },
  };
  return agreesWithFontkit(font, shaper) ? shaper : undefined;
}

function measurePair(font: fontkit.Font, glyphs: Map<number, fontkit.Glyph>, first: number, second: number, record: (key: number, value: number) => void, unsafe: Set<number>): void {
  const key = pairKey(first, second);
  const run = font.layout(String.fromCodePoint(first, second), undefined as never, 'latn');
  const [a, b] = run.glyphs;
  const [pa, pb] = run.positions;
  const plain = run.glyphs.length === 2 && a!.id === glyphs.get(first)!.id && b!.id === glyphs.get(second)!.id && pa!.xOffset === 0 && pa!.yOffset === 0 && pb!.xOffset === 0 && pb!.yOffset === 0 && pb!.xAdvance === b!.advanceWidth;
  if (plain) record(key, pa!.xAdvance - a!.advanceWidth);
  else unsafe.add(key);
}

/** Words of every kind the quick way takes, shaped both ways: the same glyphs and advances, or no quick way. */
function agreesWithFontkit(font: fontkit.Font, shaper: LatinShaper): boolean {
  const sample = [
    'Handout', 'AVATAR', "Tom's", 'office', 'affluent', 'fjord', 'Wave', 'Yvonne', 'T.', 'L’été', 'café', 'Straße', 'naïve', 'Œuvre',
    '1–2', 'COVID-19', 'µm', '(IL-6),', '“quoted”', 'e.g.', '50%', 'Fever/chills', 'Sepsis:', 'ﬁne', 'Kraków', 'Žižek', 'ÆØÅ', 'fffi',
  ];
  for (const word of sample) {
    const quick = shaper.shape(word);
    if (!quick) continue;
    const run = font.layout(word);
    if (run.glyphs.length !== quick.glyphs.length) return false;
    for (let index = 0; index < run.glyphs.length; index++) {
      const position = run.positions[index]!;
      if (run.glyphs[index]!.id !== quick.glyphs[index]!.id || position.xAdvance !== quick.advances[index] || position.xOffset !== 0 || position.yOffset !== 0) return false;
    }
  }
  return true;
}
