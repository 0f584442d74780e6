/**
 * What release pages read of one release, derived from its read-model view (hooks.ts useReleaseView):
 * its templates, participants and progress come from the same ReleaseState as its matrix and steps.
 * Each returns undefined while the release loads.
 */
import {
  type CustomerId,
  type ProgressOptions,
  type ReleaseId,
  type ReleaseProgress,
  type StepCategory,
  type StepTemplate,
  sortOrdered,
} from '@runsheet/domain';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { idleTask } from '../next-task.ts';
import { useReadModel, useReleaseView, useReleaseViews } from './hooks.ts';
import { ProgressKeeper } from './progress-keeper.ts';

export type TemplatesByCategory = Record<StepCategory, StepTemplate[]>;

/** The live (not deleted) template steps of a release, per category, in execution order (ID-03). */
export function useTemplates(releaseId: ReleaseId): TemplatesByCategory | undefined {
  const view = useReleaseView(releaseId);
  const doc = view.status === 'ready' ? view.state.releases[releaseId] : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  return useMemo(() => {
    if (!doc) return undefined;
    const live = sortOrdered(Object.values(doc.templates).filter((t) => t.deletedAt === null));
    return {
      deploy: live.filter((t) => t.category === 'deploy'),
      verify: live.filter((t) => t.category === 'verify'),
    };
  }, [doc, view.version]);
}

/** The customers taking part in a release. */
export function useParticipantIds(releaseId: ReleaseId): ReadonlySet<CustomerId> | undefined {
  const view = useReleaseView(releaseId);
  const doc = view.status === 'ready' ? view.state.releases[releaseId] : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: as above.
  return useMemo(
    () => (doc ? new Set(Object.keys(doc.participants) as CustomerId[]) : undefined),
    [doc, view.version],
  );
}

/** How long a release page's first progress count waits at most for the page to be idle (RM-08). */
const FIRST_COUNT_WAITS_MS = 1000;

/**
 * FET-005: progress overall, per category, per cluster and per customer (domain `releaseProgress`),
 * kept change by change (PR-09, progress-keeper.ts). It follows a change a render later
 * (useDeferredValue): the cell a person clicked is drawn first, and a change that needs a whole count
 * (templates, participants, the catalog) never holds it up.
 */
export function useReleaseProgress(
  releaseId: ReleaseId,
  options: ProgressOptions = {},
): ReleaseProgress | undefined {
  const model = useReadModel();
  const view = useReleaseView(releaseId);
  const { includeArchivedCustomers } = options;
  const keeper = useMemo(
    () => new ProgressKeeper(releaseId, { includeArchivedCustomers }),
    [releaseId, includeArchivedCustomers],
  );
  useEffect(() => {
    keeper.invalidate(model.release(releaseId).version);
    return model.subscribeChanges(releaseId, (change) => keeper.note(change));
  }, [model, keeper, releaseId]);
  // RM-08: the first count (over 100 ms for a finished release of 50,000 steps) waits until the release
  // is there and the page has been idle once, so the matrix computed from it is painted first; after
  // that every count is deferred (-1 until then). Deferring only the version let the render that
  // brought the release count it, before the matrix (the version moves while the release loads).
  const ready = view.status === 'ready';
  // Per release: a page that moves to another release waits again for its first count.
  const [settledFor, setSettledFor] = useState<ReleaseId | null>(null);
  const settled = settledFor === releaseId;
  useEffect(() => {
    if (!ready || settled) return;
    let live = true;
    void idleTask(FIRST_COUNT_WAITS_MS).then(() => {
      if (live) setSettledFor(releaseId);
    });
    return () => {
      live = false;
    };
  }, [ready, settled, releaseId]);
  const version = useDeferredValue(ready && settled ? view.version : -1, -1);
  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state (and its source).
  return useMemo(
    () =>
      state && version >= 0
        ? keeper.current(state, view.version, view.status === 'ready' ? view.source : undefined)
        : undefined,
    [keeper, version],
  );
}

/**
 * The progress of several releases (the dashboard's active releases), each kept step by step (PR-09):
 * a change of one release recounts only its own touched steps, never every release again.
 */
export function useReleasesProgress(
  releaseIds: readonly ReleaseId[],
): ReadonlyMap<ReleaseId, ReleaseProgress> {
  const model = useReadModel();
  const live = useReleaseViews(releaseIds);
  const key = releaseIds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `releaseIds`.
  const keepers = useMemo(
    () => new Map(releaseIds.map((id) => [id, new ProgressKeeper(id)] as const)),
    [key],
  );
  useEffect(() => {
    const offs = [...keepers].map(([id, keeper]) => {
      keeper.invalidate();
      return model.subscribeChanges(id, (change) => keeper.note(change));
    });
    return () => {
      for (const off of offs) off();
    };
  }, [model, keepers]);
  const version = useDeferredValue(live.version);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  return useMemo(() => {
    const out = new Map<ReleaseId, ReleaseProgress>();
    for (const [id, keeper] of keepers) {
      const read = model.release(id);
      if (live.state.releases[id] && read.status === 'ready')
        out.set(id, keeper.current(live.state, read.version, read.source));
    }
    return out;
  }, [model, keepers, version]);
}
