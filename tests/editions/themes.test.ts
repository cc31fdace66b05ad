// Issue 5, themes: default, print-economy (no filled backgrounds, greyscale) and large-print (body
// text ≥ 16 pt, contrast ≥ 7:1) build both formats; a theme folder given by path works, and a colour
// changed in its theme.json reaches both the PDF and the HTML.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page as BrowserPage } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { openHtmlFile, withPage } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages } from '../support/pdf-text.js';
import { qpdfCheck } from '../support/poppler.js';
import {
  allTexts,
  backgroundOf,
  contrast,
  findAll,
  flat,
  isGrey,
  isWhite,
  ownerWithRole,
  render,
  rgb,
  sameColor,
  saveRendering,
  SEED,
  textsOf,
  THREE,
  TWO_VENN,
  type Rendered,
} from './support/editions.js';

const EDITIONS = ['handout', 'worksheet', 'answers'] as const;

describe.each(['default', 'print-economy', 'large-print'])('theme %s', (theme) => {
  it('builds every edition as PDF and HTML', async () => {
    const outDir = tmpDir(`editions-theme-${theme}`);
    const report = await build({ inputs: [THREE], outDir, theme, formats: ['pdf', 'html'], editions: [...EDITIONS], workers: 1 });
    expect(report.ok, JSON.stringify([...report.diagnostics, ...report.handouts.flatMap((h) => h.diagnostics)], null, 2)).toBe(true);
    expect(report.handouts).toHaveLength(3);
    for (const handout of report.handouts) {
      expect(handout.outputs.map((output) => output.format).sort()).toEqual(['html', 'pdf']);
      const pdf = handout.outputs.find((output) => output.format === 'pdf')!;
      expect((await qpdfCheck(pdf.path)).code).toBe(0);
      expect(flat((await extractPdfPages(pdf.path)).text)).toContain('Bacteria vs. Viruses vs. Fungi');
    }
  });
});

/** Every colour the page model paints, with what it is. */
function paint(rendered: Rendered): { what: string; colour: string; filledArea?: boolean }[] {
  const out: { what: string; colour: string; filledArea?: boolean }[] = [];
  rendered.model.pages.forEach((page, index) => {
    for (const decoration of [...page.decorations, ...page.overlays]) {
      if (decoration.kind === 'rect') out.push({ what: `page ${index + 1} rect ${Math.round(decoration.width)}×${Math.round(decoration.height)}`, colour: decoration.fill, filledArea: decoration.width > 4 && decoration.height > 4 });
      else if (decoration.kind === 'rule') out.push({ what: `page ${index + 1} rule`, colour: decoration.color });
      else {
        out.push({ what: `page ${index + 1} circle stroke`, colour: decoration.stroke });
        if (decoration.fill) out.push({ what: `page ${index + 1} circle fill`, colour: decoration.fill });
      }
    }
    for (const text of page.texts) out.push({ what: `page ${index + 1} text "${text.text}"`, colour: text.color });
  });
  return out;
}

describe('print-economy', () => {
  let renderings: Rendered[];
  beforeAll(async () => {
    renderings = await Promise.all([...EDITIONS.map((edition) => render(THREE, { edition, theme: 'print-economy' })), render(SEED, { theme: 'print-economy' }), render(TWO_VENN, { edition: 'answers', theme: 'print-economy' })]);
  });

  it('paints only greys, and fills no area with anything but white (page model)', () => {
    for (const rendered of renderings) {
      const painted = paint(rendered);
      expect(painted.length).toBeGreaterThan(100);
      expect(painted.filter((entry) => !isGrey(entry.colour)).map((entry) => `${entry.what}: ${entry.colour}`)).toEqual([]);
      expect(painted.filter((entry) => entry.filledArea && !isWhite(entry.colour)).map((entry) => `${entry.what}: ${entry.colour}`)).toEqual([]);
    }
  });

  it('keeps the table headers and the summary unfilled where the default theme fills them', async () => {
    const economy = renderings[0]!;
    const colourful = await render(THREE, { theme: 'default' });
    const filled = (rendered: Rendered) => rendered.model.pages.flatMap((page) => page.decorations).filter((d) => d.kind === 'rect' && d.width > 4 && d.height > 4 && !isWhite(d.fill));
    expect(filled(colourful).length).toBeGreaterThan(3);
    expect(filled(economy)).toEqual([]);
  });

  it('HTML printed: greys only, no background but white', async () => {
    const saved = saveRendering(renderings[2]!, 'print-economy-answers');
    const problems = await withPage(async (page) => {
      await openHtmlFile(page, saved.html);
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      return colourProblems(page);
    });
    expect(problems).toEqual([]);
  });
});

/** Colours in the page that are not grey, and backgrounds that are neither white nor transparent. */
async function colourProblems(page: BrowserPage): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: { where: string; property: string; value: string }[] = [];
    for (const element of [document.body, ...document.querySelectorAll('main, main *')]) {
      const style = getComputedStyle(element);
      const where = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
      out.push({ where, property: 'color', value: style.color });
      out.push({ where, property: 'background-color', value: style.backgroundColor });
      for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
        if (parseFloat(style[`border${side}Width`]) > 0 && style[`border${side}Style`] !== 'none') out.push({ where, property: `border-${side.toLowerCase()}-color`, value: style[`border${side}Color`] });
      }
      if (element instanceof SVGElement) {
        if (style.fill !== 'none') out.push({ where, property: 'fill', value: style.fill });
        if (style.stroke !== 'none') out.push({ where, property: 'stroke', value: style.stroke });
      }
    }
    return out;
  });
  const problems: string[] = [];
  for (const { where, property, value } of found) {
    const match = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(value);
    if (!match) continue; // url(…), currentcolor…
    const [r, g, b] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const alpha = match[4] === undefined ? 1 : Number(match[4]);
    if (alpha === 0) continue;
    if (!(r === g && g === b)) problems.push(`${where} ${property}: ${value}`);
    else if (property === 'background-color' && !(r === 255 && g === 255 && b === 255)) problems.push(`${where} ${property}: ${value}`);
  }
  return problems;
}

describe('large-print', () => {
  let renderings: Rendered[];
  beforeAll(async () => {
    renderings = await Promise.all([...EDITIONS.map((edition) => render(THREE, { edition, theme: 'large-print' })), render(SEED, { theme: 'large-print' }), render(TWO_VENN, { edition: 'answers', theme: 'large-print' })]);
  });

  it('sets body text (paragraphs, list items, table cells, Name / Class / Date, headings) at 16 pt or more', () => {
    for (const rendered of renderings) {
      const muted = rendered.theme.tokens.colors.muted!;
      const body = allTexts(rendered.model).filter(
        (text) =>
          typeof text.owner === 'object' &&
          // Fine print the theme sets smaller on purpose (muted: byline, caption, disclaimer, sources) and
          // figures, whose text is fitted into the diagram, are checked below.
          !sameColor(text.color, muted) &&
          !ownerWithRole(text, 'Caption', rendered.parents) &&
          !ownerWithRole(text, 'Figure', rendered.parents),
      );
      expect(body.length).toBeGreaterThan(20);
      const small = body.filter((text) => text.size < 16 - 1e-9).map((text) => `${text.size} pt "${text.text}" (${typeof text.owner === 'object' ? text.owner.role : ''})`);
      expect([...new Set(small)]).toEqual([]);
      // Even the fine print stays large.
      expect(Math.min(...allTexts(rendered.model).filter((text) => !ownerWithRole(text, 'Figure', rendered.parents)).map((text) => text.size))).toBeGreaterThanOrEqual(12);
    }
  });

  it('keeps Venn and QR text large enough to read (labels ≥ 12 pt, points fitted in ≥ 9 pt)', () => {
    let checked = 0;
    for (const rendered of renderings) {
      const labels = new Set([...rendered.dataset.subjects.map((subject) => subject.name), 'In common', 'Online copy:']);
      for (const figure of findAll(rendered.model.structure, 'Figure')) {
        checked++;
        for (const text of textsOf(rendered, figure)) expect(text.size, `"${text.text}"`).toBeGreaterThanOrEqual(labels.has(text.text.trim()) ? 12 : 9);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(8); // Venn + QR in four renderings
  });

  it('gives every text at least 7:1 contrast against what it is printed on (page model)', () => {
    for (const rendered of renderings) {
      const low = rendered.model.pages.flatMap((page, index) =>
        page.texts.flatMap((text) => {
          const background = backgroundOf(page, text);
          const ratio = contrast(text.color, background);
          return ratio < 7 ? [`page ${index + 1} "${text.text}" ${text.color} on ${background}: ${ratio.toFixed(2)}`] : [];
        }),
      );
      expect([...new Set(low)]).toEqual([]);
    }
  });

  it('HTML printed: paragraphs and cells at 16 pt or more, text colours at least 7:1 on white', async () => {
    const saved = saveRendering(renderings[2]!, 'large-print-answers');
    const found = await withPage(async (page) => {
      await openHtmlFile(page, saved.html);
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      return page.evaluate(() =>
        [...document.querySelectorAll('main p, main li, main td, main th, main .fill-in-label')]
          .filter((element) => !element.closest('figure, .byline, .disclaimer, .sources, caption, .subtitle'))
          .map((element) => ({ text: (element as HTMLElement).innerText.slice(0, 40), size: parseFloat(getComputedStyle(element).fontSize), color: getComputedStyle(element).color, background: getComputedStyle(element).backgroundColor })),
      );
    });
    expect(found.length).toBeGreaterThan(20);
    const points = (px: number) => (px * 72) / 96;
    expect(found.filter((entry) => points(entry.size) < 16 - 0.01).map((entry) => `${points(entry.size)} pt: ${entry.text}`)).toEqual([]);
    const onWhite = found.filter((entry) => /rgba\(0, 0, 0, 0\)|rgb\(255, 255, 255\)/.test(entry.background));
    expect(onWhite.filter((entry) => contrast(entry.color, '#ffffff') < 7).map((entry) => `${entry.color}: ${entry.text}`)).toEqual([]);
  });
});

describe('a theme folder given by path', () => {
  const accent = '#8a1b5e';
  let folder: string;
  beforeAll(async () => {
    folder = tmpDir('editions-custom-theme');
    await writeFile(join(folder, 'theme.json'), JSON.stringify({ extends: 'default', name: 'custom-test', colors: { accent } }, null, 2));
  });

  it('changes the colour in the PDF page model', async () => {
    const rendered = await render(THREE, { theme: folder });
    expect(rendered.theme.name).toBe('custom-test');
    const headings = [...findAll(rendered.model.structure, 'H1'), ...findAll(rendered.model.structure, 'H2')];
    expect(headings.length).toBeGreaterThan(2);
    for (const heading of headings) for (const text of textsOf(rendered, heading)) expect(text.color, heading.title).toBe(accent);
    // The attribute column's header fill is the accent too (subject columns keep their colours).
    const fills = rendered.model.pages.flatMap((page) => page.decorations).filter((d) => d.kind === 'rect').map((d) => (d.kind === 'rect' ? d.fill : ''));
    expect(fills).toContain(accent);
    const standard = await render(THREE, { theme: 'default' });
    expect(allTexts(standard.model).some((text) => text.color === accent)).toBe(false);
  });

  it('changes the colour in the HTML CSS and computed styles', async () => {
    const rendered = await render(THREE, { theme: folder });
    expect(rendered.html).toContain(`--color-accent: ${accent};`);
    const saved = saveRendering(rendered, 'custom-theme');
    const colour = await withPage(async (page) => {
      await openHtmlFile(page, saved.html);
      return page.evaluate(() => getComputedStyle(document.querySelector('main h1')!).color);
    });
    expect(rgb(colour)).toEqual(rgb(accent));
  });

  it('builds both formats through build({ theme: folder })', async () => {
    const outDir = tmpDir('editions-custom-theme-build');
    const report = await build({ inputs: [SEED], outDir, theme: folder, formats: ['pdf', 'html'], workers: 1 });
    expect(report.ok, JSON.stringify(report.diagnostics)).toBe(true);
    expect(report.handouts[0]!.outputs.map((output) => output.format).sort()).toEqual(['html', 'pdf']);
  });
});
