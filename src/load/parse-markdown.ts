import MarkdownIt from 'markdown-it';
import markdownItAttrs from 'markdown-it-attrs';
import markdownItFrontMatter from 'markdown-it-front-matter';
import type { Diagnostic, DiagnosticCode, SourcePosition } from '../shared/diagnostic.js';
import { fieldOfHeading, headingsFor, type FieldHeading } from './markdown-headings.js';
import type { ParsedSource } from './parse-source.js';
import { parseYaml } from './parse-yaml.js';
import { sheetToAttributes, type Sheet, type SheetCell, type SheetSubject } from './sheet-to-attributes.js';
import { shorten } from './wording.js';

/**
 * A Markdown dataset → the same plain data a YAML or JSON dataset gives, plus source positions, so
 * the one dataset check reports every problem at the line and column of the `.md` file.
 *
 * The shape (README "Markdown datasets"): YAML front matter for the short fields; the text before
 * the first heading is the summary and a pipe table there is the comparison; headings named
 * Summary, Comparison, Conclusion or Disclaimer (in English or the handout's language) hold those
 * fields; every other heading is a section, deeper headings its subsections. The text of a field is
 * the source lines of its paragraphs, exactly as written, ending in a line break like a YAML `|`
 * block. Anything else (lists, quotes, code, HTML, rules, a second table) is reported, not dropped.
 */

const markdown = new MarkdownIt('commonmark').enable('table');
// The front matter is recognised by the plugin and read from its lines with the YAML reader.
markdown.use(markdownItFrontMatter, () => undefined);
markdown.use(markdownItAttrs);
type Token = ReturnType<typeof markdown.parse>[number];

/** Fields the Markdown body can hold; each may instead be given in the front matter, but not twice. */
export const bodyFields = ['summary', 'attributes', 'sections', 'conclusion', 'disclaimer'] as const;

type Path = (string | number)[];

interface Heading {
  kind: 'heading';
  level: number;
  text: string;
  attrs: [string, string][];
  line: number;
  /** Column of the heading text, after the `#`s. */
  column: number;
}
interface Prose {
  kind: 'paragraph';
  start: number;
  end: number;
  column: number;
}
interface Table {
  kind: 'table';
  tokens: Token[];
  start: number;
  end: number;
}
interface Other {
  kind: 'other';
  what: string;
  line: number;
  column: number;
}
type Block = Heading | Prose | Table | Other;

export function parseMarkdown(input: string, file: string): { source?: ParsedSource; diagnostics: Diagnostic[] } {
  const text = input.replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const diagnostics: Diagnostic[] = [];
  const error = (position: SourcePosition | undefined, code: DiagnosticCode, message: string, hint: string, path?: string) =>
    diagnostics.push({ severity: 'error', code, message, file, ...(position ? { position } : {}), ...(path ? { path } : {}), hint });

  const tokens = markdown.parse(text, {});
  // The plugin also takes a front matter that is never closed, up to the end of the file.
  const front = tokens[0]?.type === 'front_matter' && /^---[ \t]*$/.test(lines[tokens[0].map![1] - 1] ?? '') && tokens[0].map![1] > 1 ? tokens[0] : undefined;
  if (!front) {
    error({ line: 1, column: 1 }, 'missing-front-matter', /^---[ \t]*$/.test(lines[0] ?? '') ? 'the front matter opened on line 1 is never closed' : 'a Markdown dataset starts with front matter between two `---` lines', /^---[ \t]*$/.test(lines[0] ?? '') ? 'end the front matter with a line of three hyphens, `---`, after its last field' : 'start the file with `---`, then `title: …` and `subjects:`, then `---` (README "Markdown datasets" shows a whole file)');
    return { diagnostics };
  }
  // Front matter lines 2 … closing line − 1, read by the YAML reader; positions moved down one line.
  const frontEnd = front.map![1];
  const frontText = `${lines.slice(1, frontEnd - 1).join('\n')}\n`;
  const shift = (position: SourcePosition | undefined) => (position ? { line: position.line + 1, column: position.column } : undefined);
  let frontData: Record<string, unknown> = {};
  let frontLocate: ParsedSource['locate'] = () => undefined;
  if (frontText.trim() !== '') {
    const parsed = parseYaml(frontText, file);
    if (!parsed.source) return { diagnostics: parsed.diagnostics.map((d) => (d.position ? { ...d, position: shift(d.position)! } : d)) };
    const data = parsed.source.data;
    if (data !== null && data !== undefined) {
      if (typeof data !== 'object' || Array.isArray(data)) {
        error({ line: 2, column: 1 }, 'not-an-object', 'the front matter must be `key: value` lines such as `title: …`', 'write one field per line between the two `---` lines: `title:`, `subjects:`, `meta:` …');
        return { diagnostics };
      }
      frontData = data as Record<string, unknown>;
    }
    const locateFront = parsed.source.locate;
    frontLocate = (path, options) => shift(locateFront(path, options));
  }

  const meta = frontData.meta as { language?: unknown } | undefined;
  const language = typeof meta?.language === 'string' ? meta.language : 'en';
  const frontSubjects = subjectsOf(frontData.subjects);

  const blocks = toBlocks(tokens.slice(1), lines);
  const data: Record<string, unknown> = {};
  const positions = new Map<string, SourcePosition>();
  const place = (path: Path, position: SourcePosition | undefined) => {
    if (position) positions.set(JSON.stringify(path), position);
  };
  // Where the text of a field ends (for pinning a character inside it): after its last paragraph.
  const ends = new Map<string, SourcePosition>();
  const placeEnd = (path: Path, run: Prose[]) => ends.set(JSON.stringify(path), { line: run.at(-1)!.end + 1, column: 1 });
  const proseOf = (run: Prose[]) => `${lines.slice(run[0]!.start, run.at(-1)!.end).join('\n')}\n`;
  const firstPosition = (run: Prose[]) => ({ line: run[0]!.start + 1, column: run[0]!.column });

  const setField = (field: (typeof bodyFields)[number], value: unknown, position: SourcePosition | undefined, where: string) => {
    if (Object.prototype.hasOwnProperty.call(frontData, field)) {
      error(position, 'duplicate-field', `\`${field}\` is given twice: in the front matter and ${where}`, `keep one: remove \`${field}:\` from the front matter, or remove ${where}`, field);
      return;
    }
    if (Object.prototype.hasOwnProperty.call(data, field)) {
      error(position, 'duplicate-field', `\`${field}\` is given twice in the Markdown text; this is the second`, `merge the two, or remove ${where}`, field);
      return;
    }
    data[field] = value;
    place([field], position);
  };

  const setTable = (table: Table) => {
    const { sheet, problems } = tableSheet(table, lines);
    for (const problem of problems) error(problem.position, problem.code, problem.message, problem.hint);
    const result = sheetToAttributes(sheet, frontSubjects, file);
    diagnostics.push(...result.diagnostics);
    if (Object.prototype.hasOwnProperty.call(frontData, 'table')) {
      error({ line: table.start + 1, column: 1 }, 'duplicate-field', 'the comparison is given twice: as `table:` in the front matter and as this table', 'keep one: remove `table:` from the front matter, or remove this table');
      return;
    }
    setField('attributes', result.attributes, { line: table.start + 1, column: 1 }, 'this table');
    if (data.attributes === result.attributes) {
      for (const [path, position] of result.positions) place(['attributes', ...path], position);
      if (result.subjects && !Object.prototype.hasOwnProperty.call(frontData, 'subjects')) {
        data.subjects = result.subjects;
        result.subjects.forEach((_, index) => place(['subjects', index], { line: table.start + 1, column: 1 }));
        place(['subjects'], { line: table.start + 1, column: 1 });
      }
    }
  };

  const misplaced = (block: Prose | Table | Other, where: string, hint: string) => {
    const position = block.kind === 'other' ? { line: block.line, column: block.column } : { line: block.start + 1, column: block.kind === 'paragraph' ? block.column : 1 };
    const what = block.kind === 'other' ? block.what : block.kind === 'table' ? 'a table' : 'text';
    error(position, 'markdown-shape', `${what} ${where}`, hint);
  };
  const otherHint = 'a Markdown dataset holds paragraphs, one comparison table and headings; write lists and quotes as plain sentences (inline **bold**, *italic*, `code` and [links](https://…) are kept)';

  // The text before the first heading: the summary, then the comparison table.
  let index = 0;
  const preamble: Prose[] = [];
  let preambleTable: Table | undefined;
  for (; index < blocks.length && blocks[index]!.kind !== 'heading'; index++) {
    const block = blocks[index]!;
    if (block.kind === 'paragraph') {
      if (preambleTable) misplaced(block, 'after the comparison table, before any heading, has no place in a handout', 'move this text before the table (it is then part of the summary), or put it under a heading');
      else preamble.push(block);
    } else if (block.kind === 'table') {
      if (preambleTable) misplaced(block, 'after the comparison table: a handout has one comparison table', 'merge the two tables into one (one column per subject, one row per attribute)');
      else preambleTable = block;
    } else if (block.kind === 'other') misplaced(block, 'is not part of a handout', otherHint);
  }
  if (preamble.length > 0) {
    setField('summary', proseOf(preamble), firstPosition(preamble), 'the text before the first heading');
    placeEnd(['summary'], preamble);
  }
  if (preambleTable) setTable(preambleTable);

  const headings = blocks.filter((block): block is Heading => block.kind === 'heading');
  const topLevel = Math.min(...headings.map((heading) => heading.level));
  const sections: unknown[] = [];

  // Reads one heading and everything under it; returns the index after it.
  const readSection = (start: number, level: number, path: Path, into: unknown[]): number => {
    const heading = blocks[start] as Heading;
    const position = { line: heading.line, column: heading.column };
    const unknownAttrs = heading.attrs.filter(([key]) => key !== 'subject');
    for (const [key] of unknownAttrs) error(position, 'markdown-shape', `unknown heading attribute \`${shorten(key)}\``, 'a heading takes only `{subject=id}`, which marks the section about that subject (`{subject=}` marks none)');
    const section: Record<string, unknown> = { heading: heading.text };
    place([...path, 'heading'], position);
    place(path, position);
    const subjectAttr = heading.attrs.find(([key]) => key === 'subject');
    if (subjectAttr) {
      if (subjectAttr[1] !== '') section.subject = subjectAttr[1];
    } else {
      const named = frontSubjects?.find((subject) => subject.name.trim().toLowerCase() === heading.text.trim().toLowerCase());
      if (named) section.subject = named.id;
    }
    place([...path, 'subject'], position);
    let next = start + 1;
    const body: Prose[] = [];
    const children: unknown[] = [];
    while (next < blocks.length) {
      const block = blocks[next]!;
      if (block.kind === 'heading') {
        if (block.level <= level) break;
        if (block.level > level + 1) {
          error({ line: block.line, column: 1 }, 'heading-level', `this heading skips a level: it is ${'#'.repeat(block.level)} under a ${'#'.repeat(level)} heading`, `write it as ${'#'.repeat(level + 1)} (one more # than the heading it belongs to)`);
        }
        next = readSection(next, block.level, [...path, 'sections', children.length], children);
        continue;
      }
      if (block.kind === 'paragraph') {
        body.push(block); // text after a subheading belongs to that subheading, so this is always before them
      } else if (block.kind === 'table') {
        misplaced(block, `under the section “${shorten(heading.text)}”: the comparison table goes before the first heading or under a “${headingsFor('comparison', language)[0]}” heading`, 'move the table, or write its content as paragraphs');
      } else misplaced(block, 'is not part of a handout', otherHint);
      next++;
    }
    if (body.length > 0) {
      section.body = proseOf(body);
      place([...path, 'body'], firstPosition(body));
      placeEnd([...path, 'body'], body);
    }
    if (children.length > 0) section.sections = children;
    into.push(section);
    return next;
  };

  // Reads a field heading (Summary, Comparison, Conclusion, Disclaimer) and its content.
  const readField = (start: number, field: FieldHeading): number => {
    const heading = blocks[start] as Heading;
    const position = { line: heading.line, column: heading.column };
    const where = `the “${shorten(heading.text)}” heading`;
    let next = start + 1;
    const prose: Prose[] = [];
    let table: Table | undefined;
    for (; next < blocks.length && (blocks[next]!.kind !== 'heading' || (blocks[next] as Heading).level > topLevel); next++) {
      const block = blocks[next]!;
      if (block.kind === 'heading') {
        error({ line: block.line, column: 1 }, 'markdown-shape', `a subheading under “${shorten(heading.text)}”, which holds only ${field === 'comparison' ? 'the comparison table' : 'text'}`, `make it a ${'#'.repeat(topLevel)} heading of its own (a section), or remove it`);
      } else if (field === 'comparison' ? block.kind === 'table' && !table : block.kind === 'paragraph') {
        if (block.kind === 'table') table = block;
        else prose.push(block as Prose);
      } else if (block.kind === 'other') misplaced(block, 'is not part of a handout', otherHint);
      else if (block.kind === 'paragraph' || block.kind === 'table') misplaced(block, `under ${where}, which holds only ${field === 'comparison' ? 'the comparison table' : 'text'}`, field === 'comparison' ? 'move this text under a heading of its own, or into the summary' : 'the comparison table goes before the first heading or under a “Comparison” heading');
    }
    if (heading.attrs.length > 0) error(position, 'markdown-shape', `${where} takes no \`{…}\` attributes`, 'remove the attributes; only a section’s heading takes `{subject=id}`');
    if (field === 'comparison') {
      if (table) setTable(table);
      else error(position, 'markdown-shape', `${where} has no table under it`, 'write the comparison as a pipe table: a header row naming the subjects, then one row per attribute');
    } else {
      const value = prose.length > 0 ? proseOf(prose) : '';
      setField(field, value, prose.length > 0 ? firstPosition(prose) : position, `the text under ${where}`);
      if (prose.length > 0) placeEnd([field], prose);
    }
    return next;
  };

  // A `# Title` line, as Markdown documents often start, would make every heading after it a subsection.
  const title = typeof frontData.title === 'string' ? frontData.title.trim().toLowerCase() : undefined;
  const titleHeading = headings.find((heading) => heading.attrs.length === 0 && heading.text.trim().toLowerCase() === title);
  if (titleHeading) {
    error({ line: titleHeading.line, column: 1 }, 'markdown-shape', 'this heading repeats the title, which the front matter gives', 'remove this heading: the handout prints the title from `title:`, and headings here are sections');
    return { diagnostics };
  }
  while (index < blocks.length) {
    const heading = blocks[index] as Heading;
    const field = heading.attrs.length === 0 || heading.attrs.every(([key]) => key !== 'subject') ? fieldOfHeading(heading.text, language) : undefined;
    if (heading.level > topLevel && index === blocks.findIndex((block) => block.kind === 'heading')) {
      // The first heading sets the top level only if no shallower one follows; a deeper one first is a skipped level.
      error({ line: heading.line, column: 1 }, 'heading-level', `the first heading is ${'#'.repeat(heading.level)}, deeper than later top-level headings (${'#'.repeat(topLevel)})`, `write it as ${'#'.repeat(topLevel)}`);
    }
    if (field) index = readField(index, field);
    else index = readSection(index, heading.level, ['sections', sections.length], sections);
  }
  if (sections.length > 0) setField('sections', sections, positions.get(JSON.stringify(['sections', 0])), 'the section headings');

  // Front matter first, then the Markdown fields, in the schema's order for a tidy `convert`.
  const merged: Record<string, unknown> = { ...frontData };
  for (const [key, value] of Object.entries(data)) if (!Object.prototype.hasOwnProperty.call(merged, key)) merged[key] = value;

  const locate: ParsedSource['locate'] = (path, options) => {
    if (path.length > 0 && Object.prototype.hasOwnProperty.call(data, path[0]!) && !Object.prototype.hasOwnProperty.call(frontData, path[0]!)) {
      if (options?.end) {
        // A paragraph field ends after its last paragraph; a cell or heading at the end of its line.
        const start = positions.get(JSON.stringify(path));
        return ends.get(JSON.stringify(path)) ?? (start ? { line: start.line + 1, column: 1 } : undefined);
      }
      for (let length = path.length; length > 0; length--) {
        const position = positions.get(JSON.stringify(path.slice(0, length)));
        if (position) return position;
      }
    }
    // A body field given nowhere: its place is after the front matter.
    if (path.length === 1 && (bodyFields as readonly (string | number)[]).includes(path[0]!) && !Object.prototype.hasOwnProperty.call(frontData, path[0]!)) return { line: Math.min(frontEnd + 1, lines.length), column: 1 };
    if (frontText.trim() === '') return { line: 1, column: 1 };
    return frontLocate(path, options);
  };
  if (diagnostics.length > 0) return { diagnostics };
  return { source: { data: merged, locate }, diagnostics: [] };
}

/**
 * The front matter's subjects, for naming the table's columns. A subject whose `name` is missing or
 * misspelt (`nmae:`) keeps its id with an empty name, so that its column is still found (by the id its
 * header's text would make) and the dataset's checks report the name where it is wrong, in the front
 * matter, rather than the table's header as naming no subject.
 */
function subjectsOf(value: unknown): SheetSubject[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((subject): subject is { id: string; name?: unknown } => Boolean(subject) && typeof subject.id === 'string')
    .map(({ id, name }) => ({ id, name: typeof name === 'string' ? name : '' }));
}

/** Top-level block tokens → blocks with their source lines. */
function toBlocks(tokens: Token[], lines: string[]): Block[] {
  const blocks: Block[] = [];
  const indent = (line: number) => (/^ */.exec(lines[line] ?? '')![0].length ?? 0) + 1;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.level !== 0 || token.nesting === -1) continue;
    const start = token.map?.[0] ?? 0;
    // Skips to the closing token of a container.
    let close = index;
    if (token.nesting === 1) {
      const closeType = token.type.replace(/_open$/, '_close');
      while (close < tokens.length && !(tokens[close]!.type === closeType && tokens[close]!.level === 0)) close++;
    }
    const inner = tokens.slice(index, close + 1);
    const attributed = inner.find((t) => t.attrs && t.attrs.length > 0 && !['heading_open', 'td_open', 'th_open'].includes(t.type));
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[index + 1]!;
        const attrs = (token.attrs ?? []).map(([key, value]) => [key, String(value)] as [string, string]);
        const raw = lines[start]!;
        const setext = !/^ {0,3}#/.test(raw);
        const content = attrs.length > 0 ? inline.content.replace(/\s*\{[^{}]*\}\s*$/, '') : inline.content;
        const column = setext ? indent(start) : /^ {0,3}#+[ \t]*/.exec(raw)![0].length + 1;
        blocks.push({ kind: 'heading', level: Number(token.tag.slice(1)), text: content, attrs, line: start + 1, column });
        break;
      }
      case 'paragraph_open':
        blocks.push({ kind: 'paragraph', start, end: token.map![1], column: indent(start) });
        break;
      case 'table_open':
        blocks.push({ kind: 'table', tokens: inner, start, end: token.map![1] });
        break;
      default:
        blocks.push({ kind: 'other', what: describeBlock(token.type), line: start + 1, column: indent(start) });
    }
    if (attributed && token.type !== 'heading_open') {
      const line = (attributed.map?.[0] ?? start) + 1;
      blocks.push({ kind: 'other', what: '`{…}` attributes here', line, column: indent(line - 1) });
    }
    index = close;
  }
  return blocks;
}

function describeBlock(type: string): string {
  if (/list/.test(type)) return 'a list';
  if (/blockquote/.test(type)) return 'a block quote';
  if (type === 'fence' || type === 'code_block') return 'a code block';
  if (type === 'html_block') return 'an HTML block';
  if (type === 'hr') return 'a horizontal rule (`---`, `***`)';
  return `a ${type.replace(/_open$/, '').replace(/_/g, ' ')}`;
}

/**
 * A pipe table's cells with the column each starts at. markdown-it has already split the row
 * (escaped `\|` kept in the cell); the source line is scanned only to place each cell and to count
 * the cells a row really has, because markdown-it pads short rows and cuts long ones silently.
 */
function tableSheet(table: Table, lines: string[]): { sheet: Sheet; problems: { position: SourcePosition; code: DiagnosticCode; message: string; hint: string }[] } {
  const rows: SheetCell[][] = [];
  const widths: number[] = [];
  let row: SheetCell[] | undefined;
  let rowLine = 0;
  let starts: number[] = [];
  let cellAttrs: string[] = [];
  const problems: { position: SourcePosition; code: DiagnosticCode; message: string; hint: string }[] = [];
  for (const token of table.tokens) {
    if (token.type === 'tr_open') {
      rowLine = token.map![0];
      starts = cellStarts(lines[rowLine]!);
      widths.push(starts.length);
      row = [];
      rows.push(row);
    } else if ((token.type === 'td_open' || token.type === 'th_open') && token.attrs) {
      cellAttrs = token.attrs.map(([key]) => String(key));
    } else if (token.type === 'inline' && row) {
      // A cell markdown-it added to a short row is placed at the end of the line, where it is missing.
      const column = starts[row.length] ?? lines[rowLine]!.replace(/\s+$/, '').length + 1;
      const position = { line: rowLine + 1, column };
      const where = `in column ${row.length + 1}`;
      const given = cellAttrs.includes('given');
      const header = rows.length === 1;
      for (const key of cellAttrs) {
        if (key !== 'given' || header) problems.push({ position, code: 'markdown-shape', message: header ? 'a header cell takes no `{…}` attributes' : `unknown table cell attribute \`${shorten(key)}\``, hint: 'a cell takes only `{given}` (on worksheets the cell stays filled in; in the first column, the whole row)' });
      }
      row.push({ text: cellAttrs.length > 0 ? token.content.replace(/\s*\{[^{}]*\}\s*$/, '') : token.content, position, where, ...(given && !header ? { given: true } : {}) });
      cellAttrs = [];
    } else if (token.type === 'tr_close' && row) {
      // Cells markdown-it cut from a long row, so the problem is reported at the first of them.
      for (let cell = row.length; cell < starts.length; cell++) row.push({ text: '', position: { line: rowLine + 1, column: starts[cell]! }, where: `in column ${cell + 1}` });
    }
  }
  return { sheet: { rows, widths }, problems };
}

/** 1-based columns where each cell's text starts in a pipe-table row (leading and trailing pipes optional). */
function cellStarts(line: string): number[] {
  const starts: number[] = [];
  let position = /^\s*\|?/.exec(line)![0].length;
  const trimmedEnd = line.replace(/\s+$/, '');
  const end = trimmedEnd.endsWith('|') && !trimmedEnd.endsWith('\\|') ? trimmedEnd.length - 1 : trimmedEnd.length;
  let cellStart = position;
  for (; position <= end; position++) {
    const char = line[position];
    if (char === '\\') {
      position++;
      continue;
    }
    if (position === end || char === '|') {
      const text = line.slice(cellStart, position);
      starts.push(cellStart + (text.length - text.trimStart().length) + 1);
      cellStart = position + 1;
    }
  }
  return starts;
}

/** Hints of the dataset check that speak of YAML keys, said the Markdown way for fields written as Markdown. */
export function withMarkdownHints(diagnostics: Diagnostic[]): Diagnostic[] {
  const hints: Record<string, string> = {
    summary: 'write the summary as paragraphs after the front matter, before the first heading',
    attributes: 'add the comparison as a pipe table after the summary: a header row naming the subjects, then one row per attribute',
  };
  const hinted = diagnostics.map((diagnostic) => (diagnostic.code === 'missing-field' && diagnostic.path && hints[diagnostic.path] ? { ...diagnostic, hint: hints[diagnostic.path] } : diagnostic));
  return withMissingColumns(hinted);
}

/**
 * In a pipe table a subject without a column is missing from every row: one problem about the column,
 * in table words, instead of one per row with advice about YAML's `values`.
 */
function withMissingColumns(diagnostics: Diagnostic[]): Diagnostic[] {
  const subjectOf = (diagnostic: Diagnostic) => (diagnostic.code === 'missing-cell' ? /has no value for subject `([^`]+)`/.exec(diagnostic.message)?.[1] : undefined);
  const rowsMissing = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    const subject = subjectOf(diagnostic);
    if (subject !== undefined) rowsMissing.set(subject, (rowsMissing.get(subject) ?? 0) + 1);
  }
  const reported = new Set<string>();
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const subject = subjectOf(diagnostic);
    if (subject === undefined || (rowsMissing.get(subject) ?? 0) < 2) {
      out.push(diagnostic);
      continue;
    }
    if (reported.has(subject)) continue;
    reported.add(subject);
    out.push({
      ...diagnostic,
      message: `the table has no column for subject \`${subject}\` (${rowsMissing.get(subject)} rows lack its cell)`,
      hint: 'add a column for it, headed with the subject’s name (or its id), and fill in its cells; write "—" for a cell with nothing to say',
    });
  }
  return out;
}
