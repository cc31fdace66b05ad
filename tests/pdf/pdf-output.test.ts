// The PDF handout through the real pipeline (`build()` → file), checked with readers independent of
// our writer: pdf.js (text, annotations, outline, metadata), poppler (pdfinfo, pdffonts, pdftotext,
// -struct-text), qpdf and mupdf. Datasets live in tests/fixtures/pdf/.
import { readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { tmpDir } from '../support/paths.js';
import { extractPdfPages, flattenOutline, normalizeText, type PdfExtraction } from '../support/pdf-text.js';
import { mutoolOutline, pdffonts, pdfinfo, pdfStructText, pdftotext, pdfXmp, qpdfCheck } from '../support/poppler.js';
import { buildPdf, fixture, seedDataset, type BuiltPdf } from './support/build-pdf.js';
import { linkAnnotations } from './support/pdf-links.js';
import { checkPdfUa, failedChecks } from './support/pdf-ua.js';

/** Headings in the tag tree (`H2 "Comparison" (block)`), in order, as { level, title }. */
function structHeadings(structText: string): { level: number; title: string }[] {
  // The heading's text is its content line (pdfinfo prints a title attribute outside Latin-1, such as
  // “What’s”, as raw UTF-16 bytes on the element's own line).
  return [...structText.matchAll(/^\s*H([1-6]) "(?:[^"\\]|\\.)*".*\n\s*"((?:[^"\\]|\\.)*)"/gm)].map((match) => ({ level: Number(match[1]), title: match[2]! }));
}

describe('the seed handout', () => {
  let built: BuiltPdf;
  let pdf: PdfExtraction;

  beforeAll(async () => {
    built = await buildPdf(seedDataset, { label: 'seed' });
    pdf = await extractPdfPages(built.file);
  });

  it('has bookmarks matching the headings: titles, nesting and target pages (mutool and pdf.js)', async () => {
    const headings = structHeadings(await pdfStructText(built.file));
    expect(headings.length).toBeGreaterThan(8);
    const { entries } = await mutoolOutline(built.file);
    expect(entries.map(({ title, depth }) => ({ title, depth }))).toEqual(headings.map(({ title, level }) => ({ title, depth: level - 1 })));
    const outline = flattenOutline(pdf.outline);
    expect(outline.map((entry) => entry.title)).toEqual(headings.map((heading) => heading.title));
    for (const [index, entry] of outline.entries()) {
      const page = pdf.pages[entry.pageNumber! - 1]!;
      // The bookmark goes to the page holding the heading, scrolled to the heading (not the page's top-right corner).
      const item = page.items.find((candidate) => candidate.str === entry.title);
      expect(item, `"${entry.title}" on page ${entry.pageNumber}`).toBeDefined();
      const target = /#page=(\d+)&zoom=[\d.]+,([\d.]+),([\d.]+)/.exec(entries[index]!.target);
      expect(target, entries[index]!.target).not.toBeNull();
      expect(Number(target![1])).toBe(entry.pageNumber);
      expect(Number(target![2])).toBe(0);
      const headingTop = page.height - item!.y - item!.height;
      expect(Math.abs(Number(target![3]) - headingTop)).toBeLessThan(12);
    }
  });

  it('is tagged: Document > Sect > H1, P, Table with Caption, TR, TH (scoped) and TD', async () => {
    const info = await pdfinfo(built.file);
    expect(info.Tagged).toBe('yes');
    const tags = await pdfStructText(built.file);
    const lines = tags.split('\n');
    expect(lines[0]).toBe('Document');
    expect(lines[1]).toBe('  Sect');
    expect(lines[2]).toMatch(/^ {4}H1 "Cytokine Storm vs\. Sepsis"/);
    expect(tags).toMatch(/^ {6}Caption\n {8}"Comparison of Cytokine Storm and Sepsis"/m);
    expect(tags).toMatch(/TH:\n\s+\/Scope \/Column\n\s+"Attribute"/);
    expect(tags).toMatch(/TH:\n\s+\/Scope \/Column\n\s+"Cytokine Storm"/);
    expect(tags).toMatch(/TH:\n\s+\/Scope \/Row\n\s+"Definition"\n\s+TD\n\s+"An excessive immune response/);
    expect(tags).toMatch(/P \(block\)\n\s+"Cytokine storm and sepsis are both severe immune responses/);
  });

  it('keeps the running header and footer out of the tag tree (artifacts), but on the page', async () => {
    const tags = await pdfStructText(built.file);
    expect(tags).not.toMatch(/Page \d+ of \d+/);
    // The title is tagged once, as the H1 (its /T and its text), never as the running header.
    expect(tags.match(/Cytokine Storm vs\. Sepsis/g)).toHaveLength(2);
    const text = await pdftotext(built.file);
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBe(built.pages);
    pages.forEach((page, index) => expect(normalizeText(page)).toContain(`Page ${index + 1} of ${built.pages}`));
    expect(normalizeText(pages[1]!).startsWith('Cytokine Storm vs. Sepsis')).toBe(true);
  });

  it('has its metadata: title (shown in the title bar), subject, keywords, language, dates', async () => {
    const info = await pdfinfo(built.file);
    expect(info.Title).toBe('Cytokine Storm vs. Sepsis');
    expect(info.Subject).toBe('Comparison of Cytokine Storm and Sepsis');
    expect(info.Keywords).toBe('Cytokine Storm, Sepsis');
    expect(pdf.info.Lang).toBe('en');
    expect(pdf.viewerPreferences?.DisplayDocTitle).toBe(true);
    expect(pdf.markInfo?.Marked).toBe(true);
    expect(pdf.xmp?.['dc:title']).toBe('Cytokine Storm vs. Sepsis');
  });

  it('embeds and subsets every font, with Unicode maps', async () => {
    const fonts = await pdffonts(built.file);
    expect(fonts.length).toBeGreaterThan(2);
    for (const font of fonts) {
      expect(font, font.name).toMatchObject({ emb: true, sub: true, uni: true });
      expect(font.name).toMatch(/^[A-Z]{6}\+Noto(Sans|Serif)/);
    }
  });

  it('passes qpdf --check and the PDF/UA checks', async () => {
    const check = await qpdfCheck(built.file);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(failedChecks(await checkPdfUa(built.file))).toEqual([]);
  });
});

describe('page sizes', () => {
  const cases = [
    { pageSize: 'A4', landscape: false, size: '595.28 x 841.89 pts (A4)' },
    { pageSize: 'Letter', landscape: false, size: '612 x 792 pts (letter)' },
    { pageSize: 'A4', landscape: true, size: '841.89 x 595.28 pts (A4)' },
    { pageSize: 'Letter', landscape: true, size: '792 x 612 pts (letter)' },
  ] as const;
  for (const { pageSize, landscape, size } of cases) {
    it(`builds ${pageSize}${landscape ? ' landscape' : ''} (pdfinfo: ${size}), every page that size and all text inside the margins`, async () => {
      const built = await buildPdf(seedDataset, { pageSize, landscape, label: `size-${pageSize}-${landscape}` });
      const info = await pdfinfo(built.file);
      expect(info['Page size']).toBe(size);
      const pdf = await extractPdfPages(built.file);
      const [width, height] = size.split(' ').filter((part) => /^[\d.]+$/.test(part)).map(Number);
      for (const page of pdf.pages) {
        expect(page.width).toBeCloseTo(width!, 1);
        expect(page.height).toBeCloseTo(height!, 1);
        for (const item of page.items) {
          expect(item.x, item.str).toBeGreaterThanOrEqual(56 - 0.5);
          expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.width - 56 + 0.5);
        }
      }
      expect(normalizeText(pdf.text)).toContain('Early recognition, antibiotics, fluid resuscitation, and supportive care are key in the treatment of sepsis.');
    });
  }
});

describe('a four-subject handout with links', () => {
  let built: BuiltPdf;
  let pdf: PdfExtraction;

  beforeAll(async () => {
    built = await buildPdf(fixture('four-subjects.yaml'), { label: 'four-subjects' });
    pdf = await extractPdfPages(built.file);
  });

  it('sets the four subjects side by side in the header row, after the attribute column', () => {
    const page = pdf.pages[0]!;
    const labels = ['Attribute', 'Penicillins', 'Cephalosporins', 'Carbapenems', 'Macrolides'];
    const row = page.items.find((item) => item.str.trim() === 'Attribute')!;
    const header = labels.map((label) => page.items.find((item) => item.str.trim() === label && Math.abs(item.y - row.y) < 0.5)!);
    expect(header.every(Boolean)).toBe(true);
    for (let index = 1; index < header.length; index++) expect(header[index]!.x).toBeGreaterThan(header[index - 1]!.x + 20);
    expect(new Set(header.map((item) => item.y.toFixed(1))).size).toBe(1);
    // Subject columns share the width; the attribute column is the narrow one.
    const widths = header.slice(1).map((item, index) => (header[index + 2]?.x ?? page.width - 56) - item.x);
    expect(Math.min(...widths)).toBeGreaterThan(header[1]!.x - header[0]!.x - 1);
  });

  it('extracts long unbreakable words whole (only line breaks inside them)', () => {
    // normalizeText rejoins a word the writer split with a hyphen (U+2010) at a line end.
    const squeezed = normalizeText(pdf.text).replace(/\s+/g, '');
    expect(squeezed).toContain('(2S,5R,6R)-6-[[(2R)-2-amino-2-(4-hydroxyphenyl)acetyl]amino]-3,3-dimethyl-7-oxo-4-thia-1-azabicyclo[3.2.0]heptane-2-carboxylicacid');
    expect(squeezed).toContain('https://en.wikipedia.org/wiki/Cephalosporin');
  });

  it('has clickable links: Link annotations with the URL and an alternate description (pdf.js)', async () => {
    const links = await linkAnnotations(built.file);
    const urls = [...new Set(links.map((link) => link.url))];
    expect(urls).toEqual([
      'https://www.who.int/groups/expert-committee-on-selection-and-use-of-essential-medicines/essential-medicines-lists',
      'https://en.wikipedia.org/wiki/Penicillin',
      'https://en.wikipedia.org/wiki/Cephalosporin',
      'https://en.wikipedia.org/wiki/Carbapenem',
      'https://en.wikipedia.org/wiki/Macrolide',
      'https://www.who.int/publications/i/item/WHO-MHP-HPS-EML-2023.02',
    ]);
    for (const link of links) {
      expect(link.contents).toBe(link.url);
      expect(link.structParent).toBeTypeOf('number');
      const [x1, y1, x2, y2] = link.rect;
      expect(x2! - x1!).toBeGreaterThan(5);
      expect(y2! - y1!).toBeGreaterThan(5);
    }
    // The link covers its text: the link text lies inside one of its rectangles.
    const page = pdf.pages[0]!;
    const text = page.items.find((item) => item.str.includes('WHO list of essential medicines'))!;
    const rect = links.find((link) => link.url?.includes('essential-medicines-lists'))!.rect;
    expect(text.x).toBeGreaterThanOrEqual(rect[0]! - 0.5);
    expect(text.y).toBeGreaterThanOrEqual(rect[1]!);
    expect(text.y).toBeLessThanOrEqual(rect[3]!);
  });

  it('is tagged with lists (L > LI > Lbl + LBody) and links (Link > text + annotation)', async () => {
    const tags = await pdfStructText(built.file);
    expect(tags).toMatch(/L \(block\)\n\s+LI \(block\)\n\s+Lbl \(block\)\n\s+"•"\n\s+LBody \(block\)\n\s+P \(block\)\n\s+Link \(inline\)\n\s+"World Health Organization, Model List of Essential Medicines ?"\n\s+Object \d+ 0\n\s+" ?\(https:\/\/[^"]+\)"/);
    expect(tags).toMatch(/"Read more in the "\n\s+Link \(inline\)\n\s+"WHO list of essential medicines ?"\n\s+Object \d+ 0\n\s+" ?\(https:\/\/[^"]+\)\."/);
    expect(structHeadings(tags).map((heading) => heading.level)).toEqual([1, 2, 2, 2, 3, 4, 4, 4, 3, 2, 2]);
  });

  it('has author, subject and language in its metadata', async () => {
    const info = await pdfinfo(built.file);
    expect(info.Title).toBe('Four Classes of Antibiotics');
    expect(info.Author).toBe('Handout test suite');
    expect(info.Subject).toBe('Penicillins, cephalosporins, carbapenems and macrolides compared');
    expect(pdf.info.Lang).toBe('en');
  });

  it('passes qpdf --check and the PDF/UA checks', async () => {
    const check = await qpdfCheck(built.file);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    const checks = await checkPdfUa(built.file);
    expect(failedChecks(checks)).toEqual([]);
    expect(checks.length).toBeGreaterThan(15);
  });
});

describe('text in several scripts', () => {
  let built: BuiltPdf;
  let pdf: PdfExtraction;
  const samples = [
    'TNF-α et β-lactamines : réponse immunitaire',
    'Fièvre, frissons, état général altéré ; Ærø, Łódź, Şanlıurfa, Göttingen, Señora, Ådalen, Østfold.',
    'Pénicilline, céphalosporine, carbapénème ; crème brûlée, naïve, façade, Œuvre.',
    'Παράγοντας νέκρωσης όγκων άλφα (TNF-α), ιντερφερόνη γάμμα (IFN-γ), Δ, Ω.',
    'β-λακτάμες, αντιβιοτικά ευρέος φάσματος.',
    'Фактор некроза опухоли альфа, цитокиновый шторм.',
    'Пенициллин, цефалоспорины, карбапенемы; сепсис.',
    '≥ 38 °C, ≤ 36 °C, ± 0,5, 10 µg/kg, 2 × 10⁹/L, ≈ 5 %, ≠ 0.',
    'A → B, 1–2 g, 3 — 4, ½ dose, ∞, √2, « guillemets », “quotes”, ‘single’…',
    'Température ≥ 38,5 °C ± 0,2 °C, dose 250 µg → réponse en 2–4 h.',
  ];

  beforeAll(async () => {
    built = await buildPdf(fixture('unicode.yaml'), { label: 'unicode' });
    pdf = await extractPdfPages(built.file);
  });

  it('extracts back exactly with pdf.js', () => {
    const text = normalizeText(pdf.text).normalize('NFC');
    // pdf.js itself maps MICRO SIGN (U+00B5) to GREEK SMALL LETTER MU (U+03BC) when it extracts text;
    // pdftotext (below) reads the same file's ToUnicode map back as U+00B5.
    const asPdfJsReads = (sample: string) => sample.normalize('NFC').replace(/\u00b5/g, '\u03bc');
    for (const sample of samples) expect(text, sample).toContain(asPdfJsReads(sample));
  });

  it('extracts back exactly with pdftotext', async () => {
    const text = normalizeText(await pdftotext(built.file)).normalize('NFC');
    for (const sample of samples) expect(text, sample).toContain(sample.normalize('NFC'));
  });

  it('draws the symbols Noto lacks (≥ ≤ → ∞ √ ≈ ≠) with the embedded fallback font, never an empty box', async () => {
    const fonts = await pdffonts(built.file);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))).toContain('DejaVuSans');
    for (const font of fonts) expect(font, font.name).toMatchObject({ emb: true, sub: true, uni: true });
    const symbols = pdf.pages.flatMap((page) => page.items).filter((item) => /[≥≤→∞√≈≠]/.test(item.str));
    expect(symbols.length).toBeGreaterThan(0);
  });

  it('tags the French document as French and passes the PDF/UA checks', async () => {
    expect(pdf.info.Lang).toBe('fr');
    expect((await pdfinfo(built.file)).Author).toBe('Équipe « handout »');
    expect(failedChecks(await checkPdfUa(built.file))).toEqual([]);
  });
});

describe('trust', () => {
  it('writes byte-identical PDFs for identical input, dated from SOURCE_DATE_EPOCH', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1700000000';
    try {
      const first = await buildPdf(fixture('four-subjects.yaml'), { label: 'reproducible-1' });
      const second = await buildPdf(fixture('four-subjects.yaml'), { label: 'reproducible-2' });
      const [a, b] = await Promise.all([readFile(first.file), readFile(second.file)]);
      expect(a.equals(b)).toBe(true);
      const info = await pdfinfo(first.file);
      expect(info.CreationDate).toBe('2023-11-14T22:13:20Z');
      expect(info.ModDate).toBe('2023-11-14T22:13:20Z');
      expect(await pdfXmp(first.file)).toContain('<xmp:CreateDate>2023-11-14T22:13:20Z</xmp:CreateDate>');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });

  it('refuses a character no font can draw, naming the character, its code point and the dataset field', async () => {
    const outDir = tmpDir('pdf-missing-glyph');
    const report = await build({ inputs: [fixture('missing-glyph.yaml')], outDir, formats: ['pdf'] });
    expect(report.ok).toBe(false);
    const diagnostics = report.handouts[0]!.diagnostics;
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'missing-glyph', path: 'sections[1].body', file: expect.stringContaining('missing-glyph.yaml') }),
    ]);
    expect(diagnostics[0]!.message).toContain('🧬');
    expect(diagnostics[0]!.message).toContain('U+1F9EC');
    expect(existsSync(outDir) ? readdirSync(outDir).filter((name) => name.endsWith('.pdf')) : []).toEqual([]);
  });
});
