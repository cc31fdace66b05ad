import type { Dataset } from '../load/dataset-schema.js';
import { formatFieldPath, type Diagnostic } from '../shared/diagnostic.js';
import type { Theme } from '../templates/theme.js';
import { FontBook } from '../writers/pdf/font-book.js';

/**
 * Finds characters no font of the theme can draw, naming the dataset field they are in, so the user
 * gets "U+1F600 in sections[2].body" instead of an empty box in the printed handout.
 */
export function checkGlyphs(dataset: Dataset, theme: Theme, file: string): Diagnostic[] {
  const fonts = new FontBook(theme);
  const families = Object.keys(theme.fontFiles);
  const covered = new Map<number, boolean>();
  const isCovered = (codePoint: number) => {
    let known = covered.get(codePoint);
    if (known === undefined) {
      known = codePoint < 0x20 || families.some((family) => fonts.covers({ family, face: 'regular' }, codePoint));
      covered.set(codePoint, known);
    }
    return known;
  };
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      const reported = new Set<number>();
      for (const char of value) {
        const codePoint = char.codePointAt(0)!;
        // Variation selectors and zero-width joiners have no glyph of their own.
        if (isCovered(codePoint) || /[\u200b-\u200d\u2060\ufe00-\ufe0f\u00ad]/.test(char) || reported.has(codePoint)) continue;
        reported.add(codePoint);
        diagnostics.push({
          severity: 'error',
          code: 'missing-glyph',
          message: `no font of theme \`${theme.name}\` can draw “${char}” (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`,
          file,
          path: formatFieldPath(path),
          hint: 'replace the character (e.g. an emoji by a word), or add a font that has it to the theme\'s `fonts`',
        });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, index]));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  visit(dataset, []);
  return diagnostics;
}
