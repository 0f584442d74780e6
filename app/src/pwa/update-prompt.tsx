import { useRegisterSW } from 'virtual:pwa-register/react';
import { useEffect } from 'react';
import { showUpdateToast } from './update-toast';

/** A tab can stay open for days in a release window: look for a new version every hour as well. */
const UPDATE_CHECK_INTERVAL_MS = 60 * 60 * 1000;

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
  });

  useEffect(() => {
    if (!needRefresh) return;
    // updateServiceWorker() tells the waiting worker to take over; the page reloads once it controls.
    const handle = showUpdateToast(() => void updateServiceWorker(true));
    return () => handle.dismiss();
  }, [needRefresh, updateServiceWorker]);

  return null;
}
