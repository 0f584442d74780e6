/**
 * Why the relay refused a client's change while keeping its connection open: the reason of the y-protocols
 * "permission denied" message it sends once per connection. The client keeps receiving live updates, and
 * keeps the refused change on the device, waiting.
 */
export const WriteRefusal = {
  /** The account may only read (a viewer), or the room is one only the server writes. */
  READ_ONLY: 'read-only',
  /**
   * SE-16: the room's stored state is as large as the relay allows (RELAY_MAX_ROOM_BYTES) even after a
   * compaction. Reading goes on; an admin may raise the limit.
   */
  ROOM_FULL: 'room-full',
} as const;

export type WriteRefusalReason = (typeof WriteRefusal)[keyof typeof WriteRefusal];
