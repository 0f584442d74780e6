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
    parts.then(
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
