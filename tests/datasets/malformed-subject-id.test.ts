// A subject id the schema refuses is reported once, at the id: the rows, Venn regions and sections that
// mean it are not reported again, and no hint suggests copying the bad id.
import { describe, expect, it } from 'vitest';
import { loadDatasetText } from '../../src/load/load-dataset.js';

const dataset = (id: string) => `title: Rocks
subjects:
  - id: igneous
    name: Igneous
  - id: ${id}
    name: Metamorphic
summary: Two kinds of rock.
attributes:
  - name: Formed by
    values:
      igneous: Cooling magma
      metamorphic: Heat and pressure
  - name: Example
    given: [metamorphic]
    values:
      igneous: Granite
      metamorphic: Marble
venn:
  unique:
    igneous: [Crystals]
    metamorphic: [Bands]
  shared:
    all: [Minerals]
sections:
  - heading: Metamorphic rock
    subject: metamorphic
    body: Changed by heat.
conclusion: Rocks change.
`;

describe('a malformed subject id', () => {
  it('is one problem, at the id, with no echo in the rows that mean it', () => {
    const { diagnostics, loaded } = loadDatasetText(dataset('Metamorphic_'), 'rocks.yaml');
    expect(loaded).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['invalid-format']);
    expect(diagnostics[0]!.position?.line).toBe(5);
    expect(JSON.stringify(diagnostics)).not.toMatch(/did you mean `Metamorphic_`/);
  });

  it('a well-formed id that the rows misspell still gets its did-you-mean', () => {
    const { diagnostics } = loadDatasetText(dataset('metamorphc'), 'rocks.yaml');
    const unknown = diagnostics.filter((d) => d.code === 'unknown-subject');
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown[0]!.hint).toBe('did you mean `metamorphc`?');
  });
});
