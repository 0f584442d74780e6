import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './helpers/raw-http.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/**
 * What the static handler did before it was handed to a library (`send`), and no other test looked at: the
 * ways out of the root against a real server, directories, the compressed index, per-encoding validators,
 * and the answer when the app is not built. Two are new with the library: dotfiles are no longer served
 * (the hand-written handler sent them), and byte ranges are answered (an unsatisfiable one with 416).
 */
let t: TestServer;
/** A directory beside the root whose name starts with the root's: a check by string prefix would let it through. */
let sibling: string;
const SECRET = 'secret-outside-the-root';

beforeAll(async () => {
  t = await startTestServer();
  sibling = `${t.staticDir}-evil`;
  mkdirSync(sibling, { recursive: true });
  writeFileSync(path.join(sibling, 'secret.txt'), SECRET);
  writeFileSync(path.join(t.staticDir, '.env'), SECRET);
});
afterAll(async () => {
  rmSync(sibling, { recursive: true, force: true });
  await t.dispose();
});

describe('static hosting: ways out of the root', () => {
  const evil = () => path.basename(sibling);

  it.each([
    ['plain ..', () => `/../${evil()}/secret.txt`],
    ['encoded slash', () => `/..%2f${evil()}%2fsecret.txt`],
    ['encoded dots', () => `/%2e%2e/${evil()}/secret.txt`],
    ['upper-case escapes', () => `/%2E%2E%2F${evil()}%2Fsecret.txt`],
    ['encoded backslash', () => `/..%5c${evil()}%5csecret.txt`],
    ['backslash and dots encoded', () => `/%2e%2e%5c${evil()}%5csecret.txt`],
    ['from under /assets', () => `/assets/..%2f..%2f${evil()}%2fsecret.txt`],
    ['NUL byte', () => `/../${evil()}/secret.txt%00.js`],
    ['NUL byte in a plain name', () => '/sw.js%00'],
  ])('SV-03 refuses %s with 400 and never sends the file beside the root', async (_name, target) => {
    const res = await rawRequest(t.port, target());
    expect(res.status).toBe(400);
    expect(res.body).not.toContain(SECRET);
  });

  it('SV-03 decodes once: a double-encoded ../ is a file name that is not there, answered by the app', async () => {
    const res = await rawRequest(t.port, `/%252e%252e%252f${evil()}%252fsecret.txt`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="root">');
    expect(res.body).not.toContain(SECRET);
  });

  it('SV-03 never sends a dotfile: the app answers instead', async () => {
    const res = await rawRequest(t.port, '/.env');
    expect(res.body).not.toContain(SECRET);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });
});

describe('static hosting: directories, compressed index, errors', () => {
  it('SV-02 a directory is no page: /assets without a slash gets the app, /assets/ a 404', async () => {
    const bare = await rawRequest(t.port, '/assets');
    expect(bare.status).toBe(200);
    expect(bare.body).toContain('<div id="root">');
    const slash = await rawRequest(t.port, '/assets/');
    expect(slash.status).toBe(404);
    expect(slash.headers['content-type']).not.toContain('html');
  });

  it('SV-04 sends the compressed index.html for /, for a deep link, and for /index.html, with no-cache', async () => {
    const html = '<!doctype html><title>Runsheet</title><div id="root"></div>';
    writeFileSync(path.join(t.staticDir, 'index.html.br'), brotliCompressSync(html));
    writeFileSync(path.join(t.staticDir, 'index.html.gz'), gzipSync(html));
    try {
      for (const url of ['/', '/releases/release:abc', '/index.html']) {
        const res = await fetch(`${t.url}${url}`, { headers: { 'Accept-Encoding': 'br' } });
        expect(res.headers.get('content-encoding'), url).toBe('br');
        expect(res.headers.get('content-type'), url).toBe('text/html; charset=utf-8');
        expect(res.headers.get('cache-control'), url).toBe('no-cache');
        expect(await res.text(), url).toBe(html);
      }
    } finally {
      rmSync(path.join(t.staticDir, 'index.html.br'));
      rmSync(path.join(t.staticDir, 'index.html.gz'));
    }
  });

  it('SV-04 gives the compressed and the plain answer different validators', async () => {
    const asset = 'assets/index-C9aa01Fe.css';
    writeFileSync(path.join(t.staticDir, `${asset}.gz`), gzipSync('body{margin:0}'));
    try {
      const zipped = await fetch(`${t.url}/${asset}`, { headers: { 'Accept-Encoding': 'gzip' } });
      const plain = await fetch(`${t.url}/${asset}`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('etag')).toMatch(/-gzip"$/);
      expect(plain.headers.get('etag')).not.toBe(zipped.headers.get('etag'));
      const revalidate = await rawRequest(t.port, `/${asset}`, {
        headers: { 'Accept-Encoding': 'identity', 'If-None-Match': zipped.headers.get('etag')! },
      });
      expect(revalidate.status).toBe(200);
    } finally {
      rmSync(path.join(t.staticDir, `${asset}.gz`));
    }
  });

  it('SE-09 / SV-04: an error answered after the file was found (unsatisfiable range) keeps the security headers', async () => {
    const res = await rawRequest(t.port, '/robots.txt', { headers: { Range: 'bytes=5000-6000' } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */13');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('SV-04 an error about a compressed copy (412, 416) is plain text: no Content-Encoding, no validator, never cached', async () => {
    const asset = 'assets/index-Bx7k2Qz1.js';
    writeFileSync(path.join(t.staticDir, `${asset}.br`), brotliCompressSync('console.log("app");'));
    try {
      const cases: Record<string, string>[] = [
        { Range: 'bytes=5000-6000' },
        { 'If-Match': 'W/"not-this-one"' },
      ];
      for (const headers of cases) {
        const res = await rawRequest(t.port, `/${asset}`, {
          headers: { 'Accept-Encoding': 'br', ...headers },
        });
        expect([412, 416], JSON.stringify(headers)).toContain(res.status);
        expect(res.headers['content-encoding']).toBeUndefined();
        expect(res.headers.etag).toBeUndefined();
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      }
    } finally {
      rmSync(path.join(t.staticDir, `${asset}.br`));
    }
  });

  it('SV-02 answers 503 with no-store while the app is not built, and serves it once it is', async () => {
    const index = path.join(t.staticDir, 'index.html');
    renameSync(index, `${index}.away`);
    try {
      const res = await rawRequest(t.port, '/releases/x');
      expect(res.status).toBe(503);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toContain('not built');
    } finally {
      renameSync(`${index}.away`, index);
    }
    expect((await rawRequest(t.port, '/releases/x')).status).toBe(200);
  });
});
