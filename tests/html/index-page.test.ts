// `<out>/index.html`: written by `build()` when it builds HTML, listing every handout HTML in the
// output folder (this run's and earlier ones), sorted by title, with subjects and links to the HTML
// and PDF; itself valid, accessible, self-contained and readable on a phone.
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanHandouts, renderIndex } from '../../src/pipeline/write-index.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import type { Theme } from '../../src/templates/theme.js';
import { fileUrl, openHtmlFile, requestsBeyond, withPage } from '../support/browser.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { buildDatasets, expectBuilt, layoutProblems, runAxe, screenshotPath, SEED_DATASET, stressDataset, validateHtml } from './html-fixtures.js';

const TEA = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');
const apples = {
  title: 'Äpfel vs. Birnen',
  slug: 'apples',
  subjects: [
    { id: 'apfel', name: 'Apfel' },
    { id: 'birne', name: 'Birne' },
  ],
  summary: 'Zwei Früchte.',
  attributes: [{ name: 'Form', values: { apfel: 'rund', birne: 'birnenförmig' } }],
  meta: { language: 'de' },
};

let theme: Theme;
let dir: string;
let outDir: string;
let indexFile: string;

interface Listed {
  title: string;
  lang?: string;
  subjects: string;
  hrefs: string[];
}

/** The index as a reader sees it: one entry per list item. */
function readIndex(html: string): Listed[] {
  const dom = parseDocument(html);
  return DomUtils.getElementsByTagName('li', dom).map((li) => {
    const h2 = DomUtils.getElementsByTagName('h2', li)[0]!;
    const subjects = DomUtils.getElementsByTagName('p', li).find((p) => p.attribs.class === 'subjects');
    return {
      title: DomUtils.textContent(h2),
      ...(h2.attribs.lang ? { lang: h2.attribs.lang } : {}),
      subjects: subjects ? DomUtils.textContent(subjects) : '',
      hrefs: DomUtils.getElementsByTagName('a', li).map((a) => a.attribs.href!),
    };
  });
}

beforeAll(async () => {
  theme = (await loadTheme('default')).theme!;
  dir = tmpDir('html-index');
  // First run: two handouts in both formats. Second run, into the same folder: one more, HTML only.
  const first = await buildDatasets(join(dir, 'run1'), { 'cytokine-storm-vs-sepsis.yaml': SEED_DATASET, 'tea.yaml': TEA, 'stress.yaml': stressDataset() });
  expectBuilt(first.report);
  outDir = first.outDir;
  const second = await buildDatasets(join(dir, 'run2'), { 'apples.yaml': apples }, { formats: ['html'], outDir });
  expectBuilt(second.report);
  expect(second.report.handouts).toHaveLength(1);
  indexFile = join(outDir, 'index.html');
});

describe('index.html', () => {
  it('lists every handout in the folder, earlier builds’ too, sorted by title, with subjects and links', async () => {
    const listed = readIndex(await readFile(indexFile, 'utf8'));
    expect(listed).toEqual([
      { title: 'Äpfel vs. Birnen', lang: 'de', subjects: 'Subjects: Apfel, Birne', hrefs: ['apples.html', 'apples.html'] },
      { title: 'Cytokine Storm vs. Sepsis', lang: 'en', subjects: 'Subjects: Cytokine Storm, Sepsis', hrefs: ['cytokine-storm-vs-sepsis.html', 'cytokine-storm-vs-sepsis.html', 'cytokine-storm-vs-sepsis.pdf'] },
      {
        title: 'Immunohistochemistry vs. Flow Cytometry vs. Mass Spectrometry vs. Microscopy',
        lang: 'en',
        subjects: 'Subjects: Immunohistochemistry, Flow Cytometry, Mass Spectrometry, Fluorescence Microscopy',
        hrefs: ['stress.html', 'stress.html', 'stress.pdf'],
      },
      { title: 'Tea vs. Coffee', lang: 'en', subjects: 'Subjects: Tea, Coffee', hrefs: ['tea.html', 'tea.html', 'tea.pdf'] },
    ]);
    const html = await readFile(indexFile, 'utf8');
    expect(html).toContain('<p class="count">4 handouts, sorted by title.</p>');
    // Every link's name says which handout it opens.
    expect(html).toContain('>PDF<span class="visually-hidden">: Handout, <span lang="en">Tea vs. Coffee</span></span></a>');
  });

  it('after --edition all: each title once, each edition labelled, answer keys only in the teacher index', async () => {
    const editionsDir = join(dir, 'editions');
    const built = await buildDatasets(editionsDir, { 'tea.yaml': TEA, 'apples.yaml': apples }, { editions: ['handout', 'worksheet', 'answers'] });
    expectBuilt(built.report);
    const out = join(editionsDir, 'out');
    const students = await readFile(join(out, 'index.html'), 'utf8');
    const teachers = await readFile(join(out, 'index-teacher.html'), 'utf8');
    const lines = (html: string) =>
      DomUtils.getElementsByTagName('li', parseDocument(html)).map((li) => ({
        title: DomUtils.textContent(DomUtils.getElementsByTagName('h2', li)[0]!),
        editions: DomUtils.getElementsByTagName('p', li).filter((p) => p.attribs.class?.startsWith('formats')).map((p) => DomUtils.textContent(DomUtils.getElementsByTagName('span', p)[0]!)),
        hrefs: DomUtils.getElementsByTagName('a', li).map((a) => a.attribs.href!),
      }));
    expect(lines(students).map(({ title, editions }) => ({ title, editions }))).toEqual([
      { title: 'Äpfel vs. Birnen', editions: ['Handout:', 'Worksheet:'] },
      { title: 'Tea vs. Coffee', editions: ['Handout:', 'Worksheet:'] },
    ]);
    expect(students).not.toMatch(/\.answers\.(html|pdf)/);
    expect(students.slice(students.indexOf('<body>'))).not.toContain('Answer key');
    expect(lines(teachers).map(({ title, editions }) => ({ title, editions }))).toEqual([
      { title: 'Äpfel vs. Birnen', editions: ['Handout:', 'Worksheet:', 'Answer key:'] },
      { title: 'Tea vs. Coffee', editions: ['Handout:', 'Worksheet:', 'Answer key:'] },
    ]);
    expect(lines(teachers)[1]!.hrefs).toEqual(['tea.html', 'tea.html', 'tea.pdf', 'tea.worksheet.html', 'tea.worksheet.pdf', 'tea.answers.html', 'tea.answers.pdf']);
  });

  it('leaves out files that are not handouts, and handouts that are gone', async () => {
    const folder = join(dir, 'scan');
    const { outDir: scanned } = await buildDatasets(folder, { 'tea.yaml': TEA, 'apples.yaml': apples });
    await writeFile(join(scanned, 'notes.html'), '<!DOCTYPE html><html lang="en"><title>My notes</title><p>not a handout</p></html>');
    await writeFile(join(scanned, 'orphan.pdf'), '%PDF-1.4');
    await rm(join(scanned, 'apples.html'));
    const entries = await scanHandouts(scanned);
    expect(entries.map((entry) => [entry.title, entry.html, entry.pdf])).toEqual([['Tea vs. Coffee', 'tea.html', 'tea.pdf']]);
  });

  it('is not written by a PDF-only build', async () => {
    const { report, outDir: pdfOnly } = await buildDatasets(join(dir, 'pdf-only'), { 'tea.yaml': TEA }, { formats: ['pdf'] });
    expectBuilt(report);
    await expect(stat(join(pdfOnly, 'index.html'))).rejects.toThrow(/ENOENT/);
  });

  it('never overwrites a handout whose slug is `index`: a warning instead', async () => {
    const { report, outDir: clash } = await buildDatasets(join(dir, 'clash'), { 'index.yaml': { ...apples, slug: 'index', title: 'Ein Handout namens index' } });
    expect(report.ok).toBe(true);
    expect(report.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'index-not-written']]);
    expect(await readFile(join(clash, 'index.html'), 'utf8')).toContain('<title>Ein Handout namens index</title>');
  });

  it('is the same bytes for the same folder', async () => {
    const entries = await scanHandouts(outDir);
    expect(renderIndex(entries, theme)).toBe(renderIndex(entries, theme));
    expect(renderIndex(entries, theme)).toBe(await readFile(indexFile, 'utf8'));
    expect(renderIndex([], theme)).toContain('<p class="count">0 handouts, sorted by title.</p>');
  });

  it('passes html-validate (recommended preset, untouched)', async () => {
    const result = await validateHtml(await readFile(indexFile, 'utf8'), indexFile);
    expect(result.messages).toEqual([]);
    expect(result.errors).toBe(0);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [375, 1280]) {
      it(`passes axe-core (WCAG 2.1 A/AA), loads nothing and fits the screen (${colorScheme}, ${width} px)`, async () => {
        await withPage(
          async (page, record) => {
            await openHtmlFile(page, indexFile);
            expect((await runAxe(page)).violations).toEqual([]);
            expect(requestsBeyond(record, fileUrl(indexFile))).toEqual([]);
            const problems = await layoutProblems(page);
            expect(problems.scrollWidth).toBeLessThanOrEqual(problems.innerWidth);
            expect(problems.textOutside).toEqual([]);
            expect(problems.clipped).toEqual([]);
            const outline = await page.evaluate(() => ({
              lang: document.documentElement.lang,
              h1: document.querySelectorAll('h1').length,
              headings: [...document.querySelectorAll('h1, h2, h3')].map((h) => h.tagName),
            }));
            expect(outline.lang).toBe('en');
            expect(outline.h1).toBe(1);
            expect(outline.headings.slice(1).every((tag) => tag === 'H2')).toBe(true);
            await page.screenshot({ path: screenshotPath(`index-${width}${colorScheme === 'dark' ? '-dark' : ''}.png`), fullPage: true });
          },
          { viewport: { width, height: 800 }, contextOptions: { colorScheme } },
        );
      });
    }
  }

  it('links open the handouts', async () => {
    await withPage(async (page) => {
      await openHtmlFile(page, indexFile);
      await page.getByRole('link', { name: 'Tea vs. Coffee' }).first().click();
      await page.waitForURL(/tea\.html$/);
      expect(await page.title()).toBe('Tea vs. Coffee');
    });
  });
});
