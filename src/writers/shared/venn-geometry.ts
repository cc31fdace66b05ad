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
  /** `only`: points one set alone has; `shared`: points all sets share; `pair`: points just two of three sets share. */
  kind: 'only' | 'shared' | 'pair';
  position?: number;
  /** `pair`: the two sets' positions. */
  positions?: [number, number];
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

// The three-set boxes are searched for (fitBox); a build asks for the same few sizes again and again.
const computed = new Map<string, VennGeometry>();

export function vennGeometry(sets: 2 | 3, width: number, height: number): VennGeometry {
  const key = `${sets} ${width} ${height}`;
  let geometry = computed.get(key);
  if (!geometry) {
    if (computed.size > 64) computed.clear();
    geometry = sets === 2 ? twoSets(width, height) : threeSets(width, height);
    computed.set(key, geometry);
  }
  return structuredClone(geometry);
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
  // Height used: top label, circle 1, the drop to circle 3's centre (d·sin 60°, at most 0.935 r), its radius, bottom label.
  const r = Math.min((height - 2 * labelSpace) / 2.935, width * 0.27);
  // Overlap enough that the region all three share holds its label and a few points.
  const d = r * 1.0;
  const top = labelSpace + r;
  const c1 = { cx: width / 2 - d / 2, cy: top, r, position: 1 };
  const c2 = { cx: width / 2 + d / 2, cy: top, r, position: 2 };
  const c3 = { cx: width / 2, cy: top + d * 0.866, r, position: 3 };
  const circles = [c1, c2, c3];
  const centroid = { x: width / 2, y: (c1.cy + c2.cy + c3.cy) / 3 };
  const pad = r * 0.05;
  const away = (from: { x: number; y: number }, of: { x: number; y: number }, distance: number) => {
    const length = Math.hypot(from.x - of.x, from.y - of.y) || 1;
    return { x: from.x + ((from.x - of.x) / length) * distance, y: from.y + ((from.y - of.y) / length) * distance };
  };
  const centre = (circle: VennCircle) => ({ x: circle.cx, y: circle.cy });
  // Every box is searched for inside its own circles and clear of the others' outlines (fitBox).
  const only = circles.map((circle) => {
    const others = circles.filter((other) => other !== circle);
    return { kind: 'only' as const, position: circle.position, box: fitBox(away(centre(circle), centroid, r * 0.42), [circle], others, pad, r, circle === c3) };
  });
  const pairs = ([[c1, c2, c3], [c1, c3, c2], [c2, c3, c1]] as const).map(([a, b, third]) => {
    const middle = { x: (a.cx + b.cx) / 2, y: (a.cy + b.cy) / 2 };
    return { kind: 'pair' as const, positions: [a.position, b.position] as [number, number], box: fitBox(away(middle, centre(third), r * 0.33), [a, b], [third], pad, r, third === c3) };
  });
  // The shared label takes the widest line across the top of the three circles' common region; the
  // shared points go in the largest box below it. Both lie inside all three outlines.
  const labelHeight = r * 0.13;
  let label: VennBox = { x: width / 2, y: centroid.y, width: 0, height: labelHeight };
  for (let y = c3.cy - r + pad; y < centroid.y; y += r * 0.01) {
    let low = 0;
    let high = r;
    for (let step = 0; step < 12; step++) {
      const half = (low + high) / 2;
      if (boxFits({ x: width / 2 - half, y, width: 2 * half, height: labelHeight }, circles, [], pad)) low = half;
      else high = half;
    }
    if (2 * low > label.width) label = { x: width / 2 - low, y, width: 2 * low, height: labelHeight };
    // High up, as soon as the line is wide enough for a short label: the points need the room below.
    if (label.width >= r * 0.6) break;
  }
  const bottomVertex = c1.cy + Math.sqrt(r * r - (d / 2) ** 2);
  const below = label.y + label.height;
  const shared = { kind: 'shared' as const, box: fitBox({ x: width / 2, y: (below + bottomVertex) / 2 }, circles, [], pad, r, true, below) };
  return {
    width,
    height,
    circles,
    regions: [...only, shared, ...pairs],
    labels: [
      { of: 1, x: c1.cx - r, y: 0, width: r * 1.3 },
      { of: 2, x: c2.cx - r * 0.3, y: 0, width: r * 1.3 },
      { of: 3, x: c3.cx - r * 0.65, y: c3.cy + r + 2, width: r * 1.3 },
      // Across the top of the region all three circles share, above the shared points.
      { of: 'shared', x: label.x, y: label.y, width: label.width },
    ],
  };
}

/** Whether a point is inside every `inside` circle and outside every `outside` one, `pad` clear of each outline. */
function fits(x: number, y: number, inside: readonly VennCircle[], outside: readonly VennCircle[], pad: number): boolean {
  return inside.every((circle) => Math.hypot(x - circle.cx, y - circle.cy) <= circle.r - pad) && outside.every((circle) => Math.hypot(x - circle.cx, y - circle.cy) >= circle.r + pad);
}

/** Whether a box's whole outline (corners and points along each edge) fits; the regions are convex enough between samples. */
function boxFits(box: VennBox, inside: readonly VennCircle[], outside: readonly VennCircle[], pad: number): boolean {
  const steps = 8;
  for (let index = 0; index <= steps; index++) {
    const t = index / steps;
    const x = box.x + box.width * t;
    const y = box.y + box.height * t;
    if (!fits(x, box.y, inside, outside, pad) || !fits(x, box.y + box.height, inside, outside, pad)) return false;
    if (!fits(box.x, y, inside, outside, pad) || !fits(box.x + box.width, y, inside, outside, pad)) return false;
  }
  return true;
}

/**
 * The largest box (at least as wide as tall: it holds lines of text) that fits a region, searched
 * around `near`: centres on a small grid, heights in steps, the widest fitting width for each.
 */
function fitBox(near: { x: number; y: number }, inside: readonly VennCircle[], outside: readonly VennCircle[], pad: number, r: number, symmetric = false, top = -Infinity): VennBox {
  let best: VennBox = { x: near.x, y: near.y, width: 0, height: 0 };
  // A region symmetric about the diagram's vertical axis has its widest box centred on it.
  const offsets = (step: number) => Array.from({ length: Math.round(0.6 / step) + 1 }, (_, index) => -0.3 + index * step);
  for (const dy of offsets(symmetric ? 0.05 : 0.1)) {
    for (const dx of symmetric ? [0] : offsets(0.1)) {
      const cx = near.x + dx * r;
      const cy = near.y + dy * r;
      if (!fits(cx, cy, inside, outside, pad)) continue;
      for (let height = r * 0.1; height <= r * 1.2; height += r * 0.06) {
        let low = 0;
        let high = r * 1.6;
        for (let step = 0; step < 11; step++) {
          const half = (low + high) / 2;
          if (boxFits({ x: cx - half, y: cy - height / 2, width: 2 * half, height }, inside, outside, pad)) low = half;
          else high = half;
        }
        const box = { x: cx - low, y: cy - height / 2, width: 2 * low, height };
        if (box.y < top) continue;
        if (box.width >= box.height && box.width * box.height > best.width * best.height) best = box;
      }
    }
  }
  return best;
}
