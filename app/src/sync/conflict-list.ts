/**
 * Clashes that syncing brought (domain `listConflicts`: duplicates, status conflicts, edits that met a
 * done step...), kept current as documents change, for the sync details. The screens that own each kind
 * (the cluster list, the step panel) show them in place with their resolutions; this is the one list
 * that says "something from another device needs a look" wherever you are.
 */
import { type Conflict, type DomainState, listConflicts } from '@runsheet/domain';
import { useEffect, useState } from 'react';
import { useReadModel } from '@/data';
import { count, customerCount } from '@/lib/count';

/** Recomputing scans histories: once per quiet moment, not per keystroke. */
const QUIET_MS = 250;

export function useConflicts(): Conflict[] {
  const model = useReadModel();
  const [conflicts, setConflicts] = useState<Conflict[]>(() => listConflicts(model.loadedState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = model.subscribeAll(() => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        setConflicts(listConflicts(model.loadedState()));
      }, QUIET_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [model]);
  return conflicts;
}

export function clashes(n: number): string {
  return count(n, 'clash', 'clashes');
}

/** One sentence per clash, in the words of the data (names, not ids). */
export function describeConflict(conflict: Conflict, state: DomainState): string {
  const { catalog } = state;
  const release = (id: string) => catalog.releases[id as keyof typeof catalog.releases]?.name ?? 'a release';
  const customer = (id: string | null) =>
    id === null ? null : (catalog.customers[id as keyof typeof catalog.customers]?.name ?? null);
  switch (conflict.kind) {
    case 'duplicate-cluster-name':
      return `${count(conflict.clusterIds.length, 'cluster')} are named “${conflict.name}”.`;
    case 'duplicate-namespace':
      return `${customerCount(conflict.customerIds.length)} use namespace “${conflict.namespace}” on one cluster.`;
    case 'customer-in-archived-cluster':
      return `Customer ${customer(conflict.customerId) ?? ''} is on a cluster archived elsewhere.`.replace(
        '  ',
        ' ',
      );
    case 'status-conflict': {
      const who = customer(conflict.customerId);
      return `In ${release(conflict.releaseId)}, a step${who ? ` of ${who}` : ''} got two different statuses on two devices; it is ${conflict.current} now.`;
    }
    case 'edit-vs-done': {
      const who = customer(conflict.customerId);
      return `In ${release(conflict.releaseId)}, a step${who ? ` of ${who}` : ''} was edited while it was done elsewhere; the done content is kept.`;
    }
    case 'edit-of-deleted-template':
      return `In ${release(conflict.releaseId)}, a template step was edited on one device and deleted on another.`;
    case 'gate-during-halt':
      return `In ${release(conflict.releaseId)}, a gate was signed off while the rollout was halted on another device; the halt wins.`;
    case 'done-while-closed': {
      const who = customer(conflict.customerId);
      return `In ${release(conflict.releaseId)}, a step${who ? ` of ${who}` : ''} was done while its wave was closed on another device; it stays done.`;
    }
  }
}
