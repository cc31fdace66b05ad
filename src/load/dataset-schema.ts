import { z } from 'zod';

/**
 * The dataset contract, written once. The published JSON Schema (schema/handout.schema.json) is
 * generated from this file by `npm run schema`, so editors and the validator can never disagree.
 */

/**
 * Limits that keep one dataset's problems from becoming the whole build's (memory, time, a table no
 * page can hold). Each is far above what a real handout needs; going over one is almost always a
 * paste mistake, and the message says which limit and where.
 */
export const limits = {
  /** Characters in a paragraph-like field (summary, cell, section body, answer…): about eight printed pages. */
  text: 20_000,
  /** Characters in a one-line field (title, names, headings, Venn points…). */
  label: 500,
  /** Characters in a subject id. */
  id: 64,
  /** Characters in a URL. */
  url: 2_000,
  /** Subjects in one comparison: the table gets one column per subject, and must fit on a page. */
  subjects: 8,
  /**
   * Rows of the comparison table (about 3,800 pages of short rows): what one handout can be while its
   * build stays within a gigabyte of memory; a longer table belongs in several handouts.
   */
  attributes: 100_000,
  /**
   * Cells of the comparison table (rows × subjects): each is laid out on its own, and a table of
   * 100,000 rows of eight subjects would need twice the memory of one of two.
   */
  cells: 200_000,
  /** Levels of nested `sections` (top-level sections are level 1; headings stop getting smaller after h6). */
  sectionDepth: 6,
} as const;

/**
 * Characters no handout can print: C0 controls except tab, line feed and carriage return, DEL, C1
 * controls, unpaired UTF-16 surrogates (broken emoji halves) and the noncharacters U+FFFE/U+FFFF.
 * With the `u` flag a surrogate *pair* is one code point outside the class, so emoji pass; JSON
 * Schema patterns use the same (Unicode) semantics.
 */
export const unprintablePattern = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]*$/u;
export const unprintableMessage = 'text contains a character that cannot be printed';

const text = (what: string, max: number) =>
  z
    .string({ error: `expected ${what} as text` })
    .max(max, { message: `${what} is too long` })
    .regex(/\S/, { message: `${what} must not be empty` })
    .regex(unprintablePattern, { message: unprintableMessage });

/** A one-line text field. */
const nonEmptyText = (what: string) => text(what, limits.label);

/** Paragraphs separated by blank lines; inline **bold**, *italic* and [links](https://…). */
const richText = (what: string) => text(what, limits.text).meta({ description: `${what}: paragraphs separated by a blank line; inline Markdown (**bold**, *italic*, [link](https://…)); HTML is shown literally` });

/** http(s) only; the pattern is repeated so the published JSON Schema refuses `javascript:` too. */
const httpUrl = () => z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(limits.url, { message: 'the URL is too long' }).regex(/^https?:\/\/\S+$/, { message: 'expected an http(s) URL' });

/** Device names Windows reserves in every folder, with any extension (`con.pdf` cannot be created there). */
export const reservedSlugPattern = /^(?!(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$))/;

/**
 * The worksheet and answer-key editions of slug `tea` are written as `tea.worksheet.*` and
 * `tea.answers.*` (build.ts `outputBaseName`), so a slug ending so would share files with another
 * dataset's edition.
 */
export const editionSuffixPattern = /^(?!.*\.(?:worksheet|answers)$)/;

/** A calendar date: YYYY-MM-DD with a real month and day (leap years included). */
const isoDatePattern =
  /^(?:\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8]))|(?:\d\d(?:[2468][048]|[13579][26]|0[48])|(?:[02468][048]|[13579][26])00)-02-29)$/;

export const subjectIdPattern = /^[a-z0-9][a-z0-9-]*$/;

export const subjectSchema = z
  .strictObject({
    id: z
      .string()
      .max(limits.id, { message: `a subject id has at most ${limits.id} characters` })
      .regex(subjectIdPattern, { message: 'a subject id is lowercase letters, digits and hyphens, e.g. `cytokine-storm`' })
      .meta({ description: 'Short key used by attribute values and sections, e.g. `sepsis`' }),
    name: nonEmptyText('subject name').meta({ description: 'Name shown in the table header and headings' }),
    aka: nonEmptyText('alternative name').optional().meta({ description: 'Alternative name or abbreviation' }),
  })
  .meta({ title: 'Subject' });

export const attributeSchema = z
  .strictObject({
    name: nonEmptyText('attribute name').meta({ description: 'Row label in the comparison table' }),
    values: z
      .record(z.string(), richText('cell text'))
      .meta({ description: 'One value per subject, keyed by subject id' }),
    given: z
      .union([z.boolean(), z.array(z.string())])
      .optional()
      .meta({ description: 'Worksheets: `true` keeps the whole row filled in as an example; a list of subject ids keeps just those cells' }),
  })
  .meta({ title: 'Attribute' });

export const questionSchema = z
  .strictObject({
    prompt: richText('question prompt'),
    answer: richText('answer'),
    lines: z.number().int().min(1).max(20).optional().meta({ description: 'Ruled lines left for the answer on the worksheet, at least; raised so the model answer gets 3.2 mm of line per character' }),
  })
  .meta({ title: 'Question' });

const vennPoints = (what: string) => z.array(nonEmptyText('Venn point')).max(8, { message: `at most 8 ${what} points fit in a Venn diagram` });

/** Points two of three subjects share (and the third has not): the region where just their circles overlap. */
export const vennPairSchema = z
  .strictObject({
    subjects: z
      .tuple([z.string(), z.string()], { error: 'expected the ids of two subjects, e.g. `[bacteria, fungi]`' })
      .meta({ description: 'The two subjects (ids) that share these points' }),
    points: vennPoints('pair'),
  })
  .meta({ title: 'Venn pair region' });

/** Three subjects: the points all of them share, and those only two share. */
export const vennSharedRegionsSchema = z
  .strictObject({
    all: vennPoints('shared').optional().meta({ description: 'Points all subjects share' }),
    pairs: z.array(vennPairSchema).max(3, { message: 'three subjects make three pairs' }).optional().meta({ description: 'Three subjects: points only two of them share' }),
  })
  .meta({ title: 'Venn shared regions' });

export const vennSchema = z
  .strictObject({
    unique: z
      .record(z.string(), z.array(nonEmptyText('Venn point')).max(8, { message: 'at most 8 points per region fit in a Venn diagram' }))
      .meta({ description: 'Points only one subject has, keyed by subject id' }),
    shared: z
      .union([vennPoints('shared').meta({ description: 'Points all subjects share' }), vennSharedRegionsSchema])
      .meta({ description: 'Points all subjects share (a list), or for three subjects `all` and `pairs` (points two of them share)' }),
  })
  .meta({ title: 'Venn diagram', description: 'A graphic organiser for 2 or 3 subjects' });

export interface Section {
  heading: string;
  body?: string | undefined;
  subject?: string | undefined;
  sections?: Section[] | undefined;
}

export const sectionSchema: z.ZodType<Section> = z.lazy(() =>
  z
    .strictObject({
      heading: nonEmptyText('section heading'),
      body: richText('section body').optional(),
      subject: z.string().optional().meta({ description: 'Id of the subject this section is about' }),
      sections: z.array(sectionSchema).optional().meta({ description: 'Nested subsections' }),
    })
    .meta({ title: 'Section' }),
);

export const sourceSchema = z.strictObject({
  title: nonEmptyText('source title'),
  url: httpUrl().optional(),
});

export const metaSchema = z
  .strictObject({
    language: z
      .string()
      // BCP 47 tags are case-insensitive (`EN`, `es-mx`): the loader writes them in their usual case.
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'expected a BCP 47 language tag such as `en` or `es-MX`' })
      .default('en'),
    author: nonEmptyText('author').optional(),
    audience: nonEmptyText('audience').optional(),
    course: nonEmptyText('course').optional(),
    date: z
      .string({ error: 'expected a date as text, YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' })
      .regex(isoDatePattern, { message: 'no such date' })
      .optional(),
    license: nonEmptyText('license').optional(),
    reviewed: z.boolean().optional(),
    url: httpUrl().optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .meta({ title: 'Meta' });

export const datasetSchema = z
  .strictObject({
    $schema: z.string().max(limits.url, { message: 'the schema reference is too long' }).optional().meta({ description: 'Path or URL of the JSON Schema, for editors' }),
    title: nonEmptyText('title'),
    subtitle: nonEmptyText('subtitle').optional(),
    slug: z
      .string()
      .max(100)
      .regex(/^[a-z0-9][a-z0-9._-]*$/, {
        message: 'a slug is lowercase letters, digits, dots, hyphens and underscores (it names the output files)',
      })
      .regex(/^(?!.*\.\.)/, { message: 'a slug must not contain `..`' })
      .regex(reservedSlugPattern, { message: 'a slug must not be a device name Windows reserves (con, prn, aux, nul, com1–com9, lpt1–lpt9)' })
      .regex(editionSuffixPattern, { message: 'a slug must not end in `.worksheet` or `.answers`: those names belong to the worksheet and answer-key editions of the slug before them' })
      .optional(),
    subjects: z
      .array(subjectSchema)
      .min(2, { message: 'a comparison needs at least two subjects' })
      .max(limits.subjects, { message: `a comparison table has room for at most ${limits.subjects} subjects` }),
    summary: richText('summary'),
    attributes: z
      .array(attributeSchema)
      .min(1, { message: 'the comparison table needs at least one attribute' })
      .max(limits.attributes, { message: `a comparison table has at most ${limits.attributes.toLocaleString('en')} rows` }),
    sections: z.array(sectionSchema).default([]).meta({ description: `Detail sections, nested at most ${limits.sectionDepth} levels deep` }),
    questions: z.array(questionSchema).optional().meta({ description: 'Questions for worksheets and answer keys' }),
    venn: vennSchema.optional(),
    conclusion: richText('conclusion').optional(),
    disclaimer: richText('disclaimer').optional(),
    meta: metaSchema.default({ language: 'en' }),
  })
  .meta({
    title: 'handout dataset',
    description: 'A comparison of two or more subjects, rendered by handout into PDF and HTML handouts',
  });

/**
 * The dataset as written in a file, for the published JSON Schema (editors) only: `table:` may name a
 * CSV or TSV file next to the dataset instead of `attributes`. The loader reads that file into
 * `attributes` (and `subjects`, from the header row, when the dataset names none) before checking the
 * dataset with `datasetSchema` (see resolve-table-file.ts), and refuses a dataset giving both; the
 * if/then/else says the same to editors.
 */
export const datasetFileSchema = datasetSchema
  .extend({
    subjects: datasetSchema.shape.subjects.optional(),
    attributes: datasetSchema.shape.attributes.optional(),
    table: z
      .string()
      // Case-insensitive .csv/.tsv, not absolute, no `..` folder (JSON Schema patterns have no flags).
      .regex(/^(?![\\/])(?![A-Za-z]:)(?!(?:.*[\\/])?\.\.(?:[\\/]|$)).*\.(?:[cC][sS][vV]|[tT][sS][vV])$/, { message: 'a comparison table file is a .csv or .tsv file in the dataset’s folder or below' })
      .optional()
      .meta({ description: 'A CSV or TSV file next to the dataset (its folder or below) holding the comparison table, instead of `attributes`: first row the subjects, first column the attributes' }),
  })
  .meta({
    title: 'handout dataset',
    description: 'A comparison of two or more subjects, rendered by handout into PDF and HTML handouts',
    // Each part names the properties it requires, as strict validators (ajv's strictRequired) ask.
    if: { properties: { table: true }, required: ['table'] },
    then: { not: { properties: { attributes: true }, required: ['attributes'] } },
    else: { properties: { subjects: true, attributes: true }, required: ['subjects', 'attributes'] },
  });

export type Dataset = z.output<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
export type Subject = z.output<typeof subjectSchema>;
export type Attribute = z.output<typeof attributeSchema>;
export type Question = z.output<typeof questionSchema>;
export type Venn = z.output<typeof vennSchema>;
export type VennPair = z.output<typeof vennPairSchema>;

/** Every key the schema knows, per object kind, for "did you mean …?" hints. */
export const knownKeys = {
  dataset: Object.keys(datasetSchema.shape),
  subject: Object.keys(subjectSchema.shape),
  attribute: Object.keys(attributeSchema.shape),
  question: Object.keys(questionSchema.shape),
  venn: Object.keys(vennSchema.shape),
  vennShared: Object.keys(vennSharedRegionsSchema.shape),
  vennPair: Object.keys(vennPairSchema.shape),
  meta: Object.keys(metaSchema.shape),
  source: Object.keys(sourceSchema.shape),
  section: ['heading', 'body', 'subject', 'sections'],
} as const;
