/**
 * The inventory (IV-01..IV-05) read from the packed projection: every release that was activated on
 * this device, put back into the plain state and given to the domain's `inventory`, so the page says
 * what the API and the CLI say. The history stays packed: the inventory never reads it.
 */
import {
  type CatalogState,
  type DomainState,
  emptyCatalog,
  type Inventory,
  inventory,
} from '@runsheet/domain';
import type { RunsheetDB } from './db.ts';
import { readStoredRelease } from './stored-release.ts';

export interface InventoryRead {
  inventory: Inventory;
  catalog: CatalogState;
}

export async function readInventory(db: RunsheetDB): Promise<InventoryRead> {
  const [clusters, customers, releases] = await Promise.all([
    db.clusters.toArray(),
    db.customers.toArray(),
    db.releases.toArray(),
  ]);
  const catalog = emptyCatalog();
  for (const c of clusters) catalog.clusters[c.id] = c;
  for (const c of customers) catalog.customers[c.id] = c;
  for (const r of releases) catalog.releases[r.id] = r;
  const activated = releases.filter((r) => r.activatedAt !== null && r.status !== 'draft');
  const docs = await Promise.all(activated.map((r) => readStoredRelease(db, r.id, { lazyEvents: true })));
  const state: DomainState = { catalog, releases: Object.fromEntries(docs.map((d) => [d.releaseId, d])) };
  return { inventory: inventory(state), catalog };
}
