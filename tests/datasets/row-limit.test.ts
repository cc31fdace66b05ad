// A comparison table has at most limits.attributes rows: a longer one is refused with what to do,
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
