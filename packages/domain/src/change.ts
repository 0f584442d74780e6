/**
 * A command's output: the change to make, as a list of operations on documents. The doc layer applies
 * one change to each document it touches as ONE Yjs transaction; the domain never sees Yjs.
 *
 * Entity collections are maps of field maps: `put` creates the entity when missing and sets only the
 * given fields, so concurrent edits of different fields both survive a merge. A field set to `null`
 * is stored as null (the schemas say which fields are nullable). Step state is sparse: `stepState` sets
 * the given fields of one step; `undefined` in `unset` removes fields. `put-revision` writes an
 * immutable content revision once: writing an id that is already there changes nothing (ST-09).
 * `put-wave` is a put like the others; `put-wave-member` sets the one wave a customer is in (WV-02).
 */
import type { Cluster } from './entities/cluster.ts';
import type { ContentRevision } from './entities/content-revision.ts';
import type { CustomStep } from './entities/custom-step.ts';
import type { Customer } from './entities/customer.ts';
import type { Participant } from './entities/participant.ts';
import type { Release } from './entities/release.ts';
import type { HistoryEvent } from './entities/step-event.ts';
import type { StepState, StepStateField } from './entities/step-state.ts';
import type { StepTemplate } from './entities/step-template.ts';
import type { Wave } from './entities/wave.ts';
import type { ClusterId, CustomerId, ReleaseId, RevId, StepId, TemplateId, WaveId } from './ids.ts';

export type CatalogOp =
  | { doc: 'catalog'; op: 'put-cluster'; id: ClusterId; fields: Partial<Cluster> }
  | { doc: 'catalog'; op: 'put-customer'; id: CustomerId; fields: Partial<Customer> }
  | { doc: 'catalog'; op: 'put-release'; id: ReleaseId; fields: Partial<Release> };

export type ReleaseOp =
  | {
      doc: 'release';
      releaseId: ReleaseId;
      op: 'put-template';
      id: TemplateId;
      fields: Partial<StepTemplate>;
    }
  | { doc: 'release'; releaseId: ReleaseId; op: 'put-custom-step'; id: StepId; fields: Partial<CustomStep> }
  | { doc: 'release'; releaseId: ReleaseId; op: 'put-participant'; id: CustomerId; value: Participant }
  | {
      doc: 'release';
      releaseId: ReleaseId;
      op: 'put-step-state';
      id: StepId;
      fields: StepState;
      unset?: StepStateField[];
    }
  | { doc: 'release'; releaseId: ReleaseId; op: 'put-revision'; id: RevId; value: ContentRevision }
  | { doc: 'release'; releaseId: ReleaseId; op: 'append-event'; event: HistoryEvent }
  | { doc: 'release'; releaseId: ReleaseId; op: 'put-wave'; id: WaveId; fields: Partial<Wave> }
  | { doc: 'release'; releaseId: ReleaseId; op: 'put-wave-member'; id: CustomerId; waveId: WaveId };

export type Op = CatalogOp | ReleaseOp;

export interface Change {
  ops: Op[];
}

/** The documents a change touches: 'catalog' and/or release ids. */
export function documentsOf(change: Change): Array<'catalog' | ReleaseId> {
  const out = new Set<'catalog' | ReleaseId>();
  for (const op of change.ops) out.add(op.doc === 'catalog' ? 'catalog' : op.releaseId);
  return [...out];
}
