/**
 * Two devices in one test: two browser contexts, each with its own IndexedDB, that know nothing of each
 * other until `deliverCatalog` hands one device's stored catalog updates to the other. Delivery uses
 * the app's tab channel (BroadcastChannel "runsheet-docs"), which applies a Yjs update exactly as a
 * sync from the relay would: merge into the document, mirror, projection, views. That is how work
 * made "while apart" meets, duplicates included.
 */
import type { Page } from '@playwright/test';

/** Every stored Yjs update of the catalog document on this device, as plain byte arrays. */
async function storedCatalogUpdates(page: Page): Promise<number[][]> {
  return page.evaluate(
    () =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open('runsheet');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('docUpdates').objectStore('docUpdates').getAll();
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            const rows = read.result as Array<{ docName: string; update: Uint8Array }>;
            db.close();
            resolve(rows.filter((r) => r.docName === 'catalog').map((r) => Array.from(r.update)));
          };
        };
      }),
  );
}

/**
 * Brings `to` everything `from` has stored of the catalog (updates are idempotent: resending is fine).
 * Delivery is asynchronous: wait for `to` to show the result before reloading or leaving it.
 */
export async function deliverCatalog(from: Page, to: Page): Promise<void> {
  const updates = await storedCatalogUpdates(from);
  if (updates.length === 0) throw new Error('the sending device has stored nothing yet');
  await to.evaluate((all) => {
    const channel = new BroadcastChannel('runsheet-docs');
    for (const bytes of all)
      channel.postMessage({ kind: 'update', docName: 'catalog', update: new Uint8Array(bytes) });
    channel.close();
  }, updates);
}
