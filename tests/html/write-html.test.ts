import { beforeAll, describe, expect, it } from 'vitest';
import { DomUtils, parseDocument } from 'htmlparser2';
import type { Document, Element } from 'domhandler';
import type { DocumentNode } from '../../src/tree/document-tree.js';
import { parseMarkup } from '../../src/tree/parse-markup.js';
import type { Theme } from '../../src/templates/theme.js';
import { loadTheme } from '../../src/templates/load-theme.js';
import { writeHtml } from '../../src/writers/html/write-html.js';
import { contentOf } from '../../src/writers/html/page-rule.js';
import { scopeSelector, themeCss } from '../../src/writers/html/theme-css.js';
import { slugify } from '../../src/writers/html/heading-ids.js';

let theme: Theme;

beforeAll(async () => {
  const loaded = await loadTheme('default');
  expect(loaded.diagnostics).toEqual([]);
  theme = loaded.theme!;
});

const meta = { title: 'Tea vs. Coffee <draft>', language: 'en', author: 'A. Teacher', subject: 'Two drinks compared', date: new Date(0) };
const script = '<script>alert(1)</script>';
const img = '<img src=x onerror=alert(1)>';

/** A small tree built by hand: every block kind and every inline kind. */
function handBuiltDocument(): DocumentNode {
  return {
    type: 'document',
    meta,
    pageHeader: [{ type: 'text', value: 'Tea "vs" Coffee \\ notes' }],
    pageFooter: [
      { type: 'text', value: 'Page ' },
      { type: 'field', name: 'page-number' },
      { type: 'text', value: ' of ' },
      { type: 'field', name: 'page-count' },
    ],
    children: [
      { type: 'heading', level: 1, classes: [], children: [{ type: 'text', value: 'Tea vs. Coffee' }] },
      {
        type: 'container',
        tag: 'section',
        classes: ['summary'],
        children: [
          { type: 'heading', level: 2, classes: [], children: [{ type: 'text', value: 'Summary' }] },
          {
            type: 'paragraph',
            classes: [],
            children: [
              { type: 'text', value: script },
              { type: 'break' },
              { type: 'strong', children: [{ type: 'text', value: img }] },
              { type: 'text', value: ' and ' },
              { type: 'emphasis', children: [{ type: 'text', value: 'both' }] },
              { type: 'code', value: 'a<b' },
              { type: 'span', classes: ['note'], children: [{ type: 'text', value: 'x' }] },
              { type: 'link', href: 'https://example.org/?a=1&b="2"', children: [{ type: 'text', value: 'source' }] },
              { type: 'link', href: 'javascript:alert(1)', children: [{ type: 'text', value: 'not a link' }] },
              { type: 'field', name: 'page-number' },
            ],
          },
        ],
      },
      {
        type: 'table',
        classes: ['comparison-table'],
        caption: [{ type: 'text', value: 'Comparison of Tea and Coffee' }],
        head: [
          {
            classes: [],
            cells: [
              { header: true, scope: 'col', classes: ['attribute'], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Attribute' }] }] },
              { header: true, scope: 'col', classes: ['subject'], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Tea "green"' }] }] },
              { header: true, scope: 'col', classes: ['subject'], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Coffee' }] }] },
            ],
          },
        ],
        body: [
          {
            classes: [],
            cells: [
              { header: true, scope: 'row', classes: [], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Caffeine' }] }] },
              { header: false, classes: ['subject-1'], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Some' }] }] },
              {
                header: false,
                classes: ['subject-2'],
                children: [
                  { type: 'paragraph', classes: [], children: [{ type: 'text', value: 'More.' }] },
                  { type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Much more.' }] },
                ],
              },
            ],
          },
        ],
      },
      { type: 'page-break', classes: [] },
      { type: 'heading', level: 2, classes: [], children: [{ type: 'text', value: 'Summary' }] },
      { type: 'heading', level: 2, id: 'sources', classes: [], children: [{ type: 'text', value: 'Sources' }] },
      { type: 'heading', level: 3, classes: [], children: [{ type: 'text', value: 'Sources' }] },
      { type: 'list', ordered: true, classes: [], items: [[{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'one' }] }], []] },
      { type: 'container', tag: 'aside', classes: ['disclaimer'], children: [{ type: 'paragraph', classes: [], children: [{ type: 'text', value: 'Not advice.' }] }] },
    ],
  };
}

function parse(html: string): Document {
  return parseDocument(html);
}

function elements(document: Document, name: string): Element[] {
  return DomUtils.getElementsByTagName(name, document, true);
}

function only(document: Document, name: string): Element {
  const found = elements(document, name);
  expect(found, `exactly one <${name}>`).toHaveLength(1);
  return found[0]!;
}

describe('writeHtml', () => {
  it('writes a complete HTML5 document with language, title and metadata', () => {
    const html = writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const dom = parse(html);
    expect(only(dom, 'html').attribs.lang).toBe('en');
    expect(DomUtils.textContent(only(dom, 'title'))).toBe('Tea vs. Coffee <draft>');
    const metaTags = elements(dom, 'meta');
    expect(metaTags.some((tag) => tag.attribs.charset === 'utf-8')).toBe(true);
    expect(metaTags.find((tag) => tag.attribs.name === 'viewport')?.attribs.content).toContain('width=device-width');
    expect(metaTags.find((tag) => tag.attribs.name === 'author')?.attribs.content).toBe('A. Teacher');
    expect(metaTags.find((tag) => tag.attribs.name === 'description')?.attribs.content).toBe('Two drinks compared');
    // The marker the output folder's index looks for (src/pipeline/write-index.ts).
    expect(metaTags.find((tag) => tag.attribs.name === 'generator')?.attribs.content).toBe('handout');
    expect(elements(dom, 'style')).toHaveLength(1);
    expect(only(dom, 'main').children.length).toBeGreaterThan(0);
  });

  it('writes dataset text such as <script> and <img onerror> as literal text', () => {
    const html = writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    const dom = parse(html);
    expect(elements(dom, 'script')).toEqual([]);
    expect(elements(dom, 'img')).toEqual([]);
    const text = DomUtils.textContent(only(dom, 'main'));
    expect(text).toContain(script);
    expect(text).toContain(img);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(DomUtils.textContent(elements(dom, 'code'))).toBe('a<b');
  });

  it('escapes attribute values and drops links that are not http(s) or mailto', () => {
    const dom = parse(writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' }));
    const links = elements(dom, 'a');
    expect(links.map((link) => link.attribs.href)).toEqual(['https://example.org/?a=1&b="2"']);
    expect(DomUtils.textContent(only(dom, 'main'))).toContain('not a link');
    expect(only(dom, 'span').attribs.class).toBe('note');
  });

  it('writes every block kind, without the running header and footer in the body', () => {
    const html = writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    const dom = parse(html);
    const main = only(dom, 'main');
    expect(elements(dom, 'header')).toEqual([]);
    expect(elements(dom, 'footer')).toEqual([]);
    expect(DomUtils.textContent(main)).not.toContain('Page ');
    expect(only(dom, 'section').attribs.class).toBe('summary');
    expect(only(dom, 'aside').attribs.class).toBe('disclaimer');
    expect(html).toContain('<div class="page-break" aria-hidden="true"></div>');
    const ol = only(dom, 'ol');
    expect(elements(ol as unknown as Document, 'li').map((li) => DomUtils.textContent(li))).toEqual(['one', '']);
    expect(elements(dom, 'br')).toHaveLength(1);
    expect(elements(dom, 'strong')).toHaveLength(1);
    expect(elements(dom, 'em')).toHaveLength(1);
  });

  it('keeps heading levels and gives headings stable ids, unique in the document', () => {
    const write = () => writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    const dom = parse(write());
    const headings = DomUtils.findAll((element) => /^h[1-6]$/.test(element.name), dom.children);
    expect(headings.map((heading) => [heading.name, heading.attribs.id])).toEqual([
      ['h1', 'tea-vs-coffee'],
      ['h2', 'summary'],
      ['h2', 'summary-2'],
      ['h2', 'sources'],
      ['h3', 'sources-2'],
    ]);
    expect(write()).toBe(write());
    expect(slugify('Über „Kaffee“ & Tee')).toBe('uber-kaffee-tee');
    expect(slugify('咖啡')).toBe('咖啡');
    expect(slugify('!!!')).toBe('section');
    expect(slugify("What's the Difference?")).toBe('whats-the-difference');
  });

  it('writes tables with caption, thead, tbody, scoped header cells and data-label on body cells', () => {
    const dom = parse(writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' }));
    const table = only(dom, 'table');
    expect(table.attribs.class).toBe('comparison-table');
    expect(DomUtils.textContent(only(dom, 'caption'))).toBe('Comparison of Tea and Coffee');
    const thead = only(dom, 'thead');
    const tbody = only(dom, 'tbody');
    expect(DomUtils.getElementsByTagName('th', thead).map((th) => th.attribs.scope)).toEqual(['col', 'col', 'col']);
    const bodyHeaders = DomUtils.getElementsByTagName('th', tbody);
    expect(bodyHeaders.map((th) => [th.attribs.scope, DomUtils.textContent(th)])).toEqual([['row', 'Caffeine']]);
    const cells = DomUtils.getElementsByTagName('td', tbody);
    expect(cells.map((td) => [td.attribs['data-label'], td.attribs.class])).toEqual([
      ['Tea "green"', 'subject-1'],
      ['Coffee', 'subject-2'],
    ]);
    // A lone paragraph is written as the cell's text; several stay paragraphs.
    expect(DomUtils.getElementsByTagName('p', cells[0]!)).toEqual([]);
    expect(DomUtils.getElementsByTagName('p', cells[1]!)).toHaveLength(2);
  });

  it('loads nothing: no scripts, links, sources or web fonts', () => {
    // Without the hostile sample text, whose escaped form legitimately contains `src=` as text.
    const document = handBuiltDocument();
    document.children = document.children.filter((block) => !block.classes.includes('summary'));
    const html = writeHtml(document, theme, { pageSize: 'Letter', landscape: true });
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/src=/i);
    expect(html).not.toMatch(/@import|@font-face|url\(/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // With it, a real parser still finds no element that loads anything.
    const dom = parse(writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' }));
    const loaders = DomUtils.findAll((element) => ['script', 'link', 'img', 'iframe', 'object'].includes(element.name) || 'src' in element.attribs, dom.children);
    expect(loaders).toEqual([]);
  });

  it('sets the @page size from the options and the margins from the tokens', () => {
    const a4 = writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    const letter = writeHtml(handBuiltDocument(), theme, { pageSize: 'Letter', landscape: true });
    expect(a4).toContain('size: A4 portrait;');
    expect(letter).toContain('size: Letter landscape;');
    const { top, right, bottom, left } = theme.tokens.page.margin;
    expect(a4).toContain(`margin: ${top}pt ${right}pt ${bottom}pt ${left}pt;`);
  });

  it('prints the running header and footer in the page margins, fields as counters', () => {
    const html = writeHtml(handBuiltDocument(), theme, { pageSize: 'A4' });
    expect(html).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(html).toMatch(/@bottom-right \{\n\s+content: "Page "/);
    expect(html).toContain('content: "Tea \\"vs\\" Coffee \\\\ notes";');
    expect(contentOf([{ type: 'text', value: '</style><b>' }])).toBe('"\\3c /style\\3e \\3c b\\3e "');
    // Like the PDF, the first page (which shows the title block) has no running header.
    expect(html).toMatch(/@page :first \{\n {2}@top-left \{\n {4}content: none;\n {2}\}\n\}/);
    const withoutHeader = handBuiltDocument();
    delete withoutHeader.pageHeader;
    expect(writeHtml(withoutHeader, theme, { pageSize: 'A4' })).not.toContain('@page :first');
    expect(contentOf([])).toBe('');
  });

  it('works on a tree parsed from template markup', () => {
    const markup = `
      <header data-slot="page-header">Tea vs. Coffee</header>
      <footer data-slot="page-footer">Page <span data-field="page-number"></span> of <span data-field="page-count"></span></footer>
      <section class="title-block"><h1>Tea vs. Coffee</h1><p class="subtitle">&lt;script&gt;alert(1)&lt;/script&gt;</p></section>
      <section class="comparison">
        <h2>Comparison</h2>
        <table class="comparison-table subjects-2">
          <caption>Comparison of Tea and Coffee</caption>
          <thead><tr><th scope="col" class="attribute">Attribute</th><th scope="col" class="subject subject-1">Tea</th><th scope="col" class="subject subject-2">Coffee</th></tr></thead>
          <tbody><tr><th scope="row">Origin</th><td class="subject-1"><p>China</p></td><td class="subject-2"><p>&lt;img src=x onerror=alert(1)&gt;</p></td></tr></tbody>
        </table>
      </section>
      <section class="sources"><h2>Sources</h2><ul><li><a href="https://example.org">Example</a></li></ul></section>
      <hr data-page-break>`;
    const parsed = parseMarkup(markup, 'test.hbs');
    expect(parsed.diagnostics).toEqual([]);
    const document: DocumentNode = { type: 'document', meta: { title: 'Tea vs. Coffee', language: 'de', date: new Date(0) }, ...parsed.markup! };
    const html = writeHtml(document, theme, { pageSize: 'Letter' });
    const dom = parse(html);
    expect(only(dom, 'html').attribs.lang).toBe('de');
    expect(DomUtils.textContent(only(dom, 'title'))).toBe('Tea vs. Coffee');
    expect(elements(dom, 'script')).toEqual([]);
    expect(elements(dom, 'img')).toEqual([]);
    expect(DomUtils.textContent(only(dom, 'main'))).toContain(script);
    expect(DomUtils.textContent(only(dom, 'main'))).toContain(img);
    expect(elements(dom, 'meta').some((tag) => tag.attribs.name === 'author')).toBe(false);
    expect(DomUtils.getElementsByTagName('td', only(dom, 'tbody')).map((td) => td.attribs['data-label'])).toEqual(['Tea', 'Coffee']);
    expect(only(dom, 'a').attribs.href).toBe('https://example.org');
    expect(html).toContain('size: Letter portrait;');
    expect(html).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(html).toContain('content: "Tea vs. Coffee";');
  });
});

describe('themeCss', () => {
  it('turns colour and font tokens into custom properties and styles into rules under main', () => {
    const css = themeCss(theme.tokens, { pageSize: 'A4' });
    expect(css).toContain('--color-accent: #1b5e8a;');
    expect(css).toContain('--color-accent-soft: #eaf2f8;');
    expect(css).toMatch(/--font-body: 'Noto Serif'/);
    expect(css).toMatch(/\nbody \{\n  font-family: var\(--font-body\);\n  font-size: 1rem;/);
    expect(css).toMatch(/main h1 \{\n  font-family: var\(--font-heading\);\n  font-weight: bold;\n  font-size: calc\(23 \/ 10\.5 \* 1rem\);/);
    expect(css).toContain('main .summary h2 {');
    expect(css).toContain('main tbody th {');
    expect(css).toContain('border-left: 3pt solid var(--color-accent);');
    expect(css).toContain('html {\n  font-size: 100%;\n}');
    expect(css).toMatch(/@media print \{\n {2}html \{\n {4}font-size: 10\.5pt;/);
    // The table column shares reach the HTML too, as custom properties the column rules read.
    expect(css).toMatch(/main table \{[^}]*--table-max-first-column: 0\.24;\n {2}--table-min-column: 0\.12;/);
    expect(css).toContain('min-width: calc((1 - var(--table-max-first-column, 0.3)) / 2 * 100cqi);');
    expect(css).not.toMatch(/maxFirstColumn|minColumn/);
  });

  it('scopes simple selectors and skips the running slots and anything unexpected', () => {
    expect(scopeSelector('h1')).toBe('main h1');
    expect(scopeSelector('td p')).toBe('main td p');
    expect(scopeSelector('.summary')).toBe('main .summary');
    expect(scopeSelector('body')).toBe('body');
    expect(scopeSelector('header')).toBeUndefined();
    expect(scopeSelector('footer')).toBeUndefined();
    expect(scopeSelector('p { color: red } x')).toBeUndefined();
  });

  it('refuses token values that could break out of a declaration or the style element', () => {
    const tokens = structuredClone(theme.tokens);
    tokens.colors.evil = 'red;}</style><script>alert(1)</script>';
    tokens.styles.p = { color: 'evil', background: '</style>' };
    const css = themeCss(tokens, { pageSize: 'A4' });
    expect(css).not.toContain('</style');
    expect(css).not.toContain('--color-evil');
  });

  it('ships narrow-screen cards labelled from data-label, and print rules', () => {
    expect(theme.css).toMatch(/@media screen and \(max-width: 600px\)/);
    expect(theme.css).toContain('content: attr(data-label);');
    expect(theme.css).toContain('overflow-wrap: anywhere;');
    expect(theme.css).toMatch(/thead \{\s+display: table-header-group;/);
    expect(theme.css).toContain('a[href^="http"]::after');
    expect(theme.css).toContain('print-color-adjust: exact;');
  });

  it('keeps the dark colour scheme off paper', () => {
    const darkBlocks = theme.css.match(/@media[^{]*prefers-color-scheme: dark[^{]*\{/g) ?? [];
    expect(darkBlocks.length).toBeGreaterThan(0);
    for (const block of darkBlocks) expect(block).toMatch(/@media screen and \(prefers-color-scheme: dark\)/);
  });
});
