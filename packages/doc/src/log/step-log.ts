/**
 * The step states and history of a release document, read from its log (and the `stepState` / `events`
 * roots of schema 1 and 2), and kept current as the document changes at the cost of what changed:
 *
 * - an entry appended to the log (a local command, most remote updates) is decoded and applied on top
 *   of its step's state; nothing else is read;
 * - an entry that a merge put in the middle of the log refolds only the steps it touches (their few
 *   entries) and re-links the history list (pointers, no decoding);
 * - an entry whose strings have not arrived yet (ST-14) waits, out of state and history, until they do;
 * - a key whose string CHANGES (a concurrent key collision, or damage) makes everything decode again,
 *   so every replica still shows the same.
 *
 * A step's state is its legacy `stepState` fields with its entries folded on top in log order (ST-13);
 * the history is the legacy `events` followed by the log's events. A step with no fields has no record.
 */
import type { HistoryEvent, ReleaseId, StepId, StepState } from '@runsheet/domain';
import type * as Y from 'yjs';
import { decodeEvent } from '../event-codec.ts';
import { parseStepStateKey, type ReleaseRoots } from '../layout.ts';
import { type DecodedEntry, decodeEntry, isWaiting } from './entry-codec.ts';
import { RefReader } from './refs.ts';

interface Slot {
  raw: unknown;
  /** The decoded entry; null while it waits for strings, or when it cannot be read at all. */
  entry: DecodedEntry | null;
  /** Its index in the log (kept current whenever something is inserted before it). */
  pos: number;
}

/** A Y.Array delta as its observer sees it. */
export type ArrayDelta = ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>;

export interface StepLogChanges {
  stepStates: StepId[];
  /** Events that joined the history, in document order. */
  events: HistoryEvent[];
}

export class StepLog {
  /** The plain records, updated in place; a changed step gets a new object. */
  readonly stepStates: Record<StepId, StepState> = {};
  /** The history in document order, updated in place. */
  readonly events: HistoryEvent[] = [];

  private slots: Slot[] = [];
  /** Each step's slots in log order: built on the first refold that needs it, then kept current. */
  private byStepIndex: Map<StepId, Slot[]> | null = null;
  private waiting = new Map<string, Set<Slot>>();
  private legacyBase = new Map<StepId, Record<string, unknown>>();
  private legacyEvents: HistoryEvent[] = [];
  /** The string each key read as: a key whose string changes makes everything read again. */
  private readonly seen = new Map<string, string>();
  private refs: RefReader;
  private known = new WeakSet<object>();
  /** The legacy `events` values already read (see `onLegacyEventsDelta`). */
  private knownLegacy = new WeakSet<object>();

  // What the current transaction did, until `take`.
  private touched = new Set<StepId>();
  private refoldNeeded = new Set<StepId>();
  private added: Slot[] = [];
  private addedLegacy: HistoryEvent[] = [];
  private relink = false;
  private regroup = false;
  private rebuild = false;

  /**
   * Reads the whole log at once, unless `deferRead`: then the first read is `readInSlices` (a large
   * document opens without one long task), and the log must not be used before it resolves.
   */
  constructor(
    private readonly roots: ReleaseRoots,
    private readonly releaseId: ReleaseId,
    options: { deferRead?: boolean } = {},
  ) {
    this.refs = new RefReader(roots.refs, this.seen);
    if (!options.deferRead) this.readAll();
  }

  /**
   * The first read, in slices of about `sliceMs` of work with `pause()` between them, so the page
   * stays responsive while a 50,000-entry log is decoded. The document must not change meanwhile: it
   * is not yet observed, so a change would be missed (the caller opens it only after this resolves).
   */
  async readInSlices(pause: () => Promise<void>, sliceMs = 40): Promise<void> {
    const read = this.startRead();
    for (;;) {
      const deadline = Date.now() + sliceMs;
      if (read(() => Date.now() >= deadline)) return;
      await pause();
    }
  }

  /** A delta of the log. Must run inside the observer: Yjs computes deltas only there. */
  onLogDelta(delta: ArrayDelta): void {
    let index = 0;
    for (const part of delta) {
      if (part.retain !== undefined) index += part.retain;
      else if (part.delete !== undefined) {
        // Runsheet never deletes entries; whatever did, regroup every step from what is left.
        this.slots.splice(index, part.delete);
        this.relink = true;
        this.regroup = true;
      } else if (Array.isArray(part.insert)) {
        for (const raw of part.insert) {
          // Nested transactions can report an insert twice (see ReleaseMirror): skip what is here.
          if (raw !== null && typeof raw === 'object' && this.known.has(raw)) {
            index++;
            continue;
          }
          const atEnd = index === this.slots.length;
          const slot = this.decodeSlot(raw, index);
          if (atEnd) this.slots.push(slot);
          else {
            this.slots.splice(index, 0, slot);
            this.relink = true;
          }
          index++;
          if (slot.entry) this.admit(slot, atEnd);
        }
      }
    }
    if (this.relink) {
      for (let i = 0; i < this.slots.length; i++) (this.slots[i] as Slot).pos = i;
    }
    if (this.slots.length !== this.roots.log.length) this.rebuild = true;
  }

  /** Keys added or changed in `refs`: waiting entries may read now; a changed string reads all again. */
  onRefsChanged(keys: Iterable<string>): void {
    for (const key of keys) {
      const before = this.seen.get(key);
      this.refs.forget(key);
      if (before !== undefined && before !== this.roots.refs.get(key)) this.rebuild = true;
      const slots = this.waiting.get(key);
      if (!slots) continue;
      this.waiting.delete(key);
      for (const slot of slots) {
        if (slot.entry) continue;
        const result = decodeEntry(slot.raw, this.refs, this.releaseId);
        if (isWaiting(result)) for (const k of result.missing) addTo(this.waiting, k, slot);
        else if (result) {
          slot.entry = result;
          this.relink = true;
          this.admit(slot, false);
        }
      }
    }
  }

  /** Legacy `stepState` keys changed (an app of schema 1 or 2 wrote to this document). */
  onLegacyStateChanged(keys: Iterable<string>): void {
    for (const key of keys) {
      const parsed = parseStepStateKey(key);
      if (!parsed) continue;
      const value = this.roots.stepState.get(key);
      const base = this.legacyBase.get(parsed.stepId) ?? {};
      if (value === undefined) delete base[parsed.field];
      else base[parsed.field] = value;
      if (Object.keys(base).length === 0) this.legacyBase.delete(parsed.stepId);
      else this.legacyBase.set(parsed.stepId, base);
      this.refoldNeeded.add(parsed.stepId);
      this.touched.add(parsed.stepId);
    }
  }

  /**
   * A delta of the legacy `events` (an app of schema 1 or 2 wrote there, or a hostile client did). Only
   * what it inserts is decoded: a release written by schema 2 holds an event per action (50,051 when all
   * 50,000 steps are done), and reading them all again on every such write cost 34 ms a write on every
   * device and on the relay (p50; 168 ms at worst), so a member appending a few a second could freeze
   * every page that had the release open. The history is re-linked (pointers, no decoding).
   */
  onLegacyEventsDelta(delta: ArrayDelta): void {
    let index = 0;
    for (const part of delta) {
      if (part.retain !== undefined) index += part.retain;
      else if (part.delete !== undefined) this.legacyEvents.splice(index, part.delete);
      else if (Array.isArray(part.insert)) {
        for (const raw of part.insert) {
          // As in the log: nested transactions can report an insert twice; it is in place already.
          if (raw !== null && typeof raw === 'object') {
            if (this.knownLegacy.has(raw)) {
              index++;
              continue;
            }
            this.knownLegacy.add(raw);
          }
          const e = decodeEvent(raw, this.releaseId);
          if (index === this.legacyEvents.length) this.legacyEvents.push(e);
          else this.legacyEvents.splice(index, 0, e);
          this.addedLegacy.push(e);
          index++;
        }
      }
    }
    this.relink = true;
    if (this.legacyEvents.length !== this.roots.events.length) this.rebuild = true;
  }

  /** Ends a transaction: finishes what the observers started and says what changed (null: nothing). */
  take(): StepLogChanges | null {
    if (this.rebuild) return this.takeRebuild();
    if (this.regroup) {
      this.byStepIndex = null;
      for (const id of [...(Object.keys(this.stepStates) as StepId[]), ...this.buildIndex().keys()]) {
        this.refoldNeeded.add(id);
        this.touched.add(id);
      }
    }
    if (this.refoldNeeded.size > 16) this.buildIndex();
    for (const stepId of this.refoldNeeded) this.refold(stepId);
    const slotsAdded = this.added.filter((s) => s.entry?.event).sort((a, b) => a.pos - b.pos);
    const events = [...this.addedLegacy, ...slotsAdded.map((s) => s.entry?.event as HistoryEvent)];
    if (this.relink) this.relinkEvents();
    else for (const e of events) this.events.push(e);
    const changes = this.touched.size + events.length > 0 ? { stepStates: [...this.touched], events } : null;
    this.reset();
    return changes;
  }

  // --- internals ---------------------------------------------------------------------------------

  /** Reads everything (the first read, and the safety net): one pass, each step folded as it goes. */
  private readAll(): void {
    this.startRead()(() => false);
  }

  /**
   * Starts a full read; the returned function goes on with it until `stop()` says so (asked every 256
   * entries) and returns true once everything is read.
   */
  private startRead(): (stop: () => boolean) => boolean {
    this.slots = [];
    this.byStepIndex = null;
    this.waiting = new Map();
    this.known = new WeakSet();
    this.seen.clear();
    this.refs = new RefReader(this.roots.refs, this.seen);
    this.legacyBase = readLegacyBase(this.roots.stepState);
    this.knownLegacy = new WeakSet();
    this.legacyEvents = this.roots.events.map((value) => {
      if (value !== null && typeof value === 'object') this.knownLegacy.add(value);
      return decodeEvent(value, this.releaseId);
    });
    const states = this.stepStates as Record<string, Record<string, unknown>>;
    for (const key of Object.keys(states)) delete states[key];
    for (const [stepId, base] of this.legacyBase) states[stepId] = { ...base };
    const raws = this.roots.log.toArray();
    let pos = 0;
    return (stop) => {
      while (pos < raws.length) {
        const end = Math.min(raws.length, pos + 256);
        for (; pos < end; pos++) {
          const slot = this.decodeSlot(raws[pos], pos);
          this.slots.push(slot);
          const entry = slot.entry;
          if (!entry?.stepId) continue;
          // Objects made by this read: fold in place.
          const state = states[entry.stepId];
          if (state) applyEntry(state, entry);
          else {
            const fresh: Record<string, unknown> = {};
            applyEntry(fresh, entry);
            states[entry.stepId] = fresh;
          }
        }
        if (pos < raws.length && stop()) return false;
      }
      for (const key of Object.keys(states)) if (isEmpty(states[key] as object)) delete states[key];
      this.relinkEvents();
      return true;
    };
  }

  /**
   * A step's slots in log order. A few steps (a merge that put entries mid-log, a string that arrived)
   * are found by a scan of the slots, which costs pointer comparisons only; many steps at once build
   * an index, kept current from then on.
   */
  private slotsOf(stepId: StepId): Slot[] | undefined {
    if (this.byStepIndex) return this.byStepIndex.get(stepId);
    const out = this.slots.filter((slot) => slot.entry?.stepId === stepId);
    return out.length > 0 ? out : undefined;
  }

  private buildIndex(): Map<StepId, Slot[]> {
    if (!this.byStepIndex) {
      this.byStepIndex = new Map();
      for (const slot of this.slots)
        if (slot.entry?.stepId) pushTo(this.byStepIndex, slot.entry.stepId, slot);
    }
    return this.byStepIndex;
  }

  private takeRebuild(): StepLogChanges {
    const eventsBefore = new Set(this.events.map((e) => e.id));
    const statesBefore = { ...this.stepStates };
    this.readAll();
    this.reset();
    const steps = new Set([...Object.keys(statesBefore), ...Object.keys(this.stepStates)] as StepId[]);
    return {
      stepStates: [...steps].filter((id) => statesBefore[id] !== this.stepStates[id]),
      events: this.events.filter((e) => !eventsBefore.has(e.id)),
    };
  }

  private decodeSlot(raw: unknown, pos: number): Slot {
    if (raw !== null && typeof raw === 'object') this.known.add(raw);
    const slot: Slot = { raw, entry: null, pos };
    const result = decodeEntry(raw, this.refs, this.releaseId);
    if (isWaiting(result)) for (const key of result.missing) addTo(this.waiting, key, slot);
    else slot.entry = result;
    return slot;
  }

  /**
   * A decoded slot joins the history and its step. The usual case, an entry appended at the end of the
   * log with nothing inserted before it in this transaction, is the newest of its step: it is folded on
   * top of the step's state. Otherwise the step is refolded from its entries in `take`, once positions
   * are final.
   */
  private admit(slot: Slot, appended: boolean): void {
    const entry = slot.entry as DecodedEntry;
    this.added.push(slot);
    if (!entry.stepId) return;
    if (this.byStepIndex) pushTo(this.byStepIndex, entry.stepId, slot);
    this.touched.add(entry.stepId);
    if (appended && !this.relink && !this.refoldNeeded.has(entry.stepId)) {
      const next: Record<string, unknown> = { ...this.stepStates[entry.stepId] };
      applyEntry(next, entry);
      this.put(entry.stepId, next);
    } else this.refoldNeeded.add(entry.stepId);
  }

  private refold(stepId: StepId): void {
    const base = this.legacyBase.get(stepId);
    const slots = this.slotsOf(stepId);
    slots?.sort((a, b) => a.pos - b.pos);
    if (!base && !slots?.length) {
      delete this.stepStates[stepId];
      return;
    }
    const next: Record<string, unknown> = { ...base };
    for (const slot of slots ?? []) applyEntry(next, slot.entry as DecodedEntry);
    this.put(stepId, next);
  }

  /** A step whose fields were all removed has no record, as a step nothing happened to. */
  private put(stepId: StepId, state: Record<string, unknown>): void {
    if (isEmpty(state)) delete this.stepStates[stepId];
    else this.stepStates[stepId] = state as StepState;
  }

  private relinkEvents(): void {
    this.events.length = 0;
    for (const e of this.legacyEvents) this.events.push(e);
    for (const slot of this.slots) if (slot.entry?.event) this.events.push(slot.entry.event);
  }

  private reset(): void {
    this.touched = new Set();
    this.refoldNeeded = new Set();
    this.added = [];
    this.addedLegacy = [];
    this.relink = false;
    this.regroup = false;
    this.rebuild = false;
  }
}

/** Sets an entry's fields, then removes its unset ones (the domain's `put-step-state`). */
function applyEntry(state: Record<string, unknown>, entry: DecodedEntry): void {
  for (const key in entry.set) state[key] = entry.set[key];
  for (const field of entry.unset) delete state[field];
}

function isEmpty(object: object): boolean {
  for (const _ in object) return false;
  return true;
}

function readLegacyBase(flat: Y.Map<unknown>): Map<StepId, Record<string, unknown>> {
  const out = new Map<StepId, Record<string, unknown>>();
  for (const [key, value] of flat.entries()) {
    const parsed = parseStepStateKey(key);
    if (!parsed) continue;
    const base = out.get(parsed.stepId);
    if (base) base[parsed.field] = value;
    else out.set(parsed.stepId, { [parsed.field]: value });
  }
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
