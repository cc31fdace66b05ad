import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../shared/diagnostic.js';
import type { Edition } from '../view/build-view-model.js';
import type { BuildReport, HandoutResult } from './build.js';

/** Where `watch --serve` shows the preview page, and where the page hears about rebuilds. */
export const previewPath = '/__handout/preview';
const previewEventsPath = '/__handout/preview-events';

const editions: readonly Edition[] = ['handout', 'worksheet', 'answers'];
const editionNames: Record<Edition, string> = { handout: 'Handout', worksheet: 'Worksheet', answers: 'Answer key' };

export interface Preview {
  /** Takes in one built (or failed) edition as soon as it is done, and tells the pages showing it to reload. */
  handoutDone(result: HandoutResult): void;
  /** Takes in the end of a (re)build; pages whose list of problems changed reload. */
  update(report: BuildReport): void;
  /** Answers the preview's own requests (the page, its events); false for any other path. */
  handle(url: URL, request: IncomingMessage, response: ServerResponse): boolean;
  /** Ends the open event streams (before the server closes). */
  close(): void;
}

/**
 * The live preview of `watch --serve`: one handout's HTML and PDF side by side, links to switch
 * handout and edition, and the current problems of the datasets with file:line:column. The page
 * reloads itself when the server says a rebuild finished (the same event the served HTML listens to),
 * so it always shows the state of the last build. It is made on request from the build results; the
 * output folder gets no extra files.
 */
export function createPreview(outDir: string): Preview {
  const root = path.resolve(outDir);
  const byFile = new Map<string, HandoutResult[]>();
  const listeners = new Set<ServerResponse>();
  let general: Diagnostic[] = [];
  const send = (message: string) => {
    for (const listener of listeners) listener.write(`data: ${message}\n\n`);
  };
  const problemsKey = () => createHash('sha256').update(problemLines([...byFile.values()], general).join('\n')).digest('hex').slice(0, 16);

  return {
    handoutDone(result) {
      // A failed rebuild leaves the last good outputs in place: keep showing them, next to the problems.
      const edition = result.edition ?? 'handout';
      const results = byFile.get(result.file) ?? [];
      const before = results.find((old) => (old.edition ?? 'handout') === edition);
      const kept = result.outputs.length > 0 || !before ? result : { ...result, outputs: before.outputs, slug: result.slug ?? before.slug, title: result.title ?? before.title };
      byFile.set(result.file, [...results.filter((old) => old !== before), kept]);
      // The page showing this edition reloads now, without waiting for the other editions.
      if (result.status === 'built' && kept.slug) send(`${kept.slug}:${edition}`);
    },
    update(report) {
      general = report.diagnostics;
      send(`problems:${problemsKey()}`);
    },
    handle(url, request, response) {
      if (url.pathname === previewEventsPath) {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        response.write(': connected\n\n');
        listeners.add(response);
        request.on('close', () => listeners.delete(response));
        return true;
      }
      if (url.pathname !== previewPath) return false;
      const nonce = randomBytes(12).toString('base64');
      response
        .writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'cache-control': 'no-store',
          'content-security-policy': `default-src 'none'; frame-src 'self'; img-src 'self'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; connect-src 'self'`,
        })
        .end(page(url, root, [...byFile.values()], general, nonce, problemsKey()));
      return true;
    },
    close() {
      for (const listener of listeners) listener.end();
      listeners.clear();
    },
  };
}

function problemLines(results: HandoutResult[][], general: Diagnostic[]): string[] {
  const problems = [...general, ...results.flatMap((editionsOfOne) => editionsOfOne.flatMap((result) => result.diagnostics))];
  const seen = new Set<string>();
  return problems
    .map((diagnostic) => formatDiagnostic({ ...diagnostic, ...(diagnostic.file ? { file: path.relative(process.cwd(), diagnostic.file) || diagnostic.file } : {}) }))
    .filter((line) => (seen.has(line) ? false : (seen.add(line), true)));
}

function page(url: URL, root: string, results: HandoutResult[][], general: Diagnostic[], nonce: string, problemsKey: string): string {
  const handouts = results
    .map((editionsOfOne) => ({ file: editionsOfOne[0]!.file, slug: editionsOfOne.find((r) => r.slug)?.slug, title: editionsOfOne.find((r) => r.title)?.title, results: editionsOfOne }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const chosenSlug = url.searchParams.get('handout');
  const chosen = handouts.find((handout) => handout.slug !== undefined && handout.slug === chosenSlug) ?? handouts.find((handout) => handout.slug !== undefined) ?? handouts[0];
  const requested = url.searchParams.get('edition');
  const edition: Edition = editions.includes(requested as Edition) ? (requested as Edition) : 'handout';
  const link = (slug: string | undefined, which: Edition) => `${previewPath}?${new URLSearchParams({ ...(slug ? { handout: slug } : {}), edition: which }).toString()}`;

  const outputs = chosen?.results.find((result) => (result.edition ?? 'handout') === edition)?.outputs ?? [];
  const served = (format: 'html' | 'pdf') => {
    const output = outputs.find((file) => file.format === format);
    if (!output) return undefined;
    const relative = path.relative(root, path.resolve(output.path));
    return relative.startsWith('..') ? undefined : `/${relative.split(path.sep).map(encodeURIComponent).join('/')}`;
  };
  const html = served('html');
  const pdf = served('pdf');

  const lines = problemLines(results, general);
  const errors = lines.filter((line) => / error \[/.test(line.split('\n')[0]!)).length;

  const frame = (src: string | undefined, title: string, missing: string) =>
    src ? `<iframe src="${escape(src)}" title="${escape(title)}"></iframe>` : `<p class="missing">${escape(missing)}</p>`;
  const name = chosen?.title ?? chosen?.slug ?? 'handout';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: ${escape(name)}</title>
<style nonce="${nonce}">
  body { margin: 0; font: 15px/1.4 system-ui, sans-serif; display: grid; grid-template-rows: auto auto 1fr; height: 100vh; }
  nav { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; padding: .5rem 1rem; background: #f2f2f2; border-bottom: 1px solid #ccc; }
  nav ul { display: flex; gap: .75rem; list-style: none; margin: 0; padding: 0; }
  nav a[aria-current] { font-weight: bold; color: inherit; text-decoration: none; }
  #problems { margin: 0; padding: .5rem 1rem; background: #fff4f4; border-bottom: 1px solid #d99; white-space: pre-wrap; font: 13px/1.4 ui-monospace, monospace; max-height: 30vh; overflow: auto; }
  #problems.none { background: #f4fff4; border-color: #9c9; }
  main { display: grid; grid-template-columns: 1fr 1fr; min-height: 0; }
  iframe { width: 100%; height: 100%; border: 0; border-right: 1px solid #ccc; }
  .missing { padding: 1rem; color: #555; }
</style>
</head>
<body>
<nav aria-label="Preview">
  <ul aria-label="Handouts">${handouts.map((handout) => `<li><a href="${escape(link(handout.slug, edition))}"${handout === chosen ? ' aria-current="page"' : ''}>${escape(handout.title ?? handout.slug ?? path.basename(handout.file))}</a></li>`).join('')}</ul>
  <ul aria-label="Editions">${editions.map((which) => `<li><a href="${escape(link(chosen?.slug, which))}"${which === edition ? ' aria-current="page"' : ''}>${editionNames[which]}</a></li>`).join('')}</ul>
</nav>
<pre id="problems" class="${lines.length === 0 ? 'none' : 'some'}" role="status">${lines.length === 0 ? 'No problems.' : `${errors} ${errors === 1 ? 'problem' : 'problems'} (the preview shows the last version that built):\n${escape(lines.join('\n'))}`}</pre>
<main>
  ${frame(html, `${name}: HTML`, 'No HTML for this edition yet (is --format html on?).')}
  ${frame(pdf, `${name}: PDF`, 'No PDF for this edition yet (is --format pdf on?).')}
</main>
<script nonce="${nonce}">
  // Reload when this edition is rebuilt, or when the list of problems changes.
  const shown = ${JSON.stringify(`${chosen?.slug ?? ''}:${edition}`).replace(/</g, '\\u003c')};
  new EventSource('${previewEventsPath}').onmessage = (event) => {
    if (event.data === shown || (event.data.startsWith('problems:') && event.data !== 'problems:${problemsKey}')) location.reload();
  };
</script>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
