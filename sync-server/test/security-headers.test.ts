import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from '../src/http/security-headers.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** SE-09: security headers on every answer, a CSP with no inline script but the app's own, by hash. */
let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

const THEME = "document.documentElement.dataset.theme = localStorage.getItem('theme') ?? 'light';";
const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

function scriptSources(csp: string | null): string[] {
  const directive = (csp ?? '').split(';').find((d) => d.trim().startsWith('script-src'));
  return directive?.trim().split(/\s+/).slice(1) ?? [];
}

describe('SE-09 security headers', () => {
  it('every answer (page, asset, API, error, health) carries them; scripts only from here and by hash', async () => {
    t = await startTestServer();
    writeFileSync(
      path.join(t.staticDir, 'index.html'),
      `<!doctype html><title>Runsheet</title><script id="theme-boot">${THEME}</script>` +
        '<script type="module" src="/assets/index-Bx7k2Qz1.js"></script><div id="root"></div>',
    );
    for (const url of [
      '/',
      '/releases/x',
      '/assets/index-Bx7k2Qz1.js',
      '/api/auth/status',
      '/api/nope',
      '/healthz',
    ]) {
      const res = await fetch(`${t.url}${url}`);
      const csp = res.headers.get('content-security-policy');
      expect(scriptSources(csp), url).toEqual(["'self'", sha(THEME)]);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("object-src 'none'");
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(res.headers.get('permissions-policy'), url).toContain('camera=()');
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      // Plain http on loopback: HSTS would be ignored, and on a LAN address it would do harm.
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
    }
  });

  it('a new version published into STATIC_DIR brings the hash of its own inline script', async () => {
    t = await startTestServer();
    const page = (script: string) =>
      writeFileSync(path.join(t.staticDir, 'index.html'), `<!doctype html><script>${script}</script>`);
    page('let a = 1;');
    const before = (await fetch(t.url)).headers.get('content-security-policy');
    expect(scriptSources(before)).toContain(sha('let a = 1;'));
    // A later modification time, as a deployment writing the file would give it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    page('let b = 2;');
    const after = (await fetch(t.url)).headers.get('content-security-policy');
    expect(scriptSources(after)).toEqual(["'self'", sha('let b = 2;')]);
  });

  it('HSTS when PUBLIC_ORIGIN is https', async () => {
    t = await startTestServer({ env: { PUBLIC_ORIGIN: 'https://runsheet.example.com' } });
    const res = await fetch(`${t.url}/api/auth/status`);
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });

  it('hashes only inline scripts with a body, never unsafe-inline', () => {
    const html = '<script src="/a.js"></script><script>x()</script><script type="module">\n</script>';
    expect(inlineScriptHashes(html)).toEqual([sha('x()')]);
    expect(scriptSources(contentSecurityPolicy([sha('x()')]))).toEqual(["'self'", sha('x()')]);
    expect(scriptSources(contentSecurityPolicy([]))).toEqual(["'self'"]);
  });
});
