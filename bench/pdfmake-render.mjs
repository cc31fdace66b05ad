#!/usr/bin/env node
/**
 * Competitor for the benchmark: the script a user would write with pdfmake to turn the same datasets
 * into handouts. One process per batch, handouts rendered one after another:
 *
 *   node bench/pdfmake-render.mjs --out DIR <dataset files or folders…>
 *
 * Each handout: running header (title), title, subtitle, byline, summary box, the comparison table
 * (header row repeated on every page: `headerRows: 1`), sections with nested headings and paragraphs
 * (inline **bold**, *italic*, [links](…)), conclusion, sources, disclaimer, and a footer "Page X of Y".
 * Fonts: the same embedded TTF files as our default theme (Noto Serif body, Noto Sans headings, from
 * node_modules/@expo-google-fonts/…), sizes and colours from templates/default/theme.json.
 * pdfmake does not tag the PDF, add bookmarks, keep headings with what follows, or check glyphs: it does
 * less than our build, which is what makes it a fair lower bound for "a script".
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const theme = JSON.parse(readFileSync(path.join(root, 'templates', 'default', 'theme.json'), 'utf8'));
const fontFile = (spec) => require.resolve(spec, { paths: [root] });
const family = (name) => ({
  normal: fontFile(theme.fonts[name].regular),
  bold: fontFile(theme.fonts[name].bold),
  italics: fontFile(theme.fonts[name].italic),
  bolditalics: fontFile(theme.fonts[name].boldItalic),
});
pdfmake.setFonts({ NotoSerif: family('body'), NotoSans: family('heading') });
const fontRoot = path.join(root, 'node_modules');
pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontRoot));
pdfmake.setUrlAccessPolicy(() => false);

const c = theme.colors;
const s = theme.styles;
const margin = theme.page.margin;
// pdfmake's lineHeight multiplies the font's own line height (ascent + descent + gap ≈ 1.362 em for
// Noto); the theme's lineHeight is a multiple of the font size.
const NOTO_LINE = 1.362;
const lh = (value) => value / NOTO_LINE;

/** Inline Markdown subset → pdfmake text runs. */
function inline(text) {
  const runs = [];
  const pattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https?:[^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) runs.push(text.slice(last, match.index));
    if (match[1] !== undefined) runs.push({ text: match[1], bold: true });
    else if (match[2] !== undefined) runs.push({ text: match[2], italics: true });
    else runs.push({ text: match[3], link: match[4], color: c.accent, decoration: 'underline' });
    last = match.index + match[0].length;
  }
  if (last < text.length) runs.push(text.slice(last));
  return runs;
}

const paragraphsOf = (text) =>
  String(text)
    .trim()
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

const paragraphs = (text, style = 'p') => paragraphsOf(text).map((p) => ({ text: inline(p), style }));

function sectionContent(sections, level) {
  const out = [];
  for (const section of sections ?? []) {
    out.push({ text: section.heading, style: `h${Math.min(level, 4)}`, headlineLevel: level });
    if (section.body) out.push(...paragraphs(section.body));
    out.push(...sectionContent(section.sections, level + 1));
  }
  return out;
}

function docDefinition(dataset) {
  const subjects = dataset.subjects;
  const meta = dataset.meta ?? {};
  const byline = [meta.author, meta.audience ?? meta.course, meta.date].filter(Boolean).join(' · ');
  const header = [
    { text: 'Attribute', style: 'th' },
    ...subjects.map((subject) => ({ text: subject.aka ? [subject.name, { text: `\n${subject.aka}`, bold: false, fontSize: 8 }] : subject.name, style: 'th' })),
  ];
  const body = dataset.attributes.map((attribute, i) => [
    { text: attribute.name, style: 'rowHead' },
    ...subjects.map((subject) => ({
      stack: paragraphsOf(attribute.values[subject.id] ?? '—').map((p) => ({ text: inline(p), style: 'td' })),
      fillColor: i % 2 === 1 ? c.stripe : undefined,
    })),
  ]);
  const ruleLayout = {
    hLineWidth: (i) => (i === 0 ? 0 : 0.5),
    vLineWidth: () => 0,
    hLineColor: () => c.rule,
    paddingLeft: () => 5,
    paddingRight: () => 5,
    paddingTop: () => 5,
    paddingBottom: () => 5,
  };
  const content = [
    { text: dataset.title, style: 'h1' },
    ...(dataset.subtitle ? [{ text: dataset.subtitle, style: 'subtitle' }] : []),
    ...(byline ? [{ text: byline, style: 'byline' }] : []),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 595.28 - margin.left - margin.right, y2: 0, lineWidth: 1.5, lineColor: c.accent }], margin: [0, 8, 0, 12] },
    {
      table: { widths: ['*'], body: [[{ stack: [{ text: "What's the difference?", style: 'summaryHeading' }, ...paragraphs(dataset.summary, 'summaryP')], fillColor: c.accentSoft }]] },
      layout: { hLineWidth: () => 0, vLineWidth: (i) => (i === 0 ? 3 : 0), vLineColor: () => c.accent, paddingLeft: () => 10, paddingRight: () => 10, paddingTop: () => 10, paddingBottom: () => 10 },
      margin: [0, 0, 0, 8],
    },
    { text: 'Comparison', style: 'h2' },
    { text: `Comparison of ${subjects.map((subject) => subject.name).join(', ')}`, style: 'caption' },
    {
      table: { headerRows: 1, widths: ['24%', ...subjects.map(() => '*')], body: [header, ...body] },
      layout: ruleLayout,
      margin: [0, 4, 0, 8],
    },
    ...(dataset.sections?.length ? [{ text: 'Further Detail', style: 'h2' }, ...sectionContent(dataset.sections, 3)] : []),
    ...(dataset.conclusion ? [{ text: 'Conclusion', style: 'h2' }, ...paragraphs(dataset.conclusion)] : []),
    ...(meta.sources?.length
      ? [{ text: 'Sources', style: 'h3' }, { ul: meta.sources.map((source) => (source.url ? { text: source.title, link: source.url, color: c.accent } : source.title)), style: 'sources' }]
      : []),
    ...(dataset.disclaimer
      ? [
          { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 595.28 - margin.left - margin.right, y2: 0, lineWidth: 0.5, lineColor: c.rule }], margin: [0, 10, 0, 6] },
          ...paragraphs(dataset.disclaimer, 'disclaimer'),
        ]
      : []),
  ];
  return {
    pageSize: theme.page.size,
    pageMargins: [margin.left, margin.top, margin.right, margin.bottom],
    info: { title: dataset.title, author: meta.author ?? '', subject: dataset.subtitle ?? '', keywords: subjects.map((subject) => subject.name).join(', ') },
    language: meta.language ?? 'en',
    header: () => ({ text: dataset.title, font: 'NotoSans', fontSize: s.header.size, color: c.muted, margin: [margin.left, margin.top / 2, margin.right, 0] }),
    footer: (currentPage, pageCount) => ({
      text: `Page ${currentPage} of ${pageCount}`,
      alignment: 'right',
      font: 'NotoSans',
      fontSize: s.footer.size,
      color: c.muted,
      margin: [margin.left, margin.bottom / 2, margin.right, 0],
    }),
    content,
    defaultStyle: { font: 'NotoSerif', fontSize: s.body.size, lineHeight: lh(s.body.lineHeight), color: c.text },
    styles: {
      h1: { font: 'NotoSans', bold: true, fontSize: s.h1.size, lineHeight: lh(s.h1.lineHeight), color: c.accent, margin: [0, 0, 0, s.h1.spaceAfter] },
      h2: { font: 'NotoSans', bold: true, fontSize: s.h2.size, lineHeight: lh(s.h2.lineHeight), color: c.accent, margin: [0, s.h2.spaceBefore, 0, s.h2.spaceAfter] },
      h3: { font: 'NotoSans', bold: true, fontSize: s.h3.size, lineHeight: lh(s.h3.lineHeight), color: c.text, margin: [0, s.h3.spaceBefore, 0, s.h3.spaceAfter] },
      h4: { font: 'NotoSans', bold: true, fontSize: s.h4.size, lineHeight: lh(s.h4.lineHeight), color: c.text, margin: [0, s.h4.spaceBefore, 0, s.h4.spaceAfter] },
      subtitle: { font: 'NotoSans', fontSize: s['.subtitle'].size, color: c.muted, margin: [0, 0, 0, 2] },
      byline: { font: 'NotoSans', fontSize: s['.byline'].size, color: c.muted },
      p: { margin: [0, 0, 0, s.p.spaceAfter] },
      summaryHeading: { font: 'NotoSans', bold: true, fontSize: 12, color: c.accent, margin: [0, 0, 0, 4] },
      summaryP: { margin: [0, 0, 0, 4] },
      caption: { font: 'NotoSans', fontSize: s.caption.size, color: c.muted, margin: [0, 0, 0, 4] },
      th: { font: 'NotoSans', bold: true, fontSize: s.th.size, lineHeight: lh(s.th.lineHeight), color: c.onAccent, fillColor: c.accent },
      rowHead: { font: 'NotoSans', bold: true, fontSize: s.th.size, lineHeight: lh(s.th.lineHeight), color: c.text, fillColor: c.stripe },
      td: { fontSize: s.td.size, lineHeight: lh(s.td.lineHeight), margin: [0, 0, 0, 3] },
      sources: { fontSize: 8.5, color: c.muted },
      disclaimer: { font: 'NotoSans', italics: true, fontSize: s['.disclaimer'].size, lineHeight: lh(s['.disclaimer'].lineHeight), color: c.muted, margin: [0, 0, 0, 2] },
    },
  };
}

function expand(inputs) {
  const files = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      for (const name of readdirSync(input).sort()) if (/\.(ya?ml|json)$/.test(name)) files.push(path.join(input, name));
    } else files.push(input);
  }
  return files;
}

async function main(argv) {
  const outAt = argv.indexOf('--out');
  if (outAt < 0 || !argv[outAt + 1]) {
    process.stderr.write('usage: node bench/pdfmake-render.mjs --out DIR <datasets or folders…>\n');
    return 2;
  }
  const outDir = argv[outAt + 1];
  const inputs = argv.filter((_, i) => i !== outAt && i !== outAt + 1);
  await mkdir(outDir, { recursive: true });
  const started = performance.now();
  let count = 0;
  for (const file of expand(inputs)) {
    const text = readFileSync(file, 'utf8');
    const dataset = file.endsWith('.json') ? JSON.parse(text) : parse(text);
    const slug = dataset.slug ?? path.basename(file).replace(/\.(ya?ml|json)$/, '');
    const bytes = await pdfmake.createPdf(docDefinition(dataset)).getBuffer();
    await writeFile(path.join(outDir, `${slug}.pdf`), bytes);
    count++;
  }
  process.stdout.write(`pdfmake: ${count} handouts in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
