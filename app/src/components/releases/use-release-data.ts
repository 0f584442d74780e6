/**
 * Live reads of releases from the Dexie projection (re-render on local and remote changes alike).
 * `undefined` means "still reading"; `null` means "not on this device".
 */
import {
  type Cluster,
  type ClusterId,
  type CustomerId,
  type Release,
  type ReleaseId,
  type StepCategory,
  type StepTemplate,
  sortOrdered,
} from '@runsheet/domain';
import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDb } from '@/state/workspace-context';

/** Every release, newest first (technical-spec §4.3 listReleases). */
export function useReleases(): Release[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const all = await db.releases.toArray();
    return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  }, [db]);
}

export function useRelease(releaseId: ReleaseId): Release | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await db.releases.get(releaseId)) ?? null, [db, releaseId]);
}

export type TemplatesByCategory = Record<StepCategory, StepTemplate[]>;

/** The live (not deleted) template steps of a release, per category, in execution order (ID-03). */
export function useTemplates(releaseId: ReleaseId): TemplatesByCategory | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.templates
      .where('[releaseId+category]')
      .between([releaseId, Dexie.minKey], [releaseId, Dexie.maxKey], true, true)
      .toArray();
    const live = sortOrdered(rows.filter((t) => t.deletedAt === null));
    return {
      deploy: live.filter((t) => t.category === 'deploy'),
      verify: live.filter((t) => t.category === 'verify'),
    };
  }, [db, releaseId]);
}

/** The customers taking part in a release. */
export function useParticipantIds(releaseId: ReleaseId): ReadonlySet<CustomerId> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const keys = await db.participants
      .where('[releaseId+customerId]')
      .between([releaseId, Dexie.minKey], [releaseId, Dexie.maxKey], true, true)
      .primaryKeys();
    return new Set(keys.map(([, customerId]) => customerId));
  }, [db, releaseId]);
}

/** Every cluster by id, archived ones included (names for progress per cluster). */
export function useClusters(): Record<ClusterId, Cluster> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = await db.clusters.toArray();
    return Object.fromEntries(rows.map((c) => [c.id, c])) as Record<ClusterId, Cluster>;
  }, [db]);
}
