/**
 * The one IndexedDB database of the app ("runsheet"): the Yjs updates of every document (the source of
 * truth on this device) and the queryable projection of those documents. The projection tables are
 * written only by the projection (projection-writer.ts); the read model reads them and nothing else
 * writes them.
 */

import type { DocName, EventPackRow, HeadPackRow, RevisionRow, StepPackRow, TableName } from '@runsheet/doc';
import type { Cluster, ClusterId, Customer, CustomerId, Release, ReleaseId, RevId } from '@runsheet/domain';
import { Dexie, type DexieOptions, type Table } from 'dexie';

export const DB_NAME = 'runsheet';

/** One stored Yjs update of one document; compaction merges a document's rows into one. */
/** One frozen release (frozen-store.ts, FZ-01): its bytes and their SHA-256 (hex). */
export interface FrozenRow {
  releaseId: ReleaseId;
  bytes: Uint8Array;
  hash: string;
}

export interface DocUpdateRow {
  seq?: number;
  docName: DocName;
  update: Uint8Array;
  /**
   * One of the slices a large document's rows were replaced with when it was last loaded (RM-05):
   * when every row of a document is one, they apply one per task in order, with no worker and no merge.
   */
  sliced?: true;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class RunsheetDB extends Dexie {
  clusters!: Table<Cluster, ClusterId>;
  customers!: Table<Customer, CustomerId>;
  releases!: Table<Release, ReleaseId>;
  releaseHeads!: Table<HeadPackRow, ReleaseId>;
  revisions!: Table<RevisionRow, RevId>;
  stepPacks!: Table<StepPackRow, [ReleaseId, number]>;
  eventPacks!: Table<EventPackRow, [ReleaseId, number]>;
  docUpdates!: Table<DocUpdateRow, number>;
  frozenReleases!: Table<FrozenRow, ReleaseId>;
  meta!: Table<MetaRow, string>;

  constructor(name = DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      clusters: 'id',
      customers: 'id, clusterId, [clusterId+namespace]',
      releases: 'id, status, type',
      templates: 'id, [releaseId+category]',
      participants: '[releaseId+customerId]',
      // Only steps with state of their own, and custom steps: pending cells are computed from
      // template x participant, never stored (docs/ARCHITECTURE.md "Keep a release small").
      stepRecords: 'id, [releaseId+customerId], [releaseId+templateId], [releaseId+status]',
      events: 'id, [releaseId+at], [releaseId+kind], stepId, at',
      docUpdates: '++seq, [docName+seq]',
      meta: 'key',
    });
    // Content revisions (domain ST-09): step rows refer to them by id. The projection version is bumped
    // with this table, so existing databases rebuild their projection and fill it.
    this.version(2).stores({ revisions: 'id, releaseId' });
    // A release packed into a few rows (packages/doc projection/rows.ts): one per bucket of customers,
    // one per 512 events, one for its head (templates, waves), instead of one per step and one per event. The
    // projection version moves with it, so databases of version 2 rebuild their projection from the
    // documents.
    this.version(3).stores({
      templates: null,
      participants: null,
      stepRecords: null,
      events: null,
      releaseHeads: 'releaseId',
      stepPacks: '[releaseId+bucket]',
      eventPacks: '[releaseId+chunk], newestAt',
    });
    // Archived releases frozen into one snapshot each (frozen-store.ts, FZ-01). Not a projection table:
    // a rebuild keeps them, and a missing one is made again when the release's document is next loaded.
    this.version(4).stores({ frozenReleases: 'releaseId' });
  }

  /** The projection's tables, in the order RowWrites lists them. */
  projectionTables(): Record<TableName, Table> {
    return {
      clusters: this.clusters,
      customers: this.customers,
      releases: this.releases,
      releaseHeads: this.releaseHeads,
      revisions: this.revisions,
      stepPacks: this.stepPacks,
      eventPacks: this.eventPacks,
    };
  }
}
