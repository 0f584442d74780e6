import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { BootShell } from './components/layout/boot-shell';
import { clearDeviceData, takeClearRequest } from './lib/clear-device';
import './styles.css';
// Before zod loads with the app proper (see the module).
import './lib/zod-config';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// First paint from a small entry (React and the shell). The app proper (router, data core, sync) is
// fetched once the shell is on screen: started earlier, its requests would compete with the first
// paint for the network and the main thread. It takes over when it has arrived.
const root = createRoot(container);
flushSync(() => root.render(<BootShell />));
requestAnimationFrame(() =>
  setTimeout(() => {
    // A transition: React renders the app in slices and keeps the shell on screen until it is done,
    // instead of one long task that would block input.
    // "Sign out and clear this device" asked for a clean start: nothing has opened a database yet.
    const cleared = takeClearRequest() ? clearDeviceData().catch(() => []) : Promise.resolve([]);
    void cleared
      .then(() => import('./app'))
      .then(({ App, composeApp }) => {
        // The composition root: the app's parts, made once, in order (compose.ts).
        const parts = composeApp();
        startTransition(() => root.render(<App parts={parts} />));
      });
  }, 0),
);
