/**
 * Settings › Your data: storage on this device, backup and restore, CSV in and out. Its own section so
 * other settings sections (sync, account, audit) live beside it without touching it.
 */
import { BackupCard } from './backup-card';
import { CsvCard } from './csv-card';
import { StorageCard } from './storage-card';

export function DataSection() {
  return (
    <section aria-labelledby="settings-data" className="grid gap-4">
      <div className="grid gap-1">
        <h2 id="settings-data" className="font-semibold text-xl tracking-tight">
          Your data
        </h2>
        <p className="text-muted-foreground text-sm">
          It lives in this browser. Keep a backup: it restores everything, here or on another device.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <StorageCard />
        <BackupCard />
        <CsvCard />
      </div>
    </section>
  );
}
