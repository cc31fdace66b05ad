// Property: any valid dataset — 2–4 subjects, 1–200 rows, nested sections, Latin with accents, Greek,
// Cyrillic and symbols, words of up to 200 characters with no break — renders to a PDF that qpdf
// accepts and from which pdf.js reads every string back, and to an HTML file whose text has every
// string. A failing case is shrunk by fast-check and kept in tests/fixtures/regressions/, where
// regressions.test.ts checks it on every run.
//
// Runs are few (rendering and reading a PDF is slow); `FC_RUNS=200 npx vitest run tests/robustness/properties.test.ts`
// searches harder, `FC_SEED=…` replays a reported seed.
//
// Every case goes through `build()` as a batch build runs it, one after another in this one process
// (no module reset): the caches handouts of a batch share (parsed fonts, shaped words, compiled
// templates) are exercised as in a real batch, where a shared-cache bug once lost text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../support/paths.js';
import { dataset } from './support/generate.js';
import { keepRegression } from './support/regressions.js';
import { buildRoundTrip, datasetYaml } from './support/round-trip.js';

const numRuns = Number(process.env.FC_RUNS) || 15;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

describe('generated valid datasets', () => {
  it(
    'always give a PDF qpdf accepts and pdf.js reads every string from, and an HTML with every string',
    async () => {
      const dir = tmpDir('properties');
      // One big case on every run: 200 rows of 2–4 subjects (fixed seed, so it is the same one).
      const [big] = fc.sample(dataset({ rows: fc.constant(200) }), { seed: 2026, numRuns: 1 });
      let runs = 0;
      const property = fc.asyncProperty(dataset(), async (data) => {
        const { problems } = await buildRoundTrip(datasetYaml(data), dir, `run-${++runs}`);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      });
      // Every run is made: no time limit cuts the search short (a test that passes after fewer runs
      // on a slow machine would claim more than it checked).
      const details = await fc.check(property, { numRuns, examples: [[big!]], ...(seed !== undefined ? { seed } : {}) });
      if (details.failed && details.counterexample) {
        const yamlText = datasetYaml(details.counterexample[0]!);
        const problems = String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).split('\n');
        const kept = keepRegression('round-trip', yamlText, problems, details.seed);
        expect.fail(`a generated dataset fails (seed ${details.seed}, path ${details.counterexamplePath}); shrunk and kept as ${kept}:\n${problems.slice(0, 20).join('\n')}`);
      }
      expect(details.failed).toBe(false);
      // Every run was made (fast-check counts the big example among them), each a build in this process.
      expect(details.numRuns).toBe(numRuns);
      expect(runs).toBe(numRuns);
    },
    600_000,
  );
});
