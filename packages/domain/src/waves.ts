/**
 * Which wave each customer is in (WV-01, WV-02). The live waves are sorted by (order, id) like any
 * ordered list (ID-03). A customer is in the wave its `waveMembers` entry names when that wave is live;
 * otherwise (never assigned, or its wave was deleted, maybe on another device) it is in the LAST wave,
 * so after any merge every customer is in exactly one wave and no customer is left out of the rollout.
 */
import type { Wave } from './entities/wave.ts';
import type { CustomerId, WaveId } from './ids.ts';
import { sortOrdered } from './ordering.ts';
import type { ReleaseState } from './state.ts';

/** The waves that are not deleted, in rollout order. Empty: the release has no waves (no gating). */
export function liveWaves(doc: ReleaseState): Wave[] {
  return sortOrdered(Object.values(doc.waves).filter((w) => w.deletedAt === null));
}

/** The wave a customer is in, given the live waves; null when there are none. */
export function waveOfCustomer(
  doc: ReleaseState,
  live: readonly Wave[],
  customerId: CustomerId,
): Wave | null {
  const assigned = doc.waveMembers[customerId];
  const wave = assigned ? doc.waves[assigned] : undefined;
  if (wave && wave.deletedAt === null) return wave;
  return live[live.length - 1] ?? null;
}

/** The release's participants grouped by wave, in the waves' order (every live wave has an entry). */
export function participantsByWave(doc: ReleaseState, live: readonly Wave[]): Map<WaveId, CustomerId[]> {
  const out = new Map<WaveId, CustomerId[]>(live.map((w) => [w.id, []]));
  if (live.length === 0) return out;
  for (const customerId of Object.keys(doc.participants).sort() as CustomerId[]) {
    const wave = waveOfCustomer(doc, live, customerId);
    if (wave) out.get(wave.id)?.push(customerId);
  }
  return out;
}
