/**
 * tests/fixtures/regressions/: datasets a property test once failed on, shrunk by fast-check and kept,
 * so the failure is checked on every run from then on (tests/robustness/regressions.test.ts).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromRoot, repoRoot } from '../../support/paths.js';

export const regressionsDir = fromRoot('tests', 'fixtures', 'regressions');

/** The kept datasets; a missing folder is an error, not "nothing to check". */
export function regressionFiles(): string[] {
  return readdirSync(regressionsDir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => join(regressionsDir, name));
}

/** Writes a shrunk counterexample as `<property>-<hash>.yaml`, with a comment saying where it came from. */
export function keepRegression(property: string, yamlText: string, problems: readonly string[], seed: number | undefined): string {
  mkdirSync(regressionsDir, { recursive: true });
  const hash = createHash('sha256').update(yamlText).digest('hex').slice(0, 10);
  const file = join(regressionsDir, `${property}-${hash}.yaml`);
  const header = [
    `# Kept by tests/robustness (${property}): the smallest dataset fast-check found for`,
    // Paths relative to the repository: the kept file is committed, and no clone has this machine's folders.
    ...problems.slice(0, 5).map((problem) => `#   ${problem.split(`${repoRoot}/`).join('').replace(/\n/g, ' ').slice(0, 160)}`),
    `# seed ${seed ?? 'unknown'}; checked on every run by tests/robustness/regressions.test.ts`,
    '',
  ].join('\n');
  writeFileSync(file, `${header}${yamlText}`);
  return file;
}
