/**
 * One log entry = one history event and the step-state change that came with it (ST-13), stored as a
 * plain array of small numbers and short strings:
 *
 *   [head, subject, at, actor, tag, value, tag, value, ...]      (an entry with an event)
 *   [head, subject, tag, value, ...]                              (a step-state change on its own)
 *
 * - head = kind code * 2 + (1 when the entry changes step state); kind codes in tables.ts.
 * - subject: `c.t` (keys of a customer and a template id: the template step of that pair), a single key
 *   (a custom step id, or a template id for template events), or '' (the release as a whole).
 * - at: milliseconds since 1970 when that gives back the ISO text exactly, else the text itself.
 * - actor: the key of `[by, byName, device]`.
 * - tags (tables.ts TAG) carry only what the rest does not say: a step state takes from its event what
 *   the event already says (status = to, statusAt = updatedAt = execution.at = at, statusBy = by,
 *   execution.by = byName, notes / reasons / override from the detail), the id is derived from the
 *   content (HI-04), `from` / `to` have usual values per kind.
 *
 * Anything that differs from what would be derived is stored as it is, so decoding gives back exactly
 * the event and the step-state op that were encoded, kinds, fields and detail keys of newer apps
 * included. A done step by one person, without note or override, is about 60 bytes.
 */
import {
  type EventFields,
  eventIdOf,
  type HistoryEvent,
  type HistoryEventKind,
  parseTemplateStepId,
  type ReleaseId,
  type StepId,
  type StepState,
  type StepStateField,
  type StepStatus,
  templateStepId,
} from '@runsheet/domain';
import type { RefReader, RefWriter } from './refs.ts';
import {
  EVENT_FIELDS,
  extraFields,
  FIELD_BIT,
  FIELDS,
  KIND_NAMED,
  KIND_NONE,
  KINDS,
  STATUSES,
  TAG,
  USUAL_DERIVED,
  USUAL_FROM,
  USUAL_TO,
} from './tables.ts';

/** A step-state op as the domain writes it (`put-step-state` without its addressing). */
export interface StateChange {
  id: StepId;
  fields: StepState;
  unset?: StepStateField[] | undefined;
}

/** What one entry holds: an event, a step-state change, or both for the same step. */
export interface LogItem {
  event: HistoryEvent | null;
  state: StateChange | null;
}

/** A decoded entry: the event, and the step-state change as fields to set and fields to remove. */
export interface DecodedEntry {
  event: HistoryEvent | null;
  /** The step whose state changes, or null when the entry changes no step state. */
  stepId: StepId | null;
  set: Record<string, unknown>;
  unset: string[];
}

/** What an entry waits for: keys whose strings have not arrived. */
export interface Waiting {
  missing: string[];
}

/** An entry, what it waits for, or null when it cannot be read at all (damaged or hostile). */
export type DecodeResult = DecodedEntry | Waiting | null;

export function isWaiting(result: DecodeResult): result is Waiting {
  return result !== null && 'missing' in result;
}

const KIND_CODE = new Map<string, number>();
KINDS.forEach((kind, code) => {
  if (kind) KIND_CODE.set(kind, code);
});

function statusValue(status: StepStatus | null): number | string | null {
  if (status === null) return null;
  const code = STATUSES.indexOf(status);
  return code >= 0 ? code : status;
}

function statusOfValue(value: unknown): StepStatus | null {
  if (typeof value === 'number') return STATUSES[value] ?? null;
  return typeof value === 'string' ? (value as StepStatus) : null;
}

/** The ISO time as a number when that reads back exactly, else the text. */
function timeValue(iso: string): number | string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

/** Where a step-state field can be taken from its event (undefined: nowhere). */
function fromEvent(field: string, e: HistoryEvent): unknown {
  switch (field) {
    case 'status':
      return e.to ?? undefined;
    case 'statusAt':
    case 'updatedAt':
    case 'overriddenAt':
      return e.at;
    case 'statusBy':
      return e.by;
    case 'notes':
      return e.detail.notes;
    case 'skipReason':
    case 'revertReason':
      return e.detail.reason;
    case 'overrideRev':
      return e.detail.rev;
    default:
      return undefined;
  }
}

/** A run the event fully describes but for its revision and values: exactly {rev, vars, at, by}. */
function isEventRun(value: unknown, e: HistoryEvent): value is NonNullable<StepState['execution']> {
  if (value === null || typeof value !== 'object') return false;
  const run = value as Record<string, unknown>;
  if (Object.keys(run).length !== 4 || run.at !== e.at || run.by !== e.byName) return false;
  if (typeof run.rev !== 'string' || run.vars === null || typeof run.vars !== 'object') return false;
  return !Array.isArray(run.vars) && Object.values(run.vars).every((v) => typeof v === 'string');
}

function subjectKey(refs: RefWriter, stepId: StepId | null, templateId: string | null): string {
  if (stepId !== null) {
    const pair = parseTemplateStepId(stepId);
    return pair ? `${refs.key(pair.customerId)}.${refs.key(pair.templateId)}` : refs.key(stepId);
  }
  return templateId !== null ? refs.key(templateId) : '';
}

interface Subject {
  stepId: StepId | null;
  customerId: string | null;
  templateId: string | null;
}

function readSubject(subject: unknown, refs: RefReader, miss: (key: string) => void): Subject | null {
  if (subject === '') return { stepId: null, customerId: null, templateId: null };
  if (typeof subject !== 'string') return null;
  const dot = subject.indexOf('.');
  if (dot >= 0) {
    const c = subject.slice(0, dot);
    const t = subject.slice(dot + 1);
    const customerId = refs.text(c);
    const templateId = refs.text(t);
    if (customerId === undefined) miss(c);
    if (templateId === undefined) miss(t);
    if (customerId === undefined || templateId === undefined) return null;
    return {
      stepId: templateStepId(customerId as never, templateId as never),
      customerId,
      templateId,
    };
  }
  const id = refs.text(subject);
  if (id === undefined) {
    miss(subject);
    return null;
  }
  return id.startsWith('template:')
    ? { stepId: null, customerId: null, templateId: id }
    : { stepId: id as StepId, customerId: null, templateId: null };
}

function afterValue(after: string): string {
  const rest = after.startsWith('event:') ? after.slice(6) : null;
  return rest !== null && !rest.includes(':') ? rest : after;
}

function eventContent(e: HistoryEvent): EventFields {
  const { id: _id, ...content } = e;
  return content;
}

/** The entry for an event, a step-state change, or both (the change must be of the event's step). */
export function encodeEntry(item: LogItem, refs: RefWriter, releaseId: ReleaseId): unknown[] {
  const { event: e, state } = item;
  if (e && state && e.stepId !== state.id) throw new Error('an entry pairs an event with its own step');
  const code = e ? (KIND_CODE.get(e.kind) ?? KIND_NAMED) : KIND_NONE;
  const subject = e ? subjectKey(refs, e.stepId, e.templateId) : subjectKey(refs, state?.id ?? null, null);
  const out: unknown[] = [code * 2 + (state ? 1 : 0), subject];
  if (e) {
    out.push(timeValue(e.at), refs.key(JSON.stringify([e.by, e.byName, e.device])));
    if (code === KIND_NAMED) out.push(TAG.kind, e.kind);
    if (e.id !== eventIdOf(eventContent(e))) out.push(TAG.id, e.id);
    if (e.releaseId !== releaseId) out.push(TAG.release, e.releaseId);
    const pair = e.stepId ? parseTemplateStepId(e.stepId) : null;
    const isTemplateEvent = e.stepId === null && e.templateId !== null;
    if (e.customerId !== (pair?.customerId ?? null)) out.push(TAG.customer, e.customerId);
    if (e.templateId !== (pair?.templateId ?? null) && !isTemplateEvent) out.push(TAG.template, e.templateId);
    if (e.after !== null) out.push(TAG.after, afterValue(e.after));
    if (e.from !== (USUAL_FROM[e.kind] ?? null)) out.push(TAG.from, statusValue(e.from));
    if (e.to !== (USUAL_TO[e.kind] ?? null)) out.push(TAG.to, statusValue(e.to));
    if (Object.keys(e.detail).length > 0) out.push(TAG.detail, { ...e.detail });
    const extra = extraFields(e);
    if (extra) out.push(TAG.extra, copy(extra));
  }
  if (state) encodeState(out, state, e, refs);
  return out;
}

function encodeState(out: unknown[], state: StateChange, e: HistoryEvent | null, refs: RefWriter) {
  let derived = 0;
  const explicit: Record<string, unknown> = {};
  let hasExplicit = false;
  for (const [field, value] of Object.entries(state.fields)) {
    if (value === undefined) continue;
    const bit = FIELD_BIT.get(field) ?? 0;
    if (e && bit !== 0 && field !== 'execution' && fromEvent(field, e) === value) derived |= bit;
    else if (e && field === 'execution' && isEventRun(value, e)) {
      derived |= bit;
      out.push(TAG.run, [refs.key(value.rev), refs.key(JSON.stringify(value.vars))]);
    } else if (field === 'snapshotRev' && typeof value === 'string') out.push(TAG.snapshot, refs.key(value));
    else {
      explicit[field] = copy(value);
      hasExplicit = true;
    }
  }
  const usual = e ? (USUAL_DERIVED[e.kind] ?? 0) : 0;
  if (derived !== usual) out.push(TAG.derived, derived);
  if (hasExplicit) out.push(TAG.fields, explicit);
  let unset = 0;
  const names: string[] = [];
  for (const field of state.unset ?? []) {
    const bit = FIELD_BIT.get(field);
    if (bit === undefined) names.push(field);
    else unset |= bit;
  }
  if (unset !== 0) out.push(TAG.unset, unset);
  if (names.length > 0) out.push(TAG.unsetNames, names);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Field values are JSON by the schemas; the document keeps its own copy. */
function copy(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? JSON.parse(JSON.stringify(value)) : value;
}

const NO_FIELDS: readonly string[] = Object.freeze([]);

/** Times repeat (a bulk command stamps one time on every entry): remember the last conversion. */
let lastMs = Number.NaN;
let lastIso = '';
function isoOf(value: unknown): string {
  if (typeof value !== 'number') return String(value);
  if (value !== lastMs) {
    lastMs = value;
    lastIso = new Date(value).toISOString();
  }
  return lastIso;
}

/**
 * Reads an entry back. An entry that refers to keys whose strings have not arrived yet (another device
 * interned them and its update is still on the way) waits for them (ST-14); null: not an entry this
 * format can read (damaged or hostile), ignored. Written for a cold read of 50,000
 * entries: one pass over the tags, no per-entry maps.
 */
export function decodeEntry(raw: unknown, refs: RefReader, releaseId: ReleaseId): DecodeResult {
  if (!Array.isArray(raw) || typeof raw[0] !== 'number') return null;
  const head = raw[0];
  const code = head >> 1;
  const hasState = (head & 1) === 1;
  let missing: string[] | null = null;
  const miss = (key: string) => {
    missing ??= [];
    missing.push(key);
  };
  const subject = readSubject(raw[1], refs, miss);
  let actor: unknown;
  let i = 2;
  if (code !== KIND_NONE) {
    const actorKey = raw[3];
    if (typeof actorKey !== 'string') return null;
    actor = refs.json(actorKey);
    if (actor === undefined) miss(actorKey);
    i = 4;
  }
  let kind: unknown = KINDS[code];
  let id: unknown;
  let release: unknown;
  let customer: unknown;
  let hasCustomer = false;
  let template: unknown;
  let hasTemplate = false;
  let after: unknown;
  let from: unknown;
  let hasFrom = false;
  let to: unknown;
  let hasTo = false;
  let detail: unknown;
  let derived: unknown;
  let run: unknown;
  let snapshotKey: unknown;
  let explicit: unknown;
  let unsetMask: unknown;
  let unsetNames: unknown;
  let extra: unknown;
  for (; i + 1 < raw.length; i += 2) {
    const value = raw[i + 1];
    switch (raw[i]) {
      case TAG.id:
        id = value;
        break;
      case TAG.release:
        release = value;
        break;
      case TAG.customer:
        customer = value;
        hasCustomer = true;
        break;
      case TAG.template:
        template = value;
        hasTemplate = true;
        break;
      case TAG.after:
        after = value;
        break;
      case TAG.from:
        from = value;
        hasFrom = true;
        break;
      case TAG.to:
        to = value;
        hasTo = true;
        break;
      case TAG.detail:
        detail = value;
        break;
      case TAG.kind:
        kind = value;
        break;
      case TAG.derived:
        derived = value;
        break;
      case TAG.run:
        run = value;
        break;
      case TAG.snapshot:
        snapshotKey = value;
        break;
      case TAG.fields:
        explicit = value;
        break;
      case TAG.unset:
        unsetMask = value;
        break;
      case TAG.unsetNames:
        unsetNames = value;
        break;
      case TAG.extra:
        extra = value;
        break;
    }
  }
  let runRev: string | undefined;
  let runVars: unknown;
  if (Array.isArray(run)) {
    runRev = refs.text(run[0]);
    runVars = refs.json(run[1]);
    if (runRev === undefined) miss(run[0]);
    if (runVars === undefined) miss(run[1]);
  }
  const snapshot = typeof snapshotKey === 'string' ? refs.text(snapshotKey) : undefined;
  if (typeof snapshotKey === 'string' && snapshot === undefined) miss(snapshotKey);
  if (missing) return { missing };
  if (!subject) return null;

  let event: HistoryEvent | null = null;
  if (code !== KIND_NONE) {
    if (!Array.isArray(actor) || actor.length !== 3 || typeof kind !== 'string') return null;
    const k = kind as HistoryEventKind;
    event = {
      id: '' as never,
      releaseId: (release as ReleaseId | undefined) ?? releaseId,
      kind: k,
      at: isoOf(raw[2]),
      by: String(actor[0]),
      byName: String(actor[1]),
      device: String(actor[2]),
      stepId: subject.stepId,
      customerId: (hasCustomer ? customer : subject.customerId) as never,
      templateId: (hasTemplate ? template : subject.templateId) as never,
      after: typeof after === 'string' ? ((after.includes(':') ? after : `event:${after}`) as never) : null,
      from: hasFrom ? statusOfValue(from) : (USUAL_FROM[k] ?? null),
      to: hasTo ? statusOfValue(to) : (USUAL_TO[k] ?? null),
      detail: isRecord(detail) ? (detail as Record<string, string>) : {},
    };
    event.id = typeof id === 'string' ? (id as never) : eventIdOf(event);
    if (isRecord(extra)) {
      for (const [key, value] of Object.entries(extra))
        if (!EVENT_FIELDS.has(key)) (event as Record<string, unknown>)[key] = value;
    }
  }
  if (!hasState) return { event, stepId: null, set: {}, unset: NO_FIELDS as string[] };
  if (subject.stepId === null) return null;

  const set: Record<string, unknown> = {};
  const mask = typeof derived === 'number' ? derived : event ? (USUAL_DERIVED[event.kind] ?? 0) : 0;
  if (event && mask !== 0) {
    for (let b = 0; b < FIELDS.length; b++) {
      if ((mask & (1 << b)) === 0) continue;
      const field = FIELDS[b] as string;
      if (field === 'execution') {
        if (runRev !== undefined)
          set.execution = { rev: runRev, vars: runVars, at: event.at, by: event.byName };
        continue;
      }
      const value = fromEvent(field, event);
      if (value !== undefined) set[field] = value;
    }
  }
  if (snapshot !== undefined) set.snapshotRev = snapshot;
  if (isRecord(explicit)) Object.assign(set, explicit);
  let unset = NO_FIELDS as string[];
  if (typeof unsetMask === 'number' || Array.isArray(unsetNames)) {
    unset = [];
    if (typeof unsetMask === 'number') {
      for (let b = 0; b < FIELDS.length; b++) if (unsetMask & (1 << b)) unset.push(FIELDS[b] as string);
    }
    if (Array.isArray(unsetNames)) for (const n of unsetNames) if (typeof n === 'string') unset.push(n);
  }
  return { event, stepId: subject.stepId, set, unset };
}
