/**
 * The rollout of one release (waves, gates, halt), live from its read-model view like its progress.
 * Soaks end by the clock alone, so the status is also recomputed every half minute while a page shows it.
 */
import {
  currentHalt,
  type ReleaseId,
  type RolloutEntry,
  type RolloutStatus,
  readRolloutLog,
  rolloutHistory,
  rolloutStatus,
} from '@runsheet/domain';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useReleaseView } from './hooks.ts';

const TICK_MS = 30_000;

/** The current time, renewed every `ms` (for soak countdowns). */
export function useNow(ms = TICK_MS): string {
  const [now, setNow] = useState(() => new Date().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date().toISOString()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** WV-04..WV-09 as the release page shows them; undefined while the release loads. */
export function useRolloutStatus(releaseId: ReleaseId): RolloutStatus | undefined {
  const view = useReleaseView(releaseId);
  const now = useNow();
  const version = useDeferredValue(view.version);
  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  return useMemo(
    () => (state ? rolloutStatus(state, releaseId, { now }) : undefined),
    [state !== null, version, releaseId, now],
  );
}

/** The rollout's own history (sign-offs, openings, halts, resumes), flagged entries included (MR-08). */
export function useRolloutHistory(releaseId: ReleaseId): RolloutEntry[] {
  const view = useReleaseView(releaseId);
  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  return useMemo(
    () => (state ? rolloutHistory(state, releaseId) : []),
    [state !== null, view.version, releaseId],
  );
}

export interface HaltShown {
  byName: string;
  reason: string;
  at: string;
}

/** The halt in force (WV-08, MR-10), read from the rollout's history alone: cheap enough for a header. */
export function useRolloutHalt(releaseId: ReleaseId): HaltShown | null {
  const view = useReleaseView(releaseId);
  const doc = view.status === 'ready' ? view.state.releases[releaseId] : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  return useMemo(() => {
    if (!doc) return null;
    const halt = currentHalt(readRolloutLog(doc.events));
    return halt ? { byName: halt.byName, reason: halt.detail.reason ?? '', at: halt.at } : null;
  }, [doc, view.version]);
}
