import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { BootShell } from './components/layout/boot-shell';
import { createAppRouter } from './router';
import { WorkspaceProvider } from './state/workspace-context';
import { SyncProvider } from './sync/sync-context';

const router = createAppRouter();
// The page's own code is fetched while the workspace opens, not after: the router mounts only then.
void router.load();

/** The app proper: the workspace (data core), sync, and the router with every page. */
export function App() {
  return (
    <StrictMode>
      {/* Until the data is open: the shell the first paint showed, unchanged. */}
      <WorkspaceProvider opening={<BootShell />}>
        {/* Sync connects the workspace's documents; pages and the header read its state. */}
        <SyncProvider>
          <RouterProvider router={router} />
        </SyncProvider>
      </WorkspaceProvider>
    </StrictMode>
  );
}
