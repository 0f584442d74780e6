import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeFor } from './mime.ts';
import { sendText } from './respond.ts';

/**
 * Serves the built PWA with an SPA fallback. Caching follows what the service worker needs:
 * - `/assets/*` carry a content hash in their name, so they never change: cache for a year, immutable.
 * - the entry points (index.html, the service worker, its registration script, the manifest, workbox
 *   runtime) keep their names across releases: `no-cache`, so the browser revalidates every time and a new
 *   version is seen at once. A long-cached `sw.js` would pin users on an old app.
 * - anything else (icons, robots.txt): a short max-age.
 */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const SHORT = 'public, max-age=600';

const ENTRY_POINTS = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest']);

export function cacheControlFor(relativePath: string): string {
  if (relativePath.startsWith('assets/')) return IMMUTABLE;
  const base = path.posix.basename(relativePath);
  if (ENTRY_POINTS.has(base) || /^workbox-[\w-]+\.js$/.test(base) || base.endsWith('.html'))
    return REVALIDATE;
  return SHORT;
}

/**
 * Maps a raw request path to a file under `root`, or null when the path is malformed or tries to leave
 * the root. Works on the raw, still-encoded path so `..%2f`, `%2e%2e` and friends are decoded exactly once
 * and then judged; any `..` segment, NUL byte or backslash is refused rather than normalised away.
 */
export function resolveUnderRoot(root: string, rawPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((segment) => segment === '..')) return null;
  const full = path.resolve(root, `.${decoded}`);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

async function fileStats(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

function isNotModified(req: IncomingMessage, etag: string, mtime: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*');
  }
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have second precision.
    return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/** Precompressed siblings the build writes (`app/scripts/precompress.mjs`), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/** The encodings `Accept-Encoding` allows, in our order of preference (`q=0` refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q !== undefined && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/**
 * The file to send for `file`: its Brotli or gzip copy when one exists, is not older than the file (a
 * file replaced in place, as a deploy may do, makes its copies stale) and the browser takes it.
 */
async function encodedVariant(
  req: IncomingMessage,
  file: string,
  original: Stats,
): Promise<{ file: string; stats: Stats; encoding: string } | null> {
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  for (const { name, suffix } of ENCODINGS) {
    if (!accepted.has(name)) continue;
    const stats = await fileStats(file + suffix);
    if (stats?.isFile() && stats.mtimeMs >= original.mtimeMs)
      return { file: file + suffix, stats, encoding: name };
  }
  return null;
}

async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  original: Stats,
  cacheControl: string,
) {
  const variant = await encodedVariant(req, file, original);
  const stats = variant?.stats ?? original;
  // Each encoding is its own representation, with its own validator.
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}${variant ? `-${variant.encoding}` : ''}"`;
  const headers: Record<string, string> = {
    'Cache-Control': cacheControl,
    ETag: etag,
    'Last-Modified': stats.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
    // Caches must keep the compressed and plain answers apart.
    Vary: 'Accept-Encoding',
  };
  if (isNotModified(req, etag, stats.mtime)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': contentTypeFor(path.extname(file)),
    'Content-Length': stats.size,
    ...(variant && { 'Content-Encoding': variant.encoding }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(variant?.file ?? file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function createStaticHandler(staticDir: string): RequestHandler {
  const root = path.resolve(staticDir);
  const indexFile = path.join(root, 'index.html');

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const rawPath = (req.url ?? '/').split('?', 1)[0] ?? '/';
    const file = resolveUnderRoot(root, rawPath);
    if (file === null) {
      sendText(res, 400, 'Bad request path\n');
      return;
    }
    let stats = await fileStats(file);
    let served = file;
    if (stats?.isDirectory()) {
      served = path.join(file, 'index.html');
      stats = await fileStats(served);
    }
    if (stats?.isFile()) {
      await sendFile(
        req,
        res,
        served,
        stats,
        cacheControlFor(path.relative(root, served).split(path.sep).join('/')),
      );
      return;
    }
    // A missing hashed asset is a stale page asking for an old build: answer 404, not HTML the browser would
    // try to run as a script.
    if (rawPath.startsWith('/assets/')) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    const index = await fileStats(indexFile);
    if (!index?.isFile()) {
      sendText(res, 503, `The Runsheet app is not built (no ${indexFile}). Run "pnpm build" first.\n`, {
        'Cache-Control': 'no-store',
      });
      return;
    }
    await sendFile(req, res, indexFile, index, REVALIDATE);
  };
}
