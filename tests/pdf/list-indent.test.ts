// Bullet and numbered lists in the PDF have a hanging indent: the marker sits in the margin of the
// item, and every line of the item's text (not just the first) starts at the same indent.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTheme } from '../../src/templates/load-theme.js';
import type { Theme } from '../../src/templates/theme.js';
import type { BlockNode } from '../../src/tree/document-tree.js';
import { StyleResolver } from '../../src/writers/pdf/computed-style.js';
import { buildFlow } from '../../src/writers/pdf/flow.js';
import { FontBook } from '../../src/writers/pdf/font-book.js';
import type { StructNode } from '../../src/writers/pdf/page-model.js';
import { paginate } from '../../src/writers/pdf/paginate.js';

let theme: Theme;
beforeAll(async () => {
  theme = (await loadTheme('default')).theme!;
});

const long = 'Antibiotics act on bacteria by attacking structures that human cells do not have, such as the cell wall, so they do not help against viruses at all.';

describe.each([false, true])('ordered: %s', (ordered) => {
  it('indents every line of an item past its marker', () => {
    const fonts = new FontBook(theme);
    const list: BlockNode = { type: 'list', ordered, classes: [], items: [[{ type: 'paragraph', classes: [], children: [{ type: 'text', value: long }] }], [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Short.' }] }]] };
    const root: StructNode = { role: 'Document', children: [] };
    const flow = buildFlow([list], 50, 300, { styles: new StyleResolver(theme.tokens), fonts, runOptions: { fonts } }, root);
    const { pages } = paginate(flow, { width: 400, height: 800, margin: { top: 50, right: 50, bottom: 50, left: 50 } });
    const texts = pages[0]!.texts;
    const marker = texts.find((text) => text.text === (ordered ? '1.' : '•'))!;
    const itemLines = texts.filter((text) => text.y >= marker.y - 0.5 && text.text !== marker.text && !text.text.startsWith('Short') && !/^\d\.$|^•$/.test(text.text));
    expect(itemLines.length).toBeGreaterThan(2);
    const lefts = [...new Set(itemLines.map((text) => Math.round(text.x * 10) / 10))];
    expect(lefts, 'all lines of the item start at one indent').toHaveLength(1);
    expect(marker.x + marker.width).toBeLessThan(lefts[0]! - 2);
    expect(lefts[0]! - 50).toBeGreaterThan(8);
  });
});
