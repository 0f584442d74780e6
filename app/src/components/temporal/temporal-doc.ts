/**
 * The `temporal` document on this device: the read-only mirror of the Temporal release workflows that the
 * server's bridge writes. It is kept in its own small IndexedDB database (so the release projection never
 * sees it) and synced from the relay's `temporal` room, so the list and trees show offline too, with the
 * mirror's age.
 *
 * Until the app-wide sync layer (feat/sync) lands, this module connects its own stock y-websocket provider;
 * the relay authenticates it with the session cookie. When that layer arrives, hand it this document.
 */
import { Dexie, type EntityTable } from 'dexie';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

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

/** Updates read back from IndexedDB: stored already. */
const STORAGE = { source: 'indexeddb' } as const;
const COMPACT_AFTER = 50;

export interface TemporalDocHandle {
  doc: Y.Doc;
  /** Resolves once what this device stored is in the document (before the relay answers). */
  loaded: Promise<void>;
  provider: WebsocketProvider | null;
  /** Counts the document's updates: the snapshot React hooks compare. */
  version: number;
}

let handle: TemporalDocHandle | null = null;

async function persist(doc: Y.Doc, db: TemporalDB): Promise<void> {
  const rows = await db.updates.toArray();
  if (rows.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)), STORAGE);
  let stored = rows.length;
  // The server sends only what changed; appends are small, and merged now and then.
  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === STORAGE) return;
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

function connect(doc: Y.Doc): WebsocketProvider | null {
  if (typeof window === 'undefined' || typeof WebSocket === 'undefined') return null;
  const url = `${window.location.origin.replace(/^http/, 'ws')}/sync`;
  const provider = new WebsocketProvider(url, 'temporal', doc, { maxBackoffTime: 5_000 });
  // The relay closes 44xx (signed out, say) and the provider stops; try again when the page comes back.
  const retry = () => {
    if (!provider.wsconnected && !provider.wsconnecting) provider.connect();
  };
  window.addEventListener('online', retry);
  window.addEventListener('focus', retry);
  return provider;
}

/** The one temporal document of this tab: loaded from IndexedDB, then kept live by the relay. */
export function temporalDoc(): TemporalDocHandle {
  if (handle) return handle;
  const doc = new Y.Doc();
  // The first listener, so the count has moved before any hook is told of the update.
  doc.on('update', () => {
    if (handle) handle.version++;
  });
  const loaded =
    typeof indexedDB === 'undefined' ? Promise.resolve() : persist(doc, new TemporalDB()).catch(() => {});
  handle = { doc, loaded, provider: null, version: 0 };
  // Connect after the stored state is in, so the first sync sends only what is new.
  void loaded.then(() => {
    if (handle) handle.provider = connect(doc);
  });
  return handle;
}
