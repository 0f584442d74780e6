import { catalogRoots } from '@runsheet/doc';
import * as Y from 'yjs';
import type { RoomName } from '../../src/relay/room-name.ts';
import type { RunsheetServer } from '../../src/server.ts';

/**
 * Lists `ids` in the server's catalog (a bare entry with a name), so that signed-in clients may open their
 * rooms (SE-04). For relay tests about syncing, not about releases; those seed real ones (seed.ts).
 */
export async function knownReleases(server: RunsheetServer, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const { room, release } = await server.relay.hold('catalog' as RoomName);
  try {
    const { releases } = catalogRoots(room.doc);
    room.doc.transact(() => {
      for (const id of ids) {
        if (releases.has(id)) continue;
        const fields = new Y.Map<unknown>();
        fields.set('name', id);
        releases.set(id, fields);
      }
    });
    await room.persisted();
  } finally {
    release();
  }
}
