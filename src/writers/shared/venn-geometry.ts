/**
 * Geometry of a Venn diagram of 2 or 3 sets in a W×H box: the circles, and for each region a
 * rectangle that lies inside it, where that region's points are written. Both writers use it, so
 * the PDF's vector drawing and the HTML's SVG show the same diagram.
 */
export interface VennCircle {
  cx: number;
  cy: number;
  r: number;
  /** 1-based subject position (for per-subject colours). */
  position: number;
}

export interface VennBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface VennRegion {
  /** `only`: points one set alone has; `shared`: points all sets share. */
  kind: 'only' | 'shared';
  position?: number;
  box: VennBox;
}

export interface VennLabel {
  /** Which set (1-based) or `shared`. */
  of: number | 'shared';
  x: number;
  y: number;
  width: number;
}

export interface VennGeometry {
  width: number;
  height: number;
  circles: VennCircle[];
  regions: VennRegion[];
  labels: VennLabel[];
}

/** Height the diagram wants for a given width. */
export function vennHeight(sets: number, width: number): number {
  return sets === 3 ? Math.min(width * 0.78, 400) : Math.min(width * 0.5, 260);
}

export function vennGeometry(sets: 2 | 3, width: number, height: number): VennGeometry {
  return sets === 2 ? twoSets(width, height) : threeSets(width, height);
}

function twoSets(width: number, height: number): VennGeometry {
  const labelSpace = 16;
  const r = Math.min((height - labelSpace) * 0.5, width * 0.29);
  const d = r * 1.05;
  const cy = labelSpace + r;
  const c1 = { cx: width / 2 - d / 2, cy, r, position: 1 };
  const c2 = { cx: width / 2 + d / 2, cy, r, position: 2 };
  const pad = r * 0.06;
  const onlyHeight = r * 1.1;
  const lensLeft = c2.cx - r;
  const lensRight = c1.cx + r;
  // The lens narrows away from the centre line: at a vertical offset dy it is 2·(√(r² − dy²) − d/2)
  // wide. The shared box is as wide as the lens at its top and bottom edges, so its corners stay in it.
  const lensHalfWidth = (dy: number) => Math.sqrt(Math.max(0, r * r - dy * dy)) - d / 2;
  const sharedHalfHeight = r * 0.45;
  const sharedHalfWidth = lensHalfWidth(sharedHalfHeight) - pad / 2;
  const sharedLabelY = cy - sharedHalfHeight - r * 0.16;
  const sharedLabelHalfWidth = lensHalfWidth(cy - sharedLabelY);
  return {
    width,
    height,
    circles: [c1, c2],
    regions: [
      { kind: 'only', position: 1, box: { x: c1.cx - r * 0.72, y: cy - onlyHeight / 2, width: lensLeft - pad - (c1.cx - r * 0.72), height: onlyHeight } },
      { kind: 'shared', box: { x: width / 2 - sharedHalfWidth, y: cy - sharedHalfHeight, width: 2 * sharedHalfWidth, height: 2 * sharedHalfHeight } },
      { kind: 'only', position: 2, box: { x: lensRight + pad, y: cy - onlyHeight / 2, width: c2.cx + r * 0.72 - (lensRight + pad), height: onlyHeight } },
    ],
    labels: [
      { of: 1, x: c1.cx - r, y: 0, width: r * 1.4 },
      { of: 'shared', x: width / 2 - sharedLabelHalfWidth, y: sharedLabelY, width: 2 * sharedLabelHalfWidth },
      { of: 2, x: c2.cx - r * 0.4, y: 0, width: r * 1.4 },
    ],
  };
}

function threeSets(width: number, height: number): VennGeometry {
  const labelSpace = 16;
  // Height used: top label, circle 1, the drop to circle 3's centre (d·sin 60° = 0.935 r), its radius, bottom label.
  const r = Math.min((height - 2 * labelSpace) / 2.935, width * 0.27);
  const d = r * 1.08;
  const top = labelSpace + r;
  const c1 = { cx: width / 2 - d / 2, cy: top, r, position: 1 };
  const c2 = { cx: width / 2 + d / 2, cy: top, r, position: 2 };
  const c3 = { cx: width / 2, cy: top + d * 0.866, r, position: 3 };
  const centroidY = (c1.cy + c2.cy + c3.cy) / 3;
  return {
    width,
    height,
    circles: [c1, c2, c3],
    regions: [
      // Each box is checked to lie inside its own circle and outside the other two.
      { kind: 'only', position: 1, box: { x: c1.cx - r * 0.68, y: c1.cy - r * 0.6, width: r * 0.66, height: r * 0.6 } },
      { kind: 'only', position: 2, box: { x: c2.cx + r * 0.02, y: c2.cy - r * 0.6, width: r * 0.66, height: r * 0.6 } },
      { kind: 'only', position: 3, box: { x: c3.cx - r * 0.45, y: c3.cy + r * 0.3, width: r * 0.9, height: r * 0.5 } },
      { kind: 'shared', box: { x: width / 2 - r * 0.3, y: centroidY - r * 0.2, width: r * 0.6, height: r * 0.42 } },
    ],
    labels: [
      { of: 1, x: c1.cx - r, y: 0, width: r * 1.3 },
      { of: 2, x: c2.cx - r * 0.3, y: 0, width: r * 1.3 },
      { of: 3, x: c3.cx - r * 0.65, y: c3.cy + r + 2, width: r * 1.3 },
      { of: 'shared', x: width / 2 - r * 0.4, y: centroidY - r * 0.36, width: r * 0.8 },
    ],
  };
}
