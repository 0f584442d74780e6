/**
 * A release as the projection stores it, read back into plain state (packages/doc `releaseFromRows`):
 * the same ReleaseState the release document's mirror holds, without opening the document. Four range
 * reads in one read transaction, so the rows are of one moment.
 */
import {
  addParsedStepRows,
  addStepPackRow,
  bucketOf,
  customerKeyOf,
  type EventPackRow,
  headOf,
  type ParsedStepRow,
  parseStepPackRow,
  type ReleaseFromRowsOptions,
  type ReleaseRows,
  releaseFromRows,
} from '@runsheet/doc';
import {
  type CustomerId,
  type CustomStep,
  emptyReleaseState,
  type ReleaseId,
  type ReleaseState,
  type StepId,
  type StepState,
} from '@runsheet/domain';
import { Dexie } from 'dexie';
import type { RunsheetDB } from './db.ts';

/** The key range of one release in a [releaseId+...] compound key. */
export function inRelease(releaseId: ReleaseId) {
  return [
    [releaseId, Dexie.minKey],
    [releaseId, Dexie.maxKey],
  ] as const;
}

/** Every projection row of one release. */
export async function readReleaseRows(
  db: RunsheetDB,
  releaseId: ReleaseId,
  want: { events: boolean } = { events: true },
): Promise<ReleaseRows> {
  const [lower, upper] = inRelease(releaseId);
  return db.transaction('r', [db.releaseHeads, db.revisions, db.stepPacks, db.eventPacks], async () => {
    const [head, revisions, steps, events] = await Promise.all([
      db.releaseHeads.get(releaseId),
      db.revisions.where('releaseId').equals(releaseId).toArray(),
      db.stepPacks.where('[releaseId+bucket]').between(lower, upper, true, true).toArray(),
      want.events
        ? db.eventPacks.where('[releaseId+chunk]').between(lower, upper, true, true).toArray()
        : Promise.resolve([]),
    ]);
    return { head, revisions, steps, events };
  });
}

/** A release's history rows, in chunk order. */
export function readEventRows(db: RunsheetDB, releaseId: ReleaseId): Promise<EventPackRow[]> {
  const [lower, upper] = inRelease(releaseId);
  return db.eventPacks.where('[releaseId+chunk]').between(lower, upper, true, true).toArray();
}

/**
 * RM-09: the stored release with its step states left packed (packages/doc addPackedStepRows): the
 * matrix reads them from their columns, and `stepStates` is built on its first read. What an archived
 * release's first paint reads: the 64 rows of a finished release are only parsed (a few long arrays of
 * small integers per row; `pause()` between slices of rows), and none of its 50,000 step states is
 * built before the matrix is drawn. `buildSteps` builds them a few buckets per call (true once all
 * are), for doing so in slices later.
 */
export async function releaseFromRowsPacked(
  releaseId: ReleaseId,
  rows: ReleaseRows,
  pause: () => Promise<void>,
  rowsPerSlice = 16,
): Promise<{ release: ReleaseState; buildSteps: (buckets?: number) => boolean }> {
  const release = releaseFromRows(releaseId, { ...rows, steps: [] });
  const parsed: ParsedStepRow[] = [];
  for (let i = 0; i < rows.steps.length; i += rowsPerSlice) {
    if (i > 0) await pause();
    for (const row of rows.steps.slice(i, i + rowsPerSlice)) parsed.push(parseStepPackRow(row));
  }
  return { release, buildSteps: addParsedStepRows(release, parsed) };
}

/** The stored release as plain state (empty when nothing of it is stored). */
export async function readStoredRelease(
  db: RunsheetDB,
  releaseId: ReleaseId,
  options: ReleaseFromRowsOptions = {},
): Promise<ReleaseState> {
  return releaseFromRows(releaseId, await readReleaseRows(db, releaseId), options);
}

/**
 * One customer's part of a stored release: its head (templates, waves), the revisions, and that customer's
 * participation, states and custom steps (read from its bucket's row). What a view of one customer in
 * many releases needs.
 */
export async function readStoredCustomer(
  db: RunsheetDB,
  releaseId: ReleaseId,
  customerId: CustomerId,
): Promise<ReleaseState> {
  const [head, revisions, row] = await db.transaction(
    'r',
    [db.releaseHeads, db.revisions, db.stepPacks],
    () =>
      Promise.all([
        db.releaseHeads.get(releaseId),
        db.revisions.where('releaseId').equals(releaseId).toArray(),
        db.stepPacks.get([releaseId, bucketOf(customerId)]),
      ]),
  );
  const release = emptyReleaseState(releaseId);
  if (head) Object.assign(release, headOf(head));
  for (const { id, releaseId: _r, ...revision } of revisions) release.revisions[id] = revision;
  if (!row) return release;
  // The bucket holds other customers too: keep this one's.
  const bucket = emptyReleaseState(releaseId);
  addStepPackRow(bucket, row);
  const participant = bucket.participants[customerId];
  if (participant) release.participants[customerId] = participant;
  for (const [id, custom] of Object.entries(bucket.customSteps) as [StepId, CustomStep][]) {
    if (custom.customerId === customerId) release.customSteps[id] = custom;
  }
  for (const [id, state] of Object.entries(bucket.stepStates) as [StepId, StepState][]) {
    if (customerKeyOf(bucket, id) === customerId) release.stepStates[id] = state;
  }
  return release;
}
