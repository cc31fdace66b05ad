// Property: any valid dataset — 2–4 subjects, 1–200 rows, nested sections, Latin with accents, Greek,
// Cyrillic and symbols, words of up to 200 characters with no break — renders to a PDF that qpdf
// accepts and from which pdf.js reads every string back, and to an HTML file whose text has every
// string. A failing case is shrunk by fast-check and kept in tests/fixtures/regressions/, where
// regressions.test.ts checks it on every run.
//
// Runs are few (rendering and reading a PDF is slow); `FC_RUNS=200 npx vitest run tests/robustness/properties.test.ts`
// searches harder, `FC_SEED=…` replays a reported seed.
//
// Each case renders in a fresh module graph, as the first handout of a new worker would: the font
// cache shared by handouts of one process has a bug of its own (see regressions.test.ts,
// "shared glyph cache"), which would otherwise make every case after the first fail.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { tmpDir } from '../support/paths.js';
import { dataset } from './support/generate.js';
import { keepRegression } from './support/regressions.js';
import { datasetYaml } from './support/round-trip.js';

async function freshRoundTrip() {
  vi.resetModules();
  return (await import('./support/round-trip.js')).roundTrip;
}

const numRuns = Number(process.env.FC_RUNS) || 15;
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
const timeLimit = Number(process.env.FC_TIME_LIMIT) || 240_000;

describe('generated valid datasets', () => {
  it(
    'always give a PDF qpdf accepts and pdf.js reads every string from, and an HTML with every string',
    async () => {
      const dir = tmpDir('properties');
      // One big case on every run: 200 rows of 2–4 subjects (fixed seed, so it is the same one).
      const [big] = fc.sample(dataset({ rows: fc.constant(200) }), { seed: 2026, numRuns: 1 });
      let runs = 0;
      const property = fc.asyncProperty(dataset(), async (data) => {
        const roundTrip = await freshRoundTrip();
        const { problems } = await roundTrip(datasetYaml(data), dir, `run-${++runs}`);
        if (problems.length > 0) throw new Error(problems.join('\n'));
      });
      // Shrinking re-renders the case at every step: past the time limit fast-check stops and hands
      // over the smallest failing case found so far, so a failure is always kept, never a timeout.
      const details = await fc.check(property, {
        numRuns,
        examples: [[big!]],
        ...(seed !== undefined ? { seed } : {}),
        interruptAfterTimeLimit: timeLimit,
        markInterruptAsFailure: false,
      });
      if (details.failed && details.counterexample) {
        const yamlText = datasetYaml(details.counterexample[0]!);
        const problems = String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).split('\n');
        const kept = keepRegression('round-trip', yamlText, problems, details.seed);
        expect.fail(`a generated dataset fails (seed ${details.seed}, path ${details.counterexamplePath}${details.interrupted ? ', shrinking cut short by the time limit' : ''}); shrunk and kept as ${kept}:\n${problems.slice(0, 20).join('\n')}`);
      }
      expect(details.failed).toBe(false);
      // On a slow machine the time limit may end the search early; the runs made still count.
      expect(details.numRuns).toBeGreaterThan(0);
    },
    600_000,
  );
});
