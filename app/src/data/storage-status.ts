/**
 * What the browser says about this site's storage: how much is used, how much is available, and whether
 * it is persistent (not cleared by the browser under storage pressure). docs/ARCHITECTURE.md "Offline and
 * devices": ask for persistence, show usage. Every call tolerates a browser without the StorageManager API.
 */

export interface StorageStatus {
  supported: boolean;
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

type StorageManagerLike = Pick<StorageManager, 'estimate' | 'persisted' | 'persist'>;

function manager(): StorageManagerLike | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export async function readStorageStatus(
  storage: StorageManagerLike | null = manager(),
): Promise<StorageStatus> {
  if (!storage) return { supported: false, usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    storage.estimate().catch(() => null),
    storage.persisted().catch(() => null),
  ]);
  return { supported: true, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Asks for persistent storage; the browser decides (and may decide without asking the person). */
export async function requestPersistence(
  storage: StorageManagerLike | null = manager(),
): Promise<boolean | null> {
  if (!storage) return null;
  return storage.persist().catch(() => false);
}

/** 1234567 -> "1.2 MB" (powers of 1024, as the browser counts). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}
