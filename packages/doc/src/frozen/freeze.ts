/**
 * A finished release, frozen (ST-15): the whole ReleaseState (templates, custom steps, participants,
 * revisions, every step state and the whole history) as one immutable byte string that devices and the
 * relay can keep and load instead of replaying the release document. `thawRelease(freezeRelease(s))`
 * deep-equals `s`, so every view reads a frozen release exactly as a live one.
 *
 *   'RSFZ' | format version (varuint) | SHA-256 of the body (32 bytes) | body
 *   body: string table (count, strings) | release id | the other collections by name (templates,
 *         custom steps, participants, revisions, waves...) | step states (rows) | events (rows)
 *
 * Columnar where it counts: a step-state row is the step (a template step as its customer, often "the
 * same as the row before", and its template), the known fields it has (often "the same as the row
 * before"), a mask of the values equal to the previous row's value of that field, the other values in
 * a fixed order, then any other field by name. An event row is a mask of what it holds beyond the
 * usual, a mask of its kind, time, actor, from and to that repeat the row before, the rest; its id is
 * left out when it is the one its content gives (HI-04), its customer and template when its step id
 * names them. Strings are stored once (values.ts), times as deltas.
 */
import {
  emptyReleaseState,
  eventIdOf,
  type HistoryEvent,
  parseTemplateStepId,
  type ReasonCode,
  type ReleaseId,
  type ReleaseState,
  reasonText,
  type StepId,
  type StepState,
  templateStepId,
} from '@runsheet/domain';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { digest } from 'lib0/hash/sha256';
import { extraFields, FIELDS } from '../log/tables.ts';
import { ValueReader, ValueWriter } from './values.ts';

export const FROZEN_FORMAT_VERSION = 1;
const MAGIC = [0x52, 0x53, 0x46, 0x5a]; // RSFZ
const HASH_BYTES = 32;

/** Why bytes are not a frozen release this code can read (the reason's text: domain `reasonText`). */
export class FrozenReleaseError extends Error {
  constructor(readonly code: Extract<ReasonCode, `frozen-${string}`>) {
    super(reasonText(code));
  }
}

const KNOWN = new Map<string, number>(FIELDS.map((f, i) => [f, i]));
/** The parts of a release stored as rows; every other key is a collection stored by name. */
const ROWS = new Set(['releaseId', 'stepStates', 'events']);

// Event row flags: what an event holds beyond the usual.
const E = {
  explicitId: 1,
  otherRelease: 2,
  explicitSubject: 4,
  after: 8,
  detail: 16,
  extra: 32,
} as const;

/**
 * Step ids as rows see them: a template step is its customer and template id, and rows of one customer
 * follow each other (commands write a customer's steps together), so "the same customer as the row
 * before" is one number.
 */
class StepIds {
  private lastCustomer = '';

  write(w: ValueWriter, stepId: StepId | null): void {
    if (stepId === null) {
      w.uint(0);
      return;
    }
    const pair = parseTemplateStepId(stepId);
    if (pair && templateStepId(pair.customerId, pair.templateId) === stepId) {
      if (pair.customerId === this.lastCustomer) w.uint(1);
      else {
        w.uint(2);
        w.string(pair.customerId);
        this.lastCustomer = pair.customerId;
      }
      w.string(pair.templateId);
    } else {
      w.uint(3);
      w.string(stepId);
    }
  }

  read(r: ValueReader): StepId | null {
    const kind = r.uint();
    if (kind === 0) return null;
    if (kind === 3) return r.string() as StepId;
    if (kind === 2) this.lastCustomer = r.string();
    return templateStepId(this.lastCustomer as never, r.string() as never);
  }
}

/**
 * "The same value as the row before" for a column of values: one bit in the row's mask instead of the
 * value. Values are compared by their JSON text (they are JSON), strings directly.
 */
class Columns {
  private readonly last = new Map<string, { value: unknown; key: string }>();

  same(column: string, value: unknown): boolean {
    const key = typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
    const last = this.last.get(column);
    this.last.set(column, { value, key });
    return last !== undefined && last.key === key;
  }

  /** The reader's side: the column's last value (shared, read-only like the rest of the state). */
  previous(column: string): unknown {
    return this.last.get(column)?.value;
  }

  remember(column: string, value: unknown): void {
    this.last.set(column, { value, key: '' });
  }
}

class StateRows {
  private readonly ids = new StepIds();
  private readonly columns = new Columns();
  private lastMask = -1;

  write(w: ValueWriter, stepId: StepId, state: StepState): void {
    this.ids.write(w, stepId);
    const record = state as Record<string, unknown>;
    let mask = 0;
    const others: string[] = [];
    for (const field of Object.keys(record)) {
      const bit = KNOWN.get(field);
      if (record[field] === undefined) continue;
      if (bit === undefined) others.push(field);
      else mask |= 1 << bit;
    }
    // 0: the same fields as the row before.
    w.uint(mask === this.lastMask ? 0 : mask + 1);
    this.lastMask = mask;
    let same = 0;
    const present: string[] = [];
    for (let b = 0; b < FIELDS.length; b++) {
      if ((mask & (1 << b)) === 0) continue;
      const field = FIELDS[b] as string;
      if (this.columns.same(field, record[field])) same |= 1 << present.length;
      present.push(field);
    }
    w.uint(same);
    present.forEach((field, i) => {
      if ((same & (1 << i)) === 0) w.value(record[field]);
    });
    w.uint(others.length);
    for (const field of others) {
      w.string(field);
      w.value(record[field]);
    }
  }

  read(r: ValueReader): [StepId, StepState] {
    const stepId = this.ids.read(r) as StepId;
    const coded = r.uint();
    const mask = coded === 0 ? this.lastMask : coded - 1;
    this.lastMask = mask;
    const same = r.uint();
    const out: Record<string, unknown> = {};
    let i = 0;
    for (let b = 0; b < FIELDS.length; b++) {
      if ((mask & (1 << b)) === 0) continue;
      const field = FIELDS[b] as string;
      const value = same & (1 << i) ? this.columns.previous(field) : r.value();
      this.columns.remember(field, value);
      out[field] = value;
      i++;
    }
    const others = r.uint();
    for (let k = 0; k < others; k++) {
      const field = r.string();
      out[field] = r.value();
    }
    return [stepId, out as StepState];
  }
}

/** The columns of an event row that often repeat the row before. */
const EVENT_COLUMNS = ['kind', 'at', 'actor', 'from', 'to'] as const;

class EventRows {
  private readonly ids = new StepIds();
  private readonly columns = new Columns();

  constructor(private readonly releaseId: ReleaseId) {}

  write(w: ValueWriter, e: HistoryEvent): void {
    const { id, ...content } = e;
    const pair = e.stepId ? parseTemplateStepId(e.stepId) : null;
    const derivedSubject =
      pair !== null && e.customerId === pair.customerId && e.templateId === pair.templateId;
    let flags = 0;
    if (id !== eventIdOf(content)) flags |= E.explicitId;
    if (e.releaseId !== this.releaseId) flags |= E.otherRelease;
    if (!derivedSubject) flags |= E.explicitSubject;
    if (e.after !== null) flags |= E.after;
    if (Object.keys(e.detail).length > 0) flags |= E.detail;
    const extra = extraFields(e);
    if (extra) flags |= E.extra;
    const values = [e.kind, e.at, JSON.stringify([e.by, e.byName, e.device]), e.from, e.to];
    let same = 0;
    values.forEach((value, i) => {
      if (this.columns.same(EVENT_COLUMNS[i] as string, value)) same |= 1 << i;
    });
    w.uint(flags);
    w.uint(same);
    values.forEach((value, i) => {
      if ((same & (1 << i)) === 0) w.value(value);
    });
    if (flags & E.explicitId) w.string(id);
    if (flags & E.otherRelease) w.string(e.releaseId);
    this.ids.write(w, e.stepId);
    if (flags & E.explicitSubject) {
      w.value(e.customerId);
      w.value(e.templateId);
    }
    if (flags & E.after) w.string(e.after as string);
    if (flags & E.detail) w.value(e.detail);
    if (extra) w.value(extra);
  }

  read(r: ValueReader): HistoryEvent {
    const flags = r.uint();
    const same = r.uint();
    const values = EVENT_COLUMNS.map((column, i) => {
      const value = same & (1 << i) ? this.columns.previous(column) : r.value();
      this.columns.remember(column, value);
      return value;
    });
    const [kind, at, actor, from, to] = values as [HistoryEvent['kind'], string, string, unknown, unknown];
    const [by, byName, device] = r.parseJson(actor) as [string, string, string];
    const explicitId = flags & E.explicitId ? r.string() : null;
    const releaseId = flags & E.otherRelease ? (r.string() as ReleaseId) : this.releaseId;
    const stepId = this.ids.read(r);
    let customerId: unknown;
    let templateId: unknown;
    if (flags & E.explicitSubject) {
      customerId = r.value();
      templateId = r.value();
    } else {
      const pair = parseTemplateStepId(stepId as StepId);
      customerId = pair?.customerId ?? null;
      templateId = pair?.templateId ?? null;
    }
    const after = flags & E.after ? r.string() : null;
    const detail = flags & E.detail ? (r.value() as Record<string, string>) : {};
    const event = {
      id: '',
      releaseId,
      kind,
      at,
      by,
      byName,
      device,
      stepId,
      customerId,
      templateId,
      after,
      from,
      to,
      detail,
    } as unknown as HistoryEvent;
    event.id = (explicitId ?? eventIdOf(event)) as HistoryEvent['id'];
    if (flags & E.extra) Object.assign(event, r.value() as object);
    return event;
  }
}

/** The frozen form of a release: deterministic (the same state gives the same bytes) and hashed. */
export function freezeRelease(release: ReleaseState): Uint8Array {
  const w = new ValueWriter();
  w.string(release.releaseId);
  // Every other collection by name (templates, participants, revisions, waves, ...): what a newer
  // domain adds to a release is frozen with no change of format.
  const collections = Object.keys(release).filter((k) => !ROWS.has(k));
  w.uint(collections.length);
  for (const key of collections) {
    w.string(key);
    w.value((release as unknown as Record<string, unknown>)[key]);
  }
  const steps = Object.entries(release.stepStates) as Array<[StepId, StepState]>;
  w.uint(steps.length);
  const stateRows = new StateRows();
  for (const [stepId, state] of steps) stateRows.write(w, stepId, state);
  w.uint(release.events.length);
  const eventRows = new EventRows(release.releaseId);
  for (const event of release.events) eventRows.write(w, event);

  const body = encoding.createEncoder();
  encoding.writeVarUint(body, w.strings.length);
  for (const s of w.strings) encoding.writeVarString(body, s);
  encoding.writeUint8Array(body, encoding.toUint8Array(w.body));
  const bodyBytes = encoding.toUint8Array(body);
  const out = encoding.createEncoder();
  for (const byte of MAGIC) encoding.writeUint8(out, byte);
  encoding.writeVarUint(out, FROZEN_FORMAT_VERSION);
  encoding.writeUint8Array(out, digest(bodyBytes));
  encoding.writeUint8Array(out, bodyBytes);
  return encoding.toUint8Array(out);
}

/** The content hash of a frozen release (hex SHA-256 of its body), without reading the body. */
export function frozenHash(bytes: Uint8Array): string {
  const { hash } = split(bytes);
  return [...hash].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function split(bytes: Uint8Array): { hash: Uint8Array; body: Uint8Array } {
  if (bytes.length < MAGIC.length + 1 + HASH_BYTES || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new FrozenReleaseError('frozen-not-a-release');
  }
  const d = decoding.createDecoder(bytes);
  decoding.readUint8Array(d, MAGIC.length);
  if (decoding.readVarUint(d) > FROZEN_FORMAT_VERSION) throw new FrozenReleaseError('frozen-newer-format');
  const hash = decoding.readUint8Array(d, HASH_BYTES);
  return { hash, body: bytes.subarray(d.pos) };
}

/** The release a frozen form holds. Refuses bytes whose hash does not match (`frozen-damaged`). */
export function thawRelease(bytes: Uint8Array): ReleaseState {
  const parts = thawParts(bytes, Number.POSITIVE_INFINITY);
  for (let next = parts.next(); ; next = parts.next()) if (next.done) return next.value;
}

/** Where a thaw in parts stands when it yields: reading step states, or the history (after the steps). */
export type ThawStage = 'steps' | 'history';

/**
 * What a thaw in parts yields. From the first 'history' part on, `release` is the release being read,
 * its step states complete and its events still filling (a view of steps can paint from it).
 */
export interface ThawPart {
  stage: ThawStage;
  release: ReleaseState | null;
}

/**
 * `thawRelease` in parts, so a page can read a large frozen release over several tasks: it yields every
 * `rowsPerPart` rows, with the stage it is in; once it yields 'history', the state it returns at the
 * end already holds every step state (only events follow). The hash is checked first, as one part.
 */
export function* thawParts(bytes: Uint8Array, rowsPerPart = 10_000): Generator<ThawPart, ReleaseState> {
  const { hash, body } = split(bytes);
  const actual = digest(body);
  if (actual.length !== hash.length || actual.some((b, i) => b !== hash[i])) {
    throw new FrozenReleaseError('frozen-damaged');
  }
  yield { stage: 'steps', release: null };
  let r: ValueReader;
  let state: ReleaseState;
  try {
    const d = decoding.createDecoder(body);
    const count = decoding.readVarUint(d);
    const strings: string[] = [];
    for (let i = 0; i < count; i++) strings.push(decoding.readVarString(d));
    r = new ValueReader(d, strings);
    state = emptyReleaseState(r.string() as ReleaseId);
    const collections = r.uint();
    for (let i = 0; i < collections; i++) {
      const key = r.string();
      (state as unknown as Record<string, unknown>)[key] = r.value();
    }
  } catch {
    // The hash matched, so these are bytes a broken writer made: say so the same way.
    throw new FrozenReleaseError('frozen-damaged');
  }
  const steps = readOrDamaged(() => r.uint());
  const stateRows = new StateRows();
  for (let i = 0; i < steps; i++) {
    if (i > 0 && i % rowsPerPart === 0) yield { stage: 'steps', release: null };
    const [stepId, s] = readOrDamaged(() => stateRows.read(r));
    state.stepStates[stepId] = s;
  }
  yield { stage: 'history', release: state };
  const events = readOrDamaged(() => r.uint());
  const eventRows = new EventRows(state.releaseId);
  for (let i = 0; i < events; i++) {
    if (i > 0 && i % rowsPerPart === 0) yield { stage: 'history', release: state };
    state.events.push(readOrDamaged(() => eventRows.read(r)));
  }
  return state;
}

function readOrDamaged<T>(read: () => T): T {
  try {
    return read();
  } catch {
    throw new FrozenReleaseError('frozen-damaged');
  }
}
