/**
 * The step-state layouts the benchmark compares with the log (schema 3), each a writer (a domain
 * Change into a Y.Doc) and a reader (the Y.Doc back into a ReleaseState). Entities (templates,
 * participants, revisions) are written by the real doc layer in every layout: only step state and
 * history differ.
 *
 * - `schema 2`: main at 5afc536: one flat Y.Map of `stepId|field` keys, events in a Y.Array without
 *   their derivable fields. Read by the real reader (it still reads schema 2).
 * - `schema 2 + refs`: the same flat map and array, with short interned keys (log/refs.ts) for step
 *   ids, actors, revisions and variable values, times as numbers, events as the log's event entries.
 * - `keyed values`: y-utility's YKeyValue idea: a Y.Array of {key, val} where setting a key pushes a
 *   new pair and deletes the old one (no Y.Map history kept per key), keys and values as above.
 * - `log (schema 3)`: the real doc layer.
 */
import {
  type Change,
  type HistoryEvent,
  parseTemplateStepId,
  type ReleaseId,
  type ReleaseOp,
  type ReleaseState,
  type StepId,
  type StepState,
  templateStepId,
} from '@runsheet/domain';
import type * as Y from 'yjs';
import { encodeEvent } from '../src/event-codec.ts';
import { applyChange, readRelease } from '../src/index.ts';
import { decodeEntry, encodeEntry, isWaiting } from '../src/log/entry-codec.ts';
import { RefReader, RefWriter } from '../src/log/refs.ts';
import { FIELDS, STATUSES } from '../src/log/tables.ts';

export interface Layout {
  name: string;
  apply(doc: Y.Doc, change: Change): void;
  read(doc: Y.Doc, releaseId: ReleaseId): ReleaseState;
}

const isStepOp = (op: ReleaseOp) => op.op === 'put-step-state' || op.op === 'append-event';

/** The entity ops of a change, written by the real doc layer. */
function applyEntities(doc: Y.Doc, change: Change): ReleaseOp[] {
  const release = change.ops.filter((op): op is ReleaseOp => op.doc === 'release');
  const entities = release.filter((op) => !isStepOp(op));
  if (entities.length > 0) applyChange(() => doc, { ops: entities }, 'bench');
  return release.filter(isStepOp);
}

export const schema2: Layout = {
  name: 'schema 2 (main)',
  apply(doc, change) {
    const ops = applyEntities(doc, change);
    if (ops.length === 0) return;
    const flat = doc.getMap('stepState');
    const events = doc.getArray('events');
    doc.transact(() => {
      for (const op of ops) {
        if (op.op === 'append-event') events.push([encodeEvent(op.event, op.releaseId)]);
        else if (op.op === 'put-step-state') {
          for (const [field, value] of Object.entries(op.fields)) {
            if (value !== undefined) flat.set(`${op.id}|${field}`, JSON.parse(JSON.stringify(value)));
          }
          for (const field of op.unset ?? []) flat.delete(`${op.id}|${field}`);
        }
      }
    }, 'bench');
  },
  read: (doc, releaseId) => readRelease(doc, releaseId),
};

// --- short keys for the flat and keyed layouts --------------------------------------------------

const FIELD_CODE = new Map<string, number>(FIELDS.map((f, i) => [f, i]));
const TIME_FIELDS = new Set(['statusAt', 'updatedAt', 'overriddenAt', 'executedAt']);

function stepKey(refs: RefWriter, stepId: StepId): string {
  const pair = parseTemplateStepId(stepId);
  return pair ? `${refs.key(pair.customerId)}.${refs.key(pair.templateId)}` : refs.key(stepId);
}

function readStepKey(refs: RefReader, key: string): StepId {
  const dot = key.indexOf('.');
  if (dot < 0) return refs.text(key) as StepId;
  return templateStepId(refs.text(key.slice(0, dot)) as never, refs.text(key.slice(dot + 1)) as never);
}

function packValue(refs: RefWriter, field: string, value: unknown): unknown {
  if (field === 'status') return STATUSES.indexOf(value as never);
  if (TIME_FIELDS.has(field)) return Date.parse(value as string);
  if (field === 'statusBy' || field === 'snapshotRev' || field === 'overrideRev')
    return refs.key(value as string);
  if (field === 'execution') {
    const run = value as NonNullable<StepState['execution']>;
    return [refs.key(run.rev), refs.key(JSON.stringify(run.vars)), Date.parse(run.at), refs.key(run.by)];
  }
  return value;
}

function unpackValue(refs: RefReader, field: string, value: unknown): unknown {
  if (field === 'status') return STATUSES[value as number];
  if (TIME_FIELDS.has(field)) return new Date(value as number).toISOString();
  if (field === 'statusBy' || field === 'snapshotRev' || field === 'overrideRev')
    return refs.text(value as string);
  if (field === 'execution') {
    const [rev, vars, at, by] = value as [string, string, number, string];
    return { rev: refs.text(rev), vars: refs.json(vars), at: new Date(at).toISOString(), by: refs.text(by) };
  }
  return value;
}

function fieldKey(refs: RefWriter, stepId: StepId, field: string): string {
  return `${stepKey(refs, stepId)}|${FIELD_CODE.get(field) ?? field}`;
}

function parseFieldKey(refs: RefReader, key: string): [StepId, string] {
  const bar = key.lastIndexOf('|');
  const code = key.slice(bar + 1);
  const field = /^\d+$/.test(code) ? (FIELDS[Number(code)] as string) : code;
  return [readStepKey(refs, key.slice(0, bar)), field];
}

function setField(state: ReleaseState, stepId: StepId, field: string, value: unknown) {
  const s = (state.stepStates[stepId] ?? {}) as Record<string, unknown>;
  s[field] = value;
  state.stepStates[stepId] = s as StepState;
}

function writers(doc: Y.Doc) {
  return { refs: new RefWriter(doc.getMap('refs')), events: doc.getArray('ev') };
}

function readEvents(doc: Y.Doc, releaseId: ReleaseId, refs: RefReader): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const raw of doc.getArray('ev').toArray()) {
    const result = decodeEntry(raw, refs, releaseId);
    if (result && !isWaiting(result) && result.event) out.push(result.event);
  }
  return out;
}

function entities(doc: Y.Doc, releaseId: ReleaseId): ReleaseState {
  const state = readRelease(doc, releaseId);
  return { ...state, stepStates: {}, events: [] };
}

const refWriters = new WeakMap<Y.Doc, ReturnType<typeof writers>>();
const writersOf = (doc: Y.Doc) => {
  let w = refWriters.get(doc);
  if (!w) {
    w = writers(doc);
    refWriters.set(doc, w);
  }
  return w;
};

export const schema2Refs: Layout = {
  name: 'schema 2 + refs',
  apply(doc, change) {
    const ops = applyEntities(doc, change);
    if (ops.length === 0) return;
    const flat = doc.getMap('kv');
    doc.transact(() => {
      const { refs, events } = writersOf(doc);
      const pushed: unknown[] = [];
      for (const op of ops) {
        if (op.op === 'append-event')
          pushed.push(encodeEntry({ event: op.event, state: null }, refs, op.releaseId));
        else if (op.op === 'put-step-state') {
          for (const [field, value] of Object.entries(op.fields)) {
            if (value !== undefined) flat.set(fieldKey(refs, op.id, field), packValue(refs, field, value));
          }
          for (const field of op.unset ?? []) flat.delete(fieldKey(refs, op.id, field));
        }
      }
      if (pushed.length > 0) events.push(pushed);
    }, 'bench');
  },
  read(doc, releaseId) {
    const refs = new RefReader(doc.getMap('refs'));
    const state = entities(doc, releaseId);
    for (const [key, value] of doc.getMap('kv').entries()) {
      const [stepId, field] = parseFieldKey(refs, key);
      setField(state, stepId, field, unpackValue(refs, field, value));
    }
    state.events = readEvents(doc, releaseId, refs);
    return state;
  },
};

/**
 * A Y.Array of {key, val} with one live pair per key: a set pushes the new pair and deletes the old.
 * The index of a pair is found with a Fenwick tree over live pairs (this writer is the only one).
 */
class KeyedArray {
  private tree = new Int32Array(1 << 20);
  private next = 0;
  private readonly seqOf = new Map<string, number>();

  constructor(private readonly array: Y.Array<unknown>) {}

  private add(i: number, delta: number) {
    for (let x = i + 1; x < this.tree.length; x += x & -x) this.tree[x] = (this.tree[x] as number) + delta;
  }

  private before(i: number): number {
    let sum = 0;
    for (let x = i; x > 0; x -= x & -x) sum += this.tree[x] as number;
    return sum;
  }

  remove(key: string) {
    const seq = this.seqOf.get(key);
    if (seq === undefined) return;
    this.array.delete(this.before(seq), 1);
    this.add(seq, -1);
    this.seqOf.delete(key);
  }

  set(key: string, val: unknown) {
    this.remove(key);
    this.array.push([{ key, val }]);
    this.seqOf.set(key, this.next);
    this.add(this.next, 1);
    this.next++;
  }
}

const keyed = new WeakMap<Y.Doc, KeyedArray>();

export const keyedValues: Layout = {
  name: 'keyed values (YKeyValue)',
  apply(doc, change) {
    const ops = applyEntities(doc, change);
    if (ops.length === 0) return;
    let kv = keyed.get(doc);
    if (!kv) {
      kv = new KeyedArray(doc.getArray('kv'));
      keyed.set(doc, kv);
    }
    const array = kv;
    doc.transact(() => {
      const { refs, events } = writersOf(doc);
      const pushed: unknown[] = [];
      for (const op of ops) {
        if (op.op === 'append-event')
          pushed.push(encodeEntry({ event: op.event, state: null }, refs, op.releaseId));
        else if (op.op === 'put-step-state') {
          for (const [field, value] of Object.entries(op.fields)) {
            if (value !== undefined) array.set(fieldKey(refs, op.id, field), packValue(refs, field, value));
          }
          for (const field of op.unset ?? []) array.remove(fieldKey(refs, op.id, field));
        }
      }
      if (pushed.length > 0) events.push(pushed);
    }, 'bench');
  },
  read(doc, releaseId) {
    const refs = new RefReader(doc.getMap('refs'));
    const state = entities(doc, releaseId);
    for (const pair of doc.getArray('kv').toArray() as Array<{ key: string; val: unknown }>) {
      const [stepId, field] = parseFieldKey(refs, pair.key);
      setField(state, stepId, field, unpackValue(refs, field, pair.val));
    }
    state.events = readEvents(doc, releaseId, refs);
    return state;
  },
};

export const logLayout: Layout = {
  name: 'log (schema 3)',
  apply(doc, change) {
    if (change.ops.some((op) => op.doc === 'release')) {
      applyChange(() => doc, { ops: change.ops.filter((op) => op.doc === 'release') }, 'bench');
    }
  },
  read: (doc, releaseId) => readRelease(doc, releaseId),
};

export const LAYOUTS: Layout[] = [schema2, schema2Refs, keyedValues, logLayout];
