/**
 * The plain DomainState (the workspace's mirror of its documents), with the given release documents
 * loaded, and a version that moves on every change of an open document. The mirrors update the state
 * object in place, so the version is what tells React and useMemo to read it again.
 */
import type { DomainState, ReleaseId } from '@runsheet/domain';
import { useEffect, useReducer, useState } from 'react';
import { useWorkspace } from '@/state/workspace-context';

export function useLiveState(releaseId?: ReleaseId): { state: DomainState | null; version: number } {
  const { local } = useWorkspace();
  const [ready, setReady] = useState(() => !releaseId || local.workspace.isOpen(releaseId));
  const [version, bump] = useReducer((n: number) => n + 1, 0);

  useEffect(() => local.workspace.subscribe(bump), [local]);

  useEffect(() => {
    if (!releaseId) return;
    let live = true;
    local.openRelease(releaseId).then(
      () => {
        if (!live) return;
        setReady(true);
        bump();
      },
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [local, releaseId]);

  return { state: ready ? local.state : null, version };
}
