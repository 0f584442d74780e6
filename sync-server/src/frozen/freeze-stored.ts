/**
 * The one computation of a relay's snapshot (FZ-06): a release room's stored updates, applied to a fresh
 * document, read as the app reads it (ReleaseMirror) and frozen with packages/doc `freezeRelease`. Pure:
 * it runs in the freeze worker (freeze-worker.ts), or in-process where there is no worker file (tests
 * that run the TypeScript sources).
 */
import { freezeRelease, ReleaseMirror } from '@runsheet/doc';
import type { ReleaseId } from '@runsheet/domain';
import * as Y from 'yjs';

export function freezeStored(updates: readonly Uint8Array[], releaseId: ReleaseId): Uint8Array {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    const mirror = new ReleaseMirror(doc, releaseId);
    try {
      return freezeRelease(mirror.state);
    } finally {
      mirror.destroy();
    }
  } finally {
    doc.destroy();
  }
}
