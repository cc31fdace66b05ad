// The fonts embedded in an HTML handout, read back with fontkit: each handout's subsets hold the glyphs
// of its own characters (also when an earlier handout of the same build filled the subset cache), equal
// input gives equal bytes, and the subsets keep only the layout features a browser applies unless the
// theme's style sheet asks for more.
import * as fontkit from 'fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentNode } from '../../src/tree/document-tree.js';
import type { Theme } from '../../src/templates/theme.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { embedFonts } from '../../src/writers/html/embed-fonts.js';
import { browserLayoutFeatures, layoutFeatures } from '../../src/writers/html/browser-layout-features.js';

let theme: Theme;

beforeAll(async () => {
  const loaded = await loadTheme('default');
  expect(loaded.diagnostics).toEqual([]);
  theme = loaded.theme!;
});

const meta = { title: 'Fonts', language: 'en', subject: 'Fonts', date: new Date(0) };

function paragraphs(...texts: string[]): DocumentNode {
  return { type: 'document', meta, children: texts.map((value) => ({ type: 'paragraph', classes: [], children: [{ type: 'text', value }] })) };
}

/** The embedded faces of a style sheet, parsed, by `family weight style`. */
function faces(css: string): Map<string, fontkit.Font> {
  const result = new Map<string, fontkit.Font>();
  for (const rule of css.match(/@font-face \{[^}]*\}/g) ?? []) {
    const family = /font-family: "([^"]+)"/.exec(rule)![1];
    const weight = /font-weight: (\d+)/.exec(rule)![1];
    const style = /font-style: (\w+)/.exec(rule)![1];
    const data = /src: url\(data:font\/woff;base64,([A-Za-z0-9+/=]+)\) format\("woff"\)/.exec(rule);
    expect(data, rule.slice(0, 80)).not.toBeNull();
    result.set(`${family} ${weight} ${style}`, fontkit.create(Buffer.from(data![1]!, 'base64')) as fontkit.Font);
  }
  return result;
}

const bodyFace = (css: string) => {
  const face = faces(css).get('Noto Serif 400 normal');
  expect(face).toBeDefined();
  return face!;
};
const has = (font: fontkit.Font, character: string) => font.hasGlyphForCodePoint(character.codePointAt(0)!);

describe('embedded font subsets', () => {
  it('each handout gets the glyphs of its own characters, also after another handout filled the cache', async () => {
    const first = await embedFonts(paragraphs('Cabbage'), theme);
    const second = await embedFonts(paragraphs('Zoology'), theme);
    const firstFont = bodyFace(first.css);
    const secondFont = bodyFace(second.css);
    for (const character of 'Cabbage') expect(has(firstFont, character), character).toBe(true);
    for (const character of 'Zoology') expect(has(secondFont, character), character).toBe(true);
    // Subsets, not the whole font nor one shared subset: each lacks what only the other uses.
    expect(has(firstFont, 'Z')).toBe(false);
    expect(has(secondFont, 'C')).toBe(false);
    expect(first.css).not.toEqual(second.css);
    // Asked again (from the cache) and for the same characters in another order: the same bytes.
    expect((await embedFonts(paragraphs('Cabbage'), theme)).css).toEqual(first.css);
    expect((await embedFonts(paragraphs('egabbaC'), theme)).css).toEqual(first.css);
  });

  it('keeps only the layout features a browser applies by default (kerning and ligatures among them)', async () => {
    const { css } = await embedFonts(paragraphs('Office fit, 1/2 AVATAR'), theme);
    const fonts = [...faces(css).values()];
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.availableFeatures.length).toBeGreaterThan(0);
      for (const feature of font.availableFeatures) expect(browserLayoutFeatures, feature).toContain(feature);
    }
    expect(bodyFace(css).availableFeatures).toContain('kern');
  });

  it('keeps every feature when the theme style sheet turns others on', async () => {
    expect(layoutFeatures('td { font-variant-numeric: tabular-nums; }')).toBeUndefined();
    expect(layoutFeatures('td { font-feature-settings: "tnum"; }')).toBeUndefined();
    expect(layoutFeatures(theme.css)).toEqual(browserLayoutFeatures);
    const tabular = { ...theme, css: `${theme.css}\ntd { font-variant-numeric: tabular-nums; }` };
    const withAll = bodyFace((await embedFonts(paragraphs('Cabbage 2024'), tabular)).css);
    const withDefaults = bodyFace((await embedFonts(paragraphs('Cabbage 2024'), theme)).css);
    expect(withAll.availableFeatures).toContain('tnum');
    expect(withDefaults.availableFeatures).not.toContain('tnum');
  });
});
