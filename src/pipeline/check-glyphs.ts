import path from 'node:path';
import type { Dataset } from '../load/dataset-schema.js';
import type { LoadedDataset } from '../load/load-dataset.js';
import { formatFieldPath, type Diagnostic, type SourcePosition } from '../shared/diagnostic.js';
import type { Theme } from '../templates/theme.js';
import { glyphCoverage, UnreadableFontError } from '../writers/pdf/write-pdf.js';

/** Variation selectors, zero-width joiners and soft hyphens have no glyph of their own. */
const invisible = /[\u200b-\u200d\u2060\ufe00-\ufe0f\u00ad]/;

/**
 * Finds characters no font of the theme can draw, naming the dataset field they are in and, when the
 * source has it, the line and column of the character itself, so the user gets
 * "data/x.yaml:3:12 … U+1F600 at sections[2].body" instead of an empty box in the printed handout.
 */
export function checkGlyphs(dataset: Dataset, theme: Theme, file: string, source?: Pick<LoadedDataset, 'text' | 'locate'>): Diagnostic[] {
  let covers: (codePoint: number) => boolean;
  try {
    covers = glyphCoverage(theme);
  } catch (error) {
    if (!(error instanceof UnreadableFontError)) throw error;
    // A theme problem, met while checking this dataset: nothing can be drawn with such a font.
    return [{ severity: 'error', code: 'theme-font', message: error.message, file: path.join(theme.directory, 'theme.json'), hint: 'each face in the theme\'s `fonts` must be a TTF, OTF or WOFF font file' }];
  }
  const covered = new Map<number, boolean>();
  const isCovered = (codePoint: number) => {
    let known = covered.get(codePoint);
    if (known === undefined) {
      known = codePoint < 0x20 || covers(codePoint);
      covered.set(codePoint, known);
    }
    return known;
  };
  const locateCharacter = source ? characterLocator(source) : undefined;
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (typeof value === 'string') {
      const reported = new Set<number>();
      for (const char of value) {
        const codePoint = char.codePointAt(0)!;
        if (isCovered(codePoint) || invisible.test(char) || reported.has(codePoint)) continue;
        reported.add(codePoint);
        const position = locateCharacter?.(path, char);
        diagnostics.push({
          severity: 'error',
          code: 'missing-glyph',
          message: `no font of theme \`${theme.name}\` can draw “${char}” (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`,
          file,
          ...(position ? { position } : {}),
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

/**
 * The line and column of a character inside the source text of the value at `path`: the first place
 * it is written literally between the value's start and end. A character written as an escape
 * (`"\U0001F331"`) is not in the text as such: the value's own position is given instead.
 */
function characterLocator(source: Pick<LoadedDataset, 'text' | 'locate'>): (path: readonly (string | number)[], char: string) => SourcePosition | undefined {
  let lineStarts: number[] | undefined;
  const offsetOf = (position: SourcePosition) => {
    lineStarts ??= [0, ...[...source.text.matchAll(/\n/g)].map((match) => match.index + 1)];
    return (lineStarts[position.line - 1] ?? source.text.length) + position.column - 1;
  };
  const positionOf = (offset: number): SourcePosition => {
    const lineStart = source.text.lastIndexOf('\n', offset - 1) + 1;
    return { line: source.text.slice(0, lineStart).split('\n').length, column: offset - lineStart + 1 };
  };
  return (path, char) => {
    const start = source.locate(path);
    if (!start) return undefined;
    const end = source.locate(path, { end: true });
    const from = offsetOf(start);
    const at = source.text.indexOf(char, from);
    if (at < 0 || (end && at >= offsetOf(end))) return start;
    return positionOf(at);
  };
}
