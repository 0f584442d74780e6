import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect } from 'react';
import { showUpdateToast } from './update-toast';

/** A tab can stay open for days in a release window: look for a new version every hour as well. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

let reloading = false;
/** Reload once, however many signals say "the new version is in control". */
function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

/** Registers the service worker and offers "Update available -> Reload" when a new version waits. */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        // A failed check (offline) is normal here; the next one will try again.
        registration.update().catch(() => undefined);
      }, UPDATE_CHECK_INTERVAL_MS);
    },
    onRegisterError(error: unknown) {
      console.error('Service worker registration failed; offline use is unavailable.', error);
    },
    // The plugin's own reload (when another tab activated the update) goes through the same guard.
    onNeedReload: reloadOnce,
  });

  useEffect(() => {
    if (!needRefresh) return;
    const handle = showUpdateToast(() => {
      // The plugin reloads on its own only if this tab was already controlled when it loaded; a tab whose
      // first visit installed the worker would wait forever. So watch for the hand-over here as well.
      navigator.serviceWorker.addEventListener('controllerchange', reloadOnce, { once: true });
      // Tells the waiting worker to skip waiting; it activates and claims this tab.
      void updateServiceWorker(true);
    });
    return () => handle.dismiss();
  }, [needRefresh, updateServiceWorker]);

  return null;
}
