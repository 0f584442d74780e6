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
import { useDeferredValue, useEffect, useMemo } from 'react';
import { useReadModel, useReleaseView } from './hooks.ts';
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
    keeper.invalidate();
    return model.subscribeChanges(releaseId, (change) => keeper.note(change));
  }, [model, keeper, releaseId]);
  const version = useDeferredValue(view.version);
  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state.
  return useMemo(() => (state ? keeper.current(state) : undefined), [keeper, state !== null, version]);
}
