/**
 * Invariants of a page model (src/writers/pdf/page-model.ts), checked without a PDF: every placed
 * text inside the page's left and right margins (body text also between top and bottom margins),
 * every text of a table cell inside that cell's area on its page, and no two cell areas of a page
 * overlapping. Returns each broken invariant as a line.
 */
import type { PageModel, StructNode } from '../../../src/writers/pdf/page-model.js';

/** Layout rounding: a text may touch an edge. */
const epsilon = 0.01;

/** Every parent of every struct node. */
function parentsOf(root: StructNode): Map<StructNode, StructNode> {
  const parents = new Map<StructNode, StructNode>();
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const child of node.children) {
      parents.set(child, node);
      stack.push(child);
    }
  }
  return parents;
}

/** The table cell (TD or TH) a struct node belongs to, if any. */
function cellOf(node: StructNode, parents: Map<StructNode, StructNode>): StructNode | undefined {
  for (let current: StructNode | undefined = node; current; current = parents.get(current)) {
    if (current.role === 'TD' || current.role === 'TH') return current;
  }
  return undefined;
}

/** Every broken invariant of a page model, as readable lines. */
export function layoutProblems(model: PageModel, margin: { top: number; right: number; bottom: number; left: number }): string[] {
  const problems: string[] = [];
  const parents = parentsOf(model.structure);
  const left = margin.left - epsilon;
  const right = model.width - margin.right + epsilon;
  const top = margin.top - epsilon;
  const bottom = model.height - margin.bottom + epsilon;
  model.pages.forEach((page, pageIndex) => {
    const where = (text: { text: string; x: number; y: number }) => `page ${pageIndex + 1}: “${text.text.slice(0, 40)}” at (${text.x.toFixed(2)}, ${text.y.toFixed(2)})`;
    for (const text of page.texts) {
      if (text.x < left || text.x + text.width > right) problems.push(`${where(text)}, width ${text.width.toFixed(2)}: outside the left/right margins`);
      if (text.y < 0 || text.y > model.height) problems.push(`${where(text)}: off the page`);
      // Body text (not the running header or footer) stays between the top and bottom margins.
      if (typeof text.owner === 'object' && (text.y - text.size * 0.8 < top || text.y > bottom)) problems.push(`${where(text)}: outside the top/bottom margins`);
      if (typeof text.owner !== 'object') continue;
      const cell = cellOf(text.owner, parents);
      if (!cell) continue;
      const areas = page.cells.filter((area) => area.owner === cell);
      if (areas.length === 0) {
        problems.push(`${where(text)}: its ${cell.role} has no area on this page`);
        continue;
      }
      const inside = areas.some(
        (area) =>
          text.x >= area.x - epsilon &&
          text.x + text.width <= area.x + area.width + epsilon &&
          text.y - text.size * 0.8 >= area.y - epsilon &&
          text.y + text.size * 0.2 <= area.y + area.height + epsilon,
      );
      if (!inside) {
        const area = areas[0]!;
        problems.push(`${where(text)}, width ${text.width.toFixed(2)}: outside its ${cell.role} (${area.x.toFixed(2)}, ${area.y.toFixed(2)}, ${area.width.toFixed(2)} × ${area.height.toFixed(2)})`);
      }
    }
    for (const area of page.cells) {
      if (area.x < left || area.x + area.width > right || area.y < top || area.y + area.height > bottom) {
        problems.push(`page ${pageIndex + 1}: a ${area.owner.role} (${area.x.toFixed(2)}, ${area.y.toFixed(2)}, ${area.width.toFixed(2)} × ${area.height.toFixed(2)}) leaves the margins`);
      }
    }
    const cells = page.cells;
    for (let i = 0; i < cells.length; i++) {
      for (let j = i + 1; j < cells.length; j++) {
        const a = cells[i]!;
        const b = cells[j]!;
        const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (overlapX > epsilon && overlapY > epsilon) problems.push(`page ${pageIndex + 1}: two cells overlap by ${overlapX.toFixed(2)} × ${overlapY.toFixed(2)}`);
      }
    }
  });
  return problems;
}

