// The WOFF wrapper of the HTML writer's embedded fonts, read back by fontkit (an independent reader):
// the same glyphs, outlines, character map and layout features as the font it wraps, and a file laid
// out as WOFF 1.0 asks (sorted directory, 4-byte aligned tables, lengths that add up).
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { sfntToWoff } from '../../src/writers/html/sfnt-to-woff.js';
import { fromRoot } from '../support/paths.js';

const fonts = {
  'Noto Serif': fromRoot('node_modules', '@expo-google-fonts', 'noto-serif', '400Regular', 'NotoSerif_400Regular.ttf'),
  'DejaVu Sans (hinted)': fromRoot('node_modules', 'dejavu-fonts-ttf', 'ttf', 'DejaVuSans.ttf'),
};
const text = 'Cytokine storm vs. sepsis — “quoted”, 1/2, fi fl Ωμέγα';

describe('sfntToWoff', () => {
  it.each(Object.entries(fonts))('%s: fontkit reads the same font back', async (_, file) => {
    const sfnt = await subsetFont(await readFile(file), text, { targetFormat: 'sfnt' });
    const woff = sfntToWoff(sfnt);
    expect(woff.length).toBeLessThan(sfnt.length);
    const original = fontkit.create(Buffer.from(sfnt)) as fontkit.Font;
    const wrapped = fontkit.create(woff) as fontkit.Font;
    expect(wrapped.type).toBe('WOFF');
    expect(wrapped.numGlyphs).toBe(original.numGlyphs);
    expect(wrapped.availableFeatures).toEqual(original.availableFeatures);
    expect(wrapped.characterSet).toEqual(original.characterSet);
    for (let id = 0; id < original.numGlyphs; id++) {
      expect(wrapped.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(original.getGlyph(id).path.toSVG());
      expect(wrapped.getGlyph(id).advanceWidth, `glyph ${id}`).toBe(original.getGlyph(id).advanceWidth);
    }
  });

  it('lays the file out as WOFF 1.0 asks', async () => {
    const sfnt = Buffer.from(await subsetFont(await readFile(fonts['Noto Serif']), text, { targetFormat: 'sfnt' }));
    const woff = sfntToWoff(sfnt);
    expect(woff.toString('latin1', 0, 4)).toBe('wOFF');
    expect(woff.readUInt32BE(4)).toBe(sfnt.readUInt32BE(0));
    expect(woff.readUInt32BE(8)).toBe(woff.length);
    const numTables = woff.readUInt16BE(12);
    expect(numTables).toBe(sfnt.readUInt16BE(4));
    let totalSfntSize = 12 + 16 * numTables;
    let previousTag = '';
    let end = 44 + 20 * numTables;
    for (let index = 0; index < numTables; index++) {
      const entry = 44 + 20 * index;
      const tag = woff.toString('latin1', entry, entry + 4);
      const [offset, compLength, origLength] = [woff.readUInt32BE(entry + 4), woff.readUInt32BE(entry + 8), woff.readUInt32BE(entry + 12)];
      expect(tag > previousTag, tag).toBe(true);
      expect(offset % 4, tag).toBe(0);
      expect(offset, tag).toBeGreaterThanOrEqual(end);
      expect(compLength, tag).toBeLessThanOrEqual(origLength);
      previousTag = tag;
      end = offset + compLength;
      totalSfntSize += (origLength + 3) & ~3;
    }
    expect(woff.length - end).toBeLessThan(4);
    expect(woff.readUInt32BE(16)).toBe(totalSfntSize);
  });

  it('equal input, equal bytes', async () => {
    const sfnt = await subsetFont(await readFile(fonts['Noto Serif']), text, { targetFormat: 'sfnt' });
    expect(sfntToWoff(sfnt).equals(sfntToWoff(Buffer.from(sfnt)))).toBe(true);
  });

  it('refuses what is not an sfnt font', () => {
    expect(() => sfntToWoff(Buffer.alloc(8))).toThrow(/not an sfnt font/);
    const header = Buffer.alloc(12);
    header.writeUInt16BE(3, 4);
    expect(() => sfntToWoff(header)).toThrow(/not an sfnt font/);
  });
});
