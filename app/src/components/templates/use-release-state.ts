/**
 * The plain DomainState with one release document open in it, for what the projection does not hold:
 * the previews of a template edit or delete, computed by the domain from the release's step states.
 * Re-renders on every change of an open document, so a preview follows edits made in other tabs too.
 */
import type { DomainState, ReleaseId } from '@runsheet/domain';
import { useEffect, useReducer, useState } from 'react';
import { useWorkspace } from '@/state/workspace-context';

export function useReleaseState(releaseId: ReleaseId): DomainState | null {
  const { local } = useWorkspace();
  const [open, setOpen] = useState(() => local.workspace.isOpen(releaseId));
  // The mirrors update the state object in place; this only tells React to read it again.
  const [, changed] = useReducer((n: number) => n + 1, 0);

  useEffect(() => local.workspace.subscribe(changed), [local]);

  useEffect(() => {
    let live = true;
    local.openRelease(releaseId).then(
      () => live && setOpen(true),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [local, releaseId]);

  return open ? local.state : null;
}
