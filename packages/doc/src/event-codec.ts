/**
 * How schema 2 stored a history event in a release document's `events` array: without what the
 * document already says. Schema 3 writes events into the log (log/entry-codec.ts); this coding is read
 * for older documents, and written only by tests and the layout benchmark that reproduce schema 2.
 *
 * Left out when stored, filled back when read:
 * - `releaseId`: the document's own;
 * - `customerId` / `templateId`: when the step id names them (a template step is the pair, ID-02);
 * - `after`, `from`, `to` when null; `detail` when empty.
 * A value that differs from what would be filled back is stored as it is (an explicit null included),
 * so decoding gives back exactly the event, fields a newer app added included. Events stored whole
 * (schema 1) read unchanged.
 */
import { type HistoryEvent, parseTemplateStepId, type ReleaseId } from '@runsheet/domain';

/** An event as stored: any field may be left out; fields a newer app added are kept as they are. */
type Stored = Partial<HistoryEvent> & Record<string, unknown>;

export function encodeEvent(event: HistoryEvent, releaseId: ReleaseId): Stored {
  const pair = event.stepId ? parseTemplateStepId(event.stepId) : null;
  const out: Stored = { ...event };
  if (event.releaseId === releaseId) delete out.releaseId;
  if (event.stepId === null) delete out.stepId;
  if (event.customerId === (pair?.customerId ?? null)) delete out.customerId;
  if (event.templateId === (pair?.templateId ?? null)) delete out.templateId;
  if (event.after === null) delete out.after;
  if (event.from === null) delete out.from;
  if (event.to === null) delete out.to;
  if (Object.keys(event.detail).length === 0) delete out.detail;
  else out.detail = { ...event.detail };
  return out;
}

export function decodeEvent(value: unknown, releaseId: ReleaseId): HistoryEvent {
  const v = value as Stored & Pick<HistoryEvent, 'id' | 'kind' | 'at' | 'by' | 'byName' | 'device'>;
  const stepId = v.stepId ?? null;
  const pair = stepId ? parseTemplateStepId(stepId) : null;
  return {
    ...v,
    releaseId: v.releaseId ?? releaseId,
    stepId,
    customerId: v.customerId !== undefined ? v.customerId : (pair?.customerId ?? null),
    templateId: v.templateId !== undefined ? v.templateId : (pair?.templateId ?? null),
    after: v.after ?? null,
    from: v.from ?? null,
    to: v.to ?? null,
    detail: v.detail ?? {},
  };
}
