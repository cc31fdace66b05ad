import QRCode from 'qrcode';
import type { Diagnostic } from '../../shared/diagnostic.js';
import type { FillInNode, InlineNode, QrNode, VennNode } from '../../tree/document-tree.js';
import { vennGeometry, vennHeight, type VennBox, type VennCircle } from '../shared/venn-geometry.js';
import type { ComputedStyle } from './computed-style.js';
import type { Hyphenator, Line } from './break-lines.js';
import { breakLines } from './break-lines.js';
import type { FontBook } from './font-book.js';
import type { BlankMark, Decoration, StructNode } from './page-model.js';
import { inlineRuns, tagLinks, type RunOptions } from './text-runs.js';

/**
 * Blocks drawn as a fixed picture: their shapes and text positioned relative to the block's top;
 * the paginator moves them onto a page as one piece.
 */
export interface FigureLayout {
  height: number;
  shapes: Decoration[];
  texts: { line: Line; x: number; top: number; owner: StructNode }[];
}

export interface FigureContext {
  fonts: FontBook;
  runOptions: RunOptions;
  ruleColor: string;
  /** Opacity of the tint inside Venn circles; 0 draws outlines only. */
  vennTint: number;
  /** Fill colour per subject position, for per-subject colours. */
  subjectColor: (position: number) => string;
  /** Problems worth a warning (Venn points that do not fit at the smallest size). */
  warn?: (diagnostic: Diagnostic) => void;
  /**
   * Hyphenation in the handout's language, for Venn points: a word wider than its region breaks where
   * the language allows ("Amphib‐ians"), not after whichever letter still fits ("Amphibia‐ns").
   */
  hyphenate?: Hyphenator;
}

/** Smallest size Venn points are set in: below it they are hard to read on paper. */
export const minimumVennSize = 7;

/**
 * Ruled line a handwritten answer needs per character of the model answer: handwriting of
 * 12–16-year-olds runs about 3 mm a character, and a little slack keeps the last words from
 * being squeezed into the margin.
 */
export const ruledMillimetresPerCharacter = 3.2;
/** Fewest lines of a blank with a model answer: one line invites a one-word answer. */
export const minimumBlankLines = 2;
const millimetresPerPoint = 25.4 / 72;

/**
 * Lines of a blank `width` points wide: the template's count, raised so the model answer gets at
 * least `ruledMillimetresPerCharacter` of ruled line per character.
 */
export function blankLineCount(lines: number, answerLength: number | undefined, width: number): number {
  if (!answerLength) return lines;
  const needed = Math.ceil((answerLength * ruledMillimetresPerCharacter) / (width * millimetresPerPoint) - 1e-9);
  return Math.max(lines, minimumBlankLines, needed);
}

/** Ruled lines to handwrite on; the rule sits near the bottom of each line box. */
export function writingLines(count: number, width: number, style: ComputedStyle, ruleColor: string, blank?: BlankMark): Line[] {
  const height = Math.max(20, style.size * style.lineHeight * 1.55);
  return Array.from({ length: count }, () => ({ fragments: [], width, height, baseline: height - 4, rules: [{ x1: 0, x2: width, color: ruleColor, ...(blank ? { blank } : {}) }] }));
}

/**
 * An answer key's blank: the answer's lines set on the worksheet's ruled lines, one text line per
 * ruled line, so the key has the worksheet's geometry. Only an answer longer than its blank (the
 * per-character rule makes that rare) adds ruled lines.
 */
export function writeOnLines(ruled: readonly Line[], text: readonly Line[]): Line[] {
  const template = ruled[0];
  const lines = [...ruled];
  while (template && lines.length < text.length) lines.push({ ...template, fragments: [] });
  return lines.map((line, index) => ({ ...line, fragments: text[index]?.fragments ?? [] }));
}

/** "Name ________  Class ______  Date ______" as one line: labels with a rule after each. */
export function fillInLine(node: FillInNode, width: number, style: ComputedStyle, context: FigureContext): Line {
  const total = node.fields.reduce((sum, field) => sum + field.share, 0) || 1;
  const gap = style.size * 1.5;
  const line: Line = { fragments: [], width, height: Math.max(24, style.size * style.lineHeight * 1.7), baseline: 0, rules: [] };
  line.baseline = line.height - 5;
  let x = 0;
  for (const field of node.fields) {
    const share = (field.share / total) * (width - gap * (node.fields.length - 1));
    const runs = inlineRuns([{ type: 'text', value: `${field.label}:` }], style, context.runOptions);
    const label = breakLines(runs, share, 1, context.fonts)[0];
    let labelWidth = 0;
    for (const fragment of label?.fragments ?? []) {
      line.fragments.push({ ...fragment, x: x + fragment.x });
      labelWidth = Math.max(labelWidth, fragment.x + fragment.width);
    }
    line.rules!.push({ x1: x + labelWidth + 4, x2: x + share, color: context.ruleColor });
    x += share + gap;
  }
  return line;
}

/** A Venn diagram: tinted circles, set labels, and each region's points fitted inside it. */
export function vennFigure(node: VennNode, width: number, style: ComputedStyle, context: FigureContext, owner: StructNode): FigureLayout {
  const sets = node.sets.length === 3 ? 3 : 2;
  const height = vennHeight(sets, width);
  const geometry = vennGeometry(sets, width, height);
  const shapes: Decoration[] = geometry.circles.map((circle) => ({ kind: 'circle', cx: circle.cx, cy: circle.cy, r: circle.r, stroke: context.subjectColor(circle.position), lineWidth: 1.2, ...(context.vennTint > 0 ? { fill: context.subjectColor(circle.position), fillOpacity: context.vennTint } : {}) }));
  const texts: FigureLayout['texts'] = [];
  const labelStyle: ComputedStyle = { ...style, bold: true, size: Math.max(8, style.size * 0.95), lineHeight: 1.2 };
  const sharedBox = geometry.regions.find((region) => region.kind === 'shared')?.box;
  // Where the shared points may start: below the shared label's last line, whatever its size.
  let sharedTop = sharedBox?.y ?? 0;
  let labelsBottom = 0;
  for (const label of geometry.labels) {
    const text = label.of === 'shared' ? node.shared.label : node.sets.find((set) => set.position === label.of)?.label ?? '';
    if (!text) continue;
    const color = label.of === 'shared' ? style.color : context.subjectColor(label.of);
    let runs = inlineRuns([{ type: 'text', value: text }], { ...labelStyle, color }, context.runOptions);
    let lines = breakLines(runs, label.width, 1.2, context.fonts, 'center');
    // A label has room for two lines: a longer one is set smaller, down to the smallest readable
    // size, and keeps every line it still needs (a label's words are never dropped).
    for (let size = labelStyle.size - 0.5; lines.length > 2 && size >= minimumVennSize; size -= 0.5) {
      runs = inlineRuns([{ type: 'text', value: text }], { ...labelStyle, size, color }, context.runOptions);
      lines = breakLines(runs, label.width, 1.2, context.fonts, 'center');
    }
    let { x, y: top, width } = label;
    if (label.of === 'shared' && sharedBox && lines.length > 1) {
      // Too wide for the common region's top (large type, a long label): lower it to where the
      // region is wide enough for one line, if that leaves the upper half of the points' box.
      const oneLine = breakLines(runs, Number.MAX_SAFE_INTEGER, 1.2, context.fonts, 'left')[0];
      const lower = oneLine ? lowerLabel(geometry.circles, lineWidth(oneLine), oneLine.height, label.y, sharedBox.y + sharedBox.height / 2, width / 2 + x, labelStyle.size * 0.3) : undefined;
      if (oneLine && lower) {
        width = lineWidth(oneLine) + 1;
        x = lower.centre - width / 2;
        top = lower.y;
        lines = breakLines(runs, width, 1.2, context.fonts, 'center');
      }
    }
    for (const line of lines) {
      texts.push({ line, x, top, owner });
      top += line.height;
    }
    if (label.of === 'shared') sharedTop = Math.max(sharedTop, top + labelStyle.size * 0.2);
    labelsBottom = Math.max(labelsBottom, top);
  }
  if (!node.blank) {
    for (const region of geometry.regions) {
      const set = region.kind === 'only' ? node.sets.find((candidate) => candidate.position === region.position) : undefined;
      const pair = region.kind === 'pair' ? node.pairs?.find((candidate) => [...candidate.positions].sort().join() === [...region.positions!].sort().join()) : undefined;
      const points = region.kind === 'shared' ? node.shared.points : region.kind === 'pair' ? (pair?.points ?? []) : (set?.points ?? []);
      // The shared box loses the top the label took; a smaller rectangle still lies inside the region.
      const box = region.kind === 'shared' && sharedTop > region.box.y ? { ...region.box, y: sharedTop, height: Math.max(0, region.box.y + region.box.height - sharedTop) } : region.box;
      const name = region.kind === 'shared' ? node.shared.label : region.kind === 'pair' ? (pair?.label ?? '') : (set?.label ?? '');
      for (const placed of fitPoints(points, box, style, context, owner, name)) texts.push(placed);
    }
  }
  // A subject's label below the diagram may wrap: the figure takes its lines, so what follows cannot meet them.
  return { height: Math.max(height, labelsBottom), shapes, texts };
}

/** Right edge of a line's text (its fragments), not of the box it was broken into. */
function lineWidth(line: Line): number {
  return line.fragments.reduce((right, fragment) => Math.max(right, fragment.x + fragment.width), 0);
}

/**
 * The highest top, from `from` down to `limit`, at which a line `width` × `height` centred on
 * `centre` lies inside every circle, `pad` clear of the outlines. The circles' common region is
 * convex, so the line fits when its top and bottom edges do.
 */
function lowerLabel(circles: readonly VennCircle[], width: number, height: number, from: number, limit: number, centre: number, pad: number): { y: number; centre: number } | undefined {
  const spans = (y: number) => {
    let left = -Infinity;
    let right = Infinity;
    for (const circle of circles) {
      const dy = Math.abs(y - circle.cy);
      if (dy >= circle.r - pad) return undefined;
      const half = Math.sqrt((circle.r - pad) ** 2 - dy * dy);
      left = Math.max(left, circle.cx - half);
      right = Math.min(right, circle.cx + half);
    }
    return { left, right };
  };
  const fitsAt = (y: number) => [y, y + height].every((edge) => {
    const span = spans(edge);
    return span !== undefined && span.left <= centre - width / 2 && span.right >= centre + width / 2;
  });
  for (let y = from; y <= limit; y += 0.5) if (fitsAt(y)) return { y, centre };
  return undefined;
}

/**
 * Bulleted points set in the largest size (the figure's size, 9 pt by default, down to 7 pt) at
 * which they fit the region's box. Points that do not fit even at 7 pt are still all printed, at
 * 7 pt, and the build warns, naming the region.
 */
function fitPoints(points: readonly InlineNode[][], box: VennBox, style: ComputedStyle, context: FigureContext, owner: StructNode, region: string): FigureLayout['texts'] {
  if (points.length === 0) return [];
  // Each point hangs from its bullet: wrapped lines start under the first line's text, not under the bullet.
  let best: { bullet: Line | undefined; indent: number; lines: Line[] }[] = [];
  let fits = false;
  for (let size = Math.max(minimumVennSize, style.size); size >= minimumVennSize; size -= 0.5) {
    const pointStyle: ComputedStyle = { ...style, size, lineHeight: 1.2 };
    const bullet = breakLines(inlineRuns([{ type: 'text', value: '•' }], pointStyle, context.runOptions), box.width, 1.2, context.fonts, 'left')[0];
    const indent = (bullet?.width ?? 0) + size * 0.35;
    best = points.map((point) => {
      const runs = inlineRuns(point, pointStyle, context.runOptions);
      tagLinks(runs, owner);
      return { bullet, indent, lines: breakLines(runs, Math.max(1, box.width - indent), 1.2, context.fonts, 'left', context.hyphenate ? { hyphenate: context.hyphenate, hyphenateOverlongOnly: true } : {}) };
    });
    const total = best.reduce((sum, { lines }) => sum + lines.reduce((inner, line) => inner + line.height, 0) + size * 0.25, 0);
    const widest = Math.max(0, ...best.flatMap(({ indent, lines }) => lines.map((line) => indent + line.fragments.reduce((right, fragment) => Math.max(right, fragment.x + fragment.width), 0))));
    if (total <= box.height + 0.01 && widest <= box.width + 0.01) {
      fits = true;
      break;
    }
  }
  if (!fits) {
    context.warn?.({
      severity: 'warning',
      code: 'venn-text-too-small',
      message: `the Venn diagram's points in region “${region}” do not fit it at ${minimumVennSize} pt, the smallest readable size; they run past its edge`,
      path: 'venn',
      hint: `shorten the points of “${region}”, or move some to the table`,
    });
  }
  const placed: FigureLayout['texts'] = [];
  let top = box.y;
  for (const { bullet, indent, lines } of best) {
    if (bullet && lines.length > 0) placed.push({ line: bullet, x: box.x, top, owner });
    for (const line of lines) {
      placed.push({ line, x: box.x + indent, top, owner });
      top += line.height;
    }
    top += (lines[0]?.height ?? 0) * 0.2;
  }
  return placed;
}

/**
 * A QR code (error correction M) as filled squares, with its label and address beside it. The
 * squares are the `figure` element's content (its Alt text speaks for them); the label and the
 * link belong to `owner`, a paragraph next to the figure, so a screen reader reads them.
 */
export function qrFigure(node: QrNode, width: number, style: ComputedStyle, context: FigureContext, figure: StructNode, owner: StructNode): FigureLayout {
  const code = QRCode.create(node.value, { errorCorrectionLevel: 'M' });
  const modules = code.modules;
  // Three quarters of an inch: scans reliably from paper, keeps the title block compact.
  const size = Math.min(54, width * 0.2);
  const cell = size / (modules.size + 2);
  const shapes: Decoration[] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let column = 0; column <= modules.size; column++) {
      const dark = column < modules.size && modules.get(row, column) === 1;
      if (dark && start < 0) start = column;
      if (!dark && start >= 0) {
        // One rectangle per run of dark modules keeps the page small.
        shapes.push({ kind: 'rect', x: cell * (start + 1), y: cell * (row + 1), width: cell * (column - start), height: cell, fill: '#000000', owner: figure });
        start = -1;
      }
    }
  }
  const textX = size + 10;
  const inlines: InlineNode[] = [
    ...(node.label ? [{ type: 'strong' as const, children: [{ type: 'text' as const, value: `${node.label}: ` }] }] : []),
    { type: 'link', href: node.value, children: [{ type: 'text', value: node.value }] },
  ];
  const runs = inlineRuns(inlines, style, context.runOptions);
  tagLinks(runs, owner);
  const lines = breakLines(runs, Math.max(40, width - textX), style.lineHeight, context.fonts, 'left');
  const textHeight = lines.reduce((sum, line) => sum + line.height, 0);
  let top = Math.max(0, (size - textHeight) / 2);
  const texts = lines.map((line) => {
    const placed = { line, x: textX, top, owner };
    top += line.height;
    return placed;
  });
  return { height: Math.max(size, textHeight), shapes, texts };
}

export function inlinePlain(nodes: readonly InlineNode[]): string {
  return nodes.map((node) => ('value' in node ? node.value : 'children' in node ? inlinePlain(node.children) : '')).join('');
}
