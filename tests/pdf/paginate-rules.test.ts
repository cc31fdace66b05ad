// Page-fill rules of the paginator, on synthetic flows: a figure that does not fit lets the following
// section fill the page first; a question's prompt keeps with its first answer lines (in the answer key
// too); trailing matter is pulled back onto the page before it, whatever content precedes it.
import { describe, expect, it } from 'vitest';
import type { Line } from '../../src/writers/pdf/break-lines.js';
import type { ComputedStyle } from '../../src/writers/pdf/computed-style.js';
import type { FlowItem } from '../../src/writers/pdf/flow.js';
import type { RowLayout } from '../../src/writers/pdf/table-layout.js';
import type { StructNode } from '../../src/writers/pdf/page-model.js';
import { paginate, type PageFrame } from '../../src/writers/pdf/paginate.js';

const frame: PageFrame = { width: 600, height: 800, margin: { top: 50, right: 50, bottom: 50, left: 50 } };
const body = 700;
const owner = (): StructNode => ({ role: 'P', children: [] });

function textLines(count: number, label: string, height = 14): Line[] {
  return Array.from({ length: count }, (_, index) => ({
    fragments: [{ text: `${label} ${index + 1}`, x: 0, width: 100, font: { family: 'body', face: 'regular' }, size: 10, color: '#000000' }],
    width: 100,
    height,
    baseline: 10,
  }));
}
type LinesItem = Extract<FlowItem, { kind: 'lines' }>;
const lines = (count: number, label: string, extra: Partial<LinesItem> = {}): LinesItem => ({ kind: 'lines', lines: textLines(count, label), x: 50, spaceBefore: 6, spaceAfter: 6, owner: owner(), ...extra });
const heading = (title: string): FlowItem => lines(1, title, { heading: { level: 2, title } });
const open = (keepWithPrevious = false): FlowItem => ({ kind: 'open', spaceBefore: 10, ...(keepWithPrevious ? { keepWithPrevious: true } : {}) });
const close: FlowItem = { kind: 'close', spaceAfter: 10 };
const figure = (height: number): FlowItem => ({ kind: 'figure', figure: { height, width: 300, shapes: [{ kind: 'circle', cx: 150, cy: height / 2, r: height / 2, stroke: '#000000', lineWidth: 1 }], texts: [] }, x: 50, spaceBefore: 6, spaceAfter: 10 } as FlowItem);
const writing = (count: number): FlowItem => ({ kind: 'lines', lines: Array.from({ length: count }, () => ({ fragments: [], width: 400, height: 24, baseline: 20, rules: [{ x1: 0, x2: 400, color: '#999999' }] })), x: 50, spaceBefore: 0, spaceAfter: 8, owner: owner() });
/** The same blank in an answer key: the answer written on its rules (which carry the blank's mark). */
const answered = (count: number, id: number): FlowItem => ({
  kind: 'lines',
  lines: Array.from({ length: count }, (_, index) => ({ fragments: textLines(1, `answer ${index + 1}`)[0]!.fragments, width: 400, height: 24, baseline: 20, rules: [{ x1: 0, x2: 400, color: '#999999', blank: { id, answerLength: 60 } }] })),
  x: 50,
  spaceBefore: 0,
  spaceAfter: 8,
  owner: owner(),
});
const row = (label: string, height: number): RowLayout => ({
  owner: owner(),
  height,
  cells: [{ owner: owner(), x: 50, width: 500, style: { paddingTop: 4, paddingBottom: 4 } as ComputedStyle, contentHeight: height - 8, lines: [{ line: textLines(1, label)[0]!, top: 0, x: 54, owner: owner() }] }],
});
const table = (rows: number, rowHeight: number): FlowItem => ({ kind: 'table', table: { x: 50, width: 500, head: [row('head', 30)], body: Array.from({ length: rows }, (_, index) => row(`row${index + 1}`, rowHeight)) }, spaceBefore: 6, spaceAfter: 6, owner: owner() });

/** Lowest text baseline on a page (its filled height, roughly). */
const filledTo = (page: { texts: { y: number }[] }) => Math.max(frame.margin.top, ...page.texts.map((text) => text.y));
const pageOf = (pages: { texts: { text: string }[] }[], text: string) => pages.findIndex((page) => page.texts.some((t) => t.text === text));
const textsOn = (page: { texts: { text: string }[] }) => page.texts.map((text) => text.text);

describe('figures', () => {
  it('a figure that does not fit under the text before it lets the next section fill the page', () => {
    // 20 lines (≈ 300 pt) of text, then a 450 pt figure section, then a section of 20 lines.
    const flow: FlowItem[] = [open(), lines(20, 'intro'), close, open(), heading('Figure'), figure(450), close, open(), heading('Details'), lines(20, 'detail'), close];
    const { pages } = paginate(flow, frame);
    expect(pages).toHaveLength(2);
    expect(filledTo(pages[0]!) - frame.margin.top, 'page 1 is at least two-thirds full').toBeGreaterThan((2 / 3) * body);
    expect(pageOf(pages, 'detail 1')).toBe(0);
    expect(pages[1]!.decorations.some((decoration) => decoration.kind === 'circle')).toBe(true);
  });

  it('stays in place when it fits', () => {
    const flow: FlowItem[] = [open(), lines(10, 'intro'), close, open(), heading('Figure'), figure(300), close, open(), heading('Details'), lines(10, 'detail'), close];
    const { pages } = paginate(flow, frame);
    expect(pages[0]!.decorations.some((decoration) => decoration.kind === 'circle')).toBe(true);
    expect(pageOf(pages, 'detail 1')).toBe(0);
  });
});

describe('questions', () => {
  it("a question's prompt moves to the next page with its first answer lines", () => {
    // Fill the page so that the prompt (2 lines) fits at the bottom but no answer line does.
    const filler = Math.floor((body - 60) / 14);
    const flow: FlowItem[] = [lines(filler, 'filler'), lines(2, 'prompt'), writing(4)];
    const { pages } = paginate(flow, frame);
    const promptPage = pageOf(pages, 'prompt 1');
    expect(promptPage).toBe(1);
    expect(pages[promptPage]!.decorations.filter((decoration) => decoration.kind === 'rule').length).toBeGreaterThanOrEqual(2);
  });
});

describe('questions in the answer key', () => {
  it('keep their prompt with the first answer lines like the worksheet, so both break at the same place', () => {
    const filler = Math.floor((body - 60) / 14);
    const worksheet = paginate([lines(filler, 'filler'), lines(2, 'prompt'), writing(4)], frame).pages;
    const key = paginate([lines(filler, 'filler'), lines(2, 'prompt'), answered(4, 1)], frame).pages;
    expect(pageOf(key, 'prompt 1')).toBe(1);
    expect(pageOf(key, 'prompt 1')).toBe(pageOf(worksheet, 'prompt 1'));
    expect(key).toHaveLength(worksheet.length);
  });
});

describe('trailing matter', () => {
  it('is pulled back by a bounded squeeze of spacing when that saves the page', () => {
    // Many blocks with generous spacing; the trailing disclaimer just overflows.
    const blocks: FlowItem[] = [];
    for (let index = 0; index < 13; index++) blocks.push(open(), lines(3, `block${index}`), close);
    const flow = [...blocks, open(true), lines(2, 'disclaimer'), close];
    // 13 blocks of 42 pt, 13 gaps of 10 pt, the disclaimer's 28 pt: 704 pt on a 700 pt page.
    const unsqueezedHeight = 13 * 3 * 14 + 13 * 10 + 2 * 14;
    expect(unsqueezedHeight).toBeGreaterThan(body);
    const { pages } = paginate(flow, frame);
    expect(pages).toHaveLength(1);
  });

  it('otherwise takes the last two lines of the content before it along', () => {
    const flow: FlowItem[] = [lines(Math.floor(body / 14) - 1, 'body'), open(true), lines(3, 'disclaimer'), close];
    const { pages } = paginate(flow, frame);
    expect(pages).toHaveLength(2);
    const last = pages[1]!.texts.map((text) => text.text);
    expect(last.filter((text) => text.startsWith('body'))).toHaveLength(2);
    expect(last).toContain('disclaimer 1');
    // The lines that go along leave the page before: each line is placed once.
    const placed = pages.flatMap((page) => page.texts.map((text) => text.text)).filter((text) => text.startsWith('body'));
    expect(placed).toEqual(Array.from({ length: Math.floor(body / 14) - 1 }, (_, index) => `body ${index + 1}`));
  });

  it("after a question: the whole question goes along, its answer lines not cut", () => {
    // A page of text ends with a question (prompt and six answer lines); the disclaimer does not fit under it.
    const used = 2 * 14 + 6 + 6 * 24;
    const filler = Math.floor((body - used - 20) / 14);
    const flow: FlowItem[] = [lines(filler, 'body'), lines(2, 'prompt'), writing(6), open(true), lines(3, 'disclaimer'), close];
    const { pages } = paginate(flow, frame);
    expect(pages).toHaveLength(2);
    expect(textsOn(pages[1]!)).toEqual(expect.arrayContaining(['prompt 1', 'prompt 2', 'disclaimer 1']));
    expect(pages[1]!.decorations.filter((decoration) => decoration.kind === 'rule')).toHaveLength(6);
  });

  it('after a table: its last row goes along, under the repeated header', () => {
    // Nineteen rows of 34 pt and the header fill 676 of 700 pt; the disclaimer does not fit under them.
    const flow: FlowItem[] = [table(19, 34), open(true), lines(3, 'disclaimer'), close];
    const { pages } = paginate(flow, frame);
    expect(pages).toHaveLength(2);
    expect(textsOn(pages[0]!)).toContain('row18 1');
    expect(textsOn(pages[1]!)).toEqual(['head 1', 'row19 1', 'disclaimer 1', 'disclaimer 2', 'disclaimer 3']);
  });
});
