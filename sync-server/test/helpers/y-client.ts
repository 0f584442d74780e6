import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface StockClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves on the first close the server sends: its code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves when the client gives up for good (a 44xx close code): its `closed` event. */
  gaveUp: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/**
 * The stock y-websocket client, as the app uses it. `disableBc`: Node 20 has a global BroadcastChannel, and
 * clients in one process would otherwise sync with each other without the relay.
 */
export function stockClient(
  baseUrl: string,
  room: string,
  options: { params?: Record<string, string>; doc?: Y.Doc; headers?: Record<string, string> } = {},
): StockClient {
  const doc = options.doc ?? new Y.Doc();
  const headers = options.headers;
  // A browser sends the session cookie by itself; in Node a socket subclass adds the headers.
  const Socket =
    headers === undefined
      ? WebSocket
      : class extends WebSocket {
          constructor(url: string, protocols?: string | string[]) {
            super(url, protocols, { headers });
          }
        };
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: Socket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: options.params ?? {},
    maxBackoffTime: 200,
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('connection-close', (event) => {
      if (event) resolve({ code: event.code, reason: event.reason });
    });
  });
  const gaveUp = new Promise<{ code: number; reason: string }>((resolve) => {
    provider.on('closed', (event) => resolve({ code: event.code, reason: event.reason }));
  });
  return {
    doc,
    provider,
    closed,
    gaveUp,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(client: StockClient): Promise<void> {
  if (client.provider.synced) return;
  await new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      client.provider.off('sync', onSync);
      resolve();
    };
    client.provider.on('sync', onSync);
  });
}

/** Resolves once `predicate(doc)` holds, re-checking after every update the doc receives. */
export async function until(doc: Y.Doc, predicate: (doc: Y.Doc) => boolean): Promise<void> {
  if (predicate(doc)) return;
  await new Promise<void>((resolve) => {
    const check = () => {
      if (!predicate(doc)) return;
      doc.off('afterTransaction', check);
      resolve();
    };
    doc.on('afterTransaction', check);
  });
}
