/**
 * SE-09: the security headers of every answer. The Content-Security-Policy allows scripts from this
 * origin only, plus the inline scripts of the app's own pages by their SHA-256 hash (the theme script in
 * index.html must run before any stylesheet, so it is inline): no `unsafe-inline` for scripts. The hashes
 * are read from the served HTML, so a new build (or a new version published into STATIC_DIR while the
 * server runs) brings its own, with no list kept by hand. Styles may be inline: React sets `style`
 * attributes (widths of progress bars, virtual list offsets), and a style cannot run code.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** 'sha256-…' sources of the inline scripts in `html`. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(INLINE_SCRIPT)) {
    const body = match[1] ?? '';
    if (body.trim() === '') continue;
    hashes.push(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return hashes;
}

export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    `script-src 'self'${scriptHashes.length > 0 ? ` ${scriptHashes.join(' ')}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers the relay's ws:/wss: on this origin too (CSP level 3).
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The HTML pages at the top of the static directory, and when each last changed. */
function htmlPages(staticDir: string): { path: string; mtimeMs: number }[] {
  try {
    return readdirSync(staticDir)
      .filter((name) => name.endsWith('.html'))
      .map((name) => {
        const path = join(staticDir, name);
        return { path, mtimeMs: statSync(path).mtimeMs };
      });
  } catch {
    return [];
  }
}

/**
 * The headers for every answer; `https` adds HSTS (only when the server is reached over https, through
 * PUBLIC_ORIGIN: over plain http the header would be ignored, and on a LAN address it would do harm).
 */
export function createSecurityHeaders(options: { staticDir: string | null; https: boolean }) {
  let key = '';
  let headers: Record<string, string> = {};
  /**
   * `refresh`: look at the pages again (a directory read and a stat each). Done for requests the static
   * handler answers, where a new version would show; API and health answers, the many, reuse the last.
   */
  return function securityHeaders(refresh: boolean): Record<string, string> {
    if (!refresh && key !== '') return headers;
    const pages = options.staticDir === null ? [] : htmlPages(options.staticDir);
    const now = pages.map((p) => `${p.path}:${p.mtimeMs}`).join('|');
    if (now !== key || key === '') {
      key = now;
      const hashes = new Set<string>();
      for (const page of pages) {
        try {
          for (const hash of inlineScriptHashes(readFileSync(page.path, 'utf8'))) hashes.add(hash);
        } catch {
          // A page replaced while we read it: its next request reads it again.
          key = '';
        }
      }
      headers = {
        'Content-Security-Policy': contentSecurityPolicy([...hashes].sort()),
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'no-referrer',
        'Permissions-Policy':
          'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
        'Cross-Origin-Opener-Policy': 'same-origin',
        ...(options.https && { 'Strict-Transport-Security': 'max-age=31536000' }),
      };
    }
    return headers;
  };
}
