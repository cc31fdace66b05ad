// Worksheets and their answer keys, for every bundled dataset (and the worksheet fixtures) × theme ×
// paper size, with and without the detail sections: the key has the worksheet's pages and blanks (the
// answers are written on the very lines the worksheet leaves blank), every blank has at least 3.2 mm of ruled line per character of its model answer (measured
// in the page model: rule lengths against the characters the key prints on those rules), the key
// says "Answer key" on every page, a question's prompt ends on the page where its answer lines start
// (worksheet and key), and the disclaimer is not set off by a rule that reads as one more answer line.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/pipeline/render-handout.js';
import { loadDataset } from '../../src/load/load-dataset.js';
import { labelsFor } from '../../src/view/labels.js';
import type { Edition } from '../../src/view/build-view-model.js';
import { layoutDocument, type PageSize } from '../../src/writers/pdf/layout-document.js';
import type { Decoration, PageModel } from '../../src/writers/pdf/page-model.js';
import { fromRoot } from '../support/paths.js';
import { FOUR, TWO_VENN, fixture, theme } from './support/editions.js';

const bundled = fromRoot('tests', 'fixtures', 'bundled');
const datasets = readdirSync(bundled).filter((name) => name.endsWith('.yaml'));
/** Every bundled dataset, and the worksheet fixtures (a second three-subject one with pairwise Venn regions, four subjects, two). */
const files = [...datasets.map((name) => join(bundled, name)), fixture('three-subjects-venn-pairs.yaml'), FOUR, TWO_VENN];
const themes = ['default', 'large-print', 'print-economy'];
const sizes: PageSize[] = ['A4', 'Letter'];
const millimetresPerPoint = 25.4 / 72;

async function layout(file: string, edition: Edition, themeName: string, pageSize: PageSize, includeDetails = false): Promise<PageModel> {
  const loaded = await loadDataset(file);
  if (!loaded.loaded) throw new Error(`${file}: ${JSON.stringify(loaded.diagnostics)}`);
  const built = buildDocument(loaded.loaded, await theme(themeName), { edition, includeDetails });
  if (!built.document) throw new Error(`${file} ${edition}: ${JSON.stringify(built.diagnostics)}`);
  return layoutDocument(built.document, await theme(themeName), { pageSize }).model;
}

type Rule = Extract<Decoration, { kind: 'rule' }> & { pageIndex: number };

/** The ruled lines of every answer blank, by blank number. */
function blanks(model: PageModel): Map<number, Rule[]> {
  const byId = new Map<number, Rule[]>();
  model.pages.forEach((page, pageIndex) => {
    for (const decoration of page.decorations) {
      if (decoration.kind !== 'rule' || !decoration.blank) continue;
      const list = byId.get(decoration.blank.id) ?? [];
      list.push({ ...decoration, pageIndex });
      byId.set(decoration.blank.id, list);
    }
  });
  return byId;
}

/** Characters the answer key prints on a blank's rules (a line break counts as the space it replaces). */
function printedOn(model: PageModel, rules: readonly Rule[]): number {
  let characters = 0;
  let withinWord = false;
  for (const rule of rules) {
    const onRule = model.pages[rule.pageIndex]!.texts.filter((text) => Math.abs(text.y + 2.5 - rule.y1) < 0.01 && text.x >= rule.x1 - 0.01 && text.x < rule.x2);
    if (onRule.length === 0) continue;
    const line = onRule.map((text) => text.text).join('').trim();
    // Lines split inside a word (after a hard hyphen, or with a hyphen the breaker adds, U+2010, which
    // is not a character of the answer) join without the space that separates other lines.
    characters += line.replace(/\u2010$/, '').length + (characters > 0 && !withinWord ? 1 : 0);
    withinWord = /[-\u2010]$/.test(line);
  }
  return characters;
}

describe.each(files.map((file) => [basename(file), file]))('%s', (_name, file) => {
  describe.each(themes)('theme %s', (themeName) => {
    it.each(sizes.flatMap((size) => [[size, ''], [size, ' with details']] as const))('%s%s: the key has the worksheet\'s pages and blanks, 3.2 mm of line per character, a mark on every page', async (pageSize, details) => {
      await sameGeometry(file, themeName, pageSize, details !== '');
    });
  });
});

async function sameGeometry(file: string, themeName: string, pageSize: PageSize, includeDetails: boolean): Promise<void> {
  const worksheet = await layout(file, 'worksheet', themeName, pageSize, includeDetails);
  const key = await layout(file, 'answers', themeName, pageSize, includeDetails);
  expect(key.pages.length).toBe(worksheet.pages.length);

  const worksheetBlanks = blanks(worksheet);
  const keyBlanks = blanks(key);
  expect(worksheetBlanks.size).toBeGreaterThan(0);
  expect([...keyBlanks.keys()]).toEqual([...worksheetBlanks.keys()]);
  for (const [id, rules] of worksheetBlanks) {
    const position = (list: readonly Rule[]) => list.map((rule) => [rule.pageIndex, rule.x1.toFixed(2), rule.y1.toFixed(2), rule.x2.toFixed(2)].join(' '));
    expect(position(keyBlanks.get(id)!), `blank ${id} moves between worksheet and key`).toEqual(position(rules));
    expect(rules.length, `blank ${id} has fewer than two lines`).toBeGreaterThanOrEqual(2);
    const ruled = rules.reduce((sum, rule) => sum + (rule.x2 - rule.x1) * millimetresPerPoint, 0);
    const characters = printedOn(key, keyBlanks.get(id)!);
    expect(characters, `blank ${id}: the key prints no answer on it`).toBeGreaterThan(0);
    expect(ruled / characters, `blank ${id}: ${(ruled / characters).toFixed(2)} mm per character`).toBeGreaterThanOrEqual(3.2);
  }

  const mark = labelsFor('en')!.answerKey;
  const answerColour = (await theme(themeName)).tokens.colors.answer;
  key.pages.forEach((page, index) => {
    const marks = page.texts.filter((text) => text.owner === 'pagination' && text.text.trim() === mark);
    expect(marks.length, `page ${index + 1} of the key has no "${mark}" mark`).toBe(1);
    expect(marks[0]!.size).toBeGreaterThanOrEqual(10);
    expect(marks[0]!.color.toLowerCase()).toBe(answerColour?.toLowerCase());
  });
  worksheet.pages.forEach((page) => expect(page.texts.some((text) => text.text.trim() === mark)).toBe(false));
}

/** Words of a text, lower-cased; a hyphen the breaker adds at a line end (U+2010) is dropped. */
const wordsOf = (text: string) => text.replace(/\u2010/g, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0);

/**
 * Every question's prompt ends on the page where its answer lines start: the text line just above the
 * blank's first ruled line, on the same page, is the prompt's (not the running header, not a page top).
 */
async function promptsKeepWithAnswers(file: string, edition: Edition, themeName: string, pageSize: PageSize, includeDetails: boolean): Promise<number> {
  const loaded = await loadDataset(file);
  if (!loaded.loaded) throw new Error(`${file}: ${JSON.stringify(loaded.diagnostics)}`);
  const questions = loaded.loaded.dataset.questions ?? [];
  const model = await layout(file, edition, themeName, pageSize, includeDetails);
  const byId = blanks(model);
  // Questions come last in the document, so their blanks are the last ones.
  const ids = [...byId.keys()].sort((a, b) => a - b).slice(-questions.length);
  questions.forEach((question, index) => {
    const first = byId.get(ids[index]!)![0]!;
    const page = model.pages[first.pageIndex]!;
    const above = page.texts.filter((text) => text.owner !== 'pagination' && text.y < first.y1 - 2.5 - 0.01);
    const lastY = Math.max(...above.map((text) => text.y));
    const lineAbove = wordsOf(above.filter((text) => Math.abs(text.y - lastY) < 0.01).map((text) => text.text).join(' ')).filter((word) => !/^\d+$/.test(word));
    const prompt = new Set(wordsOf(question.prompt));
    expect(lineAbove.length, `question ${index + 1} (${edition}): its answer lines start page ${first.pageIndex + 1} with no prompt above them`).toBeGreaterThan(0);
    expect(lineAbove.filter((word) => !prompt.has(word)), `question ${index + 1} (${edition}): the line above its answer lines is not its prompt`).toEqual([]);
  });
  return questions.length;
}


describe.each(files.map((file) => [basename(file), file]))("a question's prompt keeps with its first answer lines: %s", (_name, file) => {
  describe.each(themes)('theme %s', (themeName) => {
    it.each(sizes)('%s, worksheet and answer key, with and without details', async (pageSize) => {
      for (const edition of ['worksheet', 'answers'] as const) for (const includeDetails of [false, true]) await promptsKeepWithAnswers(file, edition, themeName, pageSize, includeDetails);
    });
  });
});

it('the prompt check covers three-subject datasets with questions', async () => {
  const threeWithQuestions = [];
  for (const file of files) {
    const dataset = (await loadDataset(file)).loaded?.dataset;
    if (dataset?.subjects.length === 3 && (dataset.questions?.length ?? 0) > 0) threeWithQuestions.push(file);
  }
  expect(threeWithQuestions.length).toBeGreaterThanOrEqual(2);
});

describe('the disclaimer', () => {
  it.each(themes)('is not set off by a horizontal rule that reads as an answer line (%s)', async (themeName) => {
    const worksheet = await layout(`${bundled}/bacteria-vs-viruses-vs-fungi.yaml`, 'worksheet', themeName, 'A4');
    const pageIndex = worksheet.pages.findIndex((page) => page.texts.some((text) => text.text.includes('not medical advice')));
    expect(pageIndex).toBeGreaterThanOrEqual(0);
    const page = worksheet.pages[pageIndex]!;
    const disclaimerY = Math.min(...page.texts.filter((text) => text.owner !== 'pagination' && /simplified|overview|medical/.test(text.text)).map((text) => text.y));
    const lastAnswerRule = Math.max(...page.decorations.filter((d): d is Extract<Decoration, { kind: 'rule' }> => d.kind === 'rule' && d.blank !== undefined).map((rule) => rule.y1));
    const between = [...page.decorations, ...page.overlays].filter((d) => d.kind === 'rule' && !d.blank && d.y1 === d.y2 && d.y1 > lastAnswerRule + 0.01 && d.y1 < disclaimerY);
    expect(between).toEqual([]);
  });
});

describe('an answer longer than a page', () => {
  it('gets a worksheet blank carried over the pages it needs, and the answer key prints all of it', async () => {
    const file = fromRoot('tests', 'fixtures', 'pdf', 'tall-row.yaml');
    const worksheet = await layout(file, 'worksheet', 'default', 'A4');
    const pagesWithRules = new Set([...blanks(worksheet).values()].flat().map((rule) => rule.pageIndex));
    expect(pagesWithRules.size).toBeGreaterThan(2);
    const answers = await layout(file, 'answers', 'default', 'A4');
    const longest = Math.max(...[...blanks(answers).values()].map((rules) => printedOn(answers, rules)));
    expect(longest).toBeGreaterThan(4000);
  });
});

describe('a blank that fits on a page', () => {
  it.each(['worksheet', 'answers'] as const)('is never cut across pages: it moves whole, with its prompt (%s)', async (edition) => {
    const model = await layout(fixture('question-blank-at-page-end.yaml'), edition, 'default', 'A4');
    const cut = [...blanks(model)].filter(([, rules]) => new Set(rules.map((rule) => rule.pageIndex)).size > 1).map(([id, rules]) => `blank ${id} on pages ${[...new Set(rules.map((rule) => rule.pageIndex + 1))].join(', ')}`);
    expect(cut).toEqual([]);
    expect(model.pages.length).toBe(4);
  });
});
