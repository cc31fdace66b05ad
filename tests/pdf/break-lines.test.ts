// The line breaker: hyphenation by language, breaks after hard hyphens, a hyphen on forced splits,
// raggedness over the paragraph lower than greedy filling, justified lines that fill the measure, and
// typographic quotes by language.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/templates/load-theme.js';
import { FontBook } from '../../src/writers/pdf/font-book.js';
import { breakLines, insertedHyphen, type Line } from '../../src/writers/pdf/break-lines.js';
import { hyphenatorFor } from '../../src/writers/pdf/hyphenator-for.js';
import type { TextRun } from '../../src/writers/pdf/text-runs.js';
import { applyTypographicQuotes } from '../../src/tree/typographic-quotes.js';
import type { BlockNode, InlineNode } from '../../src/tree/document-tree.js';
import { fromRoot } from '../support/paths.js';

let fonts: FontBook;
beforeAll(async () => {
  fonts = new FontBook((await loadTheme('default')).theme!);
});

const run = (text: string, size = 10.5): TextRun => ({ text, font: { family: 'body', face: 'regular' }, size, color: '#000000' });
const texts = (lines: Line[]) => lines.map((line) => line.fragments.map((fragment) => fragment.text).join('').trimEnd());
const em = 10.5;

/** Squared slack of every line but the last: what a typesetter calls raggedness. */
function raggedness(lines: Line[], width: number): number {
  return lines.slice(0, -1).reduce((sum, line) => sum + (width - line.width) ** 2, 0);
}

/** Plain greedy filling at spaces, no hyphenation: the breaker this one replaced. */
function greedyLines(text: string, width: number): number[] {
  const space = fonts.width(' ', { family: 'body', face: 'regular' }, em);
  const widths: number[] = [];
  let current = 0;
  for (const word of text.split(' ')) {
    const w = fonts.width(word, { family: 'body', face: 'regular' }, em);
    if (current > 0 && current + space + w > width) {
      widths.push(current);
      current = w;
    } else current = current > 0 ? current + space + w : w;
  }
  widths.push(current);
  return widths;
}

describe('hyphenation', () => {
  it('breaks a compound after its hard hyphen, adding nothing ("life-" / "threatening")', () => {
    const text = 'Both are severe immune responses that can lead to life-threatening conditions.';
    const prefix = fonts.width('Both are severe immune responses that can lead to life-', { family: 'body', face: 'regular' }, em);
    const lines = breakLines([run(text)], prefix + 2, 1.4, fonts, 'left', { hyphenate: hyphenatorFor('en')! });
    expect(texts(lines)[0]).toBe('Both are severe immune responses that can lead to life-');
    expect(texts(lines)[1]).toBe('threatening conditions.');
  });

  it('sets a hyphen (U+2010) where a word too wide for its cell must be split', () => {
    const lines = breakLines([run('electroencephalographically')], 90, 1.4, fonts, 'left');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(line.fragments.at(-1)!.text.endsWith(insertedHyphen)).toBe(true);
    expect(texts(lines).join('').replaceAll(insertedHyphen, '')).toBe('electroencephalographically');
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(90.01);
  });

  it.each([
    ['en', 'hyphenation', ['hy', 'phen', 'ation']],
    ['de', 'Immunreaktion', ['Im', 'mun', 're', 'ak', 'ti', 'on']],
    ['fr', 'inflammatoire', ['in', 'flam', 'ma', 'toire']],
    ['es', 'inflamación', ['in', 'fla', 'ma', 'ción']],
  ])('%s patterns hyphenate %s', (language, word, syllables) => {
    const points = hyphenatorFor(language)!(word);
    const expected: number[] = [];
    let at = 0;
    for (const syllable of syllables.slice(0, -1)) expected.push((at += syllable.length));
    expect(points).toEqual(expected);
  });

  it('in a narrow box, splits only a word wider than the box, and there at the language\'s points ("Amphib‐" / "ians")', () => {
    const options = { hyphenate: hyphenatorFor('en')!, hyphenateOverlongOnly: true };
    const wordWidth = fonts.width('Amphibians', { family: 'body', face: 'regular' }, em);
    const split = breakLines([run('Amphibians')], wordWidth - 3, 1.2, fonts, 'left', options);
    expect(texts(split)).toEqual([`Amphib${insertedHyphen}`, 'ians']);
    // Without the language's points the split falls after whichever letter still fits.
    expect(texts(breakLines([run('Amphibians')], wordWidth - 3, 1.2, fonts, 'left'))[0]).toBe(`Amphibia${insertedHyphen}`);
    // A word that fits the box stays whole, though hyphenating it would even the two lines out.
    const fits = fonts.width('nucleus', { family: 'body', face: 'regular' }, em) + 1;
    expect(texts(breakLines([run('No nucleus')], fits, 1.2, fonts, 'left', options))).toEqual(['No', 'nucleus']);
  });

  it('has no patterns for a language it does not bundle', () => {
    expect(hyphenatorFor('xx')).toBeUndefined();
  });

  it('hyphenates a narrow cell at the language\'s points, with a hyphen, and keeps every letter', () => {
    const lines = breakLines([run('The inflammatory response spreads.')], 70, 1.4, fonts, 'left', { hyphenate: hyphenatorFor('en')! });
    const joined = texts(lines).join('\n');
    expect(joined).toContain(insertedHyphen);
    expect(joined.replace(new RegExp(`${insertedHyphen}\\n`, 'g'), '').replace(/\n/g, ' ')).toBe('The inflammatory response spreads.');
  });
});

describe('paragraph breaking', () => {
  it('is less ragged than greedy filling on the seed summary', async () => {
    const seed = parseYaml(await readFile(fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml'), 'utf8')) as { summary: string };
    const text = seed.summary.replace(/\s+/g, ' ').trim();
    for (const width of [300, 365, 420]) {
      const optimal = breakLines([run(text)], width, 1.4, fonts, 'left', { hyphenate: hyphenatorFor('en')! });
      const greedy = greedyLines(text, width);
      const greedyRaggedness = greedy.slice(0, -1).reduce((sum, w) => sum + (width - w) ** 2, 0);
      expect(raggedness(optimal, width), `width ${width}`).toBeLessThan(greedyRaggedness);
      for (const line of optimal) expect(line.width).toBeLessThanOrEqual(width + 0.01);
    }
  });

  it('justifies: every line but the last ends at the measure, the last stays ragged', async () => {
    const seed = parseYaml(await readFile(fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml'), 'utf8')) as { summary: string };
    const width = 360;
    const lines = breakLines([run(seed.summary.replace(/\s+/g, ' ').trim())], width, 1.4, fonts, 'justify', { hyphenate: hyphenatorFor('en')! });
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines.slice(0, -1)) {
      const last = line.fragments.at(-1)!;
      const right = last.x + fonts.width(last.text.trimEnd(), last.font, last.size);
      expect(Math.abs(right - width)).toBeLessThan(0.5);
    }
    const last = lines.at(-1)!.fragments.at(-1)!;
    expect(last.x + last.width).toBeLessThan(width - 5);
  });
});

describe('typographic quotes', () => {
  const paragraph = (value: string): BlockNode => ({ type: 'paragraph', classes: [], children: [{ type: 'text', value }] });
  const quoted = (language: string, value: string) => {
    const document = { children: [paragraph(value)] };
    applyTypographicQuotes(document, language);
    return ((document.children[0] as { children: InlineNode[] }).children[0] as { value: string }).value;
  };
  it.each([
    ['en', `What's "the" difference?`, 'What\u2019s \u201cthe\u201d difference?'],
    ['fr', `C'est "la" différence`, 'C\u2019est \u00ab\u00a0la\u00a0\u00bb différence'],
    ['de', `Was ist "der" Unterschied?`, 'Was ist \u201eder\u201c Unterschied?'],
    ['es', `¿Cuál es "la" diferencia?`, '¿Cuál es \u00abla\u00bb diferencia?'],
  ])('%s', (language, input, expected) => {
    expect(quoted(language, input)).toBe(expected);
  });

  it('quotes the answer key\'s answers like the rest of the page', () => {
    const document = { children: [{ type: 'writing-space', classes: [], lines: 2, children: [paragraph(`the body's "response"`)] } as BlockNode] };
    applyTypographicQuotes(document, 'en');
    const answer = (document.children[0] as { children: { children: { value: string }[] }[] }).children[0]!.children[0]!;
    expect(answer.value).toBe('the body\u2019s \u201cresponse\u201d');
  });

  it('leaves code, unpaired quotes and every other character as typed', () => {
    const document = { children: [{ type: 'paragraph', classes: [], children: [{ type: 'code', value: `x = "a"` }, { type: 'text', value: ` is 5'10" -- (c) ...` }] } as BlockNode] };
    applyTypographicQuotes(document, 'en');
    const [code, text] = (document.children[0] as { children: { value: string }[] }).children;
    expect(code!.value).toBe(`x = "a"`);
    expect(text!.value).toBe(` is 5\u201910" -- (c) ...`);
  });
});
