// The HTML handout carries its own fonts: the theme's faces, subset to the characters used, as WOFF
// `data:` URLs in @font-face rules. Opened in Chromium with every request intercepted, it asks for
// nothing but itself, and the text is set in the embedded faces (the browser's own report of the
// platform fonts used for each element), not in whatever the machine has installed.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/index.js';
import { fileUrl, openHtmlFile, withPage } from '../support/browser.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { buildDatasets, expectBuilt, outputOf } from './html-fixtures.js';

const bundled = (name: string) => fromRoot('tests', 'fixtures', 'bundled', name);
let report: BuildReport;

beforeAll(async () => {
  ({ report } = await buildDatasets(tmpDir('html-fonts'), { 'cytokine-storm-vs-sepsis.yaml': bundled('cytokine-storm-vs-sepsis.yaml'), 'bacteria-vs-viruses-vs-fungi.yaml': bundled('bacteria-vs-viruses-vs-fungi.yaml') }, { formats: ['html'], editions: ['handout', 'answers'] }));
  expectBuilt(report);
});

const html = (slug: string, edition: 'handout' | 'answers') => report.handouts.find((h) => h.slug === slug && (h.edition ?? 'handout') === edition)!.outputs.find((o) => o.format === 'html')!.path;

describe('embedded fonts', () => {
  it.each(['cytokine-storm-vs-sepsis', 'bacteria-vs-viruses-vs-fungi'])('%s: @font-face rules with WOFF data: URLs, a CSP that allows fonts from data: only, one file', async (slug) => {
    for (const edition of ['handout', 'answers'] as const) {
      const text = await readFile(html(slug, edition), 'utf8');
      const faces = text.match(/@font-face \{[^}]*\}/g) ?? [];
      expect(faces.length).toBeGreaterThanOrEqual(3);
      for (const face of faces) expect(face).toMatch(/src: url\(data:font\/woff;base64,[A-Za-z0-9+/=]+\) format\("woff"\)/);
      expect(new Set(faces.map((face) => /font-family: "([^"]+)"/.exec(face)![1]))).toEqual(new Set(['Noto Serif', 'Noto Sans']));
      expect(text).toContain("font-src data:");
      expect(text).toContain("default-src 'none'");
      expect(text).not.toMatch(/url\((?!data:)/);
      // Subset, not whole fonts: the regular Noto Serif alone is over 500 KB.
      expect(text.length).toBeLessThan(200_000);
    }
  });

  it.each(['cytokine-storm-vs-sepsis', 'bacteria-vs-viruses-vs-fungi'])('%s answer key: no request but the file (all intercepted), every text in an embedded face', async (slug) => {
    const file = html(slug, 'answers');
    await withPage(async (page, record) => {
      const intercepted: string[] = [];
      await page.route('**/*', async (route) => {
        intercepted.push(route.request().url());
        if (route.request().url() === fileUrl(file)) await route.continue();
        else await route.abort();
      });
      await openHtmlFile(page, file);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(intercepted).toEqual([fileUrl(file)]);
      expect(record.requests.map((request) => request.url)).toEqual([fileUrl(file)]);
      expect(await page.evaluate(() => [...document.fonts].filter((face) => face.status === 'loaded').length)).toBeGreaterThanOrEqual(3);

      const cdp = await page.context().newCDPSession(page);
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const used = async (selector: string) => {
        const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
        expect(nodeIds.length, selector).toBeGreaterThan(0);
        const fonts = await Promise.all(nodeIds.map(async (nodeId) => (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts));
        return fonts.flat();
      };
      for (const [selector, family] of [
        ['h1', 'Noto Sans'],
        ['.summary p', 'Noto Serif'],
        ['thead th', 'Noto Sans'],
        ['tbody th', 'Noto Sans'],
        ['.writing-space.answer p', 'Noto Serif'],
        ['caption', 'Noto Sans'],
      ] as const) {
        const fonts = await used(selector);
        expect(fonts.length, selector).toBeGreaterThan(0);
        for (const font of fonts) {
          expect(font.isCustomFont, `${selector}: ${font.familyName}`).toBe(true);
          expect(font.familyName, selector).toContain(family);
        }
      }
    });
  });
});
