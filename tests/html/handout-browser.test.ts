// The HTML handout in a real browser (Debian's Chromium through playwright-core): it loads nothing,
// passes axe-core (WCAG 2.1 AA) in light and dark, passes html-validate, reads on a phone and on a
// desktop (screenshots in tests/.artifacts/html/ are for people to look at), and takes its colours and
// fonts from the same theme tokens as the PDF, with a dark screen style that never reaches paper.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BuildReport } from '../../src/index.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import type { ThemeTokens } from '../../src/templates/theme.js';
import { fileUrl, networkRequests, openHtmlFile, requestsBeyond, withPage } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { renderPdfPages } from '../support/poppler.js';
import { buildDatasets, expectBuilt, layoutProblems, normalizeFontList, outputOf, rgb, runAxe, screenshotPath, SEED_DATASET, stressDataset, validateHtml } from './html-fixtures.js';

let dir: string;
let report: BuildReport;
let tokens: ThemeTokens;
const files: Record<'seed' | 'stress', string> = { seed: '', stress: '' };

beforeAll(async () => {
  dir = tmpDir('html-browser');
  ({ report } = await buildDatasets(dir, { 'cytokine-storm-vs-sepsis.yaml': SEED_DATASET, 'stress.yaml': stressDataset() }, { formats: ['html'] }));
  expectBuilt(report);
  files.seed = outputOf(report, 'cytokine-storm-vs-sepsis', 'html').path;
  files.stress = outputOf(report, 'stress', 'html').path;
  tokens = (await loadTheme('default')).theme!.tokens;
});

const handouts = ['seed', 'stress'] as const;

describe('a self-contained file', () => {
  it.each(handouts)('%s: opening it requests nothing but the file itself, with or without a network', async (name) => {
    for (const offline of [true, false]) {
      await withPage(
        async (page, record) => {
          await openHtmlFile(page, files[name]);
          // Scroll through the whole page so anything lazily loaded would be requested too.
          await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
          // Anything lazily loaded after the scroll is asked for before the network is idle.
          await page.waitForLoadState('networkidle');
          await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
          expect(requestsBeyond(record, fileUrl(files[name]))).toEqual([]);
          expect(networkRequests(record)).toEqual([]);
          expect(record.requests).toHaveLength(1);
          expect(record.failedRequests).toEqual([]);
          expect(record.consoleErrors).toEqual([]);
          expect(record.pageErrors).toEqual([]);
          // The embedded faces (data: URLs), nothing else.
          expect(await page.evaluate(() => [...document.fonts].every((face) => face.status !== 'error'))).toBe(true);
        },
        { offline },
      );
    }
  });
});

describe('semantic and accessible', () => {
  it.each(handouts)('%s: one h1, headings in order, landmarks, table with caption and scoped headers', async (name) => {
    await withPage(async (page) => {
      await openHtmlFile(page, files[name]);
      const outline = await page.evaluate(() => ({
        lang: document.documentElement.lang,
        title: document.title,
        headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
        mains: document.querySelectorAll('main').length,
        outsideMain: [...document.body.children].filter((e) => e.tagName !== 'MAIN').length,
        captions: [...document.querySelectorAll('table')].map((t) => t.caption?.textContent?.trim() ?? ''),
        unscoped: document.querySelectorAll('th:not([scope])').length,
        theadScopes: [...document.querySelectorAll('thead th')].map((th) => th.getAttribute('scope')),
        tbodyScopes: [...document.querySelectorAll('tbody th')].map((th) => th.getAttribute('scope')),
        asides: document.querySelectorAll('aside').length,
      }));
      expect(outline.lang).toBe('en');
      expect(outline.title).not.toBe('');
      expect(outline.headings.filter((level) => level === 1)).toHaveLength(1);
      expect(outline.headings[0]).toBe(1);
      for (let i = 1; i < outline.headings.length; i += 1) expect(outline.headings[i]! - outline.headings[i - 1]!).toBeLessThanOrEqual(1);
      expect(outline.mains).toBe(1);
      expect(outline.outsideMain).toBe(0);
      expect(outline.captions.length).toBeGreaterThan(0);
      for (const caption of outline.captions) expect(caption).not.toBe('');
      expect(outline.unscoped).toBe(0);
      expect(new Set(outline.theadScopes)).toEqual(new Set(['col']));
      expect(new Set(outline.tbodyScopes)).toEqual(new Set(['row']));
      expect(outline.asides).toBe(1);
    });
  });

  for (const name of handouts) {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [375, 1280]) {
        it(`${name}: axe-core finds no WCAG 2.1 A/AA violation (${colorScheme}, ${width} px)`, async () => {
          await withPage(
            async (page) => {
              await openHtmlFile(page, files[name]);
              const axe = await runAxe(page);
              expect(axe.violations).toEqual([]);
              expect(axe.passes).toBeGreaterThan(5);
            },
            { viewport: { width, height: 900 }, contextOptions: { colorScheme } },
          );
        });
      }
    }
  }

  it.each(handouts)('%s: html-validate (recommended preset) reports nothing', async (name) => {
    const html = await readFile(files[name], 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n')).toBe(true);
    // The stress handout's title is 78 characters: only html-validate's `long-title` (an SEO length
    // heuristic) objects to that, see validateHtml. The seed passes the untouched preset.
    const result = await validateHtml(html, files[name], { allowLongTitle: name === 'stress' });
    expect(result.messages).toEqual([]);
    expect(result.errors).toBe(0);
    if (name === 'stress') expect((await validateHtml(html, files[name])).messages).toEqual([expect.stringMatching(/long-title/)]);
  });
});

describe('responsive', () => {
  for (const name of handouts) {
    for (const width of [375, 1280]) {
      it(`${name}: at ${width} px nothing is cut off, no page-wide horizontal scroll, no word broken in the table`, async () => {
        await withPage(
          async (page) => {
            await openHtmlFile(page, files[name]);
            const problems = await layoutProblems(page);
            expect(problems.scrollWidth).toBeLessThanOrEqual(problems.innerWidth);
            expect(problems.textOutside).toEqual([]);
            expect(problems.clipped).toEqual([]);
            expect(problems.brokenWords).toEqual([]);
            await page.screenshot({ path: screenshotPath(`${name}-${width}.png`), fullPage: true });
            if (name === 'seed') {
              await page.emulateMedia({ colorScheme: 'dark' });
              await page.screenshot({ path: screenshotPath(`${name}-${width}-dark.png`), fullPage: true });
            }
          },
          { viewport: { width, height: 900 } },
        );
      });
    }
  }

  it('at 375 px the comparison becomes one card per attribute, each value labelled with its subject', async () => {
    await withPage(
      async (page) => {
        await openHtmlFile(page, files.stress);
        const cards = await page.evaluate(() =>
          [...document.querySelectorAll('tbody tr')].map((row) => {
            const box = row.getBoundingClientRect();
            return {
              display: getComputedStyle(row).display,
              width: Math.round(box.width),
              labels: [...row.querySelectorAll('td')].map((td) => getComputedStyle(td, '::before').content),
            };
          }),
        );
        expect(cards).toHaveLength(4);
        for (const card of cards) {
          expect(card.display).toBe('block');
          expect(card.width).toBeLessThanOrEqual(375);
          expect(card.labels).toEqual(['"Immunohistochemistry"', '"Flow Cytometry"', '"Mass Spectrometry"', '"Fluorescence Microscopy"']);
        }
        // The column headers stay in the document for screen readers, visually hidden.
        const header = await page.evaluate(() => {
          const thead = document.querySelector('thead')!;
          return { clip: getComputedStyle(thead).clipPath, texts: [...thead.querySelectorAll('th')].map((th) => th.textContent) };
        });
        expect(header.clip).not.toBe('none');
        expect(header.texts).toContain('Immunohistochemistry');
        // Chromium keeps the table's semantics for assistive technology in the card layout.
        const tree = await page.locator('table').ariaSnapshot();
        expect(tree).toContain('columnheader "Immunohistochemistry"');
        expect(tree).toContain('rowheader "Pathophysiology"');
      },
      { viewport: { width: 375, height: 800 } },
    );
  });

  it('at 1280 px the attribute column is as wide as its longest word', async () => {
    await withPage(async (page) => {
      await openHtmlFile(page, files.seed);
      const widths = await page.evaluate(() =>
        [...document.querySelectorAll('tbody th')].map((th) => {
          const probe = document.createElement('span');
          probe.style.whiteSpace = 'nowrap';
          probe.textContent = 'Pathophysiology';
          th.append(probe);
          const word = probe.getBoundingClientRect().width;
          probe.remove();
          const style = getComputedStyle(th);
          return { word, available: th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) };
        }),
      );
      for (const { word, available } of widths) expect(word).toBeLessThanOrEqual(available + 0.5);
    });
  });
});

describe('one source of design', () => {
  async function styles(page: Page) {
    return page.evaluate(() => {
      const style = (selector: string, pseudo?: string) => getComputedStyle(document.querySelector(selector)!, pseudo);
      return {
        bodyColor: style('body').color,
        bodyBackground: style('body').backgroundColor,
        bodyFont: style('body').fontFamily,
        bodySize: style('body').fontSize,
        h1Color: style('h1').color,
        h1Font: style('h1').fontFamily,
        h1Size: style('h1').fontSize,
        h2Color: style('h2').color,
        thColor: style('thead th').color,
        thBackground: style('thead th').backgroundColor,
        rowHeaderBackground: style('tbody th').backgroundColor,
        summaryBackground: style('.summary').backgroundColor,
        summaryBorder: style('.summary').borderLeftColor,
        tdSize: style('tbody td').fontSize,
        mutedColor: style('.byline').color,
        linkColor: document.querySelector('main a') ? getComputedStyle(document.querySelector('main a')!).color : '',
      };
    });
  }

  it('colours and fonts are the theme tokens (the ones the PDF uses)', async () => {
    await withPage(async (page) => {
      await openHtmlFile(page, files.seed);
      const screen = await styles(page);
      expect(screen.h1Color).toBe(rgb(tokens.colors.accent!));
      expect(screen.h2Color).toBe(rgb(tokens.colors.accent!));
      expect(screen.bodyColor).toBe(rgb(tokens.colors.text!));
      expect(screen.thColor).toBe(rgb(tokens.colors.onAccent!));
      expect(screen.thBackground).toBe(rgb(tokens.colors.accent!));
      expect(screen.rowHeaderBackground).toBe(rgb(tokens.colors.stripe!));
      expect(screen.summaryBackground).toBe(rgb(tokens.colors.accentSoft!));
      expect(screen.mutedColor).toBe(rgb(tokens.colors.muted!));
      expect(screen.bodyFont).toBe(normalizeFontList(tokens.fonts.body.css));
      expect(screen.h1Font).toBe(normalizeFontList(tokens.fonts.heading!.css));
      // On paper every size is its token in points (1pt = 4/3 px).
      await page.emulateMedia({ media: 'print' });
      const print = await styles(page);
      expect(parseFloat(print.bodySize)).toBeCloseTo((tokens.styles.body!.size! * 4) / 3, 2);
      expect(parseFloat(print.h1Size)).toBeCloseTo((tokens.styles.h1!.size! * 4) / 3, 2);
      expect(parseFloat(print.tdSize)).toBeCloseTo((tokens.styles.td!.size! * 4) / 3, 2);
    });
  });

  it('a dark screen gets dark colours; print stays light, whatever the colour scheme', async () => {
    await withPage(async (page) => {
      await openHtmlFile(page, files.stress);
      await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
      const light = await styles(page);
      await page.emulateMedia({ media: 'screen', colorScheme: 'dark' });
      const dark = await styles(page);
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const printDark = await styles(page);
      await page.emulateMedia({ media: 'print', colorScheme: 'light' });
      const printLight = await styles(page);
      expect(dark.bodyBackground).not.toBe(light.bodyBackground);
      expect(dark.bodyColor).not.toBe(light.bodyColor);
      expect(dark.h1Color).not.toBe(light.h1Color);
      const colours = (s: typeof light) => {
        const { bodySize: _a, h1Size: _b, tdSize: _c, bodyBackground, ...rest } = s;
        return { ...rest, bodyBackground: bodyBackground === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bodyBackground };
      };
      expect(colours(printDark)).toEqual(colours(printLight));
      const { bodyBackground: _screenBackground, ...screenColours } = colours(light);
      const { bodyBackground: _printBackground, ...printColours } = colours(printDark);
      expect(printColours).toEqual(screenColours);
      expect(printDark.h1Color).toBe(rgb(tokens.colors.accent!));
    });
  });

  it('printing from a browser in dark mode gives the same pages as in light mode', async () => {
    const pngs: Buffer[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await withPage(
        async (page) => {
          await openHtmlFile(page, files.seed);
          const pdf = join(dir, `print-${colorScheme}.pdf`);
          await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
          const [first] = await renderPdfPages(pdf, { dpi: 40, outDir: join(dir, `png-${colorScheme}`), first: 1, last: 1 });
          pngs.push(await readFile(first!));
        },
        { contextOptions: { colorScheme } },
      );
    }
    const [light, dark] = pngs.map((bytes) => PNG.sync.read(bytes));
    expect(dark!.width).toBe(light!.width);
    expect(Buffer.compare(dark!.data, light!.data)).toBe(0);
  });
});
