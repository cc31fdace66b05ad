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
  let allowedHosts = new Set<string>();
  const server = createServer((request, response) => {
    // One bad request (a malformed path, a file gone between stat and read) answers that request
    // with an error status; it never reaches the process and stops the watch.
    respond(request, response).catch((error: unknown) => {
      if (!response.headersSent) plain(response, 500, `cannot serve this file: ${(error as Error).message ?? String(error)}`);
      else response.destroy();
    });
  });
  const respond = async (request: IncomingMessage, response: ServerResponse) => {
    // DNS rebinding: a page on another site whose name now resolves to 127.0.0.1 sends its own Host.
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase())) {
      plain(response, 421, `this server answers only to ${[...allowedHosts].join(', ')}`);
      return;
    }
    const pathname = requestPath(request.url);
    if (pathname === undefined) {
      plain(response, 400, 'malformed path');
      return;
    }
    if (pathname === '/__handout/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (pages?.handle(new URL(request.url ?? '/', 'http://localhost'), request, response)) return;
    const relative = pathname.replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, relative);
    if ((file !== root && !file.startsWith(root + path.sep)) || relative.includes('\0')) {
      plain(response, 403, 'forbidden');
      return;
    }
    let body: Buffer | string;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      body = await readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM') plain(response, 403, 'forbidden: the file cannot be read');
      else if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') plain(response, 404, 'not found');
      else plain(response, 500, `cannot read the file (${code ?? 'unknown error'})`);
      return;
    }
    const extension = path.extname(file).toLowerCase();
    if (extension === '.html') body = withLiveReload(body.toString('utf8'), nonce);
    response.writeHead(200, { 'content-type': contentTypes[extension] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  allowedHosts = new Set([`127.0.0.1:${actualPort}`, `localhost:${actualPort}`, `[::1]:${actualPort}`]);
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

/** The request's path, percent-decoded; undefined when it cannot be (`/%`, `/%E0%A4%A`). */
function requestPath(url: string | undefined): string | undefined {
  try {
    return decodeURIComponent(new URL(url ?? '/', 'http://localhost').pathname);
  } catch {
    return undefined;
  }
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${text}\n`);
}

function withLiveReload(html: string, nonce: string): string {
  const script = `<script nonce="${nonce}">new EventSource('/__handout/events').onmessage = () => location.reload();</script>`;
  return html
    .replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/, (_, start: string, policy: string, end: string) => `${start}${policy}; script-src 'nonce-${nonce}'; connect-src 'self'${end}`)
    .replace('</body>', `${script}</body>`);
}
