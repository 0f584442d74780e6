/**
 * Whether a release's steps are locked by its rollout (WV-05, WV-08), per customer. A release that never
 * had waves nor a halt costs one look at its history; otherwise the rollout is computed once per call
 * and every customer is answered from it (a customer's list asks for each of its steps).
 */
import {
  type CustomerId,
  type DomainState,
  isRolloutEvent,
  type ReleaseId,
  rolloutStatus,
} from '@runsheet/domain';
import { stepLockText } from './rollout-text';

export type LockOf = (customerId: CustomerId) => string | null;

const NO_LOCK: LockOf = () => null;

export function rolloutLocks(state: DomainState, releaseId: ReleaseId, now: string): LockOf {
  const doc = state.releases[releaseId];
  if (!doc) return NO_LOCK;
  const quiet =
    Object.keys(doc.waves).length === 0 &&
    !doc.events.some((e) => e.kind === 'rollout-halted' && isRolloutEvent(e));
  if (quiet) return NO_LOCK;
  const status = rolloutStatus(state, releaseId, { now });
  return (customerId) => stepLockText(status, customerId);
}
