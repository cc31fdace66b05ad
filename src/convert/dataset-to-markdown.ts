import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';
import type { Section } from '../load/dataset-schema.js';
import { headingWord } from '../load/markdown-headings.js';
import { bodyFields, parseMarkdown } from '../load/parse-markdown.js';
import { labelsFor } from '../view/labels.js';

type Data = Record<string, unknown>;
type BodyField = (typeof bodyFields)[number];

/** Front matter fields first, in the order a teacher reads them. */
const frontOrder = ['$schema', 'title', 'subtitle', 'slug', 'subjects', 'meta', 'questions', 'venn'];

/**
 * A dataset → Markdown dataset text that reads back to exactly the same data. Each body field is
 * written in its Markdown shape, then the text is read back; a field that does not come back
 * unchanged (a table cell with a line break, a `given` list, a heading that looks like a field's
 * heading, text that Markdown would read as a list…) is moved to the front matter, where YAML keeps
 * any text exactly. So `convert` never loses a character, and most datasets still read as Markdown.
 */
export function datasetToMarkdown(dataset: Data): string {
  const present = bodyFields.filter((field) => dataset[field] !== undefined);
  const allInFront = new Set<BodyField>(bodyFields);
  // Each field alone in Markdown shape first (a broken table must not push the summary out too), then all that passed together.
  const inMarkdown = present.filter((field) => writable(field, dataset) && readsBack(dataset, new Set(bodyFields.filter((other) => other !== field))));
  const together = new Set(bodyFields.filter((field) => !inMarkdown.includes(field)));
  if (readsBack(dataset, together)) return render(dataset, together);
  return render(dataset, allInFront);
}

function readsBack(dataset: Data, inFront: ReadonlySet<BodyField>): boolean {
  const parsed = parseMarkdown(render(dataset, inFront), 'dataset.md');
  if (!parsed.source) return false;
  const back = parsed.source.data as Data;
  return Object.keys(dataset).every((key) => isDeepStrictEqual(back[key], dataset[key])) && Object.keys(back).every((key) => key in dataset);
}

/** Fields that can never be written in Markdown shape, known before trying. */
function writable(field: BodyField, dataset: Data): boolean {
  if (field === 'sections') return Array.isArray(dataset.sections) && dataset.sections.length > 0;
  if (field === 'attributes') return Array.isArray(dataset.attributes);
  return typeof dataset[field] === 'string' && (dataset[field] as string).endsWith('\n');
}

function render(dataset: Data, inFront: ReadonlySet<BodyField>): string {
  const front: Data = {};
  for (const key of [...frontOrder, ...Object.keys(dataset)]) {
    if (key in front || dataset[key] === undefined) continue;
    if ((bodyFields as readonly string[]).includes(key) && !inFront.has(key as BodyField)) continue;
    if (key === 'sections' && Array.isArray(dataset.sections) && dataset.sections.length === 0) continue;
    front[key] = dataset[key];
  }
  const language = typeof (dataset.meta as { language?: unknown } | undefined)?.language === 'string' ? ((dataset.meta as { language: string }).language) : 'en';
  const subjects = (Array.isArray(dataset.subjects) ? dataset.subjects : []) as { id: string; name: string }[];
  // A text line of just `---` (even indented in a `|` block) would end the front matter early: such text is written quoted.
  // Only the one final line break is taken off: blank lines at the end of a `|+` block are its text.
  const blocks = stringify(front, { lineWidth: 0 }).replace(/\n$/, '');
  const frontText = /^[ \t]*---[ \t]*$/m.test(blocks) ? stringify(front, { lineWidth: 0, blockQuote: false }).replace(/\n$/, '') : blocks;
  const out: string[] = ['---', frontText, '---', ''];
  const prose = (text: string) => out.push(text.replace(/\n$/, ''), '');

  if (!inFront.has('summary') && typeof dataset.summary === 'string') prose(dataset.summary);
  if (!inFront.has('attributes') && Array.isArray(dataset.attributes)) {
    const ids = subjects.map((subject) => subject.id);
    // A subject is named in the header by name, or by id when two names read alike.
    const header = subjects.map((subject) => (subjects.filter((other) => other.name.trim().toLowerCase() === subject.name.trim().toLowerCase()).length === 1 && !ids.includes(subject.name.trim()) ? subject.name.trim() : subject.id));
    const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
    out.push(`| ${[labelsFor(language)?.attribute ?? 'Attribute', ...header].map(cell).join(' | ')} |`, `|${' --- |'.repeat(header.length + 1)}`);
    for (const attribute of dataset.attributes as { name: string; values: Record<string, string>; given?: boolean | string[] }[]) {
      // `given: true` marks the row's first cell, a list of ids marks those cells; `given: false` cannot be written (it reads back as no `given`).
      const marked = (text: string, given: boolean) => (given ? `${cell(text)} {given}` : cell(text));
      const givenIds = Array.isArray(attribute.given) ? attribute.given : [];
      out.push(`| ${[marked(attribute.name, attribute.given === true), ...ids.map((id) => marked(attribute.values[id] ?? '', givenIds.includes(id)))].join(' | ')} |`);
    }
    out.push('');
  }
  if (!inFront.has('sections') && Array.isArray(dataset.sections)) {
    const depth = (sections: Section[]): number => Math.max(0, ...sections.map((section) => 1 + depth(section.sections ?? [])));
    const top = depth(dataset.sections as Section[]) >= 6 ? 1 : 2;
    const write = (section: Section, level: number) => {
      const byName = subjects.find((subject) => subject.name.trim().toLowerCase() === section.heading.trim().toLowerCase());
      const marker = section.subject !== undefined ? (byName?.id === section.subject ? '' : ` {subject=${section.subject}}`) : byName ? ' {subject=}' : '';
      out.push(`${'#'.repeat(level)} ${section.heading}${marker}`, '');
      if (section.body !== undefined) prose(section.body);
      for (const child of section.sections ?? []) write(child, level + 1);
    };
    for (const section of dataset.sections as Section[]) write(section, top);
  }
  for (const field of ['conclusion', 'disclaimer'] as const) {
    if (inFront.has(field) || typeof dataset[field] !== 'string') continue;
    out.push(`## ${headingWord(field, language)}`, '');
    prose(dataset[field] as string);
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}
