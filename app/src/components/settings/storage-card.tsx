/**
 * Storage on this device: how much Runsheet uses, how much the browser allows, and whether the data is
 * persistent. Persistence is asked for on a click, never on load: browsers may show a prompt, and a
 * prompt nobody asked for gets dismissed.
 */
import { HardDriveIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  formatBytes,
  readStorageStatus,
  requestPersistence,
  type StorageStatus,
} from '@/data/storage-status';

function usageText(s: StorageStatus): string {
  if (s.usage === null || s.quota === null) return 'This browser does not say how much space Runsheet uses.';
  return `${formatBytes(s.usage)} used of ${formatBytes(s.quota)} available to Runsheet on this device.`;
}

// Asked for as soon as the settings page's code loads (the router fetches it while the workspace opens),
// so the card usually renders with the answer at once: a card that grows after it is on screen pushes
// everything below it (layout shift).
let lastStatus: StorageStatus | null = null;
const early = readStorageStatus().then(
  (s) => {
    lastStatus = s;
    return s;
  },
  () => null,
);

export function StorageCard() {
  const [status, setStatus] = useState<StorageStatus | null>(lastStatus);
  const [asked, setAsked] = useState<'granted' | 'refused' | null>(null);
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    let live = true;
    // The early answer first (if it was not there at the first render), then a fresh one.
    void early.then((s) => live && s && setStatus((now) => now ?? s));
    readStorageStatus().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, []);

  async function ask() {
    setAsking(true);
    const granted = await requestPersistence();
    setAsking(false);
    setAsked(granted ? 'granted' : 'refused');
    setStatus(await readStorageStatus());
  }

  const percent =
    status?.usage != null && status.quota
      ? Math.min(100, Math.max(1, Math.round((status.usage / status.quota) * 100)))
      : 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle asChild>
          <h3 id="storage-title" className="flex items-center gap-2">
            <HardDriveIcon aria-hidden="true" className="size-4" />
            Storage on this device
          </h3>
        </CardTitle>
        <CardDescription>
          Runsheet keeps your work in this browser, so it works with no network.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {status === null ? (
          <p className="text-muted-foreground text-sm">Reading storage…</p>
        ) : !status.supported ? (
          <p className="text-sm">This browser does not report its storage. Download a backup now and then.</p>
        ) : (
          <>
            <div className="grid gap-1.5">
              <p className="text-sm" data-testid="storage-usage">
                {usageText(status)}
              </p>
              {status.quota !== null && (
                <meter
                  aria-label="Storage used"
                  min={0}
                  max={100}
                  value={percent}
                  title={usageText(status)}
                  className="h-2 w-full"
                />
              )}
            </div>
            <div className="grid gap-2">
              <p className="text-sm" data-testid="persistence-status">
                {status.persisted
                  ? 'Persistent storage is on: the browser will not clear Runsheet’s data to free space.'
                  : 'Persistent storage is off: the browser may clear Runsheet’s data when space runs low.'}
              </p>
              {!status.persisted && (
                <div>
                  <Button variant="outline" onClick={ask} disabled={asking}>
                    Ask for persistent storage
                  </Button>
                </div>
              )}
              <p role="status" className="text-sm">
                {asked === 'granted' && 'The browser granted persistent storage.'}
                {asked === 'refused' &&
                  'The browser did not grant persistent storage. Installing Runsheet as an app or bookmarking it often helps; keep a backup either way.'}
              </p>
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
