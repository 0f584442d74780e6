/**
 * One room per Yjs document: the workspace catalog, one release, or `temporal`, the read-only mirror of the
 * Temporal release workflows (written only by the server's bridge, see src/temporal/).
 */
export const ROOM_NAME_PATTERN = /^(catalog|temporal|release:[A-Za-z0-9_-]{1,64})$/;

/** The room of the Temporal mirror. */
export const TEMPORAL_ROOM = 'temporal';

/**
 * Rooms only the server writes. Clients of every role are served them (sync and live updates) but their
 * changes are refused, exactly like a viewer's: the mirror must equal what Temporal said, nothing else.
 */
export function isServerWrittenRoom(name: string): boolean {
  return name === TEMPORAL_ROOM;
}

export type RoomName = string & { readonly __brand: 'RoomName' };

export function parseRoomName(value: string): RoomName | null {
  return ROOM_NAME_PATTERN.test(value) ? (value as RoomName) : null;
}

/**
 * The room of an upgrade path `/sync/<room>`. The stock client appends the room name to the server URL as
 * is, but a browser or proxy may percent-encode the colon, so the segment is decoded once.
 * Returns undefined when the path is not under `/sync/` at all, null when the name is invalid.
 */
export function roomFromPath(pathname: string): RoomName | null | undefined {
  const prefix = '/sync/';
  if (!pathname.startsWith(prefix)) return undefined;
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  return parseRoomName(name);
}
