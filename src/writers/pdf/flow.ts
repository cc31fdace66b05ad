import { inlineText, type BlockNode, type InlineNode, type TableNode } from '../../tree/document-tree.js';
import type { ComputedStyle, ElementKey, StyleResolver } from './computed-style.js';
import type { FontBook } from './font-book.js';
import { breakLines, type Hyphenator, type Line } from './break-lines.js';
import { inlineRuns, tagLinks, type RunOptions } from './text-runs.js';
import { layoutTable, type TableLayout } from './table-layout.js';
import { blankLineCount, fillInLine, inlinePlain, qrFigure, vennFigure, writeOnLines, writingLines, type FigureContext, type FigureLayout } from './figures.js';
import type { StructNode } from './page-model.js';
import type { Diagnostic } from '../../shared/diagnostic.js';

/** Box decorations of a container: drawn behind its content on every page it spans. */
export interface BoxDecoration {
  x: number;
  width: number;
  background?: string;
  borderLeft?: { width: number; color: string };
  borderTop?: { width: number; color: string };
  borderBottom?: { width: number; color: string };
  paddingTop: number;
  paddingBottom: number;
}

/**
 * The measured flow: the document tree flattened into a sequence the paginator walks, with every
 * paragraph already broken into lines at its final width. Containers become open/close markers so
 * decorations can follow their content across page breaks.
 */
export type FlowItem =
  | {
      kind: 'open';
      spaceBefore: number;
      box?: BoxDecoration;
      /** Trailing matter (disclaimer, sources, conclusion): never left alone on a last page. */
      keepWithPrevious?: boolean;
    }
  | { kind: 'close'; spaceAfter: number; box?: BoxDecoration }
  | {
      kind: 'lines';
      lines: Line[];
      x: number;
      spaceBefore: number;
      spaceAfter: number;
      owner: StructNode;
      heading?: { level: number; title: string };
      marker?: { text: Line; owner: StructNode };
    }
  | { kind: 'table'; table: TableLayout; spaceBefore: number; spaceAfter: number; owner: StructNode }
  | { kind: 'figure'; figure: FigureLayout; x: number; spaceBefore: number; spaceAfter: number }
  | { kind: 'page-break' };

export interface FlowContext {
  /** Theme colours by token name (`rule`, `subject1` …), for figures and writing lines. */
  colors?: Record<string, string>;
  vennTint?: number;
  styles: StyleResolver;
  fonts: FontBook;
  runOptions: RunOptions;
  /** Hyphenation in the handout's language, for body text (headings are not hyphenated). */
  hyphenate?: Hyphenator;
  /** Answer blanks numbered so far (shared by the flows of table cells). */
  blanks?: { count: number };
  /** Layout problems the build reports as warnings. */
  warn?: (diagnostic: Diagnostic) => void;
  /** The tree is the flow's to use up: tables' body rows are taken out of it as they are measured (see layoutTable). */
  takeTableRows?: boolean;
}

export function buildFlow(blocks: readonly BlockNode[], x: number, width: number, context: FlowContext, root: StructNode, startPath: ElementKey[] = [{ tag: 'body', classes: [] }]): FlowItem[] {
  const items: FlowItem[] = [];
  const visitBlocks = (nodes: readonly BlockNode[], path: ElementKey[], left: number, available: number, parent: StructNode) => {
    for (const node of nodes) visitBlock(node, path, left, available, parent);
  };

  const paragraphItem = (inlines: readonly InlineNode[], style: ComputedStyle, left: number, available: number, owner: StructNode, hyphenate = true) => {
    const runs = inlineRuns(inlines, style, context.runOptions);
    tagLinks(runs, owner);
    const lines = breakLines(runs, available, style.lineHeight, context.fonts, style.align, hyphenate && context.hyphenate ? { hyphenate: context.hyphenate } : {});
    return { kind: 'lines' as const, lines, x: left, spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter, owner };
  };

  const visitBlock = (node: BlockNode, path: ElementKey[], left: number, available: number, parent: StructNode) => {
    switch (node.type) {
      case 'heading': {
        const style = context.styles.resolve([...path, { tag: `h${node.level}`, classes: node.classes }]);
        const title = inlineText(node.children).trim();
        const owner: StructNode = { role: `H${node.level}`, children: [], title };
        parent.children.push(owner);
        items.push({ ...paragraphItem(node.children, style, left, available, owner, false), heading: { level: node.level, title } });
        return;
      }
      case 'paragraph': {
        const style = context.styles.resolve([...path, { tag: 'p', classes: node.classes }]);
        const owner: StructNode = { role: 'P', children: [] };
        parent.children.push(owner);
        items.push(paragraphItem(node.children, style, left, measured(available, style), owner));
        return;
      }
      case 'list': {
        const listPath = [...path, { tag: node.ordered ? 'ol' : 'ul', classes: node.classes }];
        const listStyle = context.styles.resolve(listPath);
        const list: StructNode = { role: 'L', children: [] };
        parent.children.push(list);
        const indent = listStyle.size * 1.6;
        items.push({ kind: 'open', spaceBefore: listStyle.spaceBefore });
        node.items.forEach((blocks, index) => {
          const itemPath = [...listPath, { tag: 'li', classes: [] }];
          const itemStyle = context.styles.resolve(itemPath);
          const item: StructNode = { role: 'LI', children: [] };
          const label: StructNode = { role: 'Lbl', children: [] };
          const body: StructNode = { role: 'LBody', children: [] };
          item.children.push(label, body);
          list.children.push(item);
          const markerText = node.ordered ? `${index + 1}.` : '•';
          const marker = breakLines(inlineRuns([{ type: 'text', value: markerText }], itemStyle, context.runOptions), indent, itemStyle.lineHeight, context.fonts)[0]!;
          const start = items.length;
          visitBlocks(blocks, itemPath, left + indent, available - indent, body);
          const first = items.slice(start).find((entry) => entry.kind === 'lines');
          if (first && first.kind === 'lines') first.marker = { text: marker, owner: label };
          const last = items.at(-1);
          if (last && last.kind === 'lines') last.spaceAfter = Math.max(last.spaceAfter, itemStyle.spaceAfter);
        });
        items.push({ kind: 'close', spaceAfter: listStyle.spaceAfter });
        return;
      }
      case 'table': {
        const tablePath = [...path, { tag: 'table', classes: node.classes }];
        const style = context.styles.resolve(tablePath);
        const owner: StructNode = { role: 'Table', children: [] };
        parent.children.push(owner);
        const table = layoutTable(node as TableNode, tablePath, left, available, context, owner);
        items.push({ kind: 'table', table, spaceBefore: style.spaceBefore, spaceAfter: style.spaceAfter, owner });
        return;
      }
      case 'container': {
        const containerPath = [...path, { tag: node.tag, classes: node.classes }];
        const style = context.styles.resolve(containerPath);
        const owner: StructNode = { role: node.tag === 'section' ? 'Sect' : 'Div', children: [] };
        parent.children.push(owner);
        const decorated = style.background !== undefined || style.borderLeft !== undefined || style.borderTop !== undefined || style.borderBottom !== undefined || style.paddingTop > 0 || style.paddingBottom > 0;
        const width = measured(available, style);
        const box: BoxDecoration | undefined = decorated
          ? {
              x: left,
              width,
              ...(style.background ? { background: style.background } : {}),
              ...(style.borderLeft ? { borderLeft: style.borderLeft } : {}),
              ...(style.borderTop ? { borderTop: style.borderTop } : {}),
              ...(style.borderBottom ? { borderBottom: style.borderBottom } : {}),
              paddingTop: style.paddingTop,
              paddingBottom: style.paddingBottom,
            }
          : undefined;
        const inset = (style.borderLeft?.width ?? 0) + (style.background || style.borderLeft ? style.paddingLeft : 0);
        const insetRight = style.background ? style.paddingRight : 0;
        items.push({ kind: 'open', spaceBefore: style.spaceBefore, ...(box ? { box } : {}), ...(style.keepWithPrevious ? { keepWithPrevious: true } : {}) });
        visitBlocks(node.children, containerPath, left + inset, width - inset - insetRight, owner);
        items.push({ kind: 'close', spaceAfter: style.spaceAfter, ...(box ? { box } : {}) });
        return;
      }
      case 'page-break':
        items.push({ kind: 'page-break' });
        return;
      case 'writing-space': {
        const spacePath = [...path, { tag: 'div', classes: node.classes }];
        const style = context.styles.resolve(spacePath);
        const owner: StructNode = { role: 'P', children: [] };
        const counter = (context.blanks ??= { count: 0 });
        const blank = node.answerLength ? { id: ++counter.count, answerLength: node.answerLength } : undefined;
        let lines = writingLines(blankLineCount(node.lines, node.answerLength, available), available, style, figureContext().ruleColor, blank);
        if (node.children && node.children.length > 0) {
          // The answer key: the answer is the blank's text, on the worksheet's lines.
          parent.children.push(owner);
          const text = node.children.flatMap((child) => {
            const inlines: InlineNode[] = child.type === 'paragraph' || child.type === 'heading' ? child.children : [{ type: 'text', value: blockPlain(child) }];
            const textStyle = context.styles.resolve([...spacePath, { tag: 'p', classes: child.classes }]);
            return paragraphItem(inlines, textStyle, left, available, owner).lines;
          });
          lines = writeOnLines(lines, text);
        }
        items.push({ kind: 'lines', lines, x: left, spaceBefore: style.spaceBefore, spaceAfter: Math.max(style.spaceAfter, 4), owner });
        return;
      }
      case 'fill-in': {
        const style = context.styles.resolve([...path, { tag: 'div', classes: node.classes }]);
        const owner: StructNode = { role: 'P', children: [] };
        parent.children.push(owner);
        items.push({ kind: 'lines', lines: [fillInLine(node, available, style, figureContext())], x: left, spaceBefore: style.spaceBefore, spaceAfter: Math.max(style.spaceAfter, 8), owner });
        return;
      }
      case 'venn':
      case 'qr': {
        const style = context.styles.resolve([...path, { tag: node.type === 'venn' ? 'figure' : 'div', classes: node.classes }]);
        const owner: StructNode = { role: 'Figure', children: [], alt: figureAlt(node) };
        parent.children.push(owner);
        if (node.type === 'venn' && node.caption && node.caption.length > 0) {
          const captionStyle = context.styles.resolve([...path, { tag: 'figure', classes: node.classes }, { tag: 'figcaption', classes: [] }]);
          const caption: StructNode = { role: 'Caption', children: [] };
          owner.children.push(caption);
          items.push({ ...paragraphItem(node.caption, captionStyle, left, available, caption), spaceBefore: style.spaceBefore });
        }
        let figure: FigureLayout;
        if (node.type === 'venn') figure = vennFigure(node, available, style, figureContext(), owner);
        else {
          // The Figure holds the code alone; its label and link are a paragraph after it.
          const label: StructNode = { role: 'P', children: [] };
          parent.children.push(label);
          figure = qrFigure(node, available, style, figureContext(), owner, label);
        }
        items.push({ kind: 'figure', figure, x: left, spaceBefore: node.type === 'venn' && node.caption ? 4 : style.spaceBefore, spaceAfter: Math.max(style.spaceAfter, 8) });
        return;
      }
      default: {
        const unhandled: never = node;
        throw new Error(`unhandled block ${JSON.stringify(unhandled)}`);
      }
    }
  };

  const figureContext = (): FigureContext => ({
    fonts: context.fonts,
    runOptions: context.runOptions,
    ruleColor: context.colors?.rule ?? '#9aa5b1',
    vennTint: context.vennTint ?? 0.08,
    subjectColor: (position) => context.colors?.[`subject${position}`] ?? context.colors?.accent ?? '#1b5e8a',
    ...(context.warn ? { warn: context.warn } : {}),
    ...(context.hyphenate ? { hyphenate: context.hyphenate } : {}),
  });

  visitBlocks(blocks, startPath, x, width, root);
  return items;
}

/** A block's width under its style's measure (longest line, in ems of its size), never wider than what is available. */
function measured(available: number, style: ComputedStyle): number {
  return style.measure !== undefined ? Math.min(available, style.measure * style.size) : available;
}

/** Text of a block that is not a paragraph, for an answer written on ruled lines. */
function blockPlain(block: BlockNode): string {
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return inlineText(block.children);
    case 'list':
      return block.items.map((item) => item.map(blockPlain).join(' ')).join(' ');
    case 'container':
      return block.children.map(blockPlain).join(' ');
    case 'writing-space':
      return (block.children ?? []).map(blockPlain).join(' ');
    case 'table':
      return [...block.head, ...block.body].map((row) => row.cells.map((cell) => cell.children.map(blockPlain).join(' ')).join(' ')).join(' ');
    case 'venn':
      return [...block.sets.flatMap((set) => [set.label, ...set.points.map(inlinePlain)]), ...(block.pairs ?? []).flatMap((pair) => pair.points.map(inlinePlain)), block.shared.label, ...block.shared.points.map(inlinePlain)].join(' ');
    case 'page-break':
    case 'fill-in':
    case 'qr':
      return '';
  }
}

/** What a screen reader says for a figure: the diagram's content as text. */
function figureAlt(node: Extract<BlockNode, { type: 'venn' | 'qr' }>): string {
  if (node.type === 'qr') return `QR code linking to ${node.value}`;
  const parts = node.sets.map((set) => `${set.label}: ${node.blank ? 'empty' : set.points.map(inlinePlain).join('; ') || 'nothing listed'}`);
  for (const pair of node.pairs ?? []) parts.push(`${pair.label}: ${node.blank ? 'empty' : pair.points.map(inlinePlain).join('; ') || 'nothing listed'}`);
  parts.push(`${node.shared.label}: ${node.blank ? 'empty' : node.shared.points.map(inlinePlain).join('; ') || 'nothing listed'}`);
  return `Venn diagram of ${node.sets.map((set) => set.label).join(', ')}. ${parts.join('. ')}.`;
}
