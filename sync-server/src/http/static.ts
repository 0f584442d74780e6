import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import path from 'node:path';
import { contentType } from 'mime-types';
import send from 'send';
import { pathnameOf } from './paths.ts';
import { sendText } from './respond.ts';

/**
 * Serves the built PWA with an SPA fallback.
 *
 * Files go out through `send`, the engine of Express's `serve-static`: it decodes the path once, refuses
 * `..`, NUL bytes and malformed escapes before touching the disk, and owns ETag / Last-Modified, 304s,
 * HEAD and Range. That is security and HTTP code this project need not keep. Why `send` and not `sirv`
 * (the other candidate, which knows precompressed files): sirv matches "br" anywhere in Accept-Encoding
 * (so `br;q=0` still gets Brotli), cannot tell a compressed copy older than its file, ignores
 * If-Modified-Since, and in production mode lists the directory once at start, so a version published
 * into STATIC_DIR while the server runs would go out with stale sizes. `serve-static` itself adds only a
 * redirect and a `next()` around `send`, and would need the request URL rewritten to send a `.br` copy.
 * What stays here is the project's own policy: which copy to send, the caching rules, the SPA fallback.
 *
 * Caching follows what the service worker needs:
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
 * The type of a file by its name. The registry names `.ico` `image/vnd.microsoft.icon`; every browser
 * knows `image/x-icon`, the type the favicon has always been served with.
 */
function contentTypeFor(file: string): string {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.ico') return 'image/x-icon';
  return contentType(extension) || 'application/octet-stream';
}

/** Precompressed siblings the build writes (`app/scripts/precompress.mjs`), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number];

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

async function fileStats(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * The compressed copy to send for the file at `urlPath`: its Brotli or gzip sibling when one exists, is
 * not older than the file (a file replaced in place, as a deploy may do, makes its copies stale) and the
 * browser takes it. Only a look-up: the request itself is judged by `send`, which refuses what tries to
 * leave the root; a path that would leave it is not even looked at here.
 */
async function compressedCopy(
  root: string,
  urlPath: string,
  acceptEncoding: string | undefined,
): Promise<Encoding | null> {
  const accepted = acceptedEncodings(acceptEncoding);
  const wanted = ENCODINGS.filter(({ name }) => accepted.has(name));
  if (wanted.length === 0) return null;
  let file: string;
  try {
    file = path.join(root, decodeURIComponent(urlPath));
  } catch {
    return null;
  }
  if (!file.startsWith(root + path.sep)) return null;
  const original = await fileStats(file);
  if (!original?.isFile()) return null;
  for (const encoding of wanted) {
    const copy = await fileStats(file + encoding.suffix);
    if (copy?.isFile() && copy.mtimeMs >= original.mtimeMs) return encoding;
  }
  return null;
}

/** What became of a request for one file: sent (or answered), or not there, or a path that is refused. */
type Outcome = 'sent' | 'missing' | 'refused';

/** Sends the file at `urlPath` (still URL-encoded, as `send` wants it), its compressed copy if it may. */
async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  urlPath: string,
  cacheControl?: string,
): Promise<Outcome> {
  const encoding = await compressedCopy(root, urlPath, req.headers['accept-encoding']);
  return new Promise((resolve) => {
    let found = false;
    const stream = send(req, encoding ? urlPath + encoding.suffix : urlPath, {
      root,
      index: false,
      cacheControl: false,
      dotfiles: 'ignore',
    });
    stream.on('headers', (_res: ServerResponse, file: string, stats: Stats) => {
      found = true;
      const original = encoding ? file.slice(0, -encoding.suffix.length) : file;
      res.setHeader(
        'Cache-Control',
        cacheControl ?? cacheControlFor(path.relative(root, original).split(path.sep).join('/')),
      );
      res.setHeader('Content-Type', contentTypeFor(original));
      // Caches must keep the compressed and plain answers apart.
      res.setHeader('Vary', 'Accept-Encoding');
      if (encoding) {
        res.setHeader('Content-Encoding', encoding.name);
        // Each encoding is its own representation, with its own validator.
        res.setHeader(
          'ETag',
          `W/"${stats.size.toString(16)}-${stats.mtime.getTime().toString(16)}-${encoding.name}"`,
        );
      }
      resolve('sent');
    });
    // A directory is no page: the SPA fallback answers it.
    stream.on('directory', () => resolve('missing'));
    stream.on('error', (error: { status?: number; headers?: Record<string, string> }) => {
      const status = error.status ?? 500;
      if (res.headersSent) {
        res.destroy();
      } else if (!found && status === 404) {
        resolve('missing');
      } else if (!found && (status === 400 || status === 403)) {
        resolve('refused');
      } else {
        // After the file was found: a failed precondition (412), an unsatisfiable range (416), a read error.
        // The file's headers were set already; the error text is none of them, and is never cached.
        for (const name of ['Content-Encoding', 'ETag', 'Last-Modified']) res.removeHeader(name);
        sendText(res, status, `${STATUS_CODES[status] ?? 'Error'}\n`, {
          ...error.headers,
          'Cache-Control': 'no-store',
        });
        resolve('sent');
      }
    });
    stream.pipe(res);
  });
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
    const rawPath = pathnameOf(req.url);
    const outcome = await sendFile(req, res, root, rawPath.endsWith('/') ? `${rawPath}index.html` : rawPath);
    if (outcome === 'sent') return;
    if (outcome === 'refused') {
      sendText(res, 400, 'Bad request path\n');
      return;
    }
    // A missing hashed asset is a stale page asking for an old build: answer 404, not HTML the browser would
    // try to run as a script.
    if (rawPath.startsWith('/assets/')) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    if ((await sendFile(req, res, root, '/index.html', REVALIDATE)) === 'sent') return;
    sendText(res, 503, `The Runsheet app is not built (no ${indexFile}). Run "pnpm build" first.\n`, {
      'Cache-Control': 'no-store',
    });
  };
}
