// No text of a Venn diagram is printed over another, in every built-in theme, page size and
// edition: the region labels (which large print sets big enough to wrap or to need a lower line)
// and each region's points get room of their own. Points that do not fit their region even at the
// smallest size run past it, and the build warns; only then may texts meet.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/pipeline/render-handout.js';
import type { Edition } from '../../src/view/build-view-model.js';
import { minimumVennSize } from '../../src/writers/pdf/figures.js';
import { layoutDocument } from '../../src/writers/pdf/layout-document.js';
import { allTexts, findAll, fixture, isWithin, load, parentMap, theme, THREE, TWO_VENN, type LocatedText } from './support/editions.js';

const themes = ['default', 'large-print', 'print-economy'];
const pageSizes = ['A4', 'Letter'] as const;
const editions: Edition[] = ['handout', 'answers', 'worksheet'];
const datasets = [
  { name: 'two subjects', file: TWO_VENN },
  { name: 'three subjects', file: THREE },
  { name: 'three subjects with pairs', file: fixture('three-subjects-venn-pairs.yaml') },
  { name: 'crowded', file: fixture('venn-crowded.yaml') },
  { name: 'long subject names', file: fixture('venn-long-names.yaml') },
  // A label that needs more than two lines even at the smallest size keeps every word.
  { name: 'a subject name longer than two lines', file: fixture('venn-label-three-lines.yaml') },
];

/** The box a text's glyphs take: baseline `y`, ascent and descent approximated from the size. */
function glyphBox(text: LocatedText) {
  return { left: text.x, right: text.x + text.width, top: text.y - text.size * 0.75, bottom: text.y + text.size * 0.22 };
}

/** Pairs of texts on the same page whose glyph boxes share an area (touching edges do not count). */
function overlaps(texts: readonly LocatedText[]): string[] {
  const found: string[] = [];
  texts.forEach((a, index) => {
    for (const b of texts.slice(index + 1)) {
      if (a.pageIndex !== b.pageIndex) continue;
      const one = glyphBox(a);
      const two = glyphBox(b);
      const width = Math.min(one.right, two.right) - Math.max(one.left, two.left);
      const height = Math.min(one.bottom, two.bottom) - Math.max(one.top, two.top);
      if (width > 0.1 && height > 0.1) found.push(`${JSON.stringify(a.text)} (${a.size} pt at ${a.x.toFixed(1)}, ${a.y.toFixed(1)}) and ${JSON.stringify(b.text)} (${b.size} pt at ${b.x.toFixed(1)}, ${b.y.toFixed(1)})`);
    }
  });
  return found;
}

describe.each(themes)('theme %s: no two texts of a Venn diagram overlap', (themeName) => {
  it.each(datasets.flatMap((dataset) => pageSizes.map((pageSize) => ({ ...dataset, pageSize }))))('$name, $pageSize', async ({ file, pageSize, name }) => {
    const loaded = await load(file);
    const chosen = await theme(themeName);
    for (const edition of editions) {
      const built = buildDocument(loaded, chosen, { edition, includeDetails: false });
      const { model, warnings } = layoutDocument(built.document!, chosen, { pageSize });
      const parents = parentMap(model.structure);
      const figure = findAll(model.structure, 'Figure').find((node) => node.alt?.startsWith('Venn diagram'));
      expect(figure, `${edition}: Venn figure`).toBeDefined();
      const texts = allTexts(model).filter((text) => typeof text.owner === 'object' && isWithin(text.owner, figure!, parents));
      // Every label is there (subjects and "In common"), and, except on the worksheet, points.
      // (Compared without spaces: a label may wrap, and a point may come between its lines.)
      const letters = texts.map((text) => text.text.replace(/\s+/g, '')).join('');
      for (const label of [...loaded.dataset.subjects.map((subject) => subject.name), 'In', 'common']) expect(letters, `${edition}: label ${label}`).toContain(label.replace(/\s+/g, ''));
      if (edition !== 'worksheet') expect(texts.some((text) => text.text.includes('•')), `${edition}: points`).toBe(true);
      const crowded = warnings.some((warning) => warning.code === 'venn-text-too-small');
      // Only the crowded dataset has more text than its regions hold; it is reported, not hidden.
      expect(crowded, `${edition}: venn-text-too-small warning`).toBe(name === 'crowded' && edition !== 'worksheet');
      if (!crowded) {
        expect(overlaps(texts), `${edition}: overlapping texts`).toEqual([]);
        // Nor does a text before or after the figure meet one of its texts (a label's second line).
        const pages = new Set(texts.map((text) => text.pageIndex));
        const others = allTexts(model).filter((text) => pages.has(text.pageIndex) && !texts.some((own) => own.pageIndex === text.pageIndex && own.x === text.x && own.y === text.y && own.text === text.text));
        expect(overlaps([...texts, ...others]).filter((pair) => texts.some((own) => pair.includes(JSON.stringify(own.text)))), `${edition}: texts meeting the figure`).toEqual([]);
      }
      for (const text of texts) expect(text.size, `${edition}: ${JSON.stringify(text.text)}`).toBeGreaterThanOrEqual(minimumVennSize);
    }
  });
});
