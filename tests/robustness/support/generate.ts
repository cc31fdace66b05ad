/**
 * fast-check arbitraries for valid datasets: 2–4 subjects, 1–200 rows (mostly few), nested sections,
 * text in Latin with accents, Greek, Cyrillic and common symbols, and now and then a word of up to
 * 200 characters with no place to break.
 *
 * Text avoids the characters the inline Markdown gives a meaning to (`*`, `_`, `` ` ``, `[`, `]`, `\`,
 * `<`, `&`), so what the dataset says is exactly what the reader must find in the outputs.
 */
import fc from 'fast-check';
import type { DatasetInput } from '../../../src/load/dataset-schema.js';

const latin = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const accented = 'àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßœšžłđčćřůőűÀÉÎÕÜÇÑŁŚŹŻØÆ';
const greek = 'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώςΑΒΓΔΘΛΞΠΣΦΨΩ';
const cyrillic = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЖЗИЛПФЦЧШЭЮЯ';
const symbols = '€£¥±×÷→←≤≥°©®™•…–—‘’“”%@#$()/:;!?,.+=§¶µ\'"';

/** Characters that go into words, by script; a word keeps to one script most of the time. */
export const alphabets = { latin: latin + accented, greek, cyrillic, symbols: symbols + latin } as const;

const characterOf = (alphabet: string) => fc.constantFrom(...[...alphabet]);

/** A word of 1–12 characters from one script. */
export const word: fc.Arbitrary<string> = fc
  .constantFrom(...Object.values(alphabets))
  .chain((alphabet) => fc.string({ unit: characterOf(alphabet), minLength: 1, maxLength: 12 }));

/** A word of 30–200 characters with no space, hyphen, slash or dot: the layout must split it itself. */
export const longWord: fc.Arbitrary<string> = fc
  .constantFrom(alphabets.latin, alphabets.greek, alphabets.cyrillic)
  .chain((alphabet) => fc.string({ unit: characterOf(alphabet), minLength: 30, maxLength: 200 }));

/** Words joined by single spaces; now and then one of them is a long word. */
export function words(maxWords: number): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof({ weight: 30, arbitrary: word }, { weight: 1, arbitrary: longWord }), { minLength: 1, maxLength: maxWords })
    .map((parts) => parts.join(' '));
}

/** A title, name or heading. */
export const label = words(6);
/** A cell, a paragraph or two. */
export const text = fc.oneof({ weight: 4, arbitrary: words(30) }, { weight: 1, arbitrary: fc.tuple(words(30), words(20)).map(([a, b]) => `${a}\n\n${b}`) });

const subjectIds = fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,6})?$/), { minLength: 2, maxLength: 4 });

/** Rows: mostly 1–12, sometimes up to 200. */
export const rowCount = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 13, max: 200 }) });

interface GeneratedSection {
  heading: string;
  body?: string;
  subject?: string;
  sections?: GeneratedSection[];
}

function sections(depth: number, ids: readonly string[]): fc.Arbitrary<GeneratedSection[]> {
  const section: fc.Arbitrary<GeneratedSection> = fc
    .record(
      {
        heading: label,
        body: text,
        subject: fc.constantFrom(...ids),
        sections: depth < 3 ? sections(depth + 1, ids) : fc.constant([] as GeneratedSection[]),
      },
      { requiredKeys: ['heading'] },
    )
    .map((s) => {
      const out: GeneratedSection = { heading: s.heading };
      if (s.body !== undefined) out.body = s.body;
      if (s.subject !== undefined) out.subject = s.subject;
      if (s.sections && s.sections.length > 0) out.sections = s.sections;
      return out;
    });
  return fc.array(section, { maxLength: depth === 1 ? 4 : 2 });
}

export interface DatasetOptions {
  rows?: fc.Arbitrary<number>;
}

/** A valid dataset (as the user writes it) that the handout edition shows in full. */
export function dataset(options: DatasetOptions = {}): fc.Arbitrary<DatasetInput> {
  return subjectIds.chain((ids) =>
    fc
      .record({
        title: label,
        subtitle: fc.option(label, { nil: undefined }),
        names: fc.tuple(...ids.map(() => label)),
        summary: text,
        rows: (options.rows ?? rowCount).chain((count) => fc.array(fc.tuple(label, fc.tuple(...ids.map(() => text))), { minLength: count, maxLength: count })),
        sections: sections(1, ids),
        conclusion: fc.option(text, { nil: undefined }),
        disclaimer: fc.option(text, { nil: undefined }),
        audience: fc.option(label, { nil: undefined }),
        author: fc.option(label, { nil: undefined }),
        sources: fc.option(fc.array(label, { minLength: 1, maxLength: 3 }), { nil: undefined }),
      })
      .map((g) => {
        const data: DatasetInput = {
          title: g.title,
          subjects: ids.map((id, index) => ({ id, name: g.names[index]! })),
          summary: g.summary,
          attributes: g.rows.map(([name, cells]) => ({ name, values: Object.fromEntries(ids.map((id, index) => [id, cells[index]!])) })),
          sections: g.sections,
          meta: {
            language: 'en',
            date: '2026-11-25',
            ...(g.audience !== undefined ? { audience: g.audience } : {}),
            ...(g.author !== undefined ? { author: g.author } : {}),
            ...(g.sources ? { sources: g.sources.map((title, index) => ({ title, url: `https://example.org/source/${index + 1}` })) } : {}),
          },
        };
        if (g.subtitle !== undefined) data.subtitle = g.subtitle;
        if (g.conclusion !== undefined) data.conclusion = g.conclusion;
        if (g.disclaimer !== undefined) data.disclaimer = g.disclaimer;
        return data;
      }),
  );
}

/** Every text of a dataset the handout edition prints, in document order. */
export function printedStrings(data: DatasetInput): string[] {
  const out: string[] = [data.title];
  if (data.subtitle) out.push(data.subtitle);
  if (data.meta?.audience) out.push(data.meta.audience);
  if (data.meta?.author) out.push(data.meta.author);
  out.push(data.summary);
  out.push(...data.subjects.map((s) => s.name));
  for (const attribute of data.attributes) out.push(attribute.name, ...Object.values(attribute.values));
  const visit = (list: readonly GeneratedSection[] | undefined) => {
    for (const section of list ?? []) {
      out.push(section.heading);
      if (section.body) out.push(section.body);
      visit(section.sections);
    }
  };
  visit(data.sections as GeneratedSection[] | undefined);
  if (data.conclusion) out.push(data.conclusion);
  for (const source of data.meta?.sources ?? []) out.push(source.title);
  if (data.disclaimer) out.push(data.disclaimer);
  return out;
}
