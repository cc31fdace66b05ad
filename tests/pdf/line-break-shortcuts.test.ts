// The line breaker's shortcuts (words cut once per process, lines scored the quick way first) must give
// the very lines of the general path: every text of the fixtures is broken both ways at many widths,
// ragged and justified, with and without hyphenation, in both orders so that the cached word plans are
// used by later paragraphs too.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/templates/load-theme.js';
import { FontBook } from '../../src/writers/pdf/font-book.js';
import { breakLines, setLineBreakShortcuts, type Line } from '../../src/writers/pdf/break-lines.js';
import { hyphenatorFor } from '../../src/writers/pdf/hyphenator-for.js';
import type { TextRun } from '../../src/writers/pdf/text-runs.js';
import { fromRoot } from '../support/paths.js';

const fixtures: [file: string, language: string][] = [
  [fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml'), 'en'],
  [fromRoot('tests', 'fixtures', 'bundled', 'bacteria-vs-viruses-vs-fungi.yaml'), 'en'],
  [fromRoot('tests', 'fixtures', 'pdf', 'unicode.yaml'), 'en'],
  [fromRoot('tests', 'fixtures', 'editions', 'languages', 'fr.yaml'), 'fr'],
  [fromRoot('tests', 'fixtures', 'editions', 'languages', 'de.yaml'), 'de'],
  [fromRoot('tests', 'fixtures', 'editions', 'languages', 'es.yaml'), 'es'],
];
const widths = [60, 140, 260, 480];

let fonts: FontBook;
const paragraphs: { runs: TextRun[]; language: string }[] = [];

/** Every string in a parsed dataset. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

beforeAll(async () => {
  fonts = new FontBook((await loadTheme('default')).theme!);
  for (const [file, language] of fixtures) {
    for (const text of strings(parseYaml(await readFile(file, 'utf8')))) {
      const regular: TextRun = { text, font: { family: 'body', face: 'regular' }, size: 10.5, color: '#000000' };
      paragraphs.push({ runs: [regular], language });
      // The same text with a bold stretch in the middle of a word and a soft hyphen: words in two styles.
      const cut = Math.floor(text.length / 2);
      paragraphs.push({
        runs: [
          { ...regular, text: text.slice(0, cut) },
          { ...regular, text: `${text.slice(cut, cut + 4)}\u00ad`, font: { family: 'body', face: 'bold' } },
          { ...regular, text: text.slice(cut + 4), breakAfter: true },
          { ...regular, text: 'tail', size: 9 },
        ],
        language,
      });
    }
  }
});

afterAll(() => setLineBreakShortcuts(true));

function breakAll(shortcuts: boolean): Line[][] {
  setLineBreakShortcuts(shortcuts);
  const all: Line[][] = [];
  for (const { runs, language } of paragraphs) {
    for (const width of widths) {
      for (const align of ['left', 'justify'] as const) {
        all.push(breakLines(runs, width, 1.4, fonts, align));
        all.push(breakLines(runs, width, 1.4, fonts, align, { hyphenate: hyphenatorFor(language)! }));
      }
    }
  }
  return all;
}

describe('line break shortcuts', () => {
  it('give the same lines as the general path, first and after the other way', () => {
    const plainFirst = breakAll(false);
    const shortcut = breakAll(true);
    const shortcutAgain = breakAll(true);
    const plainAfter = breakAll(false);
    expect(paragraphs.length).toBeGreaterThan(100);
    expect(plainFirst.filter((lines) => lines.length > 3).length).toBeGreaterThan(500);
    // Compared as text: a deep comparison of some ten thousand paragraphs' lines takes far longer.
    const expected = JSON.stringify(plainFirst);
    expect(JSON.stringify(shortcut) === expected, 'shortcuts vs plain').toBe(true);
    expect(JSON.stringify(shortcutAgain) === expected, 'shortcuts with warm caches vs plain').toBe(true);
    expect(JSON.stringify(plainAfter) === expected, 'plain after shortcuts vs plain').toBe(true);
  });

  it('keep nothing a document can change: lines handed out and changed do not reach the next paragraph', () => {
    const text = 'Hyphenation of extraordinarily characteristic interdisciplinary words, again and again.';
    const runs: TextRun[] = [{ text, font: { family: 'body', face: 'regular' }, size: 10.5, color: '#000000' }];
    const hyphenate = hyphenatorFor('en')!;
    const first = breakLines(runs, 90, 1.4, fonts, 'justify', { hyphenate });
    const copy = structuredClone(first);
    expect(first.some((line) => line.fragments.some((fragment) => fragment.artifact))).toBe(true);
    for (const line of first) {
      for (const fragment of line.fragments) {
        fragment.text += 'changed';
        fragment.width += 100;
        fragment.x -= 7;
      }
      line.fragments.reverse();
    }
    expect(breakLines(runs, 90, 1.4, fonts, 'justify', { hyphenate })).toEqual(copy);
  });
});
