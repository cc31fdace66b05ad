// Issue 5, languages: every fixed label comes from `meta.language` (en, es, fr, de) in the PDF and the
// HTML (including "Page X of Y", which the HTML prints through @page margin boxes); a language without
// labels stops the build with a clear `unsupported-language` error.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pack } from '../../src/pipeline/pack.js';
import { build } from '../../src/index.js';
import { openHtmlFile, withPage } from '../support/browser.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages, type PdfExtraction } from '../support/pdf-text.js';
import { comparisonTable, documentDiagnostics, fixture, flat, joinTexts, plain, render, saveRendering, SEED, textsOf, type Rendered } from './support/editions.js';

interface LanguageCase {
  language: string;
  file: string;
  /** "Page 1 of" in that language (the footer). */
  pageOne: string;
  conclusion: string;
  comparison: string;
  summary: string;
  /** Worksheet labels. */
  worksheet: string[];
  answerKey: string;
}

const cases: LanguageCase[] = [
  { language: 'en', file: SEED, pageOne: 'Page 1 of', conclusion: 'Conclusion', comparison: 'Comparison', summary: "What's the Difference?", worksheet: ['Worksheet', 'Name:', 'Class:', 'Date:'], answerKey: 'Answer key' },
  { language: 'es', file: fixture('languages', 'es.yaml'), pageOne: 'Página 1 de', conclusion: 'Conclusión', comparison: 'Comparación', summary: '¿Cuál es la diferencia?', worksheet: ['Hoja de trabajo', 'Nombre:', 'Clase:', 'Fecha:', 'Preguntas'], answerKey: 'Solucionario' },
  { language: 'fr', file: fixture('languages', 'fr.yaml'), pageOne: 'Page 1 sur', conclusion: 'Conclusion', comparison: 'Comparaison', summary: 'Quelle est la différence ?', worksheet: ['Fiche d’exercices', 'Nom:', 'Classe:', 'Date:', 'Questions'], answerKey: 'Corrigé' },
  { language: 'de', file: fixture('languages', 'de.yaml'), pageOne: 'Seite 1 von', conclusion: 'Fazit', comparison: 'Vergleich', summary: 'Was ist der Unterschied?', worksheet: ['Arbeitsblatt', 'Name:', 'Klasse:', 'Datum:', 'Fragen'], answerKey: 'Lösungsblatt' },
];

describe.each(cases)('labels in $language', (entry) => {
  let handout: Rendered;
  let worksheet: Rendered;
  let answers: Rendered;
  let handoutPdf: PdfExtraction;
  let htmlFile: string;

  beforeAll(async () => {
    [handout, worksheet, answers] = await Promise.all([render(entry.file), render(entry.file, { edition: 'worksheet' }), render(entry.file, { edition: 'answers' })]);
    handoutPdf = await extractPdfPages(handout.pdf);
    htmlFile = saveRendering(handout, `language-${entry.language}`).html;
  });

  it('PDF: footer, headings and language tag', () => {
    handoutPdf.pages.forEach((page) => expect(flat(page.text)).toContain(`${entry.pageOne.replace(' 1 ', ` ${page.pageNumber} `)} ${handoutPdf.pageCount}`));
    const text = flat(handoutPdf.text);
    for (const label of [entry.summary, entry.comparison, entry.conclusion]) expect(text).toContain(flat(label));
    expect(handoutPdf.info.Lang).toBe(entry.language);
  });

  it('PDF: attribute names print whole (a word as wide as its column is not cut)', () => {
    const table = comparisonTable(handout);
    expect(table.body.map((row) => joinTexts(textsOf(handout, row[0]!)))).toEqual(handout.dataset.attributes.map((attribute) => plain(attribute.name)));
  });

  it('PDF: worksheet and answer-key labels', async () => {
    const sheet = flat((await extractPdfPages(worksheet.pdf)).text);
    for (const label of entry.worksheet) expect(sheet).toContain(flat(label));
    const key = await extractPdfPages(answers.pdf);
    key.pages.forEach((page) => expect(flat(page.text), `page ${page.pageNumber}`).toContain(entry.answerKey));
  });

  it('HTML: headings and labels on screen, "Page X of Y" when printed', async () => {
    const saved = saveRendering(worksheet, `language-${entry.language}-worksheet`);
    const { screen, sheet, printed, lang } = await withPage(async (page) => {
      await openHtmlFile(page, htmlFile);
      const screenText = await page.locator('main').innerText();
      const htmlLang = await page.evaluate(() => document.documentElement.lang);
      const printedPdf = await extractPdfPages(await page.pdf({ preferCSSPageSize: true }));
      await openHtmlFile(page, saved.html);
      return { screen: flat(screenText), sheet: flat(await page.locator('main').innerText()), printed: printedPdf, lang: htmlLang };
    });
    expect(lang).toBe(entry.language);
    for (const label of [entry.summary, entry.comparison, entry.conclusion]) expect(screen).toContain(flat(label));
    for (const label of entry.worksheet) expect(sheet).toContain(flat(label));
    printed.pages.forEach((page) => expect(flat(page.text), `printed page ${page.pageNumber}`).toContain(`${entry.pageOne.replace(' 1 ', ` ${page.pageNumber} `)} ${printed.pageCount}`));
  });
});

describe('regional language tags', () => {
  it('es-MX falls back to the Spanish labels', async () => {
    const dir = tmpDir('editions-es-mx');
    const file = join(dir, 'mitosis-es-mx.yaml');
    await writeFile(file, (await readFile(fixture('languages', 'es.yaml'), 'utf8')).replace('language: es', 'language: es-MX').replace(/^slug: .*$/m, ''));
    const text = flat((await extractPdfPages((await render(file)).pdf)).text);
    expect(text).toContain('Página 1 de');
    expect(text).toContain('Conclusión');
  });
});

describe('a language without labels', () => {
  const file = fixture('languages', 'unsupported-xx.yaml');

  it('gives one clear unsupported-language error naming the language and the supported ones', async () => {
    const diagnostics = await documentDiagnostics(file);
    expect(diagnostics).toHaveLength(1);
    const [problem] = diagnostics;
    expect(problem).toMatchObject({ severity: 'error', code: 'unsupported-language', path: 'meta.language' });
    expect(problem!.message).toContain('`xx`');
    for (const language of ['en', 'es', 'fr', 'de']) expect(problem!.expected).toContain(`\`${language}\``);
    expect(problem!.hint).toBeTruthy();
  });

  it('fails the build at the line of meta.language and writes nothing', async () => {
    const outDir = tmpDir('editions-unsupported-language');
    const report = await build({ inputs: [file], outDir, formats: ['pdf', 'html'], editions: ['handout', 'worksheet', 'answers'], workers: 1 });
    expect(report.ok).toBe(false);
    const problems = report.handouts.flatMap((handout) => handout.diagnostics).filter((d) => d.code === 'unsupported-language');
    expect(problems.length).toBeGreaterThan(0);
    const line = (await readFile(file, 'utf8')).split('\n').findIndex((text) => /^\s+language: xx/.test(text)) + 1;
    expect(problems[0]!.position?.line).toBe(line);
    expect(report.handouts.every((handout) => handout.status === 'failed' && handout.outputs.length === 0)).toBe(true);
    expect((await readdir(outDir)).filter((name) => /\.(pdf|html)$/.test(name) && name !== 'index.html')).toEqual([]);
  });

  it('fails a class pack that includes it', async () => {
    const out = join(tmpDir('editions-unsupported-language-pack'), 'pack.pdf');
    const report = await pack({ inputs: [file, SEED], out });
    expect(report.ok).toBe(false);
    // Once, at its line (not repeated by every stage that looks at the language).
    const problems = report.diagnostics.filter((d) => d.code === 'unsupported-language');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.position?.line).toBeGreaterThan(0);
  });
});
