/**
 * Debian Chromium driven by playwright-core (no browser downloads here).
 *
 * One browser per test file, launched on first use and closed by the `afterAll` hook this module
 * registers when a test file imports it (vitest runs each test file with a fresh module graph).
 * Every page gets its own context; `withPage` records the page's requests, console errors and
 * uncaught exceptions so tests can assert that a handout loads nothing from the network.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page, type Response } from 'playwright-core';
import { afterAll } from 'vitest';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

let browserPromise: Promise<Browser> | undefined;

/** The shared browser of this test file (launched on first call). */
export function getBrowser(): Promise<Browser> {
  if (!browserPromise) {
    if (!existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `${CHROMIUM_PATH} not found. The browser tests need Debian's chromium: run \`npm test\` as root ` +
          '(its pretest step installs it) or `sudo apt-get install -y chromium`.',
      );
    }
    browserPromise = chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    browserPromise.catch(() => {
      browserPromise = undefined;
    });
  }
  return browserPromise;
}

export async function closeBrowser(): Promise<void> {
  const pending = browserPromise;
  browserPromise = undefined;
  if (pending) {
    const browser = await pending.catch(() => undefined);
    await browser?.close();
  }
}

afterAll(closeBrowser);

export interface RecordedRequest {
  url: string;
  method: string;
  resourceType: string;
}

export interface PageRecord {
  context: BrowserContext;
  /** Every request the context made (documents, styles, fonts, images, fetches...), in order. */
  requests: RecordedRequest[];
  /** Requests that failed (with Chromium's error text), e.g. blocked by `offline`. */
  failedRequests: (RecordedRequest & { failure: string })[];
  /** `console.error` messages (and Chromium's own errors such as failed resource loads). */
  consoleErrors: string[];
  /** Uncaught exceptions thrown in the page. */
  pageErrors: Error[];
}

export interface WithPageOptions {
  viewport?: { width: number; height: number };
  /**
   * Emulate a machine without network (default true): http(s) requests fail instead of leaving
   * the test machine. They are still recorded in `requests` so tests can assert there were none.
   */
  offline?: boolean;
  /** Any other context options (colorScheme, reducedMotion, locale, javaScriptEnabled, ...). */
  contextOptions?: BrowserContextOptions;
}

/**
 * Open a fresh context and page, run `fn`, then close the context (also when `fn` throws).
 */
export async function withPage<T>(
  fn: (page: Page, record: PageRecord) => Promise<T>,
  options: WithPageOptions = {},
): Promise<T> {
  const browser = await getBrowser();
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    offline: options.offline ?? true,
    ...options.contextOptions,
  });
  const record: PageRecord = { context, requests: [], failedRequests: [], consoleErrors: [], pageErrors: [] };
  context.on('request', (req) => {
    record.requests.push({ url: req.url(), method: req.method(), resourceType: req.resourceType() });
  });
  context.on('requestfailed', (req) => {
    record.failedRequests.push({
      url: req.url(),
      method: req.method(),
      resourceType: req.resourceType(),
      failure: req.failure()?.errorText ?? 'unknown',
    });
  });
  try {
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') record.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => {
      record.pageErrors.push(err);
    });
    return await fn(page, record);
  } finally {
    await context.close();
  }
}

/** Requests other than those for `allowedUrls` (e.g. the handout's own file:// URL). */
export function requestsBeyond(record: PageRecord, ...allowedUrls: string[]): RecordedRequest[] {
  const allowed = new Set(allowedUrls);
  return record.requests.filter((r) => !allowed.has(r.url));
}

/** Requests that are neither file: nor data:/blob:/about: URLs, i.e. that would use the network. */
export function networkRequests(record: PageRecord): RecordedRequest[] {
  return record.requests.filter((r) => !/^(file|data|blob|about):/i.test(r.url));
}

/** file:// URL of a local path (resolved against the current directory). */
export function fileUrl(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

/**
 * Navigate to a local HTML file and wait for `load` and for its web fonts to be ready.
 * Returns the navigation response.
 */
export async function openHtmlFile(page: Page, path: string): Promise<Response | null> {
  const response = await page.goto(fileUrl(path), { waitUntil: 'load' });
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  return response;
}
