// Markdown datasets, comparison tables from spreadsheets, `import` and `convert`.
// Expected messages were written from reading each fixture (line and column counted in the file,
// 1-based), then compared with the program's output.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { findDatasets } from '../../src/pipeline/find-datasets.js';
import { validateFiles } from '../../src/pipeline/validate-files.js';
import { formatDataset } from '../../src/convert/format-dataset.js';
import { importTable } from '../../src/convert/import-table.js';
import { writeNewFile } from '../../src/convert/write-new-file.js';
import { loadDataset, loadDatasetText } from '../../src/load/load-dataset.js';
import { formatDiagnostic, type Diagnostic } from '../../src/shared/diagnostic.js';
import { dataset as generatedDataset } from '../robustness/support/generate.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const fixtures = fromRoot('tests', 'fixtures', 'markdown');
const broken = join(fixtures, 'broken');
const shown = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => formatDiagnostic({ ...d, ...(d.file ? { file: d.file.replace(`${broken}/`, '') } : {}) }));

describe('the seed handout written in Markdown', () => {
  const yamlFile = join(fixtures, 'cytokine-storm-vs-sepsis.yaml');
  const markdownFile = join(fixtures, 'cytokine-storm-vs-sepsis.md');

  it('reads as the same dataset as the YAML one (the disclaimer gains only the final line break of Markdown text)', async () => {
    const fromYaml = await loadDataset(yamlFile);
    const fromMarkdown = await loadDataset(markdownFile);
    expect(fromYaml.diagnostics).toEqual([]);
    expect(fromMarkdown.diagnostics).toEqual([]);
    const expected = { ...fromYaml.loaded!.dataset, disclaimer: `${fromYaml.loaded!.dataset.disclaimer}\n` };
    expect(fromMarkdown.loaded!.dataset).toEqual(expected);
    // The Markdown text is the YAML `|` block exactly, paragraph breaks and final line break included.
    expect(fromMarkdown.loaded!.dataset.sections[1]!.body).toBe(fromYaml.loaded!.dataset.sections[1]!.body);
    expect(fromMarkdown.loaded!.dataset.sections[1]!.subject).toBe('cytokine-storm');
  });

  it('reads the same with Windows line endings', async () => {
    const crlf = readFileSync(markdownFile, 'utf8').replace(/\n/g, '\r\n');
    const fromCrlf = loadDatasetText(crlf, 'seed.md');
    expect(fromCrlf.diagnostics).toEqual([]);
    expect(fromCrlf.loaded!.dataset).toEqual((await loadDataset(markdownFile)).loaded!.dataset);
  });

  it('builds byte-identical PDF and HTML', async () => {
    const out = tmpDir('markdown-seed');
    const yamlOut = join(out, 'yaml');
    const markdownOut = join(out, 'md');
    const fromYaml = await build({ inputs: [yamlFile], outDir: yamlOut, formats: ['pdf', 'html'], workers: 1 });
    const fromMarkdown = await build({ inputs: [markdownFile], outDir: markdownOut, formats: ['pdf', 'html'], workers: 1 });
    expect(fromYaml.ok && fromMarkdown.ok).toBe(true);
    for (const name of ['cytokine-storm-vs-sepsis.pdf', 'cytokine-storm-vs-sepsis.html']) {
      const a = readFileSync(join(yamlOut, name));
      const b = readFileSync(join(markdownOut, name));
      expect(a.length).toBeGreaterThan(1000);
      expect(b.equals(a), name).toBe(true);
    }
  });
});

interface BrokenCase {
  file: string;
  why: string;
  messages: string[];
}

const brokenMarkdown: BrokenCase[] = [
  {
    file: 'no-front-matter.md',
    why: 'the file starts with prose: the title and subjects have nowhere to be',
    messages: ['no-front-matter.md:1:1: error [missing-front-matter]: a Markdown dataset starts with front matter between two `---` lines\n  hint: start the file with `---`, then `title: …` and `subjects:`, then `---` (README "Markdown datasets" shows a whole file)'],
  },
  {
    file: 'unclosed-front-matter.md',
    why: 'the closing `---` is missing: the rest of the file would be read as YAML',
    messages: ['unclosed-front-matter.md:1:1: error [missing-front-matter]: the front matter opened on line 1 is never closed\n  hint: end the front matter with a line of three hyphens, `---`, after its last field'],
  },
  {
    file: 'front-matter-yaml-error.md',
    why: 'the second subject is indented one space more than the first; YAML reports it at line 5 of the front matter, line 6 of the file',
    messages: ['front-matter-yaml-error.md:6:4: error [yaml-syntax]: All sequence items must start at the same column\n  hint: check the indentation: nested keys line up under their parent, with spaces, not tabs'],
  },
  {
    file: 'front-matter-misspelled-key.md',
    why: 'a misspelt key in the front matter gets the same message as in a YAML dataset',
    messages: [
      'front-matter-misspelled-key.md:8:1: error [unknown-key] at atributes: unknown key `atributes` (expected one of `$schema`, `title`, `subtitle`, `slug`, `subjects`, `summary`, `attributes`, `sections`, `questions`, `venn`, `conclusion`, `disclaimer`, `meta`)\n  hint: did you mean `attributes`?',
    ],
  },
  {
    file: 'empty.md',
    why: 'an empty Markdown file: the hint shows how a Markdown dataset starts',
    messages: ['empty.md:1:1: error [empty-file]: the file is empty\n  hint: start the file with its front matter: a line `---`, then `title: …`, then `---` again (README "Markdown datasets and spreadsheet tables" shows a whole dataset)'],
  },
  {
    file: 'front-matter-misspelled-subject-name.md',
    why: 'a subject whose `name` is misspelt: the front matter is pointed at, not the header that names the subject',
    messages: ['front-matter-misspelled-subject-name.md:7:5: error [unknown-key] at subjects[1].nmae: unknown key `nmae` (expected one of `id`, `name`, `aka`)\n  hint: did you mean `name`?'],
  },
  {
    file: 'table-unknown-subject.md',
    why: 'a header cell misspells a subject name: pointed at that cell, the hint names the subject',
    messages: ['table-unknown-subject.md:12:21: error [unknown-subject]: the header in column 3 “Cofee” names no subject\n  hint: did you mean “Coffee”?'],
  },
  {
    file: 'table-missing-column.md',
    why: 'a subject has no column: one problem about the column, in table words, not one per row about YAML `values`',
    messages: ['table-missing-column.md:16:3: error [missing-cell] at attributes[0].values: the table has no column for subject `cocoa` (3 rows lack its cell) (expected a value for every subject: `tea`, `coffee`, `cocoa`)\n  hint: add a column for it, headed with the subject’s name (or its id), and fill in its cells; write "—" for a cell with nothing to say'],
  },
  {
    file: 'table-empty-cell.md',
    why: 'an empty cell gets the schema’s message at the cell',
    messages: ['table-empty-cell.md:14:20: error [invalid-format] at attributes[0].values.coffee: cell text must not be empty\n  hint: write some text here (an optional field can be left out instead)'],
  },
  {
    file: 'table-ragged-rows.md',
    why: 'markdown-it cuts a long row and pads a short one silently; both are reported, at the extra cell and at the end of the short row',
    messages: [
      'table-ragged-rows.md:14:31: error [ragged-row]: this row has 4 cells, but the header row has 3\n  hint: remove the extra cells, or add the missing subject to the header row',
      'table-ragged-rows.md:15:21: error [ragged-row]: this row has 2 cells, but the header row has 3\n  hint: add the missing cells (write “—” where there is nothing to say)',
    ],
  },
  {
    file: 'table-duplicate-subject.md',
    why: 'the fourth column names `tea` by id after “Tea” by name',
    messages: ['table-duplicate-subject.md:12:30: error [duplicate-subject]: the header in column 4 “tea” names a subject that already has a column\n  hint: give each subject one column; merge or remove the repeated one'],
  },
  {
    file: 'list-in-summary.md',
    why: 'a bullet list would print as run-on text: refused, not flattened',
    messages: ['list-in-summary.md:12:1: error [markdown-shape]: a list is not part of a handout\n  hint: a Markdown dataset holds paragraphs, one comparison table and headings; write lists and quotes as plain sentences (inline **bold**, *italic*, `code` and [links](https://…) are kept)'],
  },
  {
    file: 'code-block.md',
    why: 'a fenced code block under a section',
    messages: ['code-block.md:18:1: error [markdown-shape]: a code block is not part of a handout\n  hint: a Markdown dataset holds paragraphs, one comparison table and headings; write lists and quotes as plain sentences (inline **bold**, *italic*, `code` and [links](https://…) are kept)'],
  },
  {
    file: 'text-after-table.md',
    why: 'a paragraph after the table and before any heading belongs to no field',
    messages: ['text-after-table.md:16:1: error [markdown-shape]: text after the comparison table, before any heading, has no place in a handout\n  hint: move this text before the table (it is then part of the summary), or put it under a heading'],
  },
  {
    file: 'section-unknown-subject.md',
    why: '`{subject=tee}` names no subject: the dataset check’s message, at the heading text',
    messages: ['section-unknown-subject.md:16:4: error [unknown-subject] at sections[0].subject: section subject `tee` is not a subject id (expected one of `tea`, `coffee`)\n  hint: did you mean `tea`?'],
  },
  {
    file: 'no-table-unknown-attribute.md',
    why: 'a heading attribute other than `subject`',
    messages: ['no-table-unknown-attribute.md:12:4: error [markdown-shape]: unknown heading attribute `class`\n  hint: a heading takes only `{subject=id}`, which marks the section about that subject (`{subject=}` marks none)'],
  },
  {
    file: 'table-unknown-cell-attribute.md',
    why: 'a table cell takes only `{given}`',
    messages: ['table-unknown-cell-attribute.md:14:12: error [markdown-shape]: unknown table cell attribute `class`\n  hint: a cell takes only `{given}` (on worksheets the cell stays filled in; in the first column, the whole row)'],
  },
  {
    file: 'title-as-heading.md',
    why: 'a `# Title` line as Markdown documents often start would turn every section into its subsection',
    messages: ['title-as-heading.md:10:1: error [markdown-shape]: this heading repeats the title, which the front matter gives\n  hint: remove this heading: the handout prints the title from `title:`, and headings here are sections'],
  },
  {
    file: 'front-matter-only.md',
    why: 'no summary and no table: both reported after the front matter, with Markdown hints',
    messages: [
      'front-matter-only.md:9:1: error [missing-field] at summary: required field `summary` is missing (expected text)\n  hint: write the summary as paragraphs after the front matter, before the first heading',
      'front-matter-only.md:9:1: error [missing-field] at attributes: required field `attributes` is missing (expected a list)\n  hint: add the comparison as a pipe table after the summary: a header row naming the subjects, then one row per attribute',
    ],
  },
  {
    file: 'heading-skips-level.md',
    why: '#### directly under ##',
    messages: ['heading-skips-level.md:18:1: error [heading-level]: this heading skips a level: it is #### under a ## heading\n  hint: write it as ### (one more # than the heading it belongs to)'],
  },
  {
    file: 'conclusion-twice.md',
    why: 'two Conclusion headings',
    messages: ['conclusion-twice.md:22:1: error [duplicate-field] at conclusion: `conclusion` is given twice in the Markdown text; this is the second\n  hint: merge the two, or remove the text under the “Conclusion” heading'],
  },
  {
    file: 'summary-twice.md',
    why: '`summary:` in the front matter and text before the first heading',
    messages: ['summary-twice.md:11:1: error [duplicate-field] at summary: `summary` is given twice: in the front matter and the text before the first heading\n  hint: keep one: remove `summary:` from the front matter, or remove the text before the first heading'],
  },
  {
    file: 'empty-disclaimer.md',
    why: 'a Disclaimer heading with nothing under it: the schema’s empty-text message at the heading',
    messages: ['empty-disclaimer.md:16:4: error [invalid-format] at disclaimer: disclaimer must not be empty\n  hint: write some text here (an optional field can be left out instead)'],
  },
];

const brokenSheets: BrokenCase[] = [
  {
    file: 'ragged.csv',
    why: 'a row with a cell too many and a row with one too few',
    messages: [
      'ragged.csv:2:1: error [ragged-row]: this row has 4 cells, but the header row has 3\n  hint: remove the extra cells, or add the missing subject to the header row',
      'ragged.csv:3:1: error [ragged-row]: this row has 2 cells, but the header row has 3\n  hint: add the missing cells (write “—” where there is nothing to say)',
    ],
  },
  {
    file: 'empty-header.csv',
    why: 'the header cell of the second column is empty',
    messages: ['empty-header.csv:1:1: error [empty-header]: the header cell B1 is empty\n  hint: write the subject’s name (or id) at the top of each column'],
  },
  {
    file: 'duplicate-subjects.csv',
    why: '“Tea” heads two columns',
    messages: ['duplicate-subjects.csv:1:1: error [duplicate-subject]: the header cell D1 “Tea” names a subject that already has a column\n  hint: give each subject one column; merge or remove the repeated one'],
  },
  {
    file: 'unclosed-quote.csv',
    why: 'a quoted cell that never ends',
    messages: ['unclosed-quote.csv:2:1: error [csv-syntax]: a quoted cell is never closed: the file ends inside quotes\n  hint: a cell that starts with " must end with "; write a quote inside a quoted cell as ""'],
  },
  {
    file: 'empty-cell.csv',
    why: 'the last cell of a row is empty: the schema’s message, with the cell’s address',
    messages: ['empty-cell.csv:2:1: error [invalid-format] at attributes[0].values.coffee: cell text must not be empty (cell C2)\n  hint: write some text here (an optional field can be left out instead)'],
  },
  {
    file: 'utf16.csv',
    why: 'a sheet saved as UTF-16',
    messages: ['utf16.csv: error [not-utf8]: the file is not UTF-8 text\n  hint: export it again as “CSV UTF-8” (most spreadsheets offer it)'],
  },
];

describe('broken Markdown datasets', () => {
  it.each(brokenMarkdown)('$file: $why', async ({ file, messages }) => {
    const result = await loadDataset(join(broken, file));
    expect(result.loaded).toBeUndefined();
    expect(shown(result.diagnostics)).toEqual(messages);
  });
});

describe('the dataset check on a Markdown dataset', () => {
  it('pins a character no font can draw to its line and column in the paragraph and in the table cell', async () => {
    const { results } = await validateFiles([join(broken, 'missing-glyph.md')]);
    expect(shown(results.flatMap((result) => result.diagnostics)).map((line) => line.split('\n')[0])).toEqual([
      'missing-glyph.md:11:14: error [missing-glyph] at summary: no font of theme `default` can draw “𓀀” (U+13000)',
      'missing-glyph.md:15:24: error [missing-glyph] at attributes[0].values.coffee: no font of theme `default` can draw “𓀀” (U+13000)',
    ]);
  });
});

describe('broken spreadsheet tables', () => {
  it.each(brokenSheets)('$file: $why', async ({ file, messages }) => {
    const result = await importTable(join(broken, file), { title: 'Tea vs. Coffee' });
    expect(result.dataset).toBeUndefined();
    expect(shown(result.diagnostics)).toEqual(messages);
  });

  it('a dataset naming a broken table file reports at the table file’s cell', async () => {
    const dir = tmpDir('table-file-broken');
    copyFileSync(join(broken, 'empty-cell.csv'), join(dir, 'table.csv'));
    writeFileSync(join(dir, 'tea.yaml'), 'title: Tea vs. Coffee\nsummary: Hot drinks.\ntable: table.csv\n');
    const result = await loadDataset(join(dir, 'tea.yaml'));
    expect(result.diagnostics.map((d) => [d.file, d.position?.line, d.message])).toEqual([[join(dir, 'table.csv'), 2, 'cell text must not be empty (cell C2)']]);
  });

  it('a table file outside the dataset’s folder is refused', () => {
    const result = loadDatasetText('title: T\nsummary: S\ntable: ../secret.csv\n', join(tmpDir('table-outside'), 'x.yaml'));
    expect(shown(result.diagnostics).map((line) => line.replace(/^.*?: error/, 'error'))).toEqual([
      'error [table-outside] at table: the table file must be next to the dataset (in its folder or below)\n  hint: copy the table file next to the dataset and name it without folders above, e.g. `table: comparison.csv`',
    ]);
  });

  it('a file that is not a spreadsheet is refused with what to do instead', async () => {
    const result = await importTable('sheet.numbers', { title: 'T' });
    expect(shown(result.diagnostics)).toEqual([
      'sheet.numbers: error [unsupported-file]: a table to import must be a .csv, .tsv, .xlsx or .ods file\n  hint: export the sheet as CSV (most spreadsheets: File → Download → CSV) and import that file',
    ]);
  });
});

describe('spreadsheet tables', () => {
  const sheets = join(fixtures, 'spreadsheet');

  it('a CSV exported from a spreadsheet (BOM, CRLF, quoted cells with commas, quotes and line breaks) imports and builds', async () => {
    const dir = tmpDir('import-csv');
    const imported = await importTable(join(sheets, 'tea-vs-coffee.csv'), { title: 'Tea vs. Coffee' });
    expect(imported.diagnostics).toEqual([]);
    const attributes = imported.dataset!.attributes as { name: string; values: Record<string, string> }[];
    expect(attributes.map((a) => a.name)).toEqual(['Origin', 'Caffeine', 'How it is made']);
    expect(attributes[1]!.values).toEqual({ tea: 'About 47 mg per cup.\n\nGreen tea has less, black tea more.', coffee: 'About 95 mg per cup,\nespresso about 63 mg per shot.' });
    expect(attributes[2]!.values.tea).toBe('Leaves are picked, withered and dried; "black" tea is also oxidised.');
    for (const format of ['md', 'yaml'] as const) {
      const file = join(dir, `tea.${format}`);
      expect(await writeNewFile(file, formatDataset(imported.dataset!, format), false)).toEqual([]);
      const loaded = await loadDataset(file);
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.loaded!.dataset.attributes).toEqual(attributes);
    }
    const report = await build({ inputs: [join(dir, 'tea.md')], outDir: join(dir, 'out'), formats: ['html'], workers: 1 });
    expect(report.ok).toBe(true);
    const html = readFileSync(join(dir, 'out', 'tea.html'), 'utf8');
    expect(html).toContain('Green tea has less, black tea more.');
    expect(html).toContain('espresso about 63 mg per shot.');
  });

  it('a dataset names its table as a CSV file next to it', async () => {
    const loaded = await loadDataset(join(sheets, 'tea-vs-coffee.md'));
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.loaded!.dataset.attributes[0]).toEqual({ name: 'Origin', values: { tea: 'China; grown since at least the 3rd century BC', coffee: 'Ethiopia, then Yemen' } });
    // A change to the table file is a change to the dataset (incremental builds and watch see it).
    expect(loaded.loaded!.text).toContain('Beans are roasted and ground');
  });

  it('semicolon-separated exports are recognised', async () => {
    const imported = await importTable(join(sheets, 'semicolon.csv'), { title: 'Thé ou café', language: 'fr' });
    expect(imported.diagnostics).toEqual([]);
    expect(imported.dataset!.subjects).toEqual([{ id: 'the', name: 'Thé' }, { id: 'cafe', name: 'Café' }]);
    expect((imported.dataset!.attributes as { values: Record<string, string> }[])[1]!.values.the).toBe('47 mg; moins pour le thé vert');
    // The placeholder summary names the subjects in the handout's language, not the title again.
    expect(imported.dataset!.summary).toBe('Comparaison : Thé et Café.\n');
  });

  it('an .xlsx workbook imports (first sheet; empty cells reported by address)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const dir = tmpDir('import-xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Comparison');
    sheet.addRow(['', 'Tea', 'Coffee']);
    sheet.addRow(['Origin', 'China', 'Ethiopia']);
    sheet.addRow(['Caffeine', 47, 'About 95 mg']);
    sheet.addRow(['Price', 'Low']);
    await workbook.xlsx.writeFile(join(dir, 'tea.xlsx'));
    const result = await importTable(join(dir, 'tea.xlsx'), { title: 'Tea vs. Coffee' });
    expect(shown(result.diagnostics).map((line) => line.replace(/^.*?:(\d+:\d+)/, '$1'))).toEqual([
      '4:3: error [invalid-format] at attributes[2].values.coffee: cell text must not be empty (cell C4)\n  hint: write some text here (an optional field can be left out instead)',
    ]);
    sheet.getCell('C4').value = 'Higher';
    await workbook.xlsx.writeFile(join(dir, 'tea.xlsx'));
    const fixed = await importTable(join(dir, 'tea.xlsx'), { title: 'Tea vs. Coffee' });
    expect(fixed.diagnostics).toEqual([]);
    expect((fixed.dataset!.attributes as { values: Record<string, string> }[])[1]!.values).toEqual({ tea: '47', coffee: 'About 95 mg' });
  });

  it('an existing file is never replaced without --force', async () => {
    const dir = tmpDir('no-clobber');
    const file = join(dir, 'tea.md');
    writeFileSync(file, 'my own work\n');
    const problems = await writeNewFile(file, 'new\n', false);
    expect(problems.map((p) => p.code)).toEqual(['file-exists']);
    expect(readFileSync(file, 'utf8')).toBe('my own work\n');
    expect(await writeNewFile(file, 'new\n', true)).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
  });
});

describe('the starter dataset of `handout init`', () => {
  it('is the same dataset in Markdown and in YAML (text fields up to the final line break)', async () => {
    const yaml = await loadDataset(fromRoot('starter', 'example.yaml'));
    const markdown = await loadDataset(fromRoot('starter', 'example.md'));
    expect(markdown.diagnostics).toEqual([]);
    const trimmed = (value: unknown): unknown =>
      typeof value === 'string' ? value.replace(/\n$/, '') : Array.isArray(value) ? value.map(trimmed) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, trimmed(v)])) : value;
    expect(trimmed(markdown.loaded!.dataset)).toEqual(trimmed(yaml.loaded!.dataset));
    // `{given}` on the first cell keeps the row filled in on worksheets, as `given: true` does.
    expect(markdown.loaded!.dataset.attributes[0]!.given).toBe(true);
  });
});

describe('finding Markdown datasets in folders', () => {
  it('takes .md files with front matter and leaves a README alone', async () => {
    const dir = tmpDir('find-md');
    mkdirSync(join(dir, 'data'));
    copyFileSync(join(fixtures, 'cytokine-storm-vs-sepsis.md'), join(dir, 'data', 'seed.md'));
    writeFileSync(join(dir, 'data', 'README.md'), '# Notes\n\nNot a dataset.\n');
    const found = await findDatasets([join(dir, 'data')]);
    expect(found.files).toEqual([join(dir, 'data', 'seed.md')]);
  });
});

/** Text that Markdown would read as something else, or that needs care to be kept exactly. */
const awkward = fc.constantFrom(
  '# not a heading',
  '- not a list',
  '1. not a list',
  '> not a quote',
  'a | pipe',
  'ends with {a=b}',
  '    indented code?',
  '---',
  'Conclusion',
  '**bold** and *italic* and `code`',
  'back\\slash \\| and \\*',
  '  leading spaces',
  'trailing spaces  ',
  'line one\nline two',
  'para one\n\n\npara two',
  '<b>html</b>',
  'ends with a line break\n',
);

/** Generated datasets with awkward text mixed into every kind of field. */
const awkwardDataset = fc
  .tuple(generatedDataset({ rows: fc.integer({ min: 1, max: 4 }) }), fc.array(awkward, { minLength: 8, maxLength: 8 }), fc.boolean())
  .map(([data, texts, trailing]) => {
    const copy = structuredClone(data) as Record<string, unknown> & { attributes: { values: Record<string, string> }[]; sections?: { heading: string; body?: string }[] };
    const nl = trailing ? '\n' : '';
    copy.summary = `${String(copy.summary)} ${texts[0]}${nl}`;
    const firstId = Object.keys(copy.attributes[0]!.values)[0]!;
    copy.attributes[0]!.values[firstId] = `${copy.attributes[0]!.values[firstId]} ${texts[1]}`;
    if (copy.sections && copy.sections[0]) {
      copy.sections[0].heading = texts[2]!.split('\n')[0]!.trim() || 'Heading';
      copy.sections[0].body = `${texts[3]} ${texts[4]}${nl}`;
    }
    copy.conclusion = `${texts[5]}${nl}`;
    if (texts[6]!.includes('a')) copy.disclaimer = `${texts[6]}${nl}`;
    return copy;
  });

/** Prose ending in a line break, as YAML `|` blocks and Markdown text give it: the shape convert writes as Markdown text. */
function withFinalLineBreaks(data: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(data);
  const prose = (value: unknown) => (typeof value === 'string' && !value.endsWith('\n') ? `${value}\n` : value);
  for (const field of ['summary', 'conclusion', 'disclaimer']) if (copy[field] !== undefined) copy[field] = prose(copy[field]);
  const sections = (list: unknown) => {
    for (const section of (Array.isArray(list) ? list : []) as { body?: string; sections?: unknown }[]) {
      if (section.body !== undefined) section.body = prose(section.body) as string;
      sections(section.sections);
    }
  };
  sections(copy.sections);
  return copy;
}

describe('convert', () => {
  it('random datasets → md → yaml → json give the same dataset, every string kept', () => {
    const numRuns = Number(process.env.FC_RUNS) || 60;
    fc.assert(
      fc.property(fc.oneof(generatedDataset({ rows: fc.integer({ min: 1, max: 4 }) }), generatedDataset({ rows: fc.integer({ min: 1, max: 4 }) }).map((data) => withFinalLineBreaks(data as Record<string, unknown>)), awkwardDataset), (input) => {
        const original = loadDatasetText(JSON.stringify(input), 'generated.json');
        if (!original.loaded) return; // awkward text can make a generated dataset invalid (e.g. a heading of spaces)
        const dataset = original.loaded.dataset as Record<string, unknown>;
        let current = dataset;
        for (const format of ['md', 'yaml', 'json'] as const) {
          const text = formatDataset(current, format);
          const back = loadDatasetText(text, `converted.${format}`);
          if (!back.loaded) throw new Error(`${format} did not read back:\n${shown(back.diagnostics).join('\n')}\n${text}`);
          if (!isDeepStrictEqual(back.loaded.dataset, dataset)) throw new Error(`${format} changed the dataset:\n${text}`);
          current = back.loaded.dataset as Record<string, unknown>;
        }
      }),
      { numRuns, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  });

  it('generated datasets whose prose ends in a line break are written as Markdown text, not front matter', () => {
    const samples = fc.sample(generatedDataset({ rows: fc.integer({ min: 1, max: 4 }) }).map((data) => withFinalLineBreaks(data as Record<string, unknown>)), { numRuns: 20, seed: 2026 });
    for (const sample of samples) {
      const dataset = loadDatasetText(JSON.stringify(sample), 'generated.json').loaded!.dataset;
      const front = formatDataset(dataset as Record<string, unknown>, 'md').split(/^---$/m)[1]!;
      // Not asserted for the table and sections: a cell with a paragraph break cannot be a pipe table, and a
      // heading with `"` or `=` in it keeps markdown-it-attrs from reading `{subject=id}` after it; those go
      // to the front matter, as the round trip above checks.
      expect(front).not.toMatch(/^(summary|conclusion|disclaimer):/m);
    }
  });

  it('writes a YAML dataset as Markdown text where it can (summary, table, sections, conclusion)', async () => {
    const yaml = await loadDataset(join(fixtures, 'cytokine-storm-vs-sepsis.yaml'));
    const markdown = formatDataset(yaml.loaded!.dataset as Record<string, unknown>, 'md');
    const [front, body] = markdown.split(/^---$/m).slice(1);
    expect(front).not.toMatch(/^(summary|attributes|sections|conclusion):/m);
    expect(front).toMatch(/^disclaimer:/m); // no final line break: only YAML keeps it exactly
    expect(body).toContain('| Attribute | Cytokine Storm | Sepsis |');
    expect(body).toContain('\n### Underlying Cause\n');
    expect(body).toContain('\n## Conclusion\n');
  });
});
