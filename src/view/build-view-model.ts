import type { Dataset, Section } from '../load/dataset-schema.js';
import type { Diagnostic } from '../shared/diagnostic.js';
import { labelsFor, supportedLanguages, type Labels } from './labels.js';
import { joinNames } from './join-names.js';
import { maxWritingLines } from '../shared/writing-lines.js';

/**
 * The template context: everything a template may print, already numbered, labelled and ordered.
 * Templates stay free of logic beyond loops and conditionals; text fields are still dataset text
 * (inline Markdown) and are turned into markup by the `paragraphs` / `inline` helpers.
 */
export type Edition = 'handout' | 'worksheet' | 'answers';

export interface EditionView {
  name: Edition;
  isHandout: boolean;
  isWorksheet: boolean;
  isAnswerKey: boolean;
  /** Worksheet or answer key: the printed exercise (name line, blanks or answers, questions). */
  isExercise: boolean;
  showDetails: boolean;
}

export interface ViewModel {
  edition: EditionView;
  language: string;
  title: string;
  subtitle?: string;
  slug: string;
  subjects: SubjectView[];
  /** "Cytokine Storm and Sepsis" */
  subjectNames: string;
  /** "Cytokine Storm, also known as CRS": every subject's other name, for the title block. */
  aka?: string;
  summary: string;
  table: TableView;
  sections: SectionView[];
  questions: QuestionView[];
  venn?: VennView;
  conclusion?: string;
  disclaimer?: string;
  meta: MetaView;
  labels: Labels & { comparisonCaption: string };
}

export interface SubjectView {
  id: string;
  name: string;
  aka?: string;
  /** 1-based position, for per-subject colours in themes. */
  position: number;
}

export interface TableView {
  columns: { label: string; subjectId?: string; position: number }[];
  /**
   * `lines`: ruled lines of the row's blanks (the same in every blank of a row), at least enough for
   * the longest answer at an A4 column width; `answerLength`: that answer's length in characters, from
   * which the PDF sizes the blanks at their real width.
   */
  rows: { name: string; lines: number; answerLength: number; cells: CellView[] }[];
}

export interface CellView {
  subjectId: string;
  subjectName: string;
  position: number;
  text: string;
  /** Worksheet: kept filled in as an example. */
  given: boolean;
  /** Worksheet: left empty, with `lines` ruled lines to write on. */
  blank: boolean;
  /** Answer key: an answer the student had to write. */
  answer: boolean;
  lines: number;
  /** Characters of the model answer, as printed. */
  answerLength: number;
}

export interface QuestionView {
  number: number;
  prompt: string;
  answer: string;
  /** Ruled lines on the worksheet: the dataset's `lines`, raised to fit the answer (see `blankLines`). */
  lines: number;
  answerLength: number;
}

export interface VennView {
  count: number;
  subjects: { id: string; name: string; position: number; points: string[] }[];
  /** Points all subjects share. */
  shared: string[];
  /** Three subjects: points just two of them share, in subject order ("Bacteria and Fungi"). */
  pairs: { positions: string; label: string; points: string[] }[];
}

export interface SectionView {
  heading: string;
  /** "2.1", for themes that number sections. */
  number: string;
  /** Heading level in the handout: the details part is h2, so top sections are h3. */
  level: number;
  body?: string;
  subjectId?: string;
  subjectName?: string;
  /** 1-based position of the section's subject, for per-subject colours. */
  subjectPosition?: number;
  sections: SectionView[];
}

export interface MetaView {
  author?: string;
  audience?: string;
  course?: string;
  date?: string;
  license?: string;
  /** "© 2026 Author · CC BY 4.0": the licence with whom to credit, when there is a licence. */
  attribution?: string;
  /** "Reviewed" / "Not yet reviewed", when the dataset says. */
  reviewed?: string;
  url?: string;
  sources: { title: string; url?: string }[];
}

export interface ViewOptions {
  slug: string;
  file?: string;
  edition?: Edition;
  /** Worksheets and answer keys leave the detail sections out unless this is set. */
  includeDetails?: boolean;
}

/**
 * Problems only the view stage can see (a language without labels), without building a view model:
 * what `validate`, the build's pre-check and the class pack need before rendering.
 */
export function viewDiagnostics(dataset: Dataset, file?: string): Diagnostic[] {
  const language = dataset.meta.language;
  if (labelsFor(language)) return [];
  return [
    {
      severity: 'error',
      code: 'unsupported-language',
      message: `no handout labels for language \`${language}\``,
      file,
      path: 'meta.language',
      expected: `one of ${supportedLanguages.map((l) => `\`${l}\``).join(', ')}`,
      hint: 'set `meta.language` to one of these, or leave it out for English; the labels of a new language are added to handout itself',
    },
  ];
}

export function buildViewModel(dataset: Dataset, options: ViewOptions): { view?: ViewModel; diagnostics: Diagnostic[] } {
  const language = dataset.meta.language;
  const labels = labelsFor(language);
  if (!labels) return { diagnostics: viewDiagnostics(dataset, options.file) };
  const subjects: SubjectView[] = dataset.subjects.map((subject, index) => ({
    id: subject.id,
    name: subject.name,
    ...(subject.aka ? { aka: subject.aka } : {}),
    position: index + 1,
  }));
  const nameOf = new Map(subjects.map((subject) => [subject.id, subject.name]));
  const subjectNames = joinNames(subjects.map((s) => s.name), language);
  const akas = subjects.filter((subject) => subject.aka).map((subject) => `${subject.name}, ${labels.alsoKnownAs} ${subject.aka}`);

  const editionName = options.edition ?? 'handout';
  const isExercise = editionName !== 'handout';
  const view: ViewModel = {
    edition: {
      name: editionName,
      isHandout: editionName === 'handout',
      isWorksheet: editionName === 'worksheet',
      isAnswerKey: editionName === 'answers',
      isExercise,
      showDetails: !isExercise || options.includeDetails === true,
    },
    language,
    title: dataset.title,
    ...(dataset.subtitle ? { subtitle: dataset.subtitle } : {}),
    slug: options.slug,
    subjects,
    subjectNames,
    ...(akas.length > 0 ? { aka: akas.join(' · ') } : {}),
    summary: dataset.summary,
    table: {
      columns: [
        { label: labels.attribute, position: 0 },
        ...subjects.map((subject) => ({ label: subject.name, subjectId: subject.id, position: subject.position })),
      ],
      rows: dataset.attributes.map((attribute) => {
        const isGiven = (subjectId: string) => attribute.given === true || (Array.isArray(attribute.given) && attribute.given.includes(subjectId));
        // One height of writing space across the row: the longest answer decides.
        const answerLength = Math.max(0, ...subjects.filter((subject) => !isGiven(subject.id)).map((subject) => printedLength(attribute.values[subject.id] ?? '')));
        const lines = blankLines(undefined, answerLength, tableColumnMillimetres(subjects.length));
        return {
          name: attribute.name,
          lines,
          answerLength,
          cells: subjects.map((subject) => {
            const text = attribute.values[subject.id] ?? '';
            const given = isGiven(subject.id);
            return {
              subjectId: subject.id,
              subjectName: subject.name,
              position: subject.position,
              text,
              given,
              blank: editionName === 'worksheet' && !given,
              answer: editionName === 'answers' && !given,
              lines,
              answerLength,
            };
          }),
        };
      }),
    },
    sections: sectionViews(dataset.sections, '', 3, nameOf, new Map(subjects.map((subject) => [subject.id, subject.position]))),
    questions: (dataset.questions ?? []).map((question, index) => ({
      number: index + 1,
      prompt: question.prompt,
      answer: question.answer,
      lines: blankLines(question.lines, printedLength(question.answer), lineMillimetres),
      answerLength: printedLength(question.answer),
    })),
    ...(dataset.venn && subjects.length <= 3
      ? {
          venn: {
            count: subjects.length,
            subjects: subjects.map((subject) => ({ id: subject.id, name: subject.name, position: subject.position, points: dataset.venn!.unique[subject.id] ?? [] })),
            shared: Array.isArray(dataset.venn.shared) ? dataset.venn.shared : (dataset.venn.shared.all ?? []),
            pairs: vennPairs(dataset.venn.shared, subjects, language),
          },
        }
      : {}),
    ...(dataset.conclusion ? { conclusion: dataset.conclusion } : {}),
    ...(dataset.disclaimer ? { disclaimer: dataset.disclaimer } : {}),
    meta: {
      ...definedOnly({
        author: dataset.meta.author,
        audience: dataset.meta.audience,
        course: dataset.meta.course,
        date: dataset.meta.date,
        license: dataset.meta.license,
        attribution: attributionLine(dataset.meta),
        reviewed: dataset.meta.reviewed === undefined ? undefined : dataset.meta.reviewed ? labels.reviewed : labels.notReviewed,
        url: dataset.meta.url,
      }),
      sources: (dataset.meta.sources ?? []).map((source) => ({ title: source.title, ...(source.url ? { url: source.url } : {}) })),
    },
    labels: { ...labels, comparisonCaption: labels.comparisonCaption.replace('{subjects}', subjectNames) },
  };
  return { view, diagnostics: [] };
}

function sectionViews(sections: readonly Section[], prefix: string, level: number, nameOf: Map<string, string>, positionOf: Map<string, number>): SectionView[] {
  return sections.map((section, index) => {
    const number = `${prefix}${index + 1}`;
    const subjectName = section.subject ? nameOf.get(section.subject) : undefined;
    return {
      heading: section.heading,
      number,
      level: Math.min(level, 6),
      ...(section.body ? { body: section.body } : {}),
      ...(section.subject ? { subjectId: section.subject } : {}),
      ...(subjectName ? { subjectName } : {}),
      ...(section.subject && positionOf.has(section.subject) ? { subjectPosition: positionOf.get(section.subject)! } : {}),
      sections: sectionViews(section.sections ?? [], `${number}.`, level + 1, nameOf, positionOf),
    };
  });
}

/** Ruled line per character of the model answer that handwriting needs (the PDF applies the same rule at the blank's real width). */
const ruledMillimetresPerCharacter = 3.2;
/** Width of a full-width blank on A4 with the default margins, in millimetres. */
const lineMillimetres = 170;

/** Width of one subject column's blank on A4: the attribute column takes about a fifth, cells have padding. */
function tableColumnMillimetres(subjectCount: number): number {
  return (lineMillimetres * 0.8) / Math.max(2, subjectCount) - 3.5;
}

/**
 * Ruled lines for an answer of `length` characters on a blank `width` mm wide: at least two, at
 * least the dataset's own `lines`, and enough for 3.2 mm of line per character, up to what the
 * markup takes (maxWritingLines; the PDF writer adds what a longer answer needs).
 */
function blankLines(lines: number | undefined, length: number, width: number): number {
  return Math.min(maxWritingLines, Math.max(2, lines ?? 0, Math.ceil((length * ruledMillimetresPerCharacter) / width)));
}

/** Length of dataset text as printed: Markdown marks and link targets left out. */
export function printedLength(text: string): number {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([\\`*_{}\[\]()#+\-.!])/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim().length;
}

function vennPairs(shared: NonNullable<Dataset['venn']>['shared'], subjects: readonly SubjectView[], language: string): VennView['pairs'] {
  if (Array.isArray(shared) || subjects.length !== 3) return [];
  return (shared.pairs ?? []).flatMap((pair) => {
    const members = subjects.filter((subject) => pair.subjects.includes(subject.id));
    if (members.length !== 2) return [];
    return [{ positions: members.map((subject) => subject.position).join(' '), label: joinNames(members.map((subject) => subject.name), language), points: pair.points }];
  });
}

/**
 * "© 2026 Author · CC BY 4.0": year from the date, the author, the licence; nothing without a licence.
 * Without an author the licence stands alone: a © names whose copyright it is, a year is no holder.
 */
function attributionLine(meta: Dataset['meta']): string | undefined {
  if (!meta.license) return undefined;
  if (!meta.author) return meta.license;
  return `© ${[meta.date?.slice(0, 4), meta.author].filter(Boolean).join(' ')} · ${meta.license}`;
}

function definedOnly<T extends Record<string, unknown>>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}
