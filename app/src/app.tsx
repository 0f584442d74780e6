import type { ReleaseId } from '@runsheet/domain';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, startTransition, useEffect, useState } from 'react';
import { BootShell } from './components/layout/boot-shell';
import { TemporalDocProvider } from './components/temporal/temporal-context';
import type { AppParts } from './compose';
import { createAppRouter } from './router';
import { StorageFailure, WorkspaceProvider } from './state/workspace-context';
import { SyncProvider } from './sync/sync-context';

export { composeApp } from './compose';

const router = createAppRouter();
/**
 * How long the page's first render waits at most for the release a new page opens at: its stored copy
 * takes a few tens of milliseconds (one IndexedDB read, a parse); a device with nothing stored of it
 * renders the page around "loading" after this, as before.
 */
const FIRST_READ_WAIT_MS = 300;
// The page's own code is fetched while the workspace opens, not after: the router mounts only then.
void router.load();

/**
 * The app proper: the parts the composition root (compose.ts) makes, handed down in context — the
 * workspace (data core and write gate), sync, the temporal mirror — and the router with every page.
 */
export function App({ parts }: { parts: Promise<AppParts> }) {
  return (
    <StrictMode>
      <WhenOpen parts={parts} />
    </StrictMode>
  );
}

function WhenOpen({ parts }: { parts: Promise<AppParts> }) {
  const [open, setOpen] = useState<AppParts | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    parts
      .then(async (ready) => {
        // A new page opened at a release: the release is read (its stored copy) before the page's first
        // render, so that render draws it, instead of a render around "loading" and then another. At
        // most FIRST_READ_WAIT_MS: past that the page renders as it is and the release follows.
        const releaseId = releaseInAddress();
        if (releaseId) await Promise.race([ready.readModel.follow(releaseId), delay(FIRST_READ_WAIT_MS)]);
        return ready;
      })
      .then(
        // The whole page renders when the data is open: in slices (a transition), not one long task.
        (ready) => live && startTransition(() => setOpen(ready)),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    return () => {
      live = false;
    };
  }, [parts]);

  if (error) return <StorageFailure message={error} />;
  // Until the data is open: the shell the first paint showed, unchanged.
  if (!open) return <BootShell />;
  return (
    <WorkspaceProvider
      local={open.local}
      writesAllowed={open.writesAllowed}
      actorRole={open.actorRole}
      fetchFrozen={open.fetchFrozen}
      readModel={open.readModel}
    >
      {/* Pages and the header read sync's state; SyncProvider starts it once. */}
      <SyncProvider sync={open.sync}>
        <TemporalDocProvider open={open.temporal}>
          <RouterProvider router={router} />
        </TemporalDocProvider>
      </SyncProvider>
    </WorkspaceProvider>
  );
}

/** The release the page's address opens (any page of one release), as its route reads the id; else none. */
function releaseInAddress(): ReleaseId | undefined {
  for (const match of router.matchRoutes(router.state.location)) {
    if (match.routeId === '/releases/$releaseId') return (match.params as { releaseId: ReleaseId }).releaseId;
  }
  return undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
