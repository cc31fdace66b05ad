// The live preview of `watch --serve`: HTML and PDF side by side, editions, problems, reloads.
// Runs the watcher and the server in this process, as `handout watch --serve` wires them.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPreview, previewPath } from '../../src/pipeline/preview-page.js';
import { serveOutput } from '../../src/pipeline/serve-output.js';
import { watchHandouts } from '../../src/pipeline/watch-handouts.js';
import { closeBrowser, withPage } from '../support/browser.js';
import { fromRoot, tmpDir } from '../support/paths.js';

const dir = tmpDir('preview');
const dataset = join(dir, 'cytokine-storm-vs-sepsis.md');
copyFileSync(fromRoot('tests', 'fixtures', 'markdown', 'cytokine-storm-vs-sepsis.md'), dataset);
const original = readFileSync(dataset, 'utf8');
const outDir = join(dir, 'out');

const preview = createPreview(outDir);
const server = await serveOutput(outDir, 0, preview);
const watcher = await watchHandouts({
  inputs: [dataset],
  build: { outDir, formats: ['pdf', 'html'], editions: ['handout', 'worksheet', 'answers'], workers: 1 },
  onHandout: (handout) => preview.handoutDone(handout),
  onBuilt: (report) => {
    preview.update(report);
    server.reload();
  },
});

afterAll(async () => {
  await closeBrowser();
  preview.close();
  await watcher.close();
  await server.close();
});

const get = (path: string) => fetch(new URL(path, server.url));
const pageText = async (query = '') => (await get(`${previewPath}${query}`)).text();

/** Opens the preview's event stream and resolves with the first message `accept` takes, polling the stream until the deadline. */
async function nextEvent(accept: (data: string) => boolean, action: () => void): Promise<string> {
  const response = await get('/__handout/preview-events');
  const reader = response.body!.getReader();
  await reader.read(); // ": connected"
  action();
  const deadline = Date.now() + 60_000;
  let buffer = '';
  try {
    while (Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += new TextDecoder().decode(value);
      for (const data of [...buffer.matchAll(/^data: (.*)$/gm)].map((match) => match[1]!)) if (accept(data)) return data;
    }
  } finally {
    await reader.cancel();
  }
  throw new Error(`no matching event; got: ${buffer}`);
}

describe('watch --serve preview', () => {
  it('shows the handout’s HTML and PDF side by side, and switches edition', async () => {
    const page = await pageText();
    expect(page).toContain('<iframe src="/cytokine-storm-vs-sepsis.html"');
    expect(page).toContain('<iframe src="/cytokine-storm-vs-sepsis.pdf"');
    expect(page).toContain('No problems.');
    const answers = await pageText('?handout=cytokine-storm-vs-sepsis&edition=answers');
    expect(answers).toContain('<iframe src="/cytokine-storm-vs-sepsis.answers.html"');
    expect(answers).toContain('<iframe src="/cytokine-storm-vs-sepsis.answers.pdf"');
    expect(answers).toMatch(/<a href="[^"]*edition=answers" aria-current="page">Answer key<\/a>/);
    const pdf = await get('/cytokine-storm-vs-sepsis.answers.pdf');
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // The page's own script may run (its nonce is in the policy); nothing else may.
    const response = await get(previewPath);
    const nonce = /script-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce).toBeTruthy();
    expect(await response.text()).toContain(`<script nonce="${nonce}">`);
  });

  it('in Chromium: the HTML loads in its frame, the edition links switch, a save reloads the page, nothing is blocked', async () => {
    await withPage(
      async (page, record) => {
        await page.goto(new URL(previewPath, server.url).href);
        const htmlFrame = page.frameLocator('iframe[title$=": HTML"]');
        await expect.poll(() => htmlFrame.locator('h1').first().textContent()).toContain('Cytokine Storm vs. Sepsis');
        await page.getByRole('link', { name: 'Worksheet' }).click();
        await page.waitForURL(/edition=worksheet/);
        expect(await page.locator('iframe[title$=": PDF"]').getAttribute('src')).toBe('/cytokine-storm-vs-sepsis.worksheet.pdf');
        const reloaded = page.waitForEvent('load');
        writeFileSync(dataset, original.replace('| Trigger |', '| What sets it off |'));
        await reloaded;
        await expect.poll(() => page.frameLocator('iframe[title$=": HTML"]').locator('body').textContent()).toContain('What sets it off');
        expect(record.pageErrors).toEqual([]);
        expect(record.consoleErrors.filter((message) => /Content Security Policy|Refused/i.test(message))).toEqual([]);
      },
      { offline: false },
    );
  });

  it('shows the dataset’s problems with file:line:column after a broken save, and the last good version', async () => {
    writeFileSync(dataset, original.replace('| Sepsis |', '| Sepsiss |'));
    const shown = relative(process.cwd(), dataset);
    const expected = `${shown}:20:32: error [unknown-subject]: the header in column 3 “Sepsiss” names no subject`;
    // Polled with a deadline: earlier saves may still be rebuilding.
    await expect.poll(() => pageText(), { timeout: 60_000, interval: 100 }).toContain(expected);
    const page = await pageText();
    expect(page).toContain('hint: did you mean “Sepsis”?');
    expect(page).toContain('<iframe src="/cytokine-storm-vs-sepsis.html"');
  });

  it('reloads the page showing an edition as soon as that edition is rebuilt', async () => {
    const seen: string[] = [];
    await nextEvent(
      (data) => {
        seen.push(data);
        return data.startsWith('problems:') && seen.includes('cytokine-storm-vs-sepsis:handout');
      },
      () => writeFileSync(dataset, original.replace('| Treatment |', '| Treatment and care |')),
    );
    // The first edition event after the save is the handout's, before the other editions are built and
    // before the build ends (a busy machine may see a save as two changes, and so two rebuilds).
    const editionEvents = seen.filter((data) => !data.startsWith('problems:'));
    expect(editionEvents[0]).toBe('cytokine-storm-vs-sepsis:handout');
    expect(editionEvents).toContain('cytokine-storm-vs-sepsis:answers');
    expect(seen.at(-1)).toMatch(/^problems:/);
    expect(await pageText()).toContain('No problems.');
    expect(readFileSync(join(outDir, 'cytokine-storm-vs-sepsis.html'), 'utf8')).toContain('Treatment and care');
  });
});
