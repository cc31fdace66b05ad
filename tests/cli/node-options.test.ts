// A V8 flag in NODE_OPTIONS (people raise the heap limit for big batches) must not stop the CLI
// from starting.
import { describe, expect, it } from 'vitest';
import { fromRoot } from '../support/paths.js';
import { handout, show } from '../robustness/support/cli.js';

describe('NODE_OPTIONS with a V8 flag', () => {
  it('`NODE_OPTIONS=--max-old-space-size=4096 handout validate <fixture>` works', async () => {
    const result = await handout(['validate', fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml')], { env: { NODE_OPTIONS: '--max-old-space-size=4096' } });
    expect(result.code, show(result)).toBe(0);
    expect(result.stdout).toContain('1 dataset checked: 1 valid, 0 invalid');
  });
});
