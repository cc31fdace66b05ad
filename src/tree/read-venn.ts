import type { Element } from 'domhandler';
import type { VennNode } from './document-tree.js';
import { elementChildren, trimInlines, type MarkupContext } from './markup-context.js';

/** `<figure data-venn>`: a caption, one list per subject, one shared list, lists shared by pairs of three subjects. */
export function readVenn(element: Element, classes: string[], id: { id?: string }, context: MarkupContext): VennNode {
  const venn: VennNode = { type: 'venn', blank: element.attribs['data-venn'] === 'blank', classes, ...id, sets: [], shared: { label: '', points: [] } };
  for (const part of elementChildren(element)) {
    if (part.name === 'figcaption') {
      venn.caption = trimInlines(context.inlines(part.children));
      continue;
    }
    if (part.name !== 'ul') {
      context.problem(part, `<${part.name}> inside a Venn figure`, 'a Venn figure holds <figcaption> and <ul data-region="only|shared"> lists');
      continue;
    }
    const points = elementChildren(part).map((item) => trimInlines(context.inlines(item.children)));
    const label = part.attribs['data-label'] ?? '';
    if (part.attribs['data-region'] === 'shared') venn.shared = { label, points };
    else if (part.attribs['data-region'] === 'pair') {
      const positions = (part.attribs['data-positions'] ?? '').split(/\s+/).map(Number);
      if (positions.length !== 2 || positions.some((position) => !Number.isInteger(position) || position < 1 || position > 3) || positions[0] === positions[1]) {
        context.problem(part, `data-positions="${part.attribs['data-positions'] ?? ''}" does not name two different sets`, 'write e.g. data-positions="1 3"');
        continue;
      }
      (venn.pairs ??= []).push({ label, positions: [positions[0]!, positions[1]!], points });
    }
    else venn.sets.push({ label, position: Number(part.attribs['data-position'] ?? venn.sets.length + 1), points });
  }
  if (venn.sets.length < 2 || venn.sets.length > 3) context.problem(element, `a Venn diagram needs 2 or 3 sets, found ${venn.sets.length}`, 'one <ul data-region="only"> per subject');
  return venn;
}
