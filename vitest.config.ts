import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'tests/.artifacts/**'],
    // PDF rendering, poppler/qpdf/mutool runs and Chromium launches are slow on CI machines.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Bundles src/ into dist/ once (when it changed): the CLI tests run bin/handout.js as a user does.
    globalSetup: ['tests/support/global-setup.ts'],
    // `default` for people; `json` for .ci/run, which prints "N passed, N failed" from it.
    reporters: ['default', 'json'],
    outputFile: { json: 'tests/.artifacts/vitest-report.json' },
  },
});
