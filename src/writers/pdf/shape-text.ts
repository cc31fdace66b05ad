import * as harfbuzz from 'harfbuzzjs';
import type * as fontkit from 'fontkit';

/**
 * Text shaping (OpenType substitution and positioning: kerning, ligatures, marks) with HarfBuzz, the
 * shaper browsers and Typst use, here in WebAssembly (harfbuzzjs). fontkit shapes the same way with
 * the same features and gives the same glyphs and positions (tests/pdf compares the two word for
 * word), but about ten times slower, and it decodes every layout table of a face before its first
 * word: the largest part of a one-handout build. Glyphs are still fontkit's objects, which pdfkit
 * embeds and subsets.
 *
 * HarfBuzz shapes text in the Latin, Greek and Cyrillic scripts (and the characters all scripts
 * share: digits, punctuation, symbols), where the two are checked equal. Any other text is shaped by
 * fontkit as before, and so is text with a combining mark or a default-ignorable character (a soft
 * hyphen, a zero-width joiner): the two differ in what they return for those (fontkit replaces an
 * ignorable by a space glyph after positioning; HarfBuzz hides it), and what a PDF shows must not
 * depend on which of them shaped it. So is text with a character the font has no glyph for
 * (`covers`): fontkit gives it the missing glyph, HarfBuzz may compose it of others (≠ of = and a
 * slash overlay).
 */
export function shapeText(font: fontkit.Font, shaper: HarfBuzzFace, text: string, covers: (codePoint: number) => boolean): fontkit.GlyphRun | ShapedGlyphs {
  if (!byHarfBuzz.test(text)) return font.layout(text);
  for (const character of text) if (!covers(character.codePointAt(0)!)) return font.layout(text);
  return shaper.shape(font, text);
}

/** A shaped run in fontkit's form: glyph objects and their positions in font units. */
export interface ShapedGlyphs {
  glyphs: fontkit.Glyph[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[];
}

const byHarfBuzz = /^(?:(?![\p{M}\p{Default_Ignorable_Code_Point}])[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Common}])*$/u;

/** One buffer for every run: shaping is synchronous and a buffer is cleared between runs. */
let buffer: harfbuzz.Buffer | undefined;

/** A font file opened in HarfBuzz, to shape text with. */
export class HarfBuzzFace {
  private readonly font: harfbuzz.Font;

  constructor(bytes: Uint8Array) {
    // HarfBuzz keeps its own copy of the file in its memory.
    this.font = new harfbuzz.Font(new harfbuzz.Face(new harfbuzz.Blob(bytes)));
  }

  shape(font: fontkit.Font, text: string): ShapedGlyphs {
    buffer ??= new harfbuzz.Buffer();
    buffer.clearContents();
    buffer.addText(text);
    buffer.guessSegmentProperties();
    // Marks keep clusters of their own, ligatures one for all their characters: each glyph then
    // names the characters it stands for as fontkit's do (the text a PDF reader extracts).
    buffer.setClusterLevel(harfbuzz.ClusterLevel.MONOTONE_CHARACTERS);
    harfbuzz.shape(this.font, buffer);
    const infos = buffer.getGlyphInfos();
    const positions = buffer.getGlyphPositions();
    const glyphs = infos.map((info, index) => {
      // A glyph stands for the characters from its cluster to the next glyph's; of several glyphs
      // of one cluster (a character split in two), the first stands for them all, as in fontkit.
      const first = info.cluster;
      const sameAsPrevious = index > 0 && infos[index - 1]!.cluster === first;
      let end = text.length;
      for (let next = index + 1; next < infos.length; next++) {
        if (infos[next]!.cluster !== first) {
          end = infos[next]!.cluster;
          break;
        }
      }
      return font.getGlyph(info.codepoint, sameAsPrevious ? [] : codePointsOf(text, first, end));
    });
    return { glyphs, positions: positions.map(({ xAdvance, yAdvance, xOffset, yOffset }) => ({ xAdvance, yAdvance, xOffset, yOffset })) };
  }
}

function codePointsOf(text: string, start: number, end: number): number[] {
  const codePoints: number[] = [];
  for (let index = start; index < end; ) {
    const codePoint = text.codePointAt(index)!;
    codePoints.push(codePoint);
    index += codePoint > 0xffff ? 2 : 1;
  }
  return codePoints;
}
