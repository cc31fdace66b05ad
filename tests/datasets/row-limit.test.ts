// A comparison table has at most limits.attributes rows and limits.cells cells: a larger one is refused with what to do,
// before any rendering (its build would need more memory than a handout may use).
import { describe, expect, it } from 'vitest';
import { limits } from '../../src/load/dataset-schema.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';

function tableOf(rows: number): string {
  const attributes = Array.from({ length: rows }, (_, index) => ({ name: `R${index}`, values: { a: 'x', b: 'y' } }));
  return JSON.stringify({ title: 'A vs. B', subjects: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }], summary: 'S.', attributes });
}

describe('the number of table rows', () => {
  it(`accepts ${limits.attributes.toLocaleString('en')} rows`, () => {
    expect(loadDatasetText(tableOf(limits.attributes), 'long.json').diagnostics).toEqual([]);
  });

  it('refuses one more, naming the limit and what to do', () => {
    const { loaded, diagnostics } = loadDatasetText(tableOf(limits.attributes + 1), 'long.json');
    expect(loaded).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'too-many', message: 'a comparison table has at most 100,000 rows', hint: 'split the table over several datasets (one handout each)' }]);
  });
});

function tableOfSubjects(rows: number, subjects: number): string {
  const ids = Array.from({ length: subjects }, (_, index) => `s${index}`);
  const attributes = Array.from({ length: rows }, (_, index) => ({ name: `R${index}`, values: Object.fromEntries(ids.map((id) => [id, 'x'])) }));
  return JSON.stringify({ title: 'Many vs. many', subjects: ids.map((id) => ({ id, name: id.toUpperCase() })), summary: 'S.', attributes });
}

describe('the number of table cells', () => {
  const subjects = 8;
  const rows = limits.cells / subjects;

  it(`accepts ${limits.cells.toLocaleString('en')} cells`, () => {
    expect(loadDatasetText(tableOfSubjects(rows, subjects), 'wide.json').diagnostics).toEqual([]);
  });

  it('refuses a table of more cells, with its rows and subjects counted, and what to do', () => {
    const { loaded, diagnostics } = loadDatasetText(tableOfSubjects(rows + 1, subjects), 'wide.json');
    expect(loaded).toBeUndefined();
    expect(diagnostics).toMatchObject([
      { code: 'too-many', path: 'attributes', message: 'a comparison table has at most 200,000 cells (rows × subjects); this one has 25,001 rows × 8 subjects = 200,008', hint: 'split the table over several datasets (one handout each), or compare fewer subjects' },
    ]);
    expect(diagnostics[0]!.position).toEqual({ line: 1, column: expect.any(Number) });
  });
});
