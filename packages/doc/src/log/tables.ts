/**
 * The fixed tables of the log entry format (schema 3). Codes are part of the stored format: never
 * renumber or reuse one. A kind, status or field missing here is still stored, by name (entry-codec.ts),
 * so a newer app's kinds and fields round-trip through an older one unchanged.
 */
import type { HistoryEventKind, StepStateField, StepStatus } from '@runsheet/domain';

/** Event kinds by code; 0 = no event (a step-state change on its own), 1 = a kind named in the entry. */
export const KINDS: readonly (HistoryEventKind | null)[] = [
  null,
  null,
  'done',
  'skipped',
  'reverted',
  'reopened',
  'overridden',
  'reset-to-template',
  'notes',
  'custom-added',
  'custom-edited',
  'custom-deleted',
  'conflict-reviewed',
  'release-activated',
  'customers-added',
  'template-added',
  'template-edited',
  'template-deleted',
  'templates-reordered',
  'waves-planned',
  'wave-added',
  'wave-edited',
  'wave-deleted',
  'wave-members-set',
  'gate-signed-off',
  'gate-opened',
  'rollout-halted',
  'rollout-resumed',
];
export const KIND_NONE = 0;
export const KIND_NAMED = 1;

export const STATUSES: readonly StepStatus[] = ['pending', 'done', 'skipped', 'reverted'];

/** Step-state fields by bit, for the masks of derived and removed fields. */
export const FIELDS: readonly StepStateField[] = [
  'status',
  'statusAt',
  'statusBy',
  'notes',
  'skipReason',
  'revertReason',
  'overrideRev',
  'overriddenAt',
  'snapshotRev',
  'execution',
  'updatedAt',
  'executedAt',
  'executedBy',
  'overrideContent',
  'overrideName',
  'snapshotName',
  'snapshotCategory',
  'snapshotType',
  'snapshotContent',
  'executedContent',
];
export const FIELD_BIT = new Map<string, number>(FIELDS.map((f, i) => [f, 1 << i]));

/** Tags of the optional values after an entry's head; each is followed by exactly one value. */
export const TAG = {
  /** The event id, when it is not the one its content gives (HI-04): legacy and test ids. */
  id: 1,
  /** The release id, when it is not the document's. */
  release: 2,
  /** customerId / templateId, when the subject does not give them. */
  customer: 3,
  template: 4,
  /** `after`: the id without `event:`, or the whole id when it has another form. */
  after: 5,
  /** `from` / `to` status codes (or null), when they differ from the kind's usual ones. */
  from: 6,
  to: 7,
  /** The event's detail (an object of strings). */
  detail: 8,
  /** The kind, by name, when the table has no code for it. */
  kind: 9,
  /** Mask of step-state fields taken from the event, when it differs from the kind's usual one. */
  derived: 10,
  /** The run's revision and variable values: [revision key, values key]; time and actor from the event. */
  run: 11,
  /** `snapshotRev`, as a key. */
  snapshot: 12,
  /** Step-state fields stored as they are: {field: value}. */
  fields: 13,
  /** Mask of step-state fields removed. */
  unset: 14,
  /** Names of removed step-state fields the table has no bit for. */
  unsetNames: 15,
  /** Fields of the event the domain does not know (a newer app's): {field: value}. */
  extra: 16,
} as const;

/** The fields of a history event; an event's other fields are kept in `TAG.extra`. */
export const EVENT_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'releaseId',
  'kind',
  'at',
  'by',
  'byName',
  'device',
  'stepId',
  'customerId',
  'templateId',
  'after',
  'from',
  'to',
  'detail',
]);

/** The event's fields beyond the known ones, or null when it has none. */
export function extraFields(event: object): Record<string, unknown> | null {
  let out: Record<string, unknown> | null = null;
  for (const [key, value] of Object.entries(event)) {
    if (EVENT_FIELDS.has(key) || value === undefined) continue;
    out ??= {};
    out[key] = value;
  }
  return out;
}

const bits = (...fields: StepStateField[]) => fields.reduce((m, f) => m | (FIELD_BIT.get(f) ?? 0), 0);
const STATUS_CHANGE = bits('status', 'statusAt', 'statusBy', 'updatedAt');

/** What a kind's command usually takes from its event, so a typical entry stores no mask. */
export const USUAL_DERIVED: Partial<Record<HistoryEventKind, number>> = {
  done: STATUS_CHANGE | bits('execution'),
  skipped: STATUS_CHANGE | bits('skipReason'),
  reverted: STATUS_CHANGE | bits('revertReason'),
  reopened: STATUS_CHANGE,
  overridden: bits('overrideRev', 'overriddenAt', 'updatedAt'),
  notes: bits('notes', 'updatedAt'),
  'reset-to-template': bits('updatedAt'),
  'custom-edited': bits('updatedAt'),
};

/** A kind's usual `from` and `to`, so a typical entry stores neither. */
export const USUAL_FROM: Partial<Record<HistoryEventKind, StepStatus>> = {
  done: 'pending',
  skipped: 'pending',
  reverted: 'done',
  reopened: 'skipped',
};
export const USUAL_TO: Partial<Record<HistoryEventKind, StepStatus>> = {
  done: 'done',
  skipped: 'skipped',
  reverted: 'reverted',
  reopened: 'pending',
};
