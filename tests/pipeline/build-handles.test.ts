// A build holds a timer while it renders (see build.ts: it keeps Node from waiting idle for V8's
// background compilation). It must let go of it however the build ends, or the command never exits.
import { describe, expect, it, vi } from 'vitest';
import { build } from '../../src/pipeline/build.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const fixture = fromRoot('tests', 'fixtures', 'valid', 'minimal-tea-vs-coffee.yaml');

/** Intervals set and not cleared while `run` runs. */
async function intervalsLeftBy(run: () => Promise<unknown>): Promise<number> {
  const open = new Set<unknown>();
  const set = globalThis.setInterval;
  const clear = globalThis.clearInterval;
  vi.spyOn(globalThis, 'setInterval').mockImplementation(((...args: Parameters<typeof setInterval>) => {
    const handle = set(...args);
    open.add(handle);
    return handle;
  }) as typeof setInterval);
  vi.spyOn(globalThis, 'clearInterval').mockImplementation(((handle: Parameters<typeof clearInterval>[0]) => {
    open.delete(handle);
    clear(handle);
  }) as typeof clearInterval);
  try {
    await run();
  } finally {
    vi.restoreAllMocks();
  }
  return open.size;
}

describe('a build and the event loop', () => {
  it('holds a timer while it renders and clears it when done', async () => {
    let during = 0;
    const left = await intervalsLeftBy(async () => {
      const report = await build({ inputs: [fixture], outDir: tmpDir('handles-built'), formats: ['html', 'pdf'], onStart: () => (during = vi.mocked(globalThis.setInterval).mock.calls.length) });
      expect(report.ok).toBe(true);
    });
    expect(during, 'the timer is set before rendering starts').toBe(1);
    expect(left).toBe(0);
  });

  it('clears it when a dataset fails and when the build is stopped', async () => {
    expect(await intervalsLeftBy(() => build({ inputs: [fromRoot('tests', 'fixtures', 'no-such-dataset.yaml')], outDir: tmpDir('handles-failed') }))).toBe(0);
    const stopping = new AbortController();
    const left = await intervalsLeftBy(async () => {
      const report = await build({ inputs: [fixture], outDir: tmpDir('handles-stopped'), formats: ['pdf'], signal: stopping.signal, onStart: () => stopping.abort('SIGINT') });
      expect(report.interrupted?.reason).toBe('SIGINT');
    });
    expect(left).toBe(0);
  });
});
