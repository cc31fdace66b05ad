// Smoke test of the test helpers against the real tools, without our own writer:
// a two-page PDF made directly with pdfkit, and a tiny HTML file opened in Chromium.
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileUrl, networkRequests, openHtmlFile, requestsBeyond, withPage } from './browser.js';
import { tmpDir } from './paths.js';
import { extractPdfPages, flattenOutline, normalizeText, pdfContainsText } from './pdf-text.js';
import { mutoolOutline, pdffonts, pdfinfo, pdftotext, qpdfCheck, renderPdfPages } from './poppler.js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

async function writeTinyPdf(file: string): Promise<void> {
  const doc = new PDFDocument({ size: 'A4', info: { Title: 'Support smoke test', Author: 'handout tests' } });
  const out = createWriteStream(file);
  doc.pipe(out);
  doc.font(DEJAVU).fontSize(18).text('Hello handout');
  doc.outline.addItem('Start');
  doc.addPage();
  doc.fontSize(12).text('Second page');
  doc.end();
  await once(out, 'finish');
}

describe('test support helpers', () => {
  let pdfFile: string;
  let dir: string;

  beforeAll(async () => {
    dir = tmpDir('support-smoke');
    pdfFile = join(dir, 'tiny.pdf');
    await writeTinyPdf(pdfFile);
  });

  it('normalizeText collapses whitespace and drops soft hyphens', () => {
    expect(normalizeText('  a\u00A0 b\n\tc\u00ADd  ')).toBe('a b cd');
    expect(pdfContainsText('Hello\nhandout', 'Hello  handout')).toBe(true);
    expect(pdfContainsText('Hello-\nhandout', 'Hello handout')).toBe(false);
  });

  it('pdf.js reads text, page count and metadata', async () => {
    const pdf = await extractPdfPages(pdfFile);
    expect(pdf.pageCount).toBe(2);
    expect(pdf.pages).toHaveLength(2);
    expect(pdfContainsText(pdf.pages[0]!.text, 'Hello handout')).toBe(true);
    expect(pdfContainsText(pdf.pages[1]!.text, 'Hello handout')).toBe(false);
    expect(pdfContainsText(pdf.pages[1]!.text, 'Second page')).toBe(true);
    expect(pdf.pages[0]!.width).toBeCloseTo(595.28, 1); // A4
    expect(pdf.pages[0]!.items.map((i) => i.str).join(' ')).toContain('Hello handout');
    expect(pdf.info.Title).toBe('Support smoke test');
    expect(flattenOutline(pdf.outline)).toEqual([{ title: 'Start', depth: 0, pageNumber: 1 }]);
  });

  it('qpdf --check passes and pdftotext finds the text', async () => {
    const check = await qpdfCheck(pdfFile);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(pdfContainsText(await pdftotext(pdfFile), 'Hello handout')).toBe(true);
  });

  it('pdfinfo, pdffonts, mutool and pdftoppm wrappers parse real output', async () => {
    const info = await pdfinfo(pdfFile);
    expect(info.Pages).toBe('2');
    expect(info.Title).toBe('Support smoke test');
    const fonts = await pdffonts(pdfFile);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({ type: 'CID TrueType', emb: true, sub: true, uni: true });
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+DejaVuSans$/);
    expect((await mutoolOutline(pdfFile)).entries).toEqual([
      { state: '|', depth: 0, title: 'Start', target: expect.stringMatching(/^#page=1\b/) },
    ]);
    const pngs = await renderPdfPages(pdfFile, { dpi: 20, outDir: join(dir, 'png') });
    expect(pngs).toEqual([join(dir, 'png', 'page-1.png'), join(dir, 'png', 'page-2.png')]);
  });

  it('Chromium opens a local HTML file without network requests', async () => {
    const htmlFile = join(dir, 'hi.html');
    await writeFile(
      htmlFile,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hi</title></head>' +
        '<body><h1>Hi</h1></body></html>',
    );
    await withPage(async (page, record) => {
      await openHtmlFile(page, htmlFile);
      expect(await page.locator('body').innerText()).toContain('Hi');
      expect(requestsBeyond(record, fileUrl(htmlFile))).toEqual([]);
      expect(record.consoleErrors).toEqual([]);
      expect(record.pageErrors).toEqual([]);
    });
  });

  it('the request recorder sees (and, offline, blocks) a request that would leave the machine', async () => {
    const htmlFile = join(dir, 'remote.html');
    await writeFile(
      htmlFile,
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Remote</title>' +
        '<link rel="stylesheet" href="https://example.invalid/style.css"></head><body><p>x</p></body></html>',
    );
    await withPage(async (page, record) => {
      await openHtmlFile(page, htmlFile);
      expect(requestsBeyond(record, fileUrl(htmlFile)).map((r) => r.url)).toEqual([
        'https://example.invalid/style.css',
      ]);
      expect(networkRequests(record)).toHaveLength(1);
      expect(record.failedRequests.map((r) => r.url)).toEqual(['https://example.invalid/style.css']);
    });
  });
});
