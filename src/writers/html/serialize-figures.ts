import QRCode from 'qrcode';
import type { BlockNode, FillInNode, InlineNode, QrNode, VennNode, WritingSpaceNode } from '../../tree/document-tree.js';
import { vennGeometry, vennHeight } from '../shared/venn-geometry.js';
import { attribute, classAttribute, escapeHtml } from './escape-html.js';
import { serializeInlines } from './serialize-inline.js';

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Ruled lines to write on; the number of lines sets the height (in print too). In an answer key the
 * answer is written on the same lines, so the key keeps the worksheet's layout.
 */
export function serializeWritingSpace(node: WritingSpaceNode, serializeContent: (blocks: readonly BlockNode[]) => string): string {
  const open = `<div${attribute('id', node.id)}${classAttribute(['writing-space', ...node.classes])} style="--lines: ${node.lines}"`;
  if (!node.children || node.children.length === 0) return `${open} aria-hidden="true"></div>`;
  return `${open}>${serializeContent(node.children)}</div>`;
}

/** "Name ____ Class ____ Date ____" as labelled blanks that share the line. */
export function serializeFillIn(node: FillInNode): string {
  const fields = node.fields
    .map((field) => `<span class="fill-in-field" style="flex: ${round(field.share)}"><span class="fill-in-label">${escapeHtml(field.label)}:</span><span class="fill-in-blank"></span></span>`)
    .join('');
  return `<div${attribute('id', node.id)}${classAttribute(['fill-in', ...node.classes])}>${fields}</div>`;
}

/**
 * A Venn diagram: the circles as SVG (same geometry as the PDF), each region's points as real HTML
 * text positioned over them, so it wraps, scales, reads aloud and copies. On narrow screens the
 * style sheet turns the regions into stacked lists.
 */
export function serializeVenn(node: VennNode): string {
  const sets = node.sets.length === 3 ? 3 : 2;
  const width = 500;
  const height = vennHeight(sets, width);
  const geometry = vennGeometry(sets, width, height);
  const percent = (value: number, of: number) => `${round((value / of) * 100)}%`;
  const circles = geometry.circles
    .map((circle) => `<circle cx="${round(circle.cx)}" cy="${round(circle.cy)}" r="${round(circle.r)}" class="venn-circle subject-${circle.position}"/>`)
    .join('');
  const region = (label: string, points: readonly InlineNode[][], box: { x: number; y: number; width: number; height: number }, className: string) => {
    const style = `left: ${percent(box.x, width)}; top: ${percent(box.y, height)}; width: ${percent(box.width, width)}; height: ${percent(box.height, height)}`;
    const items = node.blank ? '' : points.map((point) => `<li>${serializeInlines(point)}</li>`).join('');
    return `<div class="venn-region ${className}" style="${style}"><p class="venn-region-label">${escapeHtml(label)}</p><ul>${items}</ul></div>`;
  };
  const regions = geometry.regions
    .map((area) => {
      if (area.kind === 'shared') return region(node.shared.label, node.shared.points, area.box, 'venn-shared');
      if (area.kind === 'pair') {
        // Only pairs with points are drawn; the position says which two sets, the label says it to a screen reader.
        const pair = node.pairs?.find((candidate) => [...candidate.positions].sort().join() === [...area.positions!].sort().join());
        return pair && pair.points.length > 0 ? region(pair.label, pair.points, area.box, 'venn-pair') : '';
      }
      const set = node.sets.find((candidate) => candidate.position === area.position);
      return set ? region(set.label, set.points, area.box, `venn-only subject-${set.position}`) : '';
    })
    .join('');
  const caption = node.caption && node.caption.length > 0 ? `<figcaption>${serializeInlines(node.caption)}</figcaption>` : '';
  return [
    `<figure${attribute('id', node.id)}${classAttribute(['venn', `venn-${sets}`, ...(node.blank ? ['venn-blank'] : []), ...node.classes])}>`,
    caption,
    `<div class="venn-canvas" style="aspect-ratio: ${width} / ${round(height)}">`,
    `<svg viewBox="0 0 ${width} ${round(height)}" aria-hidden="true" focusable="false">${circles}</svg>`,
    regions,
    '</div>',
    '</figure>',
  ].join('');
}

/** A QR code as one SVG path (no image request), with its address as a normal link beside it. */
export function serializeQr(node: QrNode): string {
  const modules = QRCode.create(node.value, { errorCorrectionLevel: 'M' }).modules;
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column) === 1) path += `M${column + 1} ${row + 1}h1v1h-1z`;
    }
  }
  const size = modules.size + 2;
  const label = node.label ? `<strong>${escapeHtml(node.label)}:</strong> ` : '';
  return [
    `<div${attribute('id', node.id)}${classAttribute(['qr', ...node.classes])}>`,
    `<svg viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeHtml(`QR code linking to ${node.value}`)}"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`,
    `<p>${label}<a href="${escapeHtml(node.value)}">${escapeHtml(node.value)}</a></p>`,
    '</div>',
  ].join('');
}
