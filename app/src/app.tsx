import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createAppRouter } from './router';
import { WorkspaceProvider } from './state/workspace-context';
import { SyncProvider } from './sync/sync-context';

const router = createAppRouter();

/** The app proper: the workspace (data core), sync, and the router with every page. */
export function App() {
  return (
    <StrictMode>
      <WorkspaceProvider>
        {/* Sync connects the workspace's documents; pages and the header read its state. */}
        <SyncProvider>
          <RouterProvider router={router} />
        </SyncProvider>
      </WorkspaceProvider>
    </StrictMode>
  );
}
