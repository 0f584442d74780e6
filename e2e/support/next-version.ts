import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2E_STATIC_DIR } from './paths';

/**
 * Turns the hosted build into "the next version" in place, the way a deploy would: index.html changes
 * (it gains a `runsheet-build` meta tag) and sw.js carries the new precache revision for it, so the browser
 * sees a changed service worker, installs it, and it waits. Returns how to put the original back.
 */
export function publishNextVersion(staticDir = E2E_STATIC_DIR): { marker: string; restore: () => void } {
  const indexPath = join(staticDir, 'index.html');
  const swPath = join(staticDir, 'sw.js');
  const originalIndex = readFileSync(indexPath, 'utf8');
  const originalSw = readFileSync(swPath, 'utf8');

  const marker = `next-${Date.now()}`;
  const nextIndex = originalIndex.replace(
    '<head>',
    `<head>\n    <meta name="runsheet-build" content="${marker}" />`,
  );
  const oldRevision = createHash('md5').update(originalIndex).digest('hex');
  const newRevision = createHash('md5').update(nextIndex).digest('hex');
  if (!originalSw.includes(oldRevision)) {
    throw new Error(
      'sw.js does not list index.html with its md5 revision; the workbox manifest format changed',
    );
  }

  writeFileSync(indexPath, nextIndex);
  writeFileSync(swPath, originalSw.replaceAll(oldRevision, newRevision));
  return {
    marker,
    restore: () => {
      writeFileSync(indexPath, originalIndex);
      writeFileSync(swPath, originalSw);
    },
  };
}
