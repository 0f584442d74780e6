/**
 * The status matrix of an open release, kept current change by change (live-matrix-keeper.ts): a status
 * change patches the few cells it touched; anything else recomputes the whole matrix with the domain's
 * stepStatusMatrix, so the domain stays the one definition of what a cell shows; a large release is
 * recomputed in slices (RM-06), never in one long render.
 */
import type { ClusterId, ReleaseId, StatusMatrix } from '@runsheet/domain';
import { useEffect, useMemo, useState } from 'react';
import { nextTask, type ReleaseRead, useReadModel } from '@/data';
import { LiveMatrixKeeper } from './live-matrix-keeper';

export { patchable, patchMatrix } from './matrix-patch';

/**
 * The release's matrix from its read-model view (undefined while it loads), patched change by change:
 * the first paint comes from whatever source the view has (the stored copy of the release, or its
 * document), and a source switch recomputes it.
 */
export function useLiveMatrix(
  view: ReleaseRead,
  releaseId: ReleaseId,
  clusterId: ClusterId | undefined,
): StatusMatrix | undefined {
  const model = useReadModel();
  // Bumped when a matrix computed in slices is ready, so the view renders again to take it.
  const [ready, setReady] = useState(0);
  const [keeper] = useState(
    () => new LiveMatrixKeeper({ onReady: () => setReady((n) => n + 1), pause: nextTask }),
  );
  useEffect(() => () => keeper.destroy(), [keeper]);

  useEffect(() => {
    keeper.invalidate();
    return model.subscribeChanges(releaseId, (change) => keeper.note(change));
  }, [model, keeper, releaseId]);

  const state = view.status === 'ready' ? view.state : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable state, `ready` for a sliced matrix that arrived.
  return useMemo(
    () => keeper.current(state, releaseId, clusterId),
    [keeper, state, view.version, releaseId, clusterId, ready],
  );
}
