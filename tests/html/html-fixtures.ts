/**
 * Shared pieces of the HTML browser tests: datasets made for a purpose (written as YAML and built
 * through the real pipeline, `build()`), the two checkers (axe-core in Chromium, html-validate), and
 * small measurements taken inside the page.
 */
import { mkdirSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { HtmlValidate, StaticConfigLoader } from 'html-validate';
import type { Page } from 'playwright-core';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import { build, type BuildOptions, type BuildReport } from '../../src/index.js';
import { artifactsDir, fromRoot } from '../support/paths.js';

export const SEED_DATASET = fromRoot('tests', 'fixtures', 'bundled', 'cytokine-storm-vs-sepsis.yaml');

/** Where the tests leave screenshots for people to look at (fixed names, overwritten each run). */
export const screenshotDir = join(artifactsDir, 'html');

export function screenshotPath(name: string): string {
  mkdirSync(screenshotDir, { recursive: true });
  return join(screenshotDir, name);
}

/**
 * Write datasets into `dir/data/`: `{ file name: dataset object }` (written as YAML) or
 * `{ file name: path of a dataset file }` (copied).
 */
export async function writeDatasets(dir: string, datasets: Record<string, unknown>): Promise<string> {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  for (const [name, dataset] of Object.entries(datasets)) {
    if (typeof dataset === 'string') await copyFile(dataset, join(dataDir, name));
    else await writeFile(join(dataDir, name), stringify(dataset, { lineWidth: 0 }));
  }
  return dataDir;
}

/** `writeDatasets`, then build them through the real pipeline into `outDir` (default `dir/out/`). */
export async function buildDatasets(
  dir: string,
  datasets: Record<string, unknown>,
  options: Omit<BuildOptions, 'inputs'> = {},
): Promise<{ report: BuildReport; outDir: string }> {
  const dataDir = await writeDatasets(dir, datasets);
  const outDir = options.outDir ?? join(dir, 'out');
  const report = await build({ workers: 1, ...options, inputs: [dataDir], outDir });
  return { report, outDir };
}

/** The build succeeded for every dataset (with the diagnostics in the failure message). */
export function expectBuilt(report: BuildReport): void {
  const problems = [...report.diagnostics, ...report.handouts.flatMap((h) => h.diagnostics)].filter((d) => d.severity === 'error');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  expect(report.handouts.every((h) => h.status === 'built')).toBe(true);
}

export function outputOf(report: BuildReport, slug: string, format: 'pdf' | 'html') {
  const output = report.handouts.find((h) => h.slug === slug)?.outputs.find((o) => o.format === format);
  if (!output) throw new Error(`no ${format} output for ${slug}`);
  return output;
}

// ---------------------------------------------------------------------------------------------
// Datasets

/** Four subjects, long names and words, links and sources: the hardest case for narrow screens. */
export function stressDataset() {
  return {
    title: 'Immunohistochemistry vs. Flow Cytometry vs. Mass Spectrometry vs. Microscopy',
    subtitle: 'Four laboratory techniques with long names, compared',
    slug: 'stress',
    subjects: [
      { id: 'ihc', name: 'Immunohistochemistry', aka: 'IHC' },
      { id: 'flow', name: 'Flow Cytometry' },
      { id: 'ms', name: 'Mass Spectrometry' },
      { id: 'micro', name: 'Fluorescence Microscopy' },
    ],
    summary:
      'Four ways to look at cells and molecules. Read more at [the reference page](https://example.org/a/really/long/path/that/keeps/going/and/going/without/any/break/at/all/index.html) ' +
      'or the unlinked address https://example.org/another/very/long/unbroken/address/that/must/wrap/on/a/phone/screen.html, ' +
      'and remember Pneumonoultramicroscopicsilicovolcanoconiosis.',
    attributes: [
      { name: 'Pathophysiology', values: { ihc: 'Tissue sections', flow: 'Cells in suspension', ms: 'Molecules by mass', micro: 'Labelled structures' } },
      { name: 'Immunophenotyping', values: { ihc: 'Yes, on tissue', flow: 'Yes, the standard method', ms: 'Rarely', micro: 'Partly' } },
      {
        name: 'Characteristically discriminating attribute',
        values: {
          ihc: 'Spatial context preserved within the histological architecture.',
          flow: 'Thousands of cells per second, quantitative.',
          ms: 'Unparalleled specificity for molecular identification.',
          micro: 'Subcellular localisation in living specimens.',
        },
      },
      { name: 'Throughput', values: { ihc: 'Low', flow: 'High', ms: 'Medium', micro: 'Low' } },
    ],
    sections: [{ heading: 'Choosing a technique', body: 'It depends on the question: **where** (IHC, microscopy), **how many** (flow) or **what exactly** (mass spectrometry).' }],
    conclusion: 'Each technique answers a different question.',
    disclaimer: 'A test dataset.',
    meta: {
      language: 'en',
      author: 'Handout test suite',
      date: '2026-01-15',
      sources: [
        { title: 'A source with a long address', url: 'https://example.org/sources/immunohistochemistry-versus-flow-cytometry-versus-mass-spectrometry' },
        { title: 'Another source', url: 'https://example.com/b' },
      ],
    },
  };
}

export const LONG_ROWS = 120;
export const LONG_SECTIONS = 36;
export const LONG_SUBJECTS = ['Alphaside', 'Betaside'] as const;
const pad = (n: number) => String(n).padStart(3, '0');
/** Tokens that mark where each row, heading and section body starts and ends in extracted text. */
export const rowLabel = (n: number) => `Row${pad(n)}`;
export const rowEnd = (n: number, column: 'a' | 'b') => `End${pad(n)}${column}`;
export const headingLabel = (n: number) => `Heading${pad(n)}`;
export const bodyStart = (n: number) => `Body${pad(n)}`;

const filler = 'the quick brown fox jumps over the lazy dog and keeps running through the field';

/**
 * 120 attribute rows of varying height and 36 sections of varying length: page breaks fall in many
 * different places, so rows split across pages and headings left at a page bottom would show up.
 */
export function longDataset(pageSizeNote = '') {
  const words = filler.split(' ');
  const text = (n: number, length: number) => Array.from({ length }, (_, i) => words[(n + i) % words.length]).join(' ');
  return {
    title: `Long Table Test${pageSizeNote}`,
    slug: 'long',
    subjects: [
      { id: 'a', name: LONG_SUBJECTS[0] },
      { id: 'b', name: LONG_SUBJECTS[1] },
    ],
    summary: 'A long handout for print tests. See [the print guide](https://example.org/print-guide) for details.',
    attributes: Array.from({ length: LONG_ROWS }, (_, i) => {
      const n = i + 1;
      const length = [2, 12, 30, 5, 45, 8, 20][n % 7]!;
      return { name: rowLabel(n), values: { a: `${text(n, length)} ${rowEnd(n, 'a')}`, b: `${text(n + 3, (length * 3) % 37)} ${rowEnd(n, 'b')}` } };
    }),
    sections: Array.from({ length: LONG_SECTIONS }, (_, i) => {
      const n = i + 1;
      return { heading: headingLabel(n), body: `${bodyStart(n)} ${text(n, [15, 60, 110, 35, 150, 25][n % 6]!)}.` };
    }),
    conclusion: 'The end.',
    meta: {
      language: 'en',
      date: '2026-01-15',
      sources: [
        { title: 'Print guide', url: 'https://example.org/print-guide' },
        { title: 'Table guide', url: 'https://example.com/tables/header-groups' },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Checkers

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeSummary {
  violations: string[];
  incomplete: string[];
  passes: number;
}

/** axe-core with the WCAG 2.1 A/AA rules; violations as readable lines. */
export async function runAxe(page: Page): Promise<AxeSummary> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const describe = (list: typeof result.violations) =>
    list.flatMap((rule) => rule.nodes.map((node) => `${rule.id} (${rule.impact ?? 'n/a'}): ${node.target.join(' ')}: ${node.failureSummary ?? rule.help}`));
  return { violations: describe(result.violations), incomplete: describe(result.incomplete), passes: result.passes.length };
}

const recommended = new HtmlValidate(new StaticConfigLoader({ extends: ['html-validate:recommended'] }));
/**
 * The recommended preset without `long-title`, a search-engine heuristic (titles over 70 characters
 * get cut in result lists): a handout's `<title>` is its dataset's title, which may be longer and
 * must not be cut. Everything else stays an error.
 */
const recommendedAnyTitle = new HtmlValidate(new StaticConfigLoader({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } }));

/** html-validate (recommended preset): every message, errors and warnings, as `line:column rule: message`. */
export async function validateHtml(html: string, name: string, options: { allowLongTitle?: boolean } = {}): Promise<{ errors: number; warnings: number; messages: string[] }> {
  const report = await (options.allowLongTitle ? recommendedAnyTitle : recommended).validateString(html, name);
  const messages = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  return { errors: report.errorCount, warnings: report.warningCount, messages };
}

// ---------------------------------------------------------------------------------------------
// In-page measurements

/** `#1b5e8a` → `rgb(27, 94, 138)`, as getComputedStyle writes colours. */
export function rgb(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return `rgb(${[match[1], match[2], match[3]].map((part) => parseInt(part!, 16)).join(', ')})`;
}

/** A font-family list as getComputedStyle writes it: double quotes, `, ` between names. */
export function normalizeFontList(list: string): string {
  return list
    .split(',')
    .map((name) => name.trim().replace(/^['"]|['"]$/g, ''))
    .map((name) => (/\s/.test(name) ? `"${name}"` : name))
    .join(', ');
}

export interface LayoutProblems {
  scrollWidth: number;
  innerWidth: number;
  /** Text whose line boxes reach outside the viewport. */
  textOutside: string[];
  /** Elements that clip their content (overflow other than visible, content wider than the box). */
  clipped: string[];
  /** Table cells with a word wider than the cell (so the browser broke it mid-word). */
  brokenWords: string[];
}

/**
 * What a reader would see as cut off or broken at the current viewport width. Deliberately hidden
 * content (clip-path, e.g. the visually hidden column headers of the narrow layout) is skipped.
 */
export async function layoutProblems(page: Page): Promise<LayoutProblems> {
  return page.evaluate(() => {
    const hidden = (element: Element | null): boolean => {
      for (let e = element; e; e = e.parentElement) {
        const style = getComputedStyle(e);
        if (style.display === 'none' || style.visibility === 'hidden' || style.clipPath !== 'none' || e.getAttribute('aria-hidden') === 'true') return true;
      }
      return false;
    };
    const describe = (element: Element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/\s+/g, '.')}` : ''}`;
    const textOutside: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim() || hidden(node.parentElement)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        if (rect.width > 0 && (rect.left < -0.5 || rect.right > innerWidth + 0.5)) {
          textOutside.push(`${describe(node.parentElement!)} "${node.textContent.trim().slice(0, 40)}" ${Math.round(rect.left)}..${Math.round(rect.right)}`);
          break;
        }
      }
    }
    const clipped: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const style = getComputedStyle(element);
      if (hidden(element) || (style.overflowX === 'visible' && style.overflowY === 'visible')) continue;
      if (element.scrollWidth > element.clientWidth + 1) clipped.push(`${describe(element)} ${element.scrollWidth} > ${element.clientWidth}`);
    }
    const brokenWords: string[] = [];
    for (const cell of document.querySelectorAll('th, td')) {
      if (hidden(cell)) continue;
      const style = getComputedStyle(cell);
      const available = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const probe = document.createElement('span');
      probe.style.whiteSpace = 'nowrap';
      cell.append(probe);
      for (const word of (cell as HTMLElement).innerText.split(/\s+/).filter(Boolean)) {
        probe.textContent = word;
        const width = probe.getBoundingClientRect().width;
        if (width > available + 0.5) brokenWords.push(`${describe(cell)} "${word}" ${Math.round(width)} > ${Math.round(available)}`);
      }
      probe.remove();
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, textOutside, clipped, brokenWords };
  });
}
