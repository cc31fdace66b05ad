import { configDefaults, defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the fast tier, for every save. The library in this process only: no browser, no
 * child process (CLI, poppler, qpdf), no PDF read back; under 30 s. `npm test` runs everything.
 */
export default defineConfig({
  test: {
    include: [
      'tests/datasets/**/*.test.ts',
      'tests/schema/**/*.test.ts',
      'tests/templates/**/*.test.ts',
      'tests/html/write-html.test.ts',
      'tests/pdf/page-model.test.ts',
      'tests/pdf/shape-text.test.ts',
    ],
    // The loader's property tests against the yaml library and the 100,000-row limit take seconds each:
    // they run with everything else in `npm test`.
    exclude: [...configDefaults.exclude, 'tests/.artifacts/**', 'tests/datasets/plain-yaml-data.test.ts', 'tests/datasets/plain-json-data.test.ts', 'tests/datasets/row-limit.test.ts'],
    pool: 'forks',
    // As in vitest.config.ts: a safety net against a hang on a busy machine, not a speed check.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
