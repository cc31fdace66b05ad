// Hostile dataset text through the real pipeline (`build()`), then opened in Chromium with scripts
// enabled: markup in the data is shown as text, `javascript:` and `data:` links are not links, and
// nothing runs (no dialog, no console message, no Content-Security-Policy violation) — also with the
// CSP taken out of the file, so the escaping is proven, not just the policy.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { BuildReport } from '../../src/index.js';
import { fileUrl, networkRequests, openHtmlFile, requestsBeyond, withPage, type PageRecord } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages } from '../support/pdf-text.js';
import { buildDatasets, expectBuilt, outputOf, runAxe, validateHtml } from './html-fixtures.js';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const JS_LINK = '[x](javascript:alert(1))';
const DATA_LINK = '[y](data:text/html,<script>alert(1)</script>)';
const ATTRIBUTE_BREAKOUT = '"><svg onload=alert(1)>';
const STYLE_BREAKOUT = '</style><script>alert(1)</script>';

const hostile = {
  title: `Hostile ${SCRIPT} title`,
  subtitle: `${IMG} subtitle ${STYLE_BREAKOUT}`,
  slug: 'hostile',
  subjects: [
    { id: 'one', name: `One ${ATTRIBUTE_BREAKOUT}` },
    { id: 'two', name: `Two ${IMG}` },
  ],
  summary: `Summary ${SCRIPT} and ${IMG} with ${JS_LINK} and ${DATA_LINK} and [z](JaVaScRiPt:alert(1)) and [w]( javascript:alert(1)) and <a href="javascript:alert(1)">raw</a>.`,
  attributes: [
    { name: `Attr ${SCRIPT}`, values: { one: `Cell ${IMG}`, two: `Cell ${JS_LINK} ${DATA_LINK}` } },
    { name: `Attr ${ATTRIBUTE_BREAKOUT}`, values: { one: `<iframe src="https://example.org"></iframe>`, two: '<style>body{display:none}</style>' } },
  ],
  sections: [
    { heading: `Heading ${SCRIPT}`, body: `Body ${IMG} ${JS_LINK}`, sections: [{ heading: `Sub ${ATTRIBUTE_BREAKOUT}`, body: `${DATA_LINK} [ok](https://example.org/ok)` }] },
    // Long enough for a second page, which shows the running header (CSS `content`, not markup).
    { heading: 'Filler', body: Array.from({ length: 12 }, () => 'A long paragraph of plain words. '.repeat(20)).join('\n\n') },
  ],
  conclusion: `Conclusion ${SCRIPT}`,
  disclaimer: `Disclaimer ${IMG}`,
  meta: { language: 'en', author: `Author ${ATTRIBUTE_BREAKOUT}`, audience: `Audience ${SCRIPT}`, date: '2026-01-15' },
};

let dir: string;
let report: BuildReport;
let htmlFile: string;
let indexFile: string;

beforeAll(async () => {
  dir = tmpDir('html-safety');
  ({ report } = await buildDatasets(dir, { 'hostile.yaml': hostile }));
  expectBuilt(report);
  htmlFile = outputOf(report, 'hostile', 'html').path;
  indexFile = join(dir, 'out', 'index.html');
});

interface Watch {
  dialogs: string[];
  console: string[];
  violations: string[];
}

/** Record every dialog (alert/confirm/prompt), console message and CSP violation of the page. */
async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { dialogs: [], console: [], violations: [] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => seen.console.push(`${message.type()}: ${message.text()}`));
  await page.exposeFunction('reportViolation', (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return seen;
}

/**
 * Lets anything that could run do so, waiting on events rather than a fixed time: the page loaded
 * (onload/onerror handlers ran), no request in flight (anything lazily loaded after the scroll was
 * asked for and answered), and two frames painted (anything queued for rendering ran).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

async function dangerousNodes(page: Page) {
  return page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    loaders: [...document.querySelectorAll('img, iframe, object, embed, svg, video, audio, source, link, base, form, meta[http-equiv="refresh"]')].map((e) => e.outerHTML),
    handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
    badLinks: [...document.querySelectorAll('a[href^="javascript" i], a[href^="data" i], a[href*="javascript:" i], [src]')].map((e) => e.outerHTML),
    hrefs: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    styles: document.querySelectorAll('style').length,
    bodyVisible: getComputedStyle(document.body).display !== 'none',
  }));
}

function expectQuiet(seen: Watch, record: PageRecord, url: string): void {
  expect(seen.dialogs).toEqual([]);
  expect(seen.console).toEqual([]);
  expect(seen.violations).toEqual([]);
  expect(record.pageErrors).toEqual([]);
  expect(requestsBeyond(record, url)).toEqual([]);
  expect(networkRequests(record)).toEqual([]);
}

describe('the watch itself (control)', () => {
  it('sees dialogs, console messages and CSP violations when a page does run script', async () => {
    const runs = join(dir, 'control-runs.html');
    const blocked = join(dir, 'control-blocked.html');
    await writeFile(runs, `<!DOCTYPE html><title>t</title><body><img src=x onerror="alert(1)"><script>console.log('ran'); alert(2)</script>`);
    await writeFile(blocked, `<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>t</title><script>alert(1)</script>`);
    await withPage(async (page) => {
      const seen = await watch(page);
      await openHtmlFile(page, runs);
      await settle(page);
      expect(seen.dialogs.sort()).toEqual(['alert: 1', 'alert: 2']);
      expect(seen.console).toContain('log: ran');
    });
    await withPage(async (page) => {
      const seen = await watch(page);
      await openHtmlFile(page, blocked);
      await settle(page);
      expect(seen.dialogs).toEqual([]);
      expect(seen.violations).toEqual([expect.stringMatching(/^script-src/)]);
    });
  });
});

describe('hostile dataset text', () => {
  it('builds: markup in text fields is data, not an error', () => {
    expect(outputOf(report, 'hostile', 'pdf').bytes).toBeGreaterThan(0);
  });

  it('is shown as literal text in the HTML, and no script runs (Chromium, scripts enabled)', async () => {
    await withPage(async (page, record) => {
      const seen = await watch(page);
      await openHtmlFile(page, htmlFile);
      await settle(page);
      expect(await page.evaluate(() => document.title)).toBe(`Hostile ${SCRIPT} title`);
      const text = await page.evaluate(() => document.querySelector('main')!.textContent!.replace(/\s+/g, ' '));
      for (const literal of [SCRIPT, IMG, ATTRIBUTE_BREAKOUT, STYLE_BREAKOUT, '<a href="javascript:alert(1)">raw</a>', '<iframe src="https://example.org"></iframe>', '<style>body{display:none}</style>']) {
        expect(text).toContain(literal);
      }
      // Markdown links to refused targets are not links: their source stays as text.
      for (const literal of [JS_LINK, DATA_LINK, '[z](JaVaScRiPt:alert(1))']) expect(text).toContain(literal);
      const nodes = await dangerousNodes(page);
      expect(nodes.scripts).toBe(0);
      expect(nodes.loaders).toEqual([]);
      expect(nodes.handlers).toEqual([]);
      expect(nodes.badLinks).toEqual([]);
      expect(nodes.hrefs).toEqual(['https://example.org/ok']);
      expect(nodes.styles).toBe(1);
      expect(nodes.bodyVisible).toBe(true);
      const meta = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('meta[name]')].map((m) => [m.getAttribute('name'), m.getAttribute('content')])));
      expect(meta.author).toBe(`Author ${ATTRIBUTE_BREAKOUT}`);
      expect(meta.keywords).toBe(`One ${ATTRIBUTE_BREAKOUT}, Two ${IMG}`);
      expectQuiet(seen, record, fileUrl(htmlFile));
    });
  });

  it('stays inert with the Content-Security-Policy removed: the escaping alone keeps it safe', async () => {
    const html = (await readFile(htmlFile, 'utf8')).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n?/, '');
    expect(html).not.toContain('Content-Security-Policy');
    const stripped = join(dir, 'hostile-without-csp.html');
    await writeFile(stripped, html);
    await withPage(async (page, record) => {
      const seen = await watch(page);
      await openHtmlFile(page, stripped);
      await settle(page);
      const nodes = await dangerousNodes(page);
      expect(nodes.scripts).toBe(0);
      expect(nodes.loaders).toEqual([]);
      expect(nodes.handlers).toEqual([]);
      expect(nodes.badLinks).toEqual([]);
      expectQuiet(seen, record, fileUrl(stripped));
    });
  });

  it('prints as text in the print styles too (the running header is CSS content)', async () => {
    await withPage(async (page, record) => {
      const seen = await watch(page);
      await openHtmlFile(page, htmlFile);
      const pdfFile = join(dir, 'hostile.chromium.pdf');
      await page.pdf({ path: pdfFile, preferCSSPageSize: true });
      const pdf = await extractPdfPages(pdfFile);
      // pdf.js puts spaces between some runs; compare without any whitespace.
      const bare = (text: string) => text.replace(/\s+/g, '');
      expect(pdf.pageCount).toBeGreaterThan(1);
      expect(bare(pdf.pages[0]!.text)).toContain(bare(`Hostile ${SCRIPT} title`));
      expect(bare(pdf.pages[0]!.text)).toContain(bare(`One ${ATTRIBUTE_BREAKOUT}`));
      expect(bare(pdf.pages[1]!.text)).toContain(bare(`Hostile ${SCRIPT} title`)); // the running header
      expectQuiet(seen, record, fileUrl(htmlFile));
    });
  });

  it('is still valid and accessible HTML', async () => {
    const result = await validateHtml(await readFile(htmlFile, 'utf8'), htmlFile);
    expect(result.messages).toEqual([]);
    await withPage(async (page) => {
      await openHtmlFile(page, htmlFile);
      expect((await runAxe(page)).violations).toEqual([]);
    });
  });

  it('is shown as text in the output folder’s index.html as well', async () => {
    await withPage(async (page, record) => {
      const seen = await watch(page);
      await openHtmlFile(page, indexFile);
      await settle(page);
      const text = await page.evaluate(() => document.querySelector('main')!.textContent!.replace(/\s+/g, ' '));
      expect(text).toContain(`Hostile ${SCRIPT} title`);
      expect(text).toContain(`One ${ATTRIBUTE_BREAKOUT}, Two ${IMG}`);
      const nodes = await dangerousNodes(page);
      expect(nodes.scripts).toBe(0);
      expect(nodes.loaders).toEqual([]);
      expect(nodes.handlers).toEqual([]);
      expect(nodes.hrefs).toEqual(['hostile.html', 'hostile.html', 'hostile.pdf']);
      expectQuiet(seen, record, fileUrl(indexFile));
    });
  });
});

describe('link targets other than http(s) and mailto', () => {
  it('are refused with a clear error where a URL is expected (sources)', async () => {
    const { report: refused } = await buildDatasets(join(dir, 'refused'), {
      'bad-source.yaml': {
        title: 'Bad source',
        subjects: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
        summary: 'Text.',
        attributes: [{ name: 'X', values: { a: '1', b: '2' } }],
        meta: { sources: [{ title: 'Evil', url: 'javascript:alert(1)' }, { title: 'Data', url: 'data:text/html,<script>alert(1)</script>' }] },
      },
    });
    expect(refused.ok).toBe(false);
    const [handout] = refused.handouts;
    expect(handout?.status).toBe('failed');
    expect(handout?.outputs).toEqual([]);
    const problems = handout!.diagnostics.filter((d) => d.severity === 'error');
    expect(problems.map((d) => d.path)).toEqual(['meta.sources[0].url', 'meta.sources[1].url']);
    for (const problem of problems) expect(problem.message).toMatch(/http/);
  });
});
