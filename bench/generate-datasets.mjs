#!/usr/bin/env node
/**
 * Benchmark datasets, written into a folder (default: a new temp folder), one sub-folder per set so
 * each set can be passed to a build as a folder, the way a user would:
 *
 *   single/       the seed handout (data/cytokine-storm-vs-sepsis.yaml), copied
 *   batch-200/    200 generated handouts: 2–3 subjects, 6–12 rows, 4–8 sections of 1–3 paragraphs,
 *                 inline **bold**, *italic* and [links], a few accented and typographic characters
 *   batch-40/     the first 40 of those
 *   table-300/    one handout whose comparison table has 300 rows
 *   rows-100/, rows-1000/, rows-3000/, rows-10000/
 *                 the row-count ladder; row i is the same text in every size, so sizes differ only
 *                 in the number of rows (rows-10000 is also "the 10,000-row table")
 *   rows-100000/  a 100,000-row table of short cells (two words each, about 9 MB: datasets may be
 *                 at most 10 MB), for peak memory at the largest size the loader accepts
 *   manifest.json the sets, their files and row counts
 *
 * Deterministic: the same seed gives byte-identical files.
 *
 *   node bench/generate-datasets.mjs [--out DIR] [--seed N]
 *   import { generateDatasets } from './generate-datasets.mjs'
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SEED_DATASET = path.join(root, 'data', 'cytokine-storm-vs-sepsis.yaml');
export const LADDER = [100, 1000, 3000, 10000];

/** mulberry32: small, fast, good enough for test data. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const sample = (list, n) => {
    const copy = [...list];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, sample };
}

const TOPICS = [
  { domain: 'Biology', audience: 'Biology classes (upper secondary)', subjects: ['Mitosis', 'Meiosis', 'Binary Fission'] },
  { domain: 'Biology', audience: 'Biology classes (upper secondary)', subjects: ['DNA', 'RNA', 'Protein'] },
  { domain: 'Biology', audience: 'Introductory microbiology', subjects: ['Virus', 'Bacterium', 'Fungus'] },
  { domain: 'Biology', audience: 'Biology classes (lower secondary)', subjects: ['Photosynthesis', 'Cellular Respiration', 'Fermentation'] },
  { domain: 'Health', audience: 'Health-science classes', subjects: ['Type 1 Diabetes', 'Type 2 Diabetes', 'Gestational Diabetes'] },
  { domain: 'Health', audience: 'First-aid course', subjects: ['Heart Attack', 'Cardiac Arrest', 'Stroke'] },
  { domain: 'Health', audience: 'Health-science classes', subjects: ['Innate Immunity', 'Adaptive Immunity', 'Passive Immunity'] },
  { domain: 'Earth science', audience: 'Geography classes', subjects: ['Weather', 'Climate', 'Microclimate'] },
  { domain: 'Earth science', audience: 'Geography classes', subjects: ['Igneous Rock', 'Sedimentary Rock', 'Metamorphic Rock'] },
  { domain: 'Earth science', audience: 'Geography classes', subjects: ['Hurricane', 'Tornado', 'Monsoon'] },
  { domain: 'Physics', audience: 'Physics classes (upper secondary)', subjects: ['Speed', 'Velocity', 'Acceleration'] },
  { domain: 'Physics', audience: 'Physics classes (upper secondary)', subjects: ['Nuclear Fission', 'Nuclear Fusion', 'Radioactive Decay'] },
  { domain: 'Physics', audience: 'Electronics workshop', subjects: ['Alternating Current', 'Direct Current', 'Pulsed Current'] },
  { domain: 'Chemistry', audience: 'Chemistry classes', subjects: ['Ionic Bond', 'Covalent Bond', 'Metallic Bond'] },
  { domain: 'Chemistry', audience: 'Chemistry classes', subjects: ['Acid', 'Base', 'Salt'] },
  { domain: 'Chemistry', audience: 'Chemistry classes', subjects: ['Exothermic Reaction', 'Endothermic Reaction', 'Catalysed Reaction'] },
  { domain: 'Computing', audience: 'Computer-science course', subjects: ['TCP', 'UDP', 'QUIC'] },
  { domain: 'Computing', audience: 'Computer-science course', subjects: ['Compiler', 'Interpreter', 'JIT Compiler'] },
  { domain: 'Computing', audience: 'Software engineering course', subjects: ['SQL Database', 'Document Store', 'Key–Value Store'] },
  { domain: 'Computing', audience: 'Computer-science course', subjects: ['Stack', 'Queue', 'Priority Queue'] },
  { domain: 'Economics', audience: 'Economics classes', subjects: ['Stocks', 'Bonds', 'Index Funds'] },
  { domain: 'Economics', audience: 'Economics classes', subjects: ['Inflation', 'Deflation', 'Stagflation'] },
  { domain: 'Economics', audience: 'Business studies', subjects: ['Sole Proprietorship', 'Partnership', 'Corporation'] },
  { domain: 'History', audience: 'History classes', subjects: ['Monarchy', 'Republic', 'Theocracy'] },
  { domain: 'History', audience: 'History classes', subjects: ['Renaissance', 'Enlightenment', 'Romanticism'] },
  { domain: 'Civics', audience: 'Civics classes', subjects: ['Federal System', 'Unitary System', 'Confederation'] },
  { domain: 'Literature', audience: 'Literature seminar', subjects: ['Simile', 'Metaphor', 'Allegory'] },
  { domain: 'Literature', audience: 'Literature seminar', subjects: ['Novel', 'Novella', 'Short Story'] },
  { domain: 'Music', audience: 'Music theory course', subjects: ['Major Scale', 'Minor Scale', 'Modal Scale'] },
  { domain: 'Art', audience: 'Art history course', subjects: ['Impressionism', 'Expressionism', 'Cubism'] },
  { domain: 'Nutrition', audience: 'Home-economics classes', subjects: ['Saturated Fat', 'Unsaturated Fat', 'Trans Fat'] },
  { domain: 'Nutrition', audience: 'Home-economics classes', subjects: ['Café au Lait', 'Espresso', 'Matcha Latte'] },
  { domain: 'Language', audience: 'Linguistics course', subjects: ['Dialect', 'Accent', 'Register'] },
  { domain: 'Statistics', audience: 'Statistics course', subjects: ['Mean', 'Median', 'Mode'] },
  { domain: 'Statistics', audience: 'Statistics course', subjects: ['Correlation', 'Causation', 'Coincidence'] },
  { domain: 'Ecology', audience: 'Environmental science', subjects: ['Food Chain', 'Food Web', 'Energy Pyramid'] },
  { domain: 'Ecology', audience: 'Environmental science', subjects: ['Renewable Energy', 'Non-renewable Energy', 'Nuclear Energy'] },
  { domain: 'Astronomy', audience: 'Astronomy club', subjects: ['Comet', 'Asteroid', 'Meteoroid'] },
  { domain: 'Astronomy', audience: 'Astronomy club', subjects: ['Star', 'Planet', 'Dwarf Planet'] },
  { domain: 'Psychology', audience: 'Psychology classes', subjects: ['Classical Conditioning', 'Operant Conditioning', 'Observational Learning'] },
];

const ATTRIBUTES = [
  'Definition', 'Origin', 'Key features', 'Mechanism', 'Typical examples', 'Advantages', 'Disadvantages',
  'Where it occurs', 'How it is measured', 'Time scale', 'Energy involved', 'Common misconceptions',
  'Historical background', 'Practical uses', 'Risks', 'Related concepts', 'Key terms', 'Scale',
];

const SECTION_HEADINGS = [
  'Introduction', 'Background', 'How It Works', 'Key Differences', 'Similarities', 'Common Misconceptions',
  'Real-World Examples', 'History', 'Why It Matters', 'In the Laboratory', 'Practical Applications',
  'Going Further', 'Vocabulary', 'Review Questions',
];

const NOUNS = [
  'process', 'structure', 'system', 'mechanism', 'pattern', 'signal', 'response', 'change', 'sample', 'model',
  'measurement', 'boundary', 'function', 'component', 'surface', 'network', 'cycle', 'outcome', 'factor', 'stage',
  'environment', 'material', 'method', 'result', 'relationship', 'theory', 'observation', 'property', 'resource', 'rate',
];
const ADJECTIVES = [
  'complex', 'stable', 'rapid', 'gradual', 'central', 'external', 'internal', 'typical', 'unusual', 'significant',
  'measurable', 'common', 'distinct', 'related', 'specific', 'broad', 'narrow', 'early', 'late', 'efficient',
];
const VERBS = [
  'controls', 'depends on', 'produces', 'reduces', 'increases', 'describes', 'explains', 'involves', 'requires',
  'affects', 'supports', 'limits', 'transforms', 'releases', 'stores', 'measures', 'connects', 'replaces',
];
const OPENERS = [
  'In most cases,', 'By contrast,', 'For example,', 'In practice,', 'Historically,', 'At first glance,',
  'More precisely,', 'As a rule,', 'Under normal conditions,', 'In the classroom,',
];
const LINKS = [
  ['the textbook chapter', 'https://example.org/textbook/chapter-4'],
  ['an open course', 'https://example.org/open-course'],
  ['the glossary', 'https://example.org/glossary'],
  ['a review article', 'https://example.org/review'],
];

const plural = (noun) => (noun.endsWith('s') ? `${noun}es` : noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`);
const article = (word) => (/^[aeiou]/.test(word) ? 'an' : 'a');

function sentence(r, subject, minWords = 10, maxWords = 22) {
  const target = r.int(minWords, maxWords);
  const words = [];
  if (r.next() < 0.35) words.push(r.pick(OPENERS));
  words.push(subject && r.next() < 0.6 ? subject : `the ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)}`);
  while (words.join(' ').split(' ').length < target) {
    const roll = r.next();
    if (roll < 0.3) words.push(r.pick(VERBS), 'the', r.pick(ADJECTIVES), r.pick(NOUNS));
    else if (roll < 0.5) words.push('of the', r.pick(NOUNS));
    else if (roll < 0.65) words.push('and', r.pick(ADJECTIVES), plural(r.pick(NOUNS)));
    else if (roll < 0.75 && !words.at(-1).endsWith('—')) {
      const adjective = r.pick(ADJECTIVES);
      words.push(`— ${article(adjective)}`, adjective, 'one —');
    } else if (roll < 0.85) {
      const adjective = r.pick(ADJECTIVES);
      words.push(`in ${article(adjective)}`, adjective, r.pick(NOUNS));
    } else words.push('which', r.pick(VERBS), plural(r.pick(NOUNS)));
  }
  let text = words.join(' ').replace(/ —$/, '');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return `${text}.`;
}

/** A paragraph with some inline Markdown: **bold**, *italic*, [links](…), “quotes”. */
function paragraph(r, subject, sentences) {
  const parts = [];
  for (let i = 0; i < sentences; i++) {
    let s = sentence(r, subject);
    const roll = r.next();
    if (roll < 0.15) s = s.replace(/(\w+ \w+)\.$/, '**$1**.');
    else if (roll < 0.28) s = s.replace(/ (\w+) /, ' *$1* ');
    else if (roll < 0.34) {
      const [label, url] = r.pick(LINKS);
      s = `${s.slice(0, -1)}; see [${label}](${url}).`;
    } else if (roll < 0.4) s = s.replace(/ (\w+ \w+)\.$/, ' “$1”.');
    parts.push(s);
  }
  return parts.join(' ');
}

function paragraphs(r, subject, count, minSentences = 3, maxSentences = 6) {
  return Array.from({ length: count }, () => paragraph(r, subject, r.int(minSentences, maxSentences))).join('\n\n');
}

function slugify(text) {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** One varied, realistic handout. */
export function generateHandout(index, seed = 1) {
  const r = rng(seed * 1_000_003 + index);
  const topic = TOPICS[index % TOPICS.length];
  const subjectCount = r.next() < 0.7 ? 2 : 3;
  const names = topic.subjects.slice(0, subjectCount);
  const subjects = names.map((name) => ({ id: slugify(name), name }));
  if (r.next() < 0.3) subjects[0].aka = `${names[0]} (also: ${r.pick(ADJECTIVES)} ${r.pick(NOUNS)})`;
  const round = Math.floor(index / TOPICS.length);
  const title = names.join(' vs. ');
  const attributes = r.sample(ATTRIBUTES, r.int(6, 12)).map((name) => ({
    name,
    values: Object.fromEntries(subjects.map((s) => [s.id, paragraph(r, s.name, r.int(1, 2))])),
  }));
  const sectionCount = r.int(4, 8);
  const headings = r.sample(SECTION_HEADINGS, sectionCount);
  const sections = headings.map((heading, i) => {
    const about = i > 0 && i <= subjects.length && r.next() < 0.6 ? subjects[i - 1] : undefined;
    const section = {
      heading: about ? about.name : heading,
      ...(about ? { subject: about.id } : {}),
      body: paragraphs(r, about?.name, r.int(1, 3)),
    };
    if (r.next() < 0.2) {
      section.sections = Array.from({ length: r.int(2, 3) }, (_, k) => ({
        heading: `${r.pick(ATTRIBUTES)} (${k + 1})`,
        body: paragraphs(r, undefined, 1, 2, 4),
      }));
    }
    return section;
  });
  const dataset = {
    title,
    ...(round > 0 || r.next() < 0.4 ? { subtitle: `${topic.domain} · review sheet ${round + 1}` } : {}),
    subjects,
    summary: paragraphs(r, undefined, r.int(1, 2), 4, 6),
    attributes,
    sections,
    conclusion: paragraphs(r, undefined, 1, 3, 5),
    disclaimer: 'Comparisons may contain inaccurate information about people, places, or facts. Please report any issues.',
    meta: {
      language: 'en',
      author: r.pick(['A. Teacher', 'M. Okafor', 'L. Nguyễn', 'S. Müller', 'J. García']),
      audience: topic.audience,
      date: `2026-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      license: 'For classroom use',
      reviewed: r.next() < 0.5,
      ...(r.next() < 0.5 ? { sources: [{ title: `${topic.domain} reader, chapter ${r.int(1, 12)}`, url: `https://example.org/${slugify(topic.domain)}/${index}` }] } : {}),
    },
  };
  const name = `${String(index + 1).padStart(3, '0')}-${slugify(title)}`;
  return { name, dataset };
}

/** A handout whose comparison table has `rows` rows; row i is the same in every size. */
export function generateLargeTable(rows, seed = 1) {
  const head = rng(seed * 7919);
  const subjects = [
    { id: 'reference-method', name: 'Reference Method' },
    { id: 'rapid-method', name: 'Rapid Method' },
  ];
  const attributes = [];
  for (let i = 0; i < rows; i++) {
    const r = rng(seed * 2_000_003 + i);
    attributes.push({
      name: `${r.pick(ATTRIBUTES)} ${i + 1}`,
      values: Object.fromEntries(subjects.map((s) => [s.id, sentence(r, s.name, 5, 20)])),
    });
  }
  const dataset = {
    title: `Reference vs. Rapid Method: ${rows.toLocaleString('en-US')} criteria`,
    subtitle: 'Laboratory methods catalogue',
    subjects,
    summary: paragraphs(head, undefined, 1, 4, 5),
    attributes,
    sections: [
      { heading: 'How to Read This Table', body: paragraphs(head, undefined, 2) },
      { heading: 'Choosing a Method', body: paragraphs(head, undefined, 1) },
    ],
    conclusion: paragraphs(head, undefined, 1, 3, 4),
    disclaimer: 'Generated benchmark data.',
    meta: { language: 'en', date: '2026-01-15', license: 'For classroom use' },
  };
  return { name: `table-${rows}-rows`, dataset };
}

/** A table of `rows` rows whose cells are two words each: the most rows that fit in a dataset. */
export function generateShortRowTable(rows, seed = 1) {
  const { name, dataset } = generateLargeTable(rows, seed);
  const short = (text) => text.split(' ').slice(0, 2).join(' ').replace(/[,.—]*$/, '.');
  dataset.subjects = [
    { id: 'ref', name: 'Reference Method' },
    { id: 'rapid', name: 'Rapid Method' },
  ];
  dataset.attributes = dataset.attributes.map(({ name: attribute, values }) => {
    const [reference, rapid] = Object.values(values);
    return { name: attribute, values: { ref: short(reference), rapid: short(rapid) } };
  });
  return { name, dataset };
}

function writeDataset(dir, { name, dataset }) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `# Generated by bench/generate-datasets.mjs\n${stringify(dataset, { lineWidth: 0 })}`);
  return file;
}

export function generateDatasets({ outDir, seed = 1, batchSize = 200, smallBatch = 40, ladder = LADDER, tableRows = 300, hugeRows = 100_000 } = {}) {
  const dir = outDir ?? mkdtempSync(path.join(os.tmpdir(), 'handout-bench-data-'));
  mkdirSync(dir, { recursive: true });
  const sets = {};
  const add = (id, files, rows) => (sets[id] = { dir: path.join(dir, id), files, count: files.length, ...(rows ? { rows } : {}) });

  mkdirSync(path.join(dir, 'single'), { recursive: true });
  const seedCopy = path.join(dir, 'single', path.basename(SEED_DATASET));
  copyFileSync(SEED_DATASET, seedCopy);
  add('single', [seedCopy]);

  const batch = Array.from({ length: batchSize }, (_, i) => generateHandout(i, seed));
  add(`batch-${batchSize}`, batch.map((h) => writeDataset(path.join(dir, `batch-${batchSize}`), h)));
  add(`batch-${smallBatch}`, batch.slice(0, smallBatch).map((h) => writeDataset(path.join(dir, `batch-${smallBatch}`), h)));
  add(`table-${tableRows}`, [writeDataset(path.join(dir, `table-${tableRows}`), generateLargeTable(tableRows, seed))], tableRows);
  for (const rows of ladder) add(`rows-${rows}`, [writeDataset(path.join(dir, `rows-${rows}`), generateLargeTable(rows, seed))], rows);
  if (hugeRows) add(`rows-${hugeRows}`, [writeDataset(path.join(dir, `rows-${hugeRows}`), generateShortRowTable(hugeRows, seed))], hugeRows);

  const manifest = { generated: new Date().toISOString(), seed, dir, sets };
  writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const manifest = generateDatasets({ outDir: option('--out'), seed: Number(option('--seed') ?? 1) });
  for (const [id, set] of Object.entries(manifest.sets)) process.stdout.write(`${id.padEnd(12)} ${String(set.count).padStart(4)} file(s)  ${set.dir}\n`);
}
