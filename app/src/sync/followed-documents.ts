/**
 * Documents only the server writes (the Temporal mirror) that a feature keeps on this device and wants
 * kept in step with the relay. The feature hands its document over here whenever it creates it; the sync
 * layer, once started, follows every document handed over (SyncManager.follow), so the feature never
 * needs to know whether or when sync exists.
 */
import type * as Y from 'yjs';

export type FollowDocument = (room: string, doc: Y.Doc) => () => void;

const documents = new Map<string, Y.Doc>();
const stops = new Map<string, () => void>();
let follower: FollowDocument | null = null;

/** Keeps `doc` (room `room`) synced from the relay whenever sync is on. One document per room. */
export function followServerDocument(room: string, doc: Y.Doc): void {
  if (documents.get(room) === doc) return;
  stops.get(room)?.();
  stops.delete(room);
  documents.set(room, doc);
  if (follower) stops.set(room, follower(room, doc));
}

/** Called by the sync layer when it starts (`null` when it stops). */
export function bindDocumentFollower(follow: FollowDocument | null): void {
  for (const stop of stops.values()) stop();
  stops.clear();
  follower = follow;
  if (!follow) return;
  for (const [room, doc] of documents) stops.set(room, follow(room, doc));
}
