// A build's PDF goes to its temporary file as it is drawn, instead of waiting in memory: the file is
// byte for byte the PDF made in memory, its recorded size and hash are the file's, and a render that
// fails leaves no file, temporary or not.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRenderTask, type RenderTask } from '../../src/pipeline/render-task.js';
import { renderHandout } from '../../src/pipeline/render-handout.js';
import { loadDatasetText } from '../../src/load/load-dataset.js';
import { fromRoot, tmpDir } from '../support/paths.js';
import { defaultTheme } from '../robustness/support/round-trip.js';

const fixture = fromRoot('tests/fixtures/valid/minimal-tea-vs-coffee.yaml');

async function taskFor(dir: string, text: string): Promise<RenderTask> {
  const theme = await defaultTheme();
  return {
    file: fixture,
    slug: 'tea',
    dataset: loadDatasetText(text, fixture).loaded!.dataset,
    themeFingerprint: 'test',
    theme: theme.directory,
    formats: ['pdf', 'html'],
    pageSize: 'A4',
    landscape: false,
    edition: 'handout',
    includeDetails: false,
    targets: { pdf: join(dir, 'tea.pdf'), html: join(dir, 'tea.html') },
  };
}

describe('the PDF of a build', () => {
  it('is written as it is drawn, the same bytes as in memory, with its size and hash', async () => {
    const dir = tmpDir('streamed-pdf');
    const text = readFileSync(fixture, 'utf8');
    const result = await runRenderTask(await taskFor(dir, text));
    expect(result.diagnostics).toEqual([]);
    const written = readFileSync(join(dir, 'tea.pdf'));
    const inMemory = await renderHandout(loadDatasetText(text, fixture).loaded!, await defaultTheme(), { formats: ['pdf'], pageSize: 'A4', edition: 'handout' });
    expect(Buffer.compare(written, Buffer.from(inMemory.pdf!.bytes))).toBe(0);
    const pdf = result.outputs.find((output) => output.format === 'pdf')!;
    expect(pdf).toMatchObject({ path: join(dir, 'tea.pdf'), bytes: written.byteLength, sha256: createHash('sha256').update(written).digest('hex') });
    expect(readdirSync(dir).sort()).toEqual(['tea.html', 'tea.pdf']);
  });

  it('is not left behind, whole or in part, when the render fails', async () => {
    const dir = tmpDir('streamed-pdf-failed');
    // A character no font of the theme has: found while the PDF is laid out.
    const text = readFileSync(fixture, 'utf8').replace(/^title: .*$/m, 'title: "Tea \u{1F9CB} vs coffee"');
    const task = await taskFor(dir, text);
    const result = await runRenderTask(task);
    expect(result.diagnostics.map((d) => d.code)).toContain('missing-glyph');
    expect(result.outputs).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
