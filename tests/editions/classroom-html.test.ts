// What a dataset says must show in both outputs: subjects' other names (`aka`), the licence as an
// attribution line, the reviewed state; link addresses on paper (the PDF after the link text, the
// HTML's print style alike, the PDF's Sources with their addresses); and answers and the answer-key
// mark readable on a dark screen (axe, dark colour scheme, on answer-key pages).
import { describe, expect, it } from 'vitest';
import { openHtmlFile, withPage } from '../support/browser.js';
import { fromRoot } from '../support/paths.js';
import { extractPdfPages } from '../support/pdf-text.js';
import { runAxe } from '../html/html-fixtures.js';
import { fixture, flat, render, saveRendering } from './support/editions.js';

const META = fixture('meta-and-links.yaml');
const bundled = (name: string) => fromRoot('tests', 'fixtures', 'bundled', name);

async function htmlText(file: string, media: 'screen' | 'print'): Promise<string> {
  return withPage(async (page) => {
    await openHtmlFile(page, file);
    if (media === 'screen') return page.evaluate(() => document.body.innerText);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    return (await extractPdfPages(pdf)).text;
  });
}

describe('aka, licence and reviewed state', () => {
  it.each(['handout', 'worksheet', 'answers'] as const)('%s: in the PDF and the HTML', async (edition) => {
    const rendered = await render(META, { edition });
    const saved = saveRendering(rendered, `meta-${edition}`);
    const pdf = flat((await extractPdfPages(rendered.pdf)).text);
    const html = flat(await htmlText(saved.html, 'screen'));
    for (const text of [pdf, html]) {
      expect(text).toContain('Tea, also known as Camellia sinensis infusion');
      expect(text).toContain('© 2026 Ada Teacher · CC BY 4.0 · Reviewed');
    }
  });

  it('a dataset marked `reviewed: false` says so; one without an author has no ©, one without a licence no attribution line', async () => {
    const seed = await render(bundled('cytokine-storm-vs-sepsis.yaml'));
    const seedText = flat((await extractPdfPages(seed.pdf)).text);
    expect(seedText).toContain('For classroom use · Not yet reviewed');
    // A dated dataset without an author: the licence alone, no © that names nobody.
    expect(seedText).not.toMatch(/©\s*\d{4}\s*·/);
    expect(seedText).not.toContain('©');
    const minimal = await render(fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml'));
    const text = flat((await extractPdfPages(minimal.pdf)).text);
    expect(text).not.toContain('©');
    expect(text).not.toContain('reviewed');
  });
});

describe('link targets on paper', () => {
  it('the PDF prints each address after its link text, Sources included; the HTML print style alike', async () => {
    const rendered = await render(META);
    const saved = saveRendering(rendered, 'link-targets');
    const pdf = flat((await extractPdfPages(rendered.pdf)).text);
    const printed = flat(await htmlText(saved.html, 'print'));
    for (const text of [pdf, printed]) {
      expect(text).toMatch(/caffeine fact sheet \(https:\/\/example\.org\/ ?caffeine\)/);
      expect(text).toMatch(/Caffeine in drinks \(https:\/\/example\.org\/ ?sources\/ ?caffeine-in-drinks\)/);
    }
    // The online copy's address is its own text: printed once, not twice.
    expect(pdf.match(/handouts\/bacteria/g) ?? []).toHaveLength(0);
    const three = await render(bundled('bacteria-vs-viruses-vs-fungi.yaml'));
    expect(flat((await extractPdfPages(three.pdf)).text).match(/example\.org\/handouts\/bacteria-viruses-fungi/g)).toHaveLength(1);
  });
});

describe('dark screens', () => {
  it.each(['bacteria-vs-viruses-vs-fungi.yaml', 'cytokine-storm-vs-sepsis.yaml'])('%s answer key: axe finds no violation in dark mode, answers and mark included', async (name) => {
    const rendered = await render(bundled(name), { edition: 'answers' });
    const saved = saveRendering(rendered, `dark-${name}`);
    await withPage(
      async (page) => {
        await openHtmlFile(page, saved.html);
        const answers = await page.evaluate(() => [...document.querySelectorAll('.answer, .edition-mark')].map((element) => getComputedStyle(element).color));
        expect(answers.length).toBeGreaterThan(5);
        // Not the light theme's dark green (#0f6a3c, 2.7:1 on the dark page).
        expect(answers.filter((colour) => colour === 'rgb(15, 106, 60)')).toEqual([]);
        const axe = await runAxe(page);
        expect(axe.violations).toEqual([]);
      },
      { contextOptions: { colorScheme: 'dark' } },
    );
  });
});
