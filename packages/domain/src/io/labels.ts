/**
 * Names people recognise for the records of an import and of the workspace it meets: the file's
 * records first (they may be new), then the workspace's. Ids are the fallback, never an empty label.
 */

import { type CustomerId, parseTemplateStepId, type ReleaseId, type StepId } from '../ids.ts';
import type { Conflict } from '../merge-conflicts.ts';
import type { DomainState } from '../state.ts';
import type { WorkspaceData } from './format.ts';

export class Names {
  private readonly clusters = new Map<string, string>();
  private readonly customers = new Map<string, { name: string; clusterId: string; namespace: string }>();
  private readonly releases = new Map<string, string>();
  private readonly templates = new Map<string, string>();
  private readonly customSteps = new Map<string, string>();

  constructor(state: DomainState, data: WorkspaceData) {
    for (const c of Object.values(state.catalog.clusters)) this.clusters.set(c.id, c.name);
    for (const c of data.clusters) this.clusters.set(c.id, c.name);
    for (const c of Object.values(state.catalog.customers)) this.customers.set(c.id, c);
    for (const c of data.customers) this.customers.set(c.id, c);
    for (const r of Object.values(state.catalog.releases)) this.releases.set(r.id, r.name);
    for (const r of data.releases) this.releases.set(r.id, r.name);
    for (const doc of Object.values(state.releases)) {
      for (const t of Object.values(doc.templates)) this.templates.set(t.id, t.name);
      for (const s of Object.values(doc.customSteps)) this.customSteps.set(s.id, s.name);
    }
    for (const t of data.templates) this.templates.set(t.id, t.name);
    for (const s of data.customSteps) this.customSteps.set(s.id, s.name);
  }

  cluster(id: string): string {
    return this.clusters.get(id) ?? id;
  }

  /** `Acme (prod-eu / acme-prod)`: a customer is never shown without its cluster and namespace. */
  customer(id: string): string {
    const c = this.customers.get(id);
    return c ? `${c.name} (${this.cluster(c.clusterId)} / ${c.namespace})` : id;
  }

  release(id: string): string {
    return this.releases.get(id) ?? id;
  }

  template(id: string): string {
    return this.templates.get(id) ?? id;
  }

  step(id: StepId): string {
    const pair = parseTemplateStepId(id);
    if (pair) return `${this.template(pair.templateId)} for ${this.customer(pair.customerId)}`;
    return this.customSteps.get(id) ?? id;
  }

  inRelease(releaseId: ReleaseId, what: string): string {
    return `${this.release(releaseId)}: ${what}`;
  }

  /** One sentence per conflict the import would bring (MR-03..MR-06), with names instead of ids. */
  conflict(c: Conflict): string {
    switch (c.kind) {
      case 'duplicate-cluster-name':
        return `Two active clusters would be named "${c.name}" (${c.clusterIds.join(', ')}). Rename or archive one.`;
      case 'duplicate-namespace':
        return `Namespace "${c.namespace}" would be used twice in cluster ${this.cluster(c.clusterId)}: ${c.customerIds
          .map((id) => this.customer(id))
          .join(' and ')}. Change a namespace, move or archive a customer.`;
      case 'customer-in-archived-cluster':
        return `${this.customer(c.customerId)} would be active in the archived cluster ${this.cluster(c.clusterId)}.`;
      case 'status-conflict':
        return `${this.inRelease(c.releaseId, this.step(c.stepId))}: the file and this workspace changed its status apart; "${c.current}" is kept, the other action stays in the history, flagged.`;
      case 'edit-vs-done':
        return `${this.inRelease(c.releaseId, this.step(c.stepId))}: an edit met a "done" made elsewhere; what was executed is kept.`;
      case 'edit-of-deleted-template':
        return `${this.inRelease(c.releaseId, this.template(c.templateId))}: edited in one place and deleted in the other; it stays deleted.`;
      case 'gate-during-halt':
        return `${this.release(c.releaseId)}: a gate was signed off or opened while the rollout was halted elsewhere; the halt wins, the sign-off is kept in the history, flagged.`;
      case 'done-while-closed':
        return `${this.inRelease(c.releaseId, this.step(c.stepId))}: done while its wave was closed elsewhere; it stays done, to be reviewed.`;
    }
  }

  participant(releaseId: ReleaseId, customerId: CustomerId): string {
    return this.inRelease(releaseId, this.customer(customerId));
  }
}
