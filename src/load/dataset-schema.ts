import { z } from 'zod';

/**
 * The dataset contract, written once. The published JSON Schema (schema/handout.schema.json) is
 * generated from this file by `npm run schema`, so editors and the validator can never disagree.
 */

const nonEmptyText = (what: string) =>
  z
    .string({ error: `expected ${what} as text` })
    .regex(/\S/, { message: `${what} must not be empty` });

/** Paragraphs separated by blank lines; inline **bold**, *italic* and [links](https://…). */
const richText = (what: string) => nonEmptyText(what).meta({ description: `${what}: paragraphs separated by a blank line; inline Markdown (**bold**, *italic*, [link](https://…)); HTML is shown literally` });

/** http(s) only; the pattern is repeated so the published JSON Schema refuses `javascript:` too. */
const httpUrl = () => z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).regex(/^https?:\/\/\S+$/, { message: 'expected an http(s) URL' });

export const subjectIdPattern = /^[a-z0-9][a-z0-9-]*$/;

export const subjectSchema = z
  .strictObject({
    id: z
      .string()
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
    lines: z.number().int().min(1).max(20).optional().meta({ description: 'Ruled lines left for the answer on the worksheet (default: from the answer length)' }),
  })
  .meta({ title: 'Question' });

export const vennSchema = z
  .strictObject({
    unique: z
      .record(z.string(), z.array(nonEmptyText('Venn point')).max(8, { message: 'at most 8 points per region fit in a Venn diagram' }))
      .meta({ description: 'Points only one subject has, keyed by subject id' }),
    shared: z.array(nonEmptyText('Venn point')).max(8, { message: 'at most 8 shared points fit in a Venn diagram' }).meta({ description: 'Points all subjects share' }),
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
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'expected a BCP 47 language tag such as `en` or `es-MX`' })
      .default('en'),
    author: nonEmptyText('author').optional(),
    audience: nonEmptyText('audience').optional(),
    course: nonEmptyText('course').optional(),
    date: z
      .string({ error: 'expected a date as text, YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date as YYYY-MM-DD' })
      .optional(),
    license: nonEmptyText('license').optional(),
    reviewed: z.boolean().optional(),
    url: httpUrl().optional(),
    sources: z.array(sourceSchema).optional(),
  })
  .meta({ title: 'Meta' });

export const datasetSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of the JSON Schema, for editors' }),
    title: nonEmptyText('title'),
    subtitle: nonEmptyText('subtitle').optional(),
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, {
        message: 'a slug is lowercase letters, digits, dots, hyphens and underscores (it names the output files)',
      })
      .regex(/^(?!.*\.\.)/, { message: 'a slug must not contain `..`' })
      .optional(),
    subjects: z.array(subjectSchema).min(2, { message: 'a comparison needs at least two subjects' }),
    summary: richText('summary'),
    attributes: z.array(attributeSchema).min(1, { message: 'the comparison table needs at least one attribute' }),
    sections: z.array(sectionSchema).default([]),
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

export type Dataset = z.output<typeof datasetSchema>;
export type DatasetInput = z.input<typeof datasetSchema>;
export type Subject = z.output<typeof subjectSchema>;
export type Attribute = z.output<typeof attributeSchema>;
export type Question = z.output<typeof questionSchema>;
export type Venn = z.output<typeof vennSchema>;

/** Every key the schema knows, per object kind, for "did you mean …?" hints. */
export const knownKeys = {
  dataset: Object.keys(datasetSchema.shape),
  subject: Object.keys(subjectSchema.shape),
  attribute: Object.keys(attributeSchema.shape),
  question: Object.keys(questionSchema.shape),
  venn: Object.keys(vennSchema.shape),
  meta: Object.keys(metaSchema.shape),
  source: Object.keys(sourceSchema.shape),
  section: ['heading', 'body', 'subject', 'sections'],
} as const;
