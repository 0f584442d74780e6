/**
 * The `temporal` document on this device: the read-only mirror of the Temporal release workflows that the
 * server's bridge writes. It is kept in its own small IndexedDB database (so the release projection never
 * sees it) and synced from the relay's `temporal` room, so the list and trees show offline too, with the
 * mirror's age.
 *
 * The composition root (compose.ts) opens it on first use and has the sync layer follow it
 * (SyncManager.follow): it connects under the same rules as every other document (signed in, sync not
 * paused, online), so "Pause sync" and local-only mode hold for it too.
 */
import { Dexie, type EntityTable } from 'dexie';
import * as Y from 'yjs';
import { STORAGE_ORIGIN } from './local-data.ts';

interface UpdateRow {
  seq?: number;
  update: Uint8Array;
}

class TemporalDB extends Dexie {
  updates!: EntityTable<UpdateRow, 'seq'>;
  constructor() {
    super('runsheet-temporal');
    this.version(1).stores({ updates: '++seq' });
  }
}

const COMPACT_AFTER = 50;
const ROOM = 'temporal';

export interface TemporalDocHandle {
  doc: Y.Doc;
  /** Resolves once what this device stored is in the document (before the relay answers). */
  loaded: Promise<void>;
  /** Counts the document's updates: the snapshot React hooks compare. */
  version: number;
}

/** Keeps a document synced from the relay's room (the sync layer's SyncManager.follow). */
export type FollowDocument = (room: string, doc: Y.Doc) => void;

async function persist(doc: Y.Doc, db: TemporalDB): Promise<void> {
  const rows = await db.updates.toArray();
  if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)), STORAGE_ORIGIN);
  let stored = rows.length;
  // The server sends only what changed; appends are small, and merged now and then.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    // Updates read back from IndexedDB are stored already (and the sync layer does not count them as local).
    if (origin === STORAGE_ORIGIN) return;
    stored++;
    void db.transaction('rw', db.updates, async () => {
      await db.updates.add({ update });
      if (stored > COMPACT_AFTER) {
        const all = await db.updates.toArray();
        await db.updates.clear();
        await db.updates.add({ update: Y.mergeUpdates(all.map((r) => r.update)) });
        stored = 1;
      }
    });
  });
}

/**
 * Opens the temporal document: loaded from IndexedDB, then kept live by the relay through `follow`.
 * The composition root calls it once per tab, on first use.
 */
export function openTemporalDoc(follow: FollowDocument): TemporalDocHandle {
  const doc = new Y.Doc();
  const handle: TemporalDocHandle = { doc, loaded: Promise.resolve(), version: 0 };
  // The first listener, so the count has moved before any hook is told of the update.
  doc.on('update', () => {
    handle.version++;
  });
  handle.loaded =
    typeof indexedDB === 'undefined' ? Promise.resolve() : persist(doc, new TemporalDB()).catch(() => {});
  // Follow after the stored state is in, so the first sync asks only for what is new.
  void handle.loaded.then(() => follow(ROOM, doc));
  return handle;
}
