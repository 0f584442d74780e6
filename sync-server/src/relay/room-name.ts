/** One room per Yjs document: the workspace catalog, or one release. */
export const ROOM_NAME_PATTERN = /^(catalog|release:[A-Za-z0-9_-]{1,64})$/;

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
