import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppRouter } from './router';
import { WorkspaceProvider } from './state/workspace-context';
import { SyncProvider } from './sync/sync-context';
import './styles.css';

const router = createAppRouter();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <WorkspaceProvider>
      {/* Sync connects the workspace's documents; pages and the header read its state. */}
      <SyncProvider>
        <RouterProvider router={router} />
      </SyncProvider>
    </WorkspaceProvider>
  </StrictMode>,
);
