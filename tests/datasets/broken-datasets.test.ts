// Every broken dataset in tests/fixtures/broken/ and exactly what the user is told about it.
// Expectations were written from reading each fixture (line and column counted in the file, 1-based),
// not copied from the program's output.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import { knownKeys } from '../../src/load/dataset-schema.js';
import { loadDataset, loadDatasetText } from '../../src/load/load-dataset.js';
import { formatDiagnostic, type Diagnostic } from '../../src/shared/diagnostic.js';
import { fromRoot } from '../support/paths.js';

const brokenDir = fromRoot('tests', 'fixtures', 'broken');
const fixture = (name: string): string => join(brokenDir, name);

interface Expected {
  code: string;
  /** [line, column], 1-based; absent when the problem has no single place in the source. */
  at?: [number, number];
  /** Field path; absent for syntax errors and file-level problems. */
  path?: string;
  /** Exact hint text; when absent, the hint must still be present and non-empty. */
  hint?: string;
}

interface Case {
  file: string;
  why: string;
  expected: Expected[];
}

// The list of allowed keys grows with the schema; the rest of each line is asserted verbatim.
const topLevelKeys = knownKeys.dataset.map((key) => `\`${key}\``).join(', ');

const cases: Case[] = [
  // --- fields of two shapes -------------------------------------------------------------------------
  {
    file: 'given-wrong-shape.yaml',
    why: '`given: yes` is text (YAML 1.2 has no yes/no booleans): the message names both shapes `given` takes',
    expected: [{ code: 'wrong-type', at: [13, 12], path: 'attributes[0].given', hint: "`given: true` keeps the whole row filled in on worksheets; `given: [id, …]` keeps just those subjects' cells" }],
  },
  {
    file: 'venn-shared-shapes.yaml',
    why: '`pair:` misspells `pairs:` in the three-subject form of `shared`: the keys of that form are offered, not subject ids',
    expected: [{ code: 'unknown-key', at: [21, 5], path: 'venn.shared.pair', hint: 'did you mean `pairs`?' }],
  },
  {
    file: 'venn-shared-too-many.yaml',
    why: 'nine shared points as a list: the list form\'s own limit is reported, not "Invalid input"',
    expected: [{ code: 'too-many', at: [16, 11], path: 'venn.shared', hint: 'keep the most important entries' }],
  },
  // --- syntax -------------------------------------------------------------------------------------
  {
    file: 'yaml-bad-indentation.yaml',
    why: '`name:` of the second subject indented deeper than its `id:`; the parser notices at the value on line 5',
    expected: [{ code: 'yaml-syntax', at: [5, 9] }],
  },
  {
    file: 'yaml-unclosed-quote.yaml',
    why: 'the quote opened on line 4 is never closed: reported where it opens, not at the end of the file',
    expected: [{ code: 'yaml-syntax', at: [4, 11], hint: 'add the closing " at the end of the text, or remove the opening one' }],
  },
  {
    file: 'json-trailing-comma.json',
    why: 'comma after the last subject; reported at the comma itself',
    expected: [{ code: 'json-syntax', at: [5, 41], hint: 'remove this comma' }],
  },
  {
    file: 'yaml-tab-indentation.yaml',
    why: 'line 4 is indented with a tab; one problem, one message (no follow-on errors)',
    expected: [{ code: 'yaml-syntax', at: [4, 1], hint: 'YAML indentation must use spaces, not tabs' }],
  },
  {
    file: 'yaml-duplicate-key.yaml',
    why: '`summary` appears twice at the top level; the second one is reported',
    expected: [{ code: 'duplicate-key', at: [13, 1] }],
  },
  {
    file: 'json-duplicate-key.json',
    why: '`name` twice in the second subject',
    expected: [{ code: 'duplicate-key', at: [5, 41] }],
  },
  {
    file: 'alias-bomb.yaml',
    why: 'billion laughs: refused before expanding',
    expected: [{ code: 'too-many-aliases' }],
  },
  {
    file: 'cytokine-storm-vs-sepsis.txt',
    why: 'only .yaml, .yml and .json are datasets',
    expected: [{ code: 'unsupported-file' }],
  },
  // --- shape (schema) -----------------------------------------------------------------------------
  {
    file: 'summary-is-a-number.yaml',
    why: '`summary: 42`',
    expected: [{ code: 'wrong-type', at: [7, 10], path: 'summary', hint: 'put text in quotes if it looks like a number, date or yes/no' }],
  },
  {
    file: 'subject-name-empty.yaml',
    why: '`name:` with nothing after it',
    expected: [{ code: 'wrong-type', at: [7, 10], path: 'subjects[1].name', hint: 'write the text after `name:`, on the same line' }],
  },
  {
    file: 'subjects-is-a-mapping.yaml',
    why: '`subjects` written as `id: name` pairs instead of a list',
    expected: [{ code: 'wrong-type', at: [3, 3], path: 'subjects', hint: 'start each entry of a list with `- ` on its own line' }],
  },
  {
    file: 'missing-title.yaml',
    why: 'no `title`; the position is the start of the top-level mapping',
    expected: [{ code: 'missing-field', at: [1, 1], path: 'title', hint: 'add `title:` with some text' }],
  },
  {
    file: 'unknown-key-atributes.yaml',
    why: 'a near-miss of `attributes`: one diagnostic, not also "attributes is missing"',
    expected: [{ code: 'unknown-key', at: [8, 1], path: 'atributes', hint: 'did you mean `attributes`?' }],
  },
  {
    file: 'unknown-key-meta-languag.yaml',
    why: '`meta.languag`',
    expected: [{ code: 'unknown-key', at: [15, 3], path: 'meta.languag', hint: 'did you mean `language`?' }],
  },
  {
    file: 'unknown-key.json',
    why: 'unknown keys in JSON, positioned at the key (its opening quote)',
    expected: [
      { code: 'unknown-key', at: [5, 41], path: 'subjects[1].akaa', hint: 'did you mean `aka`?' },
      { code: 'unknown-key', at: [17, 31], path: 'meta.languag', hint: 'did you mean `language`?' },
    ],
  },
  {
    file: 'empty-table.yaml',
    why: '`attributes: []`',
    expected: [{ code: 'too-small', at: [8, 13], path: 'attributes' }],
  },
  {
    file: 'only-one-subject.yaml',
    why: 'a comparison of one subject',
    expected: [{ code: 'too-small', at: [3, 3], path: 'subjects' }],
  },
  {
    file: 'bad-source-url.yaml',
    why: '`javascript:` URL in a source',
    expected: [{ code: 'invalid-format', at: [16, 12], path: 'meta.sources[0].url', hint: 'write a full address starting with https://' }],
  },
  {
    file: 'proto-key.yaml',
    why: '`__proto__` and `constructor` are ordinary unknown keys',
    expected: [
      { code: 'unknown-key', at: [13, 1], path: '__proto__' },
      { code: 'unknown-key', at: [15, 1], path: 'constructor' },
    ],
  },
  {
    file: 'proto-key.json',
    why: '`__proto__` and `constructor` are ordinary unknown keys',
    expected: [
      { code: 'unknown-key', at: [17, 3], path: '__proto__' },
      { code: 'unknown-key', at: [18, 3], path: 'constructor' },
    ],
  },
  // --- cross-field rules --------------------------------------------------------------------------
  {
    file: 'unknown-subject-sepssis.yaml',
    why: 'a misspelled subject id in a row: one diagnostic, not also "no value for `sepsis`"',
    expected: [{ code: 'unknown-subject', at: [16, 7], path: 'attributes[1].values.sepssis', hint: 'did you mean `sepsis`?' }],
  },
  {
    file: 'missing-cell.yaml',
    why: 'row “Treatment” has no `sepsis` value; positioned at its `values`',
    expected: [{ code: 'missing-cell', at: [15, 7], path: 'attributes[1].values' }],
  },
  {
    file: 'duplicate-subject-ids.yaml',
    why: 'copy-pasted subject kept the id `sepsis`, so the row key `septic-shock` matches no subject',
    expected: [
      { code: 'duplicate-subject', at: [5, 9], path: 'subjects[1].id' },
      { code: 'unknown-subject', at: [12, 7], path: 'attributes[0].values.septic-shock', hint: 'add the subject to `subjects`, or fix the key' },
    ],
  },
  {
    file: 'section-subject-unknown.yaml',
    why: 'section `subject: Sepsis` (the name, not the id)',
    expected: [{ code: 'unknown-subject', at: [18, 14], path: 'sections[1].subject', hint: 'did you mean `sepsis`?' }],
  },
  {
    file: 'unsupported-language.yaml',
    why: '`meta.language: xx` is a well-formed tag with no labels (checked in the view stage, positioned through the loaded source)',
    expected: [{ code: 'unsupported-language', at: [14, 13], path: 'meta.language' }],
  },
  {
    file: 'missing-glyph-title.yaml',
    why: '"中文 🦄" in the title: no font of the default theme has them; each reported at its own column on line 2',
    expected: [
      { code: 'missing-glyph', at: [2, 23], path: 'title' },
      { code: 'missing-glyph', at: [2, 24], path: 'title' },
      { code: 'missing-glyph', at: [2, 26], path: 'title' },
    ],
  },
  {
    file: 'missing-glyph-cell.yaml',
    why: '🌱 on the second line of a block-scalar cell: reported where it is written, not where the cell starts',
    expected: [{ code: 'missing-glyph', at: [14, 25], path: 'attributes[0].values.seeds' }],
  },
  {
    file: 'missing-glyph-escaped.json',
    why: '🌱 written as a \\u escape (at the start of the string: the character is not in the text) and literally (at itself)',
    expected: [
      { code: 'missing-glyph', at: [5, 58], path: 'attributes[0].values.seeds' },
      { code: 'missing-glyph', at: [5, 102], path: 'attributes[0].values.spores' },
    ],
  },
  // --- encoding, empty and odd files (added with issue 7) --------------------------------------------
  {
    file: 'empty-file.yaml',
    why: 'zero bytes: said plainly, not "the dataset must be a mapping"',
    expected: [{ code: 'empty-file', at: [1, 1] }],
  },
  {
    file: 'only-comments.yaml',
    why: 'comments and blank lines only: YAML gives no data at all',
    expected: [{ code: 'empty-file', at: [1, 1] }],
  },
  {
    file: 'only-a-list.yaml',
    why: 'the whole file is a list of one-key mappings; the hint says to drop the `- `',
    expected: [{ code: 'not-an-object', at: [1, 1], path: '(top level)', hint: 'remove the `- ` before the first key: the file itself is one mapping, starting with `title: …`' }],
  },
  {
    file: 'latin1-encoding.yaml',
    why: '`Café` saved as Latin-1: refused at the é (line 6, column 14) instead of printing “Caf�”',
    expected: [{ code: 'not-utf8', at: [6, 14], hint: 'save the file as UTF-8 (most editors: "Save with encoding" → UTF-8)' }],
  },
  {
    file: 'utf16-encoding.json',
    why: 'UTF-16 with a byte-order mark (what some Windows editors save)',
    expected: [{ code: 'not-utf8', at: [1, 1] }],
  },
  {
    file: 'bom-and-tabs.yaml',
    why: 'a UTF-8 byte-order mark (ignored, not counted as a column) and a tab indenting line 4',
    expected: [{ code: 'yaml-syntax', at: [4, 1], hint: 'YAML indentation must use spaces, not tabs' }],
  },
  {
    file: 'yaml-multiple-documents.yaml',
    why: 'a second document after `---` on line 13: reported there, without naming the parser’s API',
    expected: [{ code: 'yaml-syntax', at: [13, 1], hint: 'remove this `---` line (it may only be the very first line), or move the second dataset into a file of its own' }],
  },
  {
    file: 'yaml-include-tag.yaml',
    why: '`!include` is not YAML: an unknown tag, at the tag',
    expected: [{ code: 'yaml-syntax', at: [7, 10] }],
  },
  {
    file: 'yaml-merge-key.yaml',
    why: 'a `<<` merge key (YAML 1.1) is an unknown key, with a hint about merge keys, not "did you mean `id`?"',
    expected: [{ code: 'unknown-key', at: [6, 5], path: 'subjects[1]["<<"]', hint: 'YAML merge keys (`<<: *name`) are not supported; write the keys out (an alias `*name` may still stand for a whole value)' }],
  },
  {
    file: 'non-string-keys.yaml',
    why: '`? [tea, coffee]` makes a list the key of a row value; refused at the key (and no Node warning on stderr)',
    expected: [{ code: 'non-text-key', at: [13, 9] }],
  },
  {
    file: 'json-with-comments.json',
    why: 'a `//` comment on line 13: JSON has no comments, and the hint offers YAML',
    expected: [{ code: 'json-syntax', at: [13, 3], hint: 'remove the comment, or write the dataset as YAML (.yaml), where `# comments` are allowed' }],
  },
  {
    file: 'json-raw-control-character.json',
    why: 'a raw BEL (U+0007) inside “Ethiopia”, at the character itself',
    expected: [{ code: 'json-syntax', at: [19, 24] }],
  },
  {
    file: 'json-unclosed-brace.json',
    why: 'the final `}` is missing: reported at the end of the file',
    expected: [{ code: 'json-syntax', at: [23, 1], hint: 'add the missing `}`; an editor that highlights matching brackets shows which one' }],
  },
  {
    file: 'nesting-200-levels.json',
    why: '200 nested `[`: refused at the 128th (column 14 + 127), before any parser recursion',
    expected: [{ code: 'too-deep', at: [3, 141] }],
  },
  // --- text that cannot be printed, or is too long ---------------------------------------------------
  {
    file: 'control-character-nul.yaml',
    why: 'a NUL written as the YAML escape `\\0` in the title',
    expected: [{ code: 'unprintable-character', at: [1, 8], path: 'title' }],
  },
  {
    file: 'ansi-escape-in-cell.yaml',
    why: 'terminal colour codes (raw ESC bytes) pasted into a cell',
    expected: [{ code: 'unprintable-character', at: [11, 12], path: 'attributes[0].values.tea' }],
  },
  {
    file: 'control-character-escape.json',
    why: 'an escaped ESC (`\\u001b`) at the end of a section body',
    expected: [{ code: 'unprintable-character', at: [26, 15], path: 'sections[0].body' }],
  },
  {
    file: 'lone-surrogate.json',
    why: 'half of an emoji (`\\ud83d` without its pair) in a subject name',
    expected: [{ code: 'unprintable-character', at: [10, 15], path: 'subjects[1].name', hint: 'the text was cut in the middle of an emoji or other character: retype or remove it' }],
  },
  {
    file: 'huge-field.yaml',
    why: 'a 25,000-character summary; paragraph fields hold at most 20,000',
    expected: [{ code: 'text-too-long', at: [7, 10], path: 'summary', hint: 'shorten it, or spread it over several paragraphs, sections or rows; text this long is usually pasted by mistake' }],
  },
  {
    file: 'title-too-long.yaml',
    why: 'a 601-character title; one-line fields hold at most 500',
    expected: [{ code: 'text-too-long', at: [1, 8], path: 'title' }],
  },
  // --- more shape and range problems ------------------------------------------------------------------
  {
    file: 'subjects-are-strings.json',
    why: 'subjects written as names, not `{ id, name }` objects',
    expected: [
      { code: 'wrong-type', at: [4, 5], path: 'subjects[0]' },
      { code: 'wrong-type', at: [5, 5], path: 'subjects[1]' },
    ],
  },
  {
    file: 'too-many-subjects.yaml',
    why: 'nine subjects: more columns than a page can hold',
    expected: [{ code: 'too-many', at: [3, 3], path: 'subjects', hint: 'compare fewer subjects, or split the comparison into several handouts' }],
  },
  {
    file: 'sections-nested-50-levels.yaml',
    why: 'sections nested 51 levels: one message, where level 7 starts (line 26, column 25)',
    expected: [{ code: 'too-deep', at: [26, 25], path: 'sections[0].sections[0].sections[0].sections[0].sections[0].sections[0].sections' }],
  },
  {
    file: 'question-without-answer.yaml',
    why: 'a question with a prompt but no `answer`; positioned at the question',
    expected: [{ code: 'missing-field', at: [14, 5], path: 'questions[0].answer', hint: 'add `answer:` with some text' }],
  },
  {
    file: 'answer-lines-out-of-range.yaml',
    why: '`lines: 50` where 1 to 20 are allowed',
    expected: [{ code: 'out-of-range', at: [16, 12], path: 'questions[0].lines' }],
  },
  {
    file: 'date-does-not-exist.yaml',
    why: '2023-02-29 has the right shape but is no date (2023 is not a leap year)',
    expected: [{ code: 'invalid-format', at: [14, 9], path: 'meta.date', hint: 'write the date as YYYY-MM-DD, e.g. `2026-11-25`' }],
  },
  {
    file: 'meta-url-invalid.yaml',
    why: 'a URL without scheme, an ftp: URL and one with a space',
    expected: [
      { code: 'invalid-format', at: [14, 8], path: 'meta.url', hint: 'write a full address starting with https://' },
      { code: 'invalid-format', at: [17, 12], path: 'meta.sources[0].url', hint: 'write a full address starting with https://' },
      { code: 'invalid-format', at: [19, 12], path: 'meta.sources[1].url', hint: 'write a full address starting with https://' },
    ],
  },
  {
    file: 'slug-path-traversal.yaml',
    why: '`slug: ../../etc/passwd` would name files outside the output folder',
    expected: [{ code: 'invalid-format', at: [2, 7], path: 'slug', hint: 'fix it, or leave `slug` out: it is derived from the file name' }],
  },
  {
    file: 'slug-reserved-name.yaml',
    why: '`slug: aux`: aux.pdf cannot be created on Windows',
    expected: [{ code: 'invalid-format', at: [2, 7], path: 'slug' }],
  },
  {
    file: 'proto-keys-nested.yaml',
    why: '`__proto__`, `constructor` and `prototype` nested in a subject, a row, a section and meta: ordinary unknown keys',
    expected: [
      { code: 'unknown-key', at: [5, 5], path: 'subjects[0].__proto__' },
      { code: 'unknown-subject', at: [15, 7], path: 'attributes[0].values.constructor' },
      { code: 'wrong-type', at: [16, 9], path: 'attributes[0].values.constructor' },
      { code: 'unknown-key', at: [20, 5], path: 'sections[0].prototype' },
      { code: 'unknown-key', at: [23, 3], path: 'meta.__proto__' },
    ],
  },
  {
    file: 'proto-keys-nested.json',
    why: 'the same keys in JSON, positioned at each key’s opening quote',
    expected: [
      { code: 'unknown-key', at: [4, 35], path: 'subjects[0].__proto__' },
      { code: 'unknown-subject', at: [11, 57], path: 'attributes[0].values.constructor' },
      { code: 'wrong-type', at: [11, 72], path: 'attributes[0].values.constructor' },
      { code: 'unknown-key', at: [14, 40], path: 'sections[0].prototype' },
      { code: 'unknown-key', at: [15, 13], path: 'meta.__proto__' },
    ],
  },
  {
    file: 'given-unknown-subject.yaml',
    why: '`given: [tea, cofee]`',
    expected: [{ code: 'unknown-subject', at: [13, 18], path: 'attributes[0].given[1]', hint: 'did you mean `coffee`?' }],
  },
  {
    file: 'venn-unknown-subject.yaml',
    why: 'Venn points keyed `cofee`; positioned at the key',
    expected: [{ code: 'unknown-subject', at: [16, 5], path: 'venn.unique.cofee', hint: 'did you mean `coffee`?' }],
  },
  {
    file: 'venn-pair-unknown-subject.yaml',
    why: 'a Venn pair names `cocao`; positioned at that item of `subjects`',
    expected: [{ code: 'unknown-subject', at: [22, 28], path: 'venn.shared.pairs[0].subjects[1]', hint: 'did you mean `cocoa`?' }],
  },
  // --- several problems at once -------------------------------------------------------------------
  {
    file: 'several-problems.yaml',
    why: 'ten independent problems, all reported in one run',
    expected: [
      { code: 'invalid-format', at: [1, 8], path: 'title' },
      { code: 'invalid-format', at: [3, 9], path: 'subjects[0].id' },
      { code: 'missing-field', at: [5, 5], path: 'subjects[1].name', hint: 'add `name:` with some text' },
      { code: 'wrong-type', at: [6, 10], path: 'summary' },
      { code: 'missing-cell', at: [10, 7], path: 'attributes[0].values' },
      { code: 'unknown-subject', at: [11, 7], path: 'attributes[0].values.sepssis', hint: 'did you mean `sepsis`?' },
      { code: 'unknown-key', at: [12, 5], path: 'attributes[0].colour' },
      { code: 'unknown-subject', at: [15, 14], path: 'sections[0].subject', hint: 'did you mean `sepsis`?' },
      { code: 'invalid-format', at: [17, 9], path: 'meta.date' },
      { code: 'wrong-type', at: [18, 13], path: 'meta.reviewed', hint: 'write true or false, without quotes' },
    ],
  },
];

/** The key fields of a diagnostic, in the same shape as the expectation built from a table row. */
function keyFields(diagnostic: Diagnostic) {
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    file: diagnostic.file === undefined ? undefined : basename(diagnostic.file),
    position: diagnostic.position,
    path: diagnostic.path,
    hint: diagnostic.hint,
  };
}

function expectedFields(file: string, expected: Expected) {
  return {
    severity: 'error',
    code: expected.code,
    file,
    position: expected.at ? { line: expected.at[0], column: expected.at[1] } : undefined,
    path: expected.path,
    hint: expected.hint ?? expect.stringMatching(/\S/),
  };
}

/** Source order (line, column), then code: the order the table is written in. */
function bySourceOrder(a: Diagnostic, b: Diagnostic): number {
  return (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.column ?? 0) - (b.position?.column ?? 0) || a.code.localeCompare(b.code);
}

async function diagnosticsOf(file: string): Promise<Diagnostic[]> {
  const { results, diagnostics } = await validateFiles([file]);
  expect(diagnostics).toEqual([]);
  expect(results).toHaveLength(1);
  expect(results[0]!.ok).toBe(false);
  return [...results[0]!.diagnostics].sort(bySourceOrder);
}

/** Fixtures that are folders: problems that only exist between several files. */
const folderCases = ['duplicate-slug'];

describe('broken datasets', () => {
  it('every fixture in tests/fixtures/broken/ has an expectation, and every expectation a fixture', () => {
    expect([...cases.map((c) => c.file), ...folderCases].sort()).toEqual(readdirSync(brokenDir).sort());
  });

  it('duplicate-slug/: two datasets with one slug; the second (in path order) is refused at its `slug`, the first is valid', async () => {
    const { results, diagnostics } = await validateFiles([fixture('duplicate-slug')]);
    expect(diagnostics).toEqual([]);
    expect(results.map((r) => [basename(r.file), r.ok])).toEqual([
      ['a-tea.yaml', true],
      ['b-coffee.json', false],
    ]);
    expect(results[1]!.diagnostics.map(keyFields)).toEqual([expectedFields('b-coffee.json', { code: 'duplicate-slug', at: [3, 11], path: 'slug', hint: 'give one of the datasets another `slug:`' })]);
    expect(results[1]!.diagnostics[0]!.message).toContain('a-tea.yaml');
  });

  it.each(cases.filter((c) => c.file !== 'alias-bomb.yaml'))('$file: $why', async ({ file, expected }) => {
    const actual = await diagnosticsOf(fixture(file));
    expect(actual.map(keyFields)).toEqual(expected.map((e) => expectedFields(file, e)));
  });

  it(
    'alias-bomb.yaml: refused by the alias limit without expanding (would be 9^9 strings)',
    async () => {
      const actual = await diagnosticsOf(fixture('alias-bomb.yaml'));
      expect(actual.map(keyFields)).toEqual([expectedFields('alias-bomb.yaml', { code: 'too-many-aliases' })]);
    },
    5000,
  );

  it('the multi-problem file reports all ten problems in a single load', async () => {
    const { diagnostics, loaded } = await loadDataset(fixture('several-problems.yaml'));
    expect(loaded).toBeUndefined();
    expect(diagnostics).toHaveLength(10);
    // ten different places, each named once
    expect(new Set(diagnostics.map((d) => d.path)).size).toBe(10);
    expect(diagnostics.every((d) => d.severity === 'error' && d.position !== undefined)).toBe(true);
  });
});

describe('hints for a missing field follow its type', () => {
  it('a missing list asks for a list, not for text', () => {
    const text = 'title: Tea vs. Coffee\nsubjects:\n  - {id: tea, name: Tea}\n  - {id: coffee, name: Coffee}\nsummary: Two hot drinks.\n';
    const { diagnostics } = loadDatasetText(text, 'no-table.yaml');
    expect(diagnostics.map(keyFields)).toEqual([
      { severity: 'error', code: 'missing-field', file: 'no-table.yaml', position: { line: 1, column: 1 }, path: 'attributes', hint: 'add `attributes:` with a list: one entry per line, each starting with `- `' },
    ]);
    expect(diagnostics[0]!.expected).toBe('a list');
  });
});

describe('what the user reads (formatDiagnostic)', () => {
  async function formatted(name: string): Promise<string[]> {
    const file = fixture(name);
    const { diagnostics } = await loadDataset(file);
    return diagnostics.map(formatDiagnostic);
  }

  it('a misspelled top-level key', async () => {
    const file = fixture('unknown-key-atributes.yaml');
    expect(await formatted('unknown-key-atributes.yaml')).toEqual([
      `${file}:8:1: error [unknown-key] at atributes: unknown key \`atributes\` (expected one of ${topLevelKeys})\n` +
        '  hint: did you mean `attributes`?',
    ]);
  });

  it('a misspelled subject id in a table row', async () => {
    const file = fixture('unknown-subject-sepssis.yaml');
    expect(await formatted('unknown-subject-sepssis.yaml')).toEqual([
      `${file}:16:7: error [unknown-subject] at attributes[1].values.sepssis: row “Treatment” has a value for \`sepssis\`, which is not a subject id (expected one of \`cytokine-storm\`, \`sepsis\`)\n` +
        '  hint: did you mean `sepsis`?',
    ]);
  });

  it('a trailing comma in JSON', async () => {
    const file = fixture('json-trailing-comma.json');
    expect(await formatted('json-trailing-comma.json')).toEqual([
      `${file}:5:41: error [json-syntax]: JSON syntax error: comma after the last item (JSON does not allow trailing commas)\n` +
        '  hint: remove this comma',
    ]);
  });

  it('a wrong type says what was expected once', async () => {
    const file = fixture('subjects-is-a-mapping.yaml');
    expect(await formatted('subjects-is-a-mapping.yaml')).toEqual([
      `${file}:3:3: error [wrong-type] at subjects: expected a list, found a mapping\n` +
        '  hint: start each entry of a list with `- ` on its own line',
    ]);
  });
});
