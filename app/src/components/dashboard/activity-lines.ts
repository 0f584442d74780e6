/**
 * Recent activity as sentences (functional-spec §5.2): each line names the release, the customer with
 * its cluster / namespace (§8.1), the step, what happened, who and when. Events come from the step
 * history (useRecentActivity's query); the names are looked up in the projection in the same live
 * query, so a rename shows up at once and nothing needs a release document opened.
 */
import type { CustomerId, HistoryEvent, ReleaseId, StepId, TemplateId } from '@runsheet/domain';
import { useLiveQuery } from 'dexie-react-hooks';
import { useReadStore } from '@/data';
import { useDb } from '@/state/workspace-context';

export interface ActivityLine {
  event: HistoryEvent;
  release: string;
  customer: { name: string; namespace: string; clusterName: string | null } | null;
  step: string | null;
}

const unique = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== null && v !== undefined)),
];

export function useActivityLines(limit: number): ActivityLine[] | undefined {
  const store = useReadStore();
  const db = useDb();
  return useLiveQuery(async () => {
    // Only what happened to steps: the spec's activity is "customer - step - action".
    const events = (await store.recentActivity({ limit: limit * 3 })).filter((e) => e.stepId).slice(0, limit);
    const releaseIds = unique<ReleaseId>(events.map((e) => e.releaseId));
    const customerIds = unique<CustomerId>(events.map((e) => e.customerId));
    const templateIds = unique<TemplateId>(events.map((e) => e.templateId));
    const customIds = unique<StepId>(events.filter((e) => !e.templateId).map((e) => e.stepId));
    const [releases, customers, templates, records] = await Promise.all([
      db.releases.bulkGet(releaseIds),
      db.customers.bulkGet(customerIds),
      db.templates.bulkGet(templateIds),
      db.stepRecords.bulkGet(customIds),
    ]);
    const clusters = await db.clusters.bulkGet(unique(customers.map((c) => c?.clusterId)));
    const byId = <T extends { id: string }>(rows: (T | undefined)[]) =>
      new Map(rows.filter((r): r is T => r !== undefined).map((r) => [r.id, r]));
    const releaseMap = byId(releases);
    const customerMap = byId(customers);
    const clusterMap = byId(clusters);
    const templateMap = byId(templates);
    const customNames = new Map(records.flatMap((r) => (r?.custom ? [[r.id, r.custom.name] as const] : [])));
    return events.map((event): ActivityLine => {
      const release = releaseMap.get(event.releaseId);
      const customer = event.customerId ? customerMap.get(event.customerId) : undefined;
      const step =
        (event.templateId ? templateMap.get(event.templateId)?.name : undefined) ??
        (event.stepId ? customNames.get(event.stepId) : undefined) ??
        event.detail.name ??
        null;
      return {
        event,
        release: release ? (release.versionNumber ?? release.name) : event.releaseId,
        customer: customer
          ? {
              name: customer.name,
              namespace: customer.namespace,
              clusterName: clusterMap.get(customer.clusterId)?.name ?? null,
            }
          : null,
        step,
      };
    });
  }, [store, db, limit]);
}
