// `watch --serve` under hostile requests: a malformed path, a file that disappears or cannot be read
// between stat and read, a path out of the folder, or a foreign Host header (DNS rebinding) each get
// an error status for that request, and the server keeps answering the next one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveOutput, type OutputServer } from '../../src/pipeline/serve-output.js';
import { tmpDir } from '../support/paths.js';

// The races (a file deleted or made unreadable after its stat) made deterministic: reading these
// names fails the way the file system would.
const failingReads: Record<string, string> = { 'vanished.pdf': 'ENOENT', 'locked.pdf': 'EACCES', 'broken.pdf': 'EIO' };
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...original,
    readFile: (async (file: string, ...rest: unknown[]) => {
      const name = String(file).split(/[\\/]/).pop()!;
      const code = failingReads[name];
      if (code) throw Object.assign(new Error(`${code}: ${name}`), { code });
      return (original.readFile as (...args: unknown[]) => Promise<unknown>)(file, ...rest);
    }) as typeof original.readFile,
  };
});

let server: OutputServer;
let port: number;

beforeAll(async () => {
  const out = tmpDir('serve-output');
  writeFileSync(join(out, 'index.html'), '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'"></head><body><p>index</p></body></html>');
  writeFileSync(join(out, 'tea.pdf'), '%PDF-1.7 tea');
  for (const name of Object.keys(failingReads)) writeFileSync(join(out, name), 'x');
  mkdirSync(join(out, 'folder.pdf'));
  server = await serveOutput(out, 0);
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
});

/** A raw request: the path is sent as written (no client-side normalising) with the given Host. */
function get(path: string, host = `127.0.0.1:${port}`): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve-output: each bad request answered, the server still up', () => {
  const cases: { name: string; path: string; host?: (port: number) => string; status: number }[] = [
    { name: 'a lone percent sign', path: '/%', status: 400 },
    { name: 'a truncated UTF-8 escape', path: '/%E0%A4%A', status: 400 },
    { name: 'an invalid UTF-8 escape', path: '/%FF%FE.pdf', status: 400 },
    { name: 'a missing file', path: '/missing.pdf', status: 404 },
    { name: 'a folder', path: '/folder.pdf', status: 404 },
    { name: 'a file deleted between stat and read', path: '/vanished.pdf', status: 404 },
    { name: 'a file made unreadable between stat and read', path: '/locked.pdf', status: 403 },
    { name: 'a read error', path: '/broken.pdf', status: 500 },
    { name: 'an encoded path out of the folder', path: '/..%2f..%2f..%2fetc%2fpasswd', status: 403 },
    { name: 'an encoded NUL byte', path: '/tea.pdf%00.html', status: 403 },
    { name: 'a foreign Host (DNS rebinding)', path: '/tea.pdf', host: () => 'evil.example', status: 421 },
    { name: 'a foreign Host with the right port', path: '/tea.pdf', host: (p) => `evil.example:${p}`, status: 421 },
    { name: 'a look-alike Host', path: '/tea.pdf', host: (p) => `localhost.evil.example:${p}`, status: 421 },
    { name: 'the right name on another port', path: '/tea.pdf', host: (p) => `127.0.0.1:${p + 1}`, status: 421 },
    { name: 'a foreign Host for the reload events', path: '/__handout/events', host: () => 'evil.example', status: 421 },
  ];
  it.each(cases)('$name → $status', async ({ path, host, status }) => {
    const answer = await get(path, host?.(port));
    expect(answer.status).toBe(status);
    expect(answer.body).not.toContain('/etc/passwd');
    // Still serving after it.
    expect((await get('/tea.pdf')).body).toBe('%PDF-1.7 tea');
  });

  it('an HTTP/1.0 request without a Host header → 421', async () => {
    const head = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(port, '127.0.0.1', () => socket.end('GET /tea.pdf HTTP/1.0\r\n\r\n'));
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.[01] 421 /);
    expect((await get('/tea.pdf')).body).toBe('%PDF-1.7 tea');
  });

  it('answers to every name of the address it is bound to', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const answer = await get('/', host);
      expect(answer.status, host).toBe(200);
      expect(answer.body).toContain('<p>index</p>');
    }
  });
});
