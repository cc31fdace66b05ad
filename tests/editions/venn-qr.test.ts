// Issue 5, graphic organiser and online copy: `venn` data of 2 or 3 subjects is drawn as vector circles
// (PDF) and SVG (HTML) with every point's text inside its region, the worksheet gets the empty diagram;
// `meta.url` prints a QR code with a link to the URL.
import QRCode from 'qrcode';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Decoration, PlacedText } from '../../src/writers/pdf/page-model.js';
import { openHtmlFile, withPage } from '../support/browser.js';
import { extractPdfPages } from '../support/pdf-text.js';
import { pdfStructText } from '../support/poppler.js';
import { buildDocument } from '../../src/pipeline/render-handout.js';
import { layoutPdf } from '../../src/writers/pdf/write-pdf.js';
import { allTexts, findAll, fixture, flat, load, ownerWithRole, plain, render, saveRendering, SEED, textsOf, theme, THREE, TWO_VENN, type LocatedText, type Rendered } from './support/editions.js';

type Circle = Extract<Decoration, { kind: 'circle' }>;

/** The Venn figure of a rendering: its circles, label texts and point texts (page model). */
function vennOf(rendered: Rendered) {
  const figure = findAll(rendered.model.structure, 'Figure').find((node) => node.alt?.startsWith('Venn diagram'));
  if (!figure) throw new Error('no Venn figure');
  const texts = textsOf(rendered, figure);
  const pageIndex = texts[0]?.pageIndex ?? 0;
  const circles = rendered.model.pages[pageIndex]!.decorations.filter((d): d is Circle => d.kind === 'circle');
  const labels = new Set([...rendered.dataset.subjects.map((subject) => subject.name), 'In common']);
  return { figure, texts, pageIndex, circles, labelTexts: texts.filter((text) => labels.has(text.text.trim())), pointTexts: texts.filter((text) => !labels.has(text.text.trim())) };
}

/** Corners of a text run's box (baseline `y`; ascent and descent approximated from the size). */
function corners(text: PlacedText): [number, number][] {
  const top = text.y - text.size * 0.75;
  const bottom = text.y + text.size * 0.22;
  return [
    [text.x, top],
    [text.x + text.width, top],
    [text.x, bottom],
    [text.x + text.width, bottom],
  ];
}

const inside = (circle: Circle, [x, y]: [number, number]) => (x - circle.cx) ** 2 + (y - circle.cy) ** 2 <= circle.r ** 2;

/** Which circles (1-based positions) contain the whole text, or undefined when it straddles an edge. */
function regionOf(text: PlacedText, circles: Circle[]): string | undefined {
  const signatures = corners(text).map((corner) => circles.map((circle, index) => (inside(circle, corner) ? index + 1 : 0)).filter(Boolean).join('+'));
  return signatures.every((signature) => signature === signatures[0]) ? signatures[0] : undefined;
}

function box(texts: readonly PlacedText[], circles: readonly Circle[]) {
  const xs = [...texts.flatMap((t) => [t.x, t.x + t.width]), ...circles.flatMap((c) => [c.cx - c.r, c.cx + c.r])];
  const ys = [...texts.flatMap((t) => [t.y - t.size * 0.75, t.y + t.size * 0.22]), ...circles.flatMap((c) => [c.cy - c.r, c.cy + c.r])];
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

describe.each([
  { sets: 2, file: TWO_VENN },
  { sets: 3, file: THREE },
])('Venn diagram of $sets subjects', ({ sets, file }) => {
  let handout: Rendered;
  let worksheet: Rendered;
  let answers: Rendered;
  beforeAll(async () => {
    [handout, worksheet, answers] = await Promise.all([render(file), render(file, { edition: 'worksheet' }), render(file, { edition: 'answers' })]);
  });

  it('PDF: draws one circle per subject in its colour, and every point in the text', async () => {
    for (const rendered of [handout, answers]) {
      const venn = vennOf(rendered);
      expect(venn.circles).toHaveLength(sets);
      venn.circles.forEach((circle, index) => expect(circle.stroke).toBe(rendered.theme.tokens.colors[`subject${index + 1}`]));
      const text = flat((await extractPdfPages(rendered.pdf)).pages[venn.pageIndex]!.text);
      const venData = rendered.dataset.venn!;
      for (const point of [...Object.values(venData.unique).flat(), ...(venData.shared as string[])]) expect(text).toContain(plain(point));
      for (const subject of rendered.dataset.subjects) expect(venn.labelTexts.map((t) => t.text)).toContain(subject.name);
    }
  });

  it('PDF: fits each point inside its own region (unique: its circle alone; shared: all circles)', () => {
    const venn = vennOf(handout);
    const venData = handout.dataset.venn!;
    const byRegion = new Map<string, LocatedText[]>();
    for (const text of venn.pointTexts) {
      const region = regionOf(text, venn.circles);
      expect(region, `"${text.text}" straddles a circle's edge`).toBeDefined();
      byRegion.set(region!, [...(byRegion.get(region!) ?? []), text]);
    }
    const all = Array.from({ length: sets }, (_, index) => index + 1).join('+');
    const expected = new Map<string, string[]>([
      ...handout.dataset.subjects.map((subject, index) => [String(index + 1), venData.unique[subject.id] ?? []] as [string, string[]]),
      [all, venData.shared as string[]],
    ]);
    expect(new Set(byRegion.keys())).toEqual(new Set(expected.keys()));
    for (const [region, points] of expected) {
      const printed = flat(byRegion.get(region)!.map((text) => text.text).join(' '));
      expect(printed).toBe(flat(points.map((point) => `• ${plain(point)}`).join(' ')));
    }
  });

  it('PDF: the figure overlaps nothing else on its page and stays inside the margins', () => {
    for (const rendered of [handout, worksheet, answers]) {
      const venn = vennOf(rendered);
      const area = box(venn.texts, venn.circles);
      const page = rendered.model.pages[venn.pageIndex]!;
      const margin = rendered.theme.tokens.page.margin;
      expect(area.left).toBeGreaterThanOrEqual(margin.left - 0.01);
      expect(area.right).toBeLessThanOrEqual(rendered.model.width - margin.right + 0.01);
      expect(area.top).toBeGreaterThanOrEqual(margin.top - 0.01);
      expect(area.bottom).toBeLessThanOrEqual(rendered.model.height - margin.bottom + 0.01);
      const others = page.texts.filter((text) => typeof text.owner === 'object' && !ownerWithRole(text, 'Figure', rendered.parents));
      const overlapping = others.filter((text) => corners(text).some(([x, y]) => x > area.left && x < area.right && y > area.top && y < area.bottom));
      expect(overlapping.map((text) => text.text)).toEqual([]);
    }
  });

  it('PDF worksheet: the empty diagram, circles and labels but no points', async () => {
    const venn = vennOf(worksheet);
    expect(venn.circles).toHaveLength(sets);
    expect(venn.pointTexts.map((text) => text.text)).toEqual([]);
    expect(venn.labelTexts.length).toBe(sets + 1);
    const text = flat((await extractPdfPages(worksheet.pdf)).text);
    const shown = plain(`${worksheet.dataset.summary} ${worksheet.dataset.title}`);
    const venData = worksheet.dataset.venn!;
    for (const point of [...Object.values(venData.unique).flat(), ...(venData.shared as string[])]) if (!shown.includes(plain(point))) expect(text).not.toContain(plain(point));
    expect(text).not.toContain('•');
  });

  it('HTML: an SVG with one circle per subject, the points as text inside the figure; the worksheet keeps it empty', async () => {
    const venData = handout.dataset.venn!;
    const regionPoints = [...handout.dataset.subjects.map((subject) => (venData.unique[subject.id] ?? []).map(plain)), (venData.shared as string[]).map(plain)];
    for (const [rendered, blank] of [
      [handout, false],
      [worksheet, true],
    ] as const) {
      const saved = saveRendering(rendered, `venn-${sets}-${rendered.document.meta.title.length}-${blank ? 'worksheet' : 'handout'}`);
      const found = await withPage(async (page) => {
        await openHtmlFile(page, saved.html);
        return page.evaluate(() => {
          const figure = document.querySelector('figure.venn')!;
          const canvas = figure.querySelector('.venn-canvas')!.getBoundingClientRect();
          const regions = [...figure.querySelectorAll('.venn-region')].map((region) => ({
            classes: [...region.classList],
            points: [...region.querySelectorAll('li')].map((li) => (li as HTMLElement).innerText.trim()),
            // Every point's line box has its middle inside the region's (overflow: hidden) box.
            hidden: [...region.querySelectorAll('li')].filter((li) => {
              const box = region.getBoundingClientRect();
              const r = li.getBoundingClientRect();
              const middle = (r.top + r.bottom) / 2;
              return middle > box.bottom || middle < box.top || r.left < box.left - 0.5 || r.right > box.right + 0.5;
            }).length,
            label: (region.querySelector('.venn-region-label') as HTMLElement | null)?.innerText ?? '',
            inside: [...region.querySelectorAll('li')].every((li) => {
              const r = li.getBoundingClientRect();
              return r.left >= canvas.left - 0.5 && r.right <= canvas.right + 0.5 && r.top >= canvas.top - 0.5 && r.bottom <= canvas.bottom + 0.5;
            }),
          }));
          return { blank: figure.classList.contains('venn-blank'), circles: figure.querySelectorAll('svg circle').length, regions };
        });
      });
      expect(found.circles).toBe(sets);
      expect(found.blank).toBe(blank);
      // Regions: each subject alone, then the shared one (SVG geometry order may differ: compare as sets).
      const printed = found.regions.map((region) => region.points);
      if (blank) expect(printed.flat()).toEqual([]);
      else expect(new Set(printed.map((points) => JSON.stringify(points)))).toEqual(new Set(regionPoints.map((points) => JSON.stringify(points))));
      for (const region of found.regions) {
        expect(region.inside, region.label).toBe(true);
        expect(region.hidden, `${region.label}: points cut off by the region box`).toBe(0);
      }
      expect(found.regions.map((region) => region.label).sort()).toEqual([...rendered.dataset.subjects.map((s) => s.name), 'In common'].sort());
    }
  });
});

describe('Venn diagram in narrow HTML layouts', () => {
  // Region text scales with the diagram (container query units), so every point stays inside its
  // region's box at every width that shows the diagram (below 600 px the regions become lists).
  it('HTML: no Venn point falls outside its region box at widths from 620 to 1280 px', async () => {
    const rendered = await render(THREE);
    const saved = saveRendering(rendered, 'venn-widths');
    for (const width of [620, 760, 1024, 1280]) {
      const hidden = await withPage(
        async (page) => {
          await openHtmlFile(page, saved.html);
          return page.evaluate(() =>
            [...document.querySelectorAll('figure.venn .venn-region')].flatMap((region) => {
              const box = region.getBoundingClientRect();
              return [...region.querySelectorAll('li')]
                .filter((li) => {
                  const r = li.getBoundingClientRect();
                  return r.bottom > box.bottom + 1 || r.top < box.top - 1 || r.left < box.left - 1 || r.right > box.right + 1;
                })
                .map((li) => (li as HTMLElement).innerText.trim());
            }),
          );
        },
        { viewport: { width, height: 900 } },
      );
      expect(hidden, `points outside their region at ${width} px`).toEqual([]);
    }
  });
});

interface LinkAnnotation {
  page: number;
  url: string | undefined;
}

async function linkAnnotations(bytes: Uint8Array): Promise<LinkAnnotation[]> {
  const task = getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, disableFontFace: true, useSystemFonts: false });
  try {
    const doc = await task.promise;
    const links: LinkAnnotation[] = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      for (const annotation of (await page.getAnnotations()) as { subtype?: string; url?: string }[]) if (annotation.subtype === 'Link') links.push({ page: number, url: annotation.url });
    }
    return links;
  } finally {
    await task.destroy();
  }
}

describe.each([
  { name: '2 subjects', file: TWO_VENN },
  { name: '3 subjects', file: THREE },
])('QR code to meta.url ($name)', ({ file }) => {
  let rendered: Rendered;
  let url: string;
  beforeAll(async () => {
    rendered = await render(file);
    url = rendered.dataset.meta.url!;
    expect(url).toMatch(/^https:/);
  });

  function qrModules() {
    const figure = findAll(rendered.model.structure, 'Figure').find((node) => node.alt === `QR code linking to ${url}`);
    expect(figure, 'QR figure').toBeDefined();
    const pageIndex = rendered.model.pages.findIndex((page) => page.decorations.some((d) => d.kind === 'rect' && d.owner === figure));
    expect(pageIndex, 'page of the QR code').toBeGreaterThanOrEqual(0);
    const rects = rendered.model.pages[pageIndex]!.decorations.filter((d): d is Extract<Decoration, { kind: 'rect' }> => d.kind === 'rect' && d.fill === '#000000' && d.height < 4);
    return { pageIndex, rects, figure: figure! };
  }

  it('PDF: dark squares in one square cluster that encode the URL, module for module', () => {
    const { rects } = qrModules();
    expect(rects.length).toBeGreaterThan(50);
    const left = Math.min(...rects.map((r) => r.x));
    const top = Math.min(...rects.map((r) => r.y));
    const right = Math.max(...rects.map((r) => r.x + r.width));
    const bottom = Math.max(...rects.map((r) => r.y + r.height));
    expect(right - left).toBeCloseTo(bottom - top, 1); // square
    expect(right - left).toBeGreaterThanOrEqual(0.7 * 72); // at least 0.7 in: scannable from paper
    expect(right - left).toBeLessThanOrEqual(72 + 0.01);
    const cell = rects[0]!.height;
    const expected = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    expect((right - left) / cell).toBeCloseTo(expected.size, 3);
    const drawn = new Set<string>();
    for (const rect of rects) {
      const row = Math.round((rect.y - top) / cell);
      const first = Math.round((rect.x - left) / cell);
      for (let column = first; column < first + Math.round(rect.width / cell); column++) drawn.add(`${row},${column}`);
    }
    const dark = new Set<string>();
    for (let row = 0; row < expected.size; row++) for (let column = 0; column < expected.size; column++) if (expected.get(row, column)) dark.add(`${row},${column}`);
    expect(drawn).toEqual(dark);
  });

  it('PDF structure: the Figure holds only the code (with Alt); the label and its Link are a paragraph beside it', async () => {
    const { figure, rects } = qrModules();
    expect(figure.children).toEqual([]);
    expect(rects.every((rect) => rect.owner === figure)).toBe(true);
    const saved = saveRendering(rendered, `qr-struct-${rendered.dataset.subjects.length}`);
    const tree = (await pdfStructText(saved.pdf)).split('\n');
    const at = tree.findIndex((line) => line.trim() === 'Figure');
    expect(at, 'Figure element').toBeGreaterThanOrEqual(0);
    const depth = (line: string) => line.length - line.trimStart().length;
    const inside: string[] = [];
    for (let index = at + 1; index < tree.length && depth(tree[index]!) > depth(tree[at]!); index++) inside.push(tree[index]!.trim());
    // Only the code's (text-less) content: no label, no Link.
    expect(inside).toEqual(['""']);
    const after = tree.slice(at + 1 + inside.length, at + 1 + inside.length + 5).map((line) => line.trim());
    expect(after[0]).toBe('P (block)');
    expect(after[1]).toMatch(/^"Online copy: "$/);
    expect(after[2]).toBe('Link (inline)');
    expect(after[3]).toBe(JSON.stringify(url));
  });

  it('PDF: a link annotation to the URL next to the code, and the URL as text', async () => {
    const { pageIndex } = qrModules();
    const links = await linkAnnotations(rendered.pdf);
    expect(links).toContainEqual({ page: pageIndex + 1, url });
    expect(rendered.model.pages[pageIndex]!.links.map((link) => link.href)).toContain(url);
    expect(flat((await extractPdfPages(rendered.pdf)).pages[pageIndex]!.text)).toContain(`Online copy: ${url}`);
  });

  it('HTML: an SVG with role=img naming the URL, and the link', async () => {
    const saved = saveRendering(rendered, `qr-${rendered.dataset.subjects.length}`);
    const found = await withPage(async (page) => {
      await openHtmlFile(page, saved.html);
      return page.evaluate(() => {
        const qr = document.querySelector('.qr')!;
        const svg = qr.querySelector('svg[role="img"]');
        return { label: svg?.getAttribute('aria-label') ?? null, path: svg?.querySelector('path')?.getAttribute('d')?.length ?? 0, links: [...qr.querySelectorAll('a')].map((a) => a.href), width: svg?.getBoundingClientRect().width ?? 0 };
      });
    });
    expect(found.label).toContain(url);
    expect(found.path).toBeGreaterThan(100);
    expect(found.links).toContain(url);
    expect(found.width).toBeGreaterThan(40);
  });
});

describe('without meta.url', () => {
  it('prints no QR code', async () => {
    const seed = await render(SEED);
    expect(findAll(seed.model.structure, 'Figure').filter((node) => node.alt?.startsWith('QR code'))).toEqual([]);
    expect(seed.html).not.toContain('role="img"');
    expect(allTexts(seed.model).some((text) => text.text.includes('Online copy'))).toBe(false);
  });
});

describe('Venn regions for pairs of three subjects, readable sizes, labels clear of the outlines', () => {
  const PAIRS = fixture('three-subjects-venn-pairs.yaml');

  it('PDF: each pair\'s points lie where just those two circles overlap; all points at 7 pt or more', async () => {
    const rendered = await render(PAIRS);
    const venn = vennOf(rendered);
    expect(venn.circles).toHaveLength(3);
    const shared = rendered.dataset.venn!.shared as { all: string[]; pairs: { subjects: [string, string]; points: string[] }[] };
    const position = (id: string) => rendered.dataset.subjects.findIndex((subject) => subject.id === id) + 1;
    const byRegion = new Map<string, string>();
    for (const text of venn.pointTexts) {
      const region = regionOf(text, venn.circles);
      expect(region, `"${text.text}" straddles a circle's edge`).toBeDefined();
      byRegion.set(region!, `${byRegion.get(region!) ?? ''} ${text.text}`);
      expect(text.size, `"${text.text}"`).toBeGreaterThanOrEqual(7);
    }
    for (const pair of shared.pairs) {
      const key = pair.subjects.map(position).sort().join('+');
      for (const point of pair.points) expect(flat(byRegion.get(key) ?? ''), `${pair.subjects.join(' + ')}: ${point}`).toContain(flat(point).split(' ')[0]!);
    }
    expect(flat(byRegion.get('1+2+3') ?? '')).toContain('Can cause');
    // The Alt text names each pair's points too.
    expect(venn.figure.alt).toContain('Bacteria and Fungi: Are living cells; Have a cell wall');
  });

  it.each([
    { name: 'three subjects', file: THREE },
    { name: 'pairs', file: PAIRS },
    { name: 'two subjects', file: TWO_VENN },
  ])('PDF ($name): the "In common" label lies inside every circle, clear of their outlines', async ({ file }) => {
    const venn = vennOf(await render(file));
    const label = venn.labelTexts.find((text) => text.text.trim() === 'In common');
    expect(label).toBeDefined();
    for (const corner of corners(label!)) {
      for (const circle of venn.circles) expect(Math.hypot(corner[0] - circle.cx, corner[1] - circle.cy), `corner ${corner} against circle ${circle.stroke}`).toBeLessThan(circle.r - 1);
    }
  });

  it('warns, naming the region, when points do not fit at 7 pt; still prints them all at 7 pt', async () => {
    const loaded = await load(fixture('venn-crowded.yaml'));
    const chosen = await theme();
    const built = buildDocument(loaded, chosen, { edition: 'handout', includeDetails: false });
    const laidOut = layoutPdf(built.document!, chosen, { pageSize: 'A4' });
    const warnings = laidOut.diagnostics.filter((d) => d.code === 'venn-text-too-small');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.severity).toBe('warning');
    expect(warnings[0]!.message).toContain('“Frogs”');
    const figure = findAll(laidOut.model.structure, 'Figure').find((node) => node.alt?.startsWith('Venn'))!;
    const points = laidOut.model.pages.flatMap((page) => page.texts).filter((text) => text.owner === figure && text.text.includes('•'));
    expect(points.length).toBeGreaterThanOrEqual(9);
    for (const text of points) expect(text.size).toBeGreaterThanOrEqual(7);
    // The uncrowded dataset gets no such warning.
    const calm = buildDocument(await load(TWO_VENN), chosen, { edition: 'handout', includeDetails: false });
    expect(layoutPdf(calm.document!, chosen, { pageSize: 'A4' }).diagnostics.filter((d) => d.code === 'venn-text-too-small')).toEqual([]);
  });
});
