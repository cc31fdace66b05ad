// `handout import` of OpenDocument spreadsheets (.ods), built here as LibreOffice writes them: a zip
// with an uncompressed `mimetype` first, a manifest, and the sheets in content.xml.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { formatDataset } from '../../src/convert/format-dataset.js';
import { importTable } from '../../src/convert/import-table.js';
import { writeNewFile } from '../../src/convert/write-new-file.js';
import { loadDataset } from '../../src/load/load-dataset.js';
import { formatDiagnostic, type Diagnostic } from '../../src/shared/diagnostic.js';
import { tmpDir } from '../support/paths.js';

const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

/** An .ods file whose first sheet has these rows (XML of `table:table-row`s). */
function ods(rows: string, sheets = `<table:table table:name="Comparison"><table:table-column table:number-columns-repeated="1024"/>${rows}</table:table>`): Uint8Array {
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet>${sheets}</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'META-INF/manifest.xml': strToU8(manifest),
    'content.xml': strToU8(content),
  });
}

const text = (value: string, extra = '') => `<table:table-cell office:value-type="string"${extra}><text:p>${value}</text:p></table:table-cell>`;
const empty = (repeated = 1) => (repeated > 1 ? `<table:table-cell table:number-columns-repeated="${repeated}"/>` : '<table:table-cell/>');
/** LibreOffice ends every row with the empty cells up to the sheet's last column, and the sheet with empty rows. */
const row = (...cells: string[]) => `<table:table-row>${cells.join('')}${empty(1021)}</table:table-row>`;
const padding = `<table:table-row table:number-rows-repeated="1048570">${empty(1024)}</table:table-row>`;

const header = row(empty(), text('Tea'), text('Coffee'));
const body = [
  row(text('Origin'), text('China'), text('Ethiopia')),
  // A number cell whose text is empty gives its value; two paragraphs are two lines; text:s keeps spaces.
  row(text('Caffeine'), '<table:table-cell office:value-type="float" office:value="47"/>', '<table:table-cell office:value-type="string"><text:p>About 95 mg</text:p><text:p>espresso<text:s text:c="2"/>about 63 mg<text:line-break/>per shot</text:p></table:table-cell>'),
  // The same text in two neighbouring cells is one cell repeated.
  row(text('Served'), text('Hot or iced', ' table:number-columns-repeated="2"')),
].join('');
// A merged cell: the covered cell holds a column but no text.
const merged = row(text('Note'), text('Both are <text:span>drunk</text:span> daily', ' table:number-columns-spanned="2"'), '<table:covered-table-cell/>');

const shown = (diagnostics: readonly Diagnostic[], dir: string) => diagnostics.map((d) => formatDiagnostic({ ...d, ...(d.file ? { file: d.file.replace(`${dir}/`, '') } : {}) }));

async function importOds(name: string, bytes: Uint8Array) {
  const dir = tmpDir(`import-ods-${name}`);
  writeFileSync(join(dir, `${name}.ods`), bytes);
  return { dir, result: await importTable(join(dir, `${name}.ods`), { title: 'Tea vs. Coffee' }) };
}

describe('OpenDocument spreadsheets (.ods)', () => {
  it('import: repeated columns and rows, paragraphs, spaces and number cells; the dataset builds', async () => {
    const { dir, result } = await importOds('tea', ods(`<table:table-header-rows>${header}</table:table-header-rows>${body}${padding}`));
    expect(result.diagnostics).toEqual([]);
    expect(result.dataset!.subjects).toEqual([{ id: 'tea', name: 'Tea' }, { id: 'coffee', name: 'Coffee' }]);
    const attributes = result.dataset!.attributes as { name: string; values: Record<string, string> }[];
    expect(attributes).toEqual([
      { name: 'Origin', values: { tea: 'China', coffee: 'Ethiopia' } },
      { name: 'Caffeine', values: { tea: '47', coffee: 'About 95 mg\nespresso  about 63 mg\nper shot' } },
      { name: 'Served', values: { tea: 'Hot or iced', coffee: 'Hot or iced' } },
    ]);
    const file = join(dir, 'tea.md');
    expect(await writeNewFile(file, formatDataset(result.dataset!, 'md'), false)).toEqual([]);
    expect((await loadDataset(file)).diagnostics).toEqual([]);
    const report = await build({ inputs: [file], outDir: join(dir, 'out'), formats: ['html'], workers: 1 });
    expect(report.ok).toBe(true);
    const html = readFileSync(join(dir, 'out', 'tea.html'), 'utf8');
    for (const shownText of ['Ethiopia', 'espresso', 'per shot', 'Hot or iced']) expect(html).toContain(shownText);
  });

  it('only the first sheet is read, and a cell’s comment is not part of its text', async () => {
    const commented = row(text('Origin'), '<table:table-cell office:value-type="string"><office:annotation><text:p>check this</text:p></office:annotation><text:p>China</text:p></table:table-cell>', text('Ethiopia'));
    const second = `<table:table table:name="Notes">${row(empty(), text('Milk'), text('Juice'))}${row(text('Origin'), text('Cows'), text('Oranges'))}</table:table>`;
    const { result } = await importOds('sheets', ods('', `<table:table table:name="Comparison">${header}${commented}</table:table>${second}`));
    expect(result.diagnostics).toEqual([]);
    expect(result.dataset!.subjects).toEqual([{ id: 'tea', name: 'Tea' }, { id: 'coffee', name: 'Coffee' }]);
    expect(result.dataset!.attributes).toEqual([{ name: 'Origin', values: { tea: 'China', coffee: 'Ethiopia' } }]);
  });

  it('a merged cell’s covered part is an empty cell, reported by its address', async () => {
    const { dir, result } = await importOds('merged', ods(header + body + merged + padding));
    expect(shown(result.diagnostics, dir).map((line) => line.replace(/^.*?:(\d+:\d+)/, '$1'))).toEqual([
      '5:3: error [invalid-format] at attributes[3].values.coffee: cell text must not be empty (cell C5)\n  hint: write some text here (an optional field can be left out instead)',
    ]);
  });

  it('an empty header cell, a subject named twice and a ragged row are errors at their cells', async () => {
    const emptyHeader = await importOds('empty-header', ods(row(empty(), text('Tea'), empty(), text('Coffee')) + row(text('Origin'), text('China'), text('x'), text('Ethiopia'))));
    expect(emptyHeader.result.diagnostics.map((d) => [d.code, d.position, d.message])).toEqual([['empty-header', { line: 1, column: 3 }, 'the header cell C1 is empty']]);
    const twice = await importOds('twice', ods(row(empty(), text('Tea'), text('tea')) + row(text('Origin'), text('China'), text('India'))));
    expect(twice.result.diagnostics.map((d) => [d.code, d.position, d.message])).toEqual([['duplicate-subject', { line: 1, column: 3 }, 'the header cell C1 “tea” names a subject that already has a column']]);
    const ragged = await importOds('ragged', ods(row(empty(), text('Tea'), text('Coffee')) + row(text('Origin'), text('China'), text('Ethiopia'), text('Yemen'))));
    expect(shown(ragged.result.diagnostics, ragged.dir)).toEqual(['ragged.ods:2:4: error [ragged-row]: this row has 4 cells, but the header row has 3\n  hint: remove the extra cells, or add the missing subject to the header row']);
  });

  it('an empty sheet, a file without sheets and a file that is not a zip are refused with what to do', async () => {
    const blank = await importOds('blank', ods(padding));
    expect(blank.result.diagnostics.map((d) => [d.code, d.message])).toEqual([['empty-table', 'the table has no header row']]);
    const noSheets = await importOds('no-sheets', ods('', ''));
    expect(shown(noSheets.result.diagnostics, noSheets.dir)).toEqual(['no-sheets.ods: error [empty-table]: the spreadsheet has no sheets\n  hint: put the table in the first sheet']);
    const notZip = await importOds('not-zip', new TextEncoder().encode(',Tea,Coffee\nOrigin,China,Ethiopia\n'));
    expect(notZip.result.diagnostics.map((d) => d.code)).toEqual(['ods-unreadable']);
    expect(shown(notZip.result.diagnostics, notZip.dir)[0]).toMatch(/^not-zip\.ods: error \[ods-unreadable\]: the spreadsheet cannot be read \(not a zip archive: .+\)\n {2}hint: open it in LibreOffice and save it again as \.ods, or export the sheet as CSV$/);
    const noContent = await importOds('no-content', zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet') }));
    expect(noContent.result.diagnostics.map((d) => d.message)).toEqual(['the spreadsheet cannot be read (it has no content.xml)']);
  });

  it('a sheet repeating a filled row past any table’s size is refused, not expanded', async () => {
    const { result } = await importOds('huge', ods(row(empty(), text('Tea'), text('Coffee')) + `<table:table-row table:number-rows-repeated="1000000">${text('x')}${text('y')}${text('z')}</table:table-row>`));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
  });
});
