/**
 * Thaws a frozen snapshot on the relay without holding its event loop: `thawParts` reads a part of rows,
 * then this yields to the loop (setImmediate) before the next, so sockets, pings and other requests are
 * served between parts. A 50,000-done release read in one call held the loop 0.3 to 1.4 s (FZ-11).
 */
import { thawParts } from '@runsheet/doc';
import type { ReleaseState } from '@runsheet/domain';

/** Rows per part: about 10 to 30 ms of a loaded core for step states or events of a large release. */
export const THAW_ROWS_PER_PART = 2_500;

export async function thawInSlices(
  bytes: Uint8Array,
  rowsPerPart = THAW_ROWS_PER_PART,
): Promise<ReleaseState> {
  const parts = thawParts(bytes, rowsPerPart);
  for (;;) {
    const next = parts.next();
    if (next.done) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
