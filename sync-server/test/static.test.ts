import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from './helpers/raw-http.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.dispose());

describe('static hosting of the built app', () => {
  it('SV-01 serves index.html at / with no-cache', async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toContain('<div id="root">');
  });

  it('SV-02 falls back to index.html for deep links', async () => {
    for (const path of ['/releases/release:abc', '/settings', '/customers/customer:x/steps?tab=2']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>Runsheet</title>');
    }
  });

  it('SV-02 answers a missing hashed asset with 404, not HTML', async () => {
    const res = await fetch(`${t.url}/assets/index-OLD.js`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toContain('html');
  });

  it.each([
    ['/assets/index-Bx7k2Qz1.js', 'text/javascript; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/index-C9aa01Fe.css', 'text/css; charset=utf-8', 'public, max-age=31536000, immutable'],
    ['/assets/inter-latin-400.woff2', 'font/woff2', 'public, max-age=31536000, immutable'],
    ['/sw.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/registerSW.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/workbox-4b126c97.js', 'text/javascript; charset=utf-8', 'no-cache'],
    ['/manifest.webmanifest', 'application/manifest+json; charset=utf-8', 'no-cache'],
    ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
    ['/favicon.ico', 'image/x-icon', 'public, max-age=600'],
    ['/icon-192.png', 'image/png', 'public, max-age=600'],
    ['/logo.svg', 'image/svg+xml', 'public, max-age=600'],
    ['/robots.txt', 'text/plain; charset=utf-8', 'public, max-age=600'],
  ])('SV-01 %s: %s, %s', async (path, type, cache) => {
    const res = await fetch(`${t.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cache-control')).toBe(cache);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('SV-04 sends the precompressed copy the browser accepts (Brotli first), marked Vary: Accept-Encoding', async () => {
    const asset = 'assets/index-Bx7k2Qz1.js';
    const plain = 'console.log("app");';
    writeFileSync(path.join(t.staticDir, `${asset}.br`), brotliCompressSync(plain));
    writeFileSync(path.join(t.staticDir, `${asset}.gz`), gzipSync(plain));
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['identity', null],
    ] as const) {
      const res = await fetch(`${t.url}/${asset}`, { headers: { 'Accept-Encoding': accept } });
      expect(res.headers.get('content-encoding'), accept).toBe(encoding);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      // fetch undoes the encoding: what arrives is the file.
      expect(await res.text(), accept).toBe(plain);
    }
    // A file the build did not compress goes out as it is, whatever the browser accepts.
    const css = await fetch(`${t.url}/assets/index-C9aa01Fe.css`, { headers: { 'Accept-Encoding': 'br' } });
    expect(css.headers.get('content-encoding')).toBeNull();
  });

  it('SV-04 never sends a compressed copy older than its file (a file replaced in place by a deploy)', async () => {
    const sw = path.join(t.staticDir, 'sw.js');
    writeFileSync(`${sw}.br`, brotliCompressSync('self.oldVersion=1;'));
    const past = new Date(Date.now() - 60_000);
    utimesSync(`${sw}.br`, past, past);
    const res = await fetch(`${t.url}/sw.js`, { headers: { 'Accept-Encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe('self.addEventListener("install",()=>{});');
  });

  it('SV-03 supports HEAD with headers and no body', async () => {
    const res = await rawRequest(t.port, '/assets/index-Bx7k2Qz1.js', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String('console.log("app");'.length));
    expect(res.body).toBe('');
  });

  it('SV-04 answers conditional requests with 304 (ETag and Last-Modified)', async () => {
    const first = await fetch(`${t.url}/sw.js`);
    const etag = first.headers.get('etag');
    const lastModified = first.headers.get('last-modified');
    expect(etag).toBeTruthy();
    expect(lastModified).toBeTruthy();
    const byEtag = await rawRequest(t.port, '/sw.js', { headers: { 'If-None-Match': etag! } });
    expect(byEtag.status).toBe(304);
    expect(byEtag.body).toBe('');
    const byDate = await rawRequest(t.port, '/sw.js', { headers: { 'If-Modified-Since': lastModified! } });
    expect(byDate.status).toBe(304);
    const stale = await rawRequest(t.port, '/sw.js', { headers: { 'If-None-Match': 'W/"other"' } });
    expect(stale.status).toBe(200);
  });

  it('SV-03 refuses methods other than GET and HEAD', async () => {
    const res = await fetch(`${t.url}/index.html`, { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each([
    '/../../../../etc/passwd',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2fetc/passwd',
    '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/..%5c..%5cetc%5cpasswd',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('SV-03 refuses traversal and malformed paths: %s', async (path) => {
    const res = await rawRequest(t.port, path);
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('root:');
  });
});

describe('reserved prefixes', () => {
  it('GET /healthz reports status, version, uptime and that storage answers', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { status: string; version: string; uptime: number };
    expect(body).toEqual({
      status: 'ok',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      uptime: expect.any(Number),
      checks: { storage: 'ok' },
    });
  });

  it('GET /livez answers while the process runs', async () => {
    const res = await fetch(`${t.url}/livez`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: expect.any(String) });
  });

  it('unknown /api paths are JSON 404s, never the app', async () => {
    const res = await fetch(`${t.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not-found', message: expect.any(String) } });
  });

  it('plain HTTP to /sync asks for an upgrade', async () => {
    const res = await fetch(`${t.url}/sync/catalog`);
    expect(res.status).toBe(426);
  });
});
