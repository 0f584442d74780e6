/**
 * What must hold once every replica has everything (docs/ARCHITECTURE.md "Merge rules"). Each
 * check returns problems as text; a problem is acceptable only where the domain lists its conflict.
 */
import {
  type Conflict,
  type CustomerId,
  compareSteps,
  customerCategoryList,
  type DomainState,
  listConflicts,
  nameKey,
  type ReleaseId,
  resolveCustomerSteps,
  resolveReleaseSteps,
} from '@runsheet/domain';
import * as Y from 'yjs';
import { allRows, CATALOG, heldUpdates, MemoryTables, readCatalog, readRelease } from '../../src/index.ts';
import type { SimLog } from './log.ts';
import type { Replica } from './replica.ts';

/** JSON with object keys sorted: records filled in a different order are still equal; arrays keep order. */
const json = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );

/** Same documents, same state vectors, same plain state; each mirror equal to a full re-read. */
export function checkConverged(replicas: readonly Replica[]): string[] {
  const problems: string[] = [];
  const [first, ...rest] = replicas as [Replica, ...Replica[]];
  const names = (r: Replica) =>
    r.ws
      .docs()
      .map(([n]) => n)
      .sort();
  for (const r of replicas) {
    if (json(r.ws.state.catalog) !== json(readCatalog(r.ws.catalog)))
      problems.push(`${r.name}: catalog mirror differs from a re-read`);
    for (const [name, doc] of r.ws.docs()) {
      if (heldUpdates(doc) > 0) problems.push(`${r.name}: ${name} still holds ${heldUpdates(doc)} updates`);
      if (name === CATALOG) continue;
      if (json(r.ws.state.releases[name]) !== json(readRelease(doc, name)))
        problems.push(`${r.name}: ${name} mirror differs from a re-read`);
    }
  }
  for (const r of rest) {
    if (json(names(r)) !== json(names(first))) {
      problems.push(`${r.name} has documents ${names(r)}, ${first.name} has ${names(first)}`);
      continue;
    }
    for (const [name, doc] of first.ws.docs()) {
      const other = r.ws.doc(name) as Y.Doc;
      if (json([...Y.encodeStateVector(doc)]) !== json([...Y.encodeStateVector(other)])) {
        problems.push(`${r.name} and ${first.name}: state vectors of ${name} differ`);
      }
    }
    if (json(r.ws.state) !== json(first.ws.state))
      problems.push(`${r.name} and ${first.name}: plain states differ`);
  }
  return problems;
}

/** Each replica's incremental projection equals a rebuild, and all replicas hold the same rows. */
export function checkProjections(replicas: readonly Replica[]): string[] {
  const problems: string[] = [];
  const snapshots = replicas.map((r) => {
    r.flushProjection();
    const rebuilt = new MemoryTables();
    rebuilt.apply(allRows(r.ws.state));
    const own = json(r.tables.snapshot());
    if (own !== json(rebuilt.snapshot()))
      problems.push(`${r.name}: incremental projection differs from a rebuild`);
    return own;
  });
  if (new Set(snapshots).size > 1) problems.push('projections differ between replicas');
  return problems;
}

/** Conflicts still listed, and the ids of those a person already reviewed (also shown to a person). */
function shownConflicts(state: DomainState) {
  const listed = listConflicts(state);
  const reviewed = new Set<string>();
  for (const doc of Object.values(state.releases)) {
    for (const e of doc.events)
      if (e.kind === 'conflict-reviewed' && e.detail.conflict) reviewed.add(e.detail.conflict);
  }
  const mentions = (needle: string) =>
    listed.some((c) => c.id.includes(needle)) || [...reviewed].some((id) => id.includes(needle));
  return { listed, mentions };
}

/** BR-R03: a done step shows exactly what was executed, whatever was edited afterwards. */
export function checkDoneLocked(state: DomainState, log: SimLog): string[] {
  const problems: string[] = [];
  const { mentions } = shownConflicts(state);
  for (const releaseId of Object.keys(state.releases) as ReleaseId[]) {
    for (const step of resolveReleaseSteps(state, releaseId)) {
      if (step.status !== 'done') continue;
      const records = log.done.filter((d) => d.stepId === step.id);
      const match = records.some(
        (d) => d.content === step.content && d.executedContent === step.executedContent,
      );
      if (match || mentions(step.id)) continue;
      problems.push(
        `BR-R03: ${step.id} is done showing ${json(step.content)} / executed ${json(step.executedContent)}, ` +
          `but it was marked done with ${json(records.map((d) => [d.replica, d.content, d.executedContent]))}`,
      );
    }
  }
  return problems;
}

/** BR-C02 / BR-M01: duplicates that arrived by merge are listed as conflicts. */
export function checkUniqueOrListed(state: DomainState): string[] {
  const problems: string[] = [];
  const listed = listConflicts(state);
  const has = (kind: Conflict['kind'], ids: string[]) =>
    listed.some(
      (c) =>
        c.kind === kind &&
        json('clusterIds' in c ? c.clusterIds : 'customerIds' in c ? c.customerIds : []) === json(ids),
    );
  const groups = new Map<string, string[]>();
  for (const c of Object.values(state.catalog.clusters)) {
    if (!c.isActive) continue;
    const key = `cluster\u0000${nameKey(c.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), c.id]);
  }
  for (const c of Object.values(state.catalog.customers)) {
    if (!c.isActive) continue;
    const key = `customer\u0000${c.clusterId}\u0000${c.namespace}`;
    groups.set(key, [...(groups.get(key) ?? []), c.id]);
  }
  for (const [key, ids] of groups) {
    if (ids.length < 2) continue;
    const sorted = [...ids].sort();
    const kind = key.startsWith('cluster') ? 'duplicate-cluster-name' : 'duplicate-namespace';
    if (!has(kind, sorted)) problems.push(`${kind} not listed for ${sorted.join(', ')}`);
  }
  return problems;
}

/** No step event lost, none doubled. */
export function checkEventsKept(state: DomainState, log: SimLog): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const doc of Object.values(state.releases))
    for (const e of doc.events) seen.set(e.id, (seen.get(e.id) ?? 0) + 1);
  for (const [id, releaseId] of log.events) {
    const n = seen.get(id) ?? 0;
    if (n !== 1) problems.push(`event ${id} of ${releaseId} is there ${n} times`);
  }
  return problems;
}

/** One total order per customer list, the same on every replica; inserts stay where they were put. */
export function checkOrdering(replicas: readonly Replica[], log: SimLog): string[] {
  const problems: string[] = [];
  const state = (replicas[0] as Replica).ws.state;
  const lists = (s: DomainState) => {
    const out: string[] = [];
    // Releases in id order: replicas open release documents in different orders.
    const releases = Object.entries(s.releases).sort(([x], [y]) => (x < y ? -1 : 1));
    for (const [releaseId, doc] of releases as Array<[ReleaseId, DomainState['releases'][ReleaseId]]>) {
      for (const customerId of Object.keys(doc.participants).sort() as CustomerId[]) {
        const steps = resolveCustomerSteps(s, releaseId, customerId);
        for (let i = 1; i < steps.length; i++) {
          if (compareSteps(steps[i - 1] as never, steps[i] as never) >= 0)
            problems.push(`order of ${customerId} in ${releaseId} is not strict at ${i}`);
        }
        out.push(`${releaseId}/${customerId}: ${steps.map((x) => x.id).join(' ')}`);
      }
    }
    return out.join('\n');
  };
  const reference = lists(state);
  for (const r of replicas.slice(1))
    if (lists(r.ws.state) !== reference) problems.push(`${r.name}: step order differs`);
  for (const intent of log.inserts) {
    const doc = state.releases[intent.releaseId];
    if (!doc) continue;
    if (
      log.reordered.has(intent.id) ||
      log.reordered.has(intent.before) ||
      log.reordered.has(templateOf(intent.before))
    )
      continue;
    const ids =
      intent.customerId === null
        ? Object.values(doc.templates)
            .filter((t) => t.deletedAt === null && t.category === intent.category)
            .sort((a, b) => (a.order === b.order ? (a.id < b.id ? -1 : 1) : a.order < b.order ? -1 : 1))
            .map((t) => t.id as string)
        : customerCategoryList(doc, intent.customerId, intent.category).map((x) => x.id);
    const at = ids.indexOf(intent.id);
    const ref = ids.indexOf(intent.before);
    if (at >= 0 && ref >= 0 && at > ref) {
      problems.push(`${intent.replica} put ${intent.id} before ${intent.before}; it ended after it`);
    }
  }
  return problems;
}

/** The template behind a template step id, so a moved template counts as a moved step. */
function templateOf(stepId: string): string {
  const dot = stepId.indexOf('.');
  return dot < 0 ? stepId : `template:${stepId.slice(dot + 1)}`;
}
