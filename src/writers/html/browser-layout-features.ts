/**
 * The OpenType layout features a browser applies to text when the style sheet asks for no others:
 * harfbuzz's default feature set, which Chromium and Firefox shape with, and which `hb-subset` keeps
 * by default. An embedded subset keeps these and drops the rest (old-style and tabular figures, small
 * capitals, stylistic sets, …): with them, the closure over the handout's characters pulls in about
 * as many glyphs again, nearly doubling the font data and the time to compress it, for glyphs the page
 * never shows.
 */
export const browserLayoutFeatures: readonly string[] = [
  // common to every script
  'rvrn', 'ccmp', 'locl', 'mark', 'mkmk', 'rlig',
  // fractions (harfbuzz applies them around U+2044)
  'frac', 'numr', 'dnom',
  // horizontal text
  'calt', 'clig', 'curs', 'kern', 'liga', 'rclt',
  // vertical text
  'valt', 'vert', 'vkrn', 'vpal', 'vrt2',
  // direction
  'ltra', 'ltrm', 'rtla', 'rtlm',
  'rand', 'jalt',
  // Arabic and Syriac
  'init', 'medi', 'fina', 'isol', 'med2', 'fin2', 'fin3', 'cswh', 'mset', 'stch',
  // Hangul
  'ljmo', 'vjmo', 'tjmo',
  // Indic, Khmer, Myanmar, Tibetan, Universal shaping engine
  'abvs', 'blws', 'abvm', 'blwm', 'nukt', 'akhn', 'rphf', 'rkrf', 'pref', 'blwf', 'half', 'abvf', 'pstf', 'cfar', 'vatu', 'cjct', 'pres', 'psts', 'haln', 'dist',
];

/**
 * The features to keep for a theme's style sheet: the browser's defaults, or every feature (undefined)
 * when the sheet turns others on (`font-feature-settings`, `font-variant-*`), so that what it asks for
 * is in the embedded font.
 */
export function layoutFeatures(styleSheet: string): readonly string[] | undefined {
  return /font-feature-settings|font-variant/i.test(styleSheet) ? undefined : browserLayoutFeatures;
}
