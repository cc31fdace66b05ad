import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

export interface OutputServer {
  url: string;
  /** Tell every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

/**
 * Serves the output folder on localhost for `handout watch --serve`. HTML pages get a tiny script
 * (allowed by a per-server nonce in their Content-Security-Policy) that reloads them after a rebuild;
 * the files on disk stay script-free.
 */
export async function serveOutput(outDir: string, port: number, pages?: { handle(url: URL, request: IncomingMessage, response: ServerResponse): boolean }): Promise<OutputServer> {
  const root = path.resolve(outDir);
  const nonce = randomBytes(12).toString('base64');
  const listeners = new Set<ServerResponse>();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__handout/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (pages?.handle(url, request, response)) return;
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) {
      response.writeHead(403).end('forbidden');
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${relative}\n`);
      return;
    }
    const extension = path.extname(file).toLowerCase();
    let body: Buffer | string = await readFile(file);
    if (extension === '.html') body = withLiveReload(body.toString('utf8'), nonce);
    response.writeHead(200, { 'content-type': contentTypes[extension] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    reload() {
      for (const listener of listeners) listener.write('data: reload\n\n');
    },
    close() {
      for (const listener of listeners) listener.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function withLiveReload(html: string, nonce: string): string {
  const script = `<script nonce="${nonce}">new EventSource('/__handout/events').onmessage = () => location.reload();</script>`;
  return html
    .replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/, (_, start: string, policy: string, end: string) => `${start}${policy}; script-src 'nonce-${nonce}'; connect-src 'self'${end}`)
    .replace('</body>', `${script}</body>`);
}
