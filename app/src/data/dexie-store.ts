/**
 * The ReadStore over the Dexie projection. Each query reads only what its indexes select, puts it back
 * into the shape of the plain state (a partial ReleaseState / CatalogState) and calls the same domain
 * view the in-memory store calls, so both stores agree by construction and no rule is written twice.
 */

import {
  type EventRow,
  eventOfRow,
  type ReadStore,
  type RevisionRow,
  type StepRecordRow,
} from '@runsheet/doc';
import {
  type CatalogState,
  type ClusterId,
  type CustomerId,
  type DomainState,
  emptyCatalog,
  emptyReleaseState,
  eventRevisionIds,
  groupCustomersByCluster,
  type ReleaseId,
  type ReleaseState,
  type RevId,
  releaseProgress,
  resolveCustomerSteps,
  revisionIdsOf,
  type StepId,
  stepHistory,
  stepStatusMatrix,
} from '@runsheet/domain';
import { Dexie } from 'dexie';
import type { RunsheetDB } from './db.ts';

const DEFAULT_ACTIVITY_LIMIT = 20;

function releaseState(
  releaseId: ReleaseId,
  parts: Partial<Omit<ReleaseState, 'releaseId' | 'stepStates' | 'customSteps' | 'revisions'>> & {
    records?: StepRecordRow[];
    revisions?: Array<RevisionRow | undefined>;
  },
): DomainState {
  const doc = emptyReleaseState(releaseId);
  Object.assign(doc, {
    templates: parts.templates ?? {},
    participants: parts.participants ?? {},
    events: parts.events ?? [],
  });
  for (const row of parts.records ?? []) {
    if (row.state) doc.stepStates[row.id] = row.state;
    if (row.custom) doc.customSteps[row.id] = row.custom;
  }
  for (const row of parts.revisions ?? []) {
    if (!row) continue; // referred to, not arrived yet (domain ST-12)
    const { id, releaseId: _r, ...revision } = row;
    doc.revisions[id] = revision;
  }
  return { catalog: emptyCatalog(), releases: { [releaseId]: doc } };
}

/** The revisions some step rows refer to (domain ST-09): few distinct ones, however many rows. */
function revisionsOf(db: RunsheetDB, records: readonly StepRecordRow[]) {
  const ids = new Set<RevId>();
  for (const row of records) for (const id of revisionIdsOf(row.state)) ids.add(id);
  return db.revisions.bulkGet([...ids]);
}

const byId = <T extends { id: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

export function dexieStore(db: RunsheetDB): ReadStore {
  const inRelease = (releaseId: ReleaseId) => [
    [releaseId, Dexie.minKey],
    [releaseId, Dexie.maxKey],
  ];
  const templatesOf = (releaseId: ReleaseId) => {
    const [lower, upper] = inRelease(releaseId);
    return db.templates.where('[releaseId+category]').between(lower, upper, true, true).toArray();
  };

  /** A release's participants, templates and step records, with the customers (and clusters) they name. */
  const wholeRelease = async (releaseId: ReleaseId, want: { clusters: boolean }): Promise<DomainState> => {
    const [lower, upper] = inRelease(releaseId);
    const [participants, templates, records, clusters] = await Promise.all([
      db.participants.where('[releaseId+customerId]').between(lower, upper, true, true).toArray(),
      templatesOf(releaseId),
      db.stepRecords.where('[releaseId+customerId]').between(lower, upper, true, true).toArray(),
      want.clusters ? db.clusters.toArray() : Promise.resolve([]),
    ]);
    // Revisions: custom steps resolve whole, and progress counts a step in the category it ran in.
    const [customers, revisions] = await Promise.all([
      db.customers.bulkGet(participants.map((p) => p.customerId)),
      revisionsOf(db, records),
    ]);
    const state = releaseState(releaseId, {
      templates: byId(templates),
      participants: Object.fromEntries(
        participants.map(({ releaseId: _r, ...p }) => [p.customerId, p]),
      ) as ReleaseState['participants'],
      records,
      revisions,
    });
    state.catalog.clusters = byId(clusters) as Record<ClusterId, (typeof clusters)[number]>;
    for (const c of customers) if (c) state.catalog.customers[c.id as CustomerId] = c;
    return state;
  };

  return {
    async customersByCluster(options = {}) {
      const catalog: CatalogState = emptyCatalog();
      const [clusters, customers] = options.clusterId
        ? await Promise.all([
            db.clusters.where('id').equals(options.clusterId).toArray(),
            db.customers.where('clusterId').equals(options.clusterId).toArray(),
          ])
        : await Promise.all([db.clusters.toArray(), db.customers.toArray()]);
      catalog.clusters = byId(clusters);
      catalog.customers = byId(customers);
      return groupCustomersByCluster(catalog, options);
    },

    async customerSteps(releaseId, customerId) {
      const [participant, templates, records] = await Promise.all([
        db.participants.get([releaseId, customerId]),
        templatesOf(releaseId),
        db.stepRecords.where('[releaseId+customerId]').equals([releaseId, customerId]).toArray(),
      ]);
      if (!participant) return [];
      const { releaseId: _r, ...value } = participant;
      const state = releaseState(releaseId, {
        templates: byId(templates),
        participants: { [customerId]: value } as ReleaseState['participants'],
        records,
        revisions: await revisionsOf(db, records),
      });
      return resolveCustomerSteps(state, releaseId, customerId);
    },

    async releaseMatrix(releaseId, options = {}) {
      return stepStatusMatrix(await wholeRelease(releaseId, { clusters: true }), releaseId, options);
    },

    async releaseProgress(releaseId, options = {}) {
      // Progress needs the participants' customers (active? which cluster?) but no cluster rows.
      return releaseProgress(await wholeRelease(releaseId, { clusters: false }), releaseId, options);
    },

    async stepTimeline(releaseId, stepId) {
      const [ofStep, reviews, record] = await Promise.all([
        db.events.where('stepId').equals(stepId).toArray(),
        db.events.where('[releaseId+kind]').equals([releaseId, 'conflict-reviewed']).toArray(),
        db.stepRecords.get(stepId),
      ]);
      const rows = new Map<string, EventRow>();
      for (const row of [...ofStep, ...reviews]) if (row.releaseId === releaseId) rows.set(row.id, row);
      const events = [...rows.values()].sort((a, b) => a.pos - b.pos).map(eventOfRow);
      const revisionIds = new Set<RevId>(events.flatMap(eventRevisionIds));
      const state = releaseState(releaseId, {
        events,
        records: record ? [record] : [],
        revisions: await db.revisions.bulkGet([...revisionIds]),
      });
      return stepHistory(state, releaseId, stepId as StepId);
    },

    async recentActivity(options = {}) {
      const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT;
      const only = options.releaseIds ? new Set<string>(options.releaseIds) : null;
      // The 'at' index orders ties by primary key (the id), which is the domain's tie-break too.
      let query = db.events.orderBy('at').reverse();
      if (only) query = query.filter((e) => only.has(e.releaseId));
      return (await query.limit(limit).toArray()).map(eventOfRow);
    },
  };
}
