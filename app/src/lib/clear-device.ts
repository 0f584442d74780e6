/**
 * "Sign out and clear this device" (SE-12): on a shared tablet, signing out must be able to leave nothing
 * of the workspace behind. The page that asks has its databases open (Dexie, the documents' stores), and
 * deleting an IndexedDB database waits for every connection to close, so the request is written down and
 * the clearing happens at the next start of the page, before anything opens a database (main.tsx).
 * Other tabs close their connections when the deletion asks them to (Dexie does on `versionchange`).
 *
 * Plain browser APIs only: this runs before the app is loaded.
 */

const REQUEST_KEY = 'runsheet-clear-device';

/** Asks the next start of the page to clear this device; the caller then reloads. */
export function requestClearDevice(storage: Storage = sessionStorage): void {
  storage.setItem(REQUEST_KEY, '1');
}

/** True (once) when the page was asked to clear this device. */
export function takeClearRequest(storage: Storage = sessionStorage): boolean {
  const asked = storage.getItem(REQUEST_KEY) === '1';
  if (asked) storage.removeItem(REQUEST_KEY);
  return asked;
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
    // `blocked` is not an end: the deletion goes on once the other tabs have closed their connections.
  });
}

/**
 * Deletes every IndexedDB database of this origin and empties its local and session storage (drafts,
 * the theme, the remembered session). Returns the names of the databases deleted.
 */
export async function clearDeviceData(
  factory: IDBFactory = indexedDB,
  storages: Storage[] = [localStorage, sessionStorage],
): Promise<string[]> {
  const names = ((await factory.databases?.()) ?? [])
    .map((db) => db.name)
    .filter((name): name is string => typeof name === 'string');
  await Promise.all(names.map((name) => deleteDatabase(factory, name)));
  for (const storage of storages) storage.clear();
  return names;
}
