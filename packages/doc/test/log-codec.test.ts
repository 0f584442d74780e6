/**
 * The log entry codec (ST-13, ST-14): every event and step-state change round-trips exactly, whatever
 * it holds (kinds, statuses, fields and detail keys the tables do not know, ids that are not derived,
 * times that are not ISO); typical entries store only what cannot be derived.
 */
import {
  type EventFields,
  eventIdOf,
  type HistoryEvent,
  type ReleaseId,
  type StepId,
  type StepState,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeEntry, encodeEntry, isWaiting, type LogItem } from '../src/log/entry-codec.ts';
import { RefReader, RefWriter } from '../src/log/refs.ts';
import { Prng } from './support/prng.ts';

const R = 'release:r1' as ReleaseId;

function roundTrip(item: LogItem, doc = new Y.Doc()) {
  const refs = doc.getMap('refs');
  let raw: unknown[] = [];
  doc.transact(() => {
    raw = encodeEntry(item, new RefWriter(refs), R);
  });
  // Through Yjs' own encoding, as storage and sync carry it.
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const log = copy.getArray('log');
  const decoded = decodeEntry(JSON.parse(JSON.stringify(raw)), new RefReader(copy.getMap('refs')), R);
  expect(log.length).toBe(0);
  if (decoded === null || isWaiting(decoded)) throw new Error('entry did not decode');
  return { raw, decoded };
}

function expectExact(item: LogItem) {
  const { decoded } = roundTrip(item);
  expect(decoded.event).toEqual(item.event);
  if (item.state) {
    const fields = Object.fromEntries(Object.entries(item.state.fields).filter(([, v]) => v !== undefined));
    expect(decoded.stepId).toBe(item.state.id);
    expect(decoded.set).toEqual(fields);
    expect([...decoded.unset].sort()).toEqual([...new Set(item.state.unset ?? [])].sort());
  } else expect(decoded.stepId).toBeNull();
}

const KINDS = [
  'done',
  'skipped',
  'reverted',
  'reopened',
  'notes',
  'overridden',
  'custom-edited',
  'template-edited',
  'release-activated',
  'wave-opened',
  'gate-signed-off',
];
const STATUSES = ['pending', 'done', 'skipped', 'reverted', 'halted', null];

function randomEvent(rng: Prng): HistoryEvent {
  const shape = rng.int(0, 3);
  const customer = `customer:${rng.word(16)}`;
  const template = `template:${rng.word(16)}`;
  const stepId =
    shape === 0
      ? (`step:${customer.slice(9)}.${template.slice(9)}` as StepId)
      : shape === 1
        ? (`step:${rng.word(16)}` as StepId)
        : null;
  const content: EventFields = {
    releaseId: rng.bool(0.9) ? R : 'release:other',
    kind: rng.pick(KINDS) as HistoryEvent['kind'],
    at: rng.pick([new Date(1.7e12 + rng.int(0, 1e9)).toISOString(), '2026-01-01T00:00:00Z', 'yesterday']),
    by: `user:${rng.word(8)}`,
    byName: rng.pick(['Ada', 'Bo "the builder"', 'Zoë']),
    device: `device-${rng.word(8)}`,
    stepId,
    customerId: (shape === 0 && rng.bool(0.9) ? customer : rng.bool(0.5) ? customer : null) as never,
    templateId: ((shape === 0 || shape === 2) && rng.bool(0.9)
      ? template
      : rng.bool(0.2)
        ? template
        : null) as never,
    after: rng.pick([null, `event:${rng.word(11)}`, 'legacy:odd:id']) as never,
    from: rng.pick(STATUSES) as never,
    to: rng.pick(STATUSES) as never,
    detail: {},
  };
  for (const key of ['notes', 'reason', 'rev', 'seen', 'waveId'])
    if (rng.bool(0.3)) content.detail[key] = rng.word(5);
  const id = rng.bool(0.8) ? eventIdOf(content) : (`event:${rng.word(16)}` as HistoryEvent['id']);
  // A field a newer app added to events (kept, IO-01).
  if (rng.bool(0.1)) return { id, ...content, signature: { alg: 'x', sig: rng.word(8) } } as HistoryEvent;
  return { id, ...content };
}

/** A state change as a command would make it from its event, then perturbed. */
function randomState(rng: Prng, e: HistoryEvent | null, stepId: StepId) {
  const fields: Record<string, unknown> = {};
  const at = e?.at ?? '2026-03-01T00:00:00.000Z';
  if (rng.bool()) fields.status = rng.bool(0.8) && e?.to ? e.to : rng.pick(['done', 'skipped', 'frozen']);
  if (rng.bool()) fields.statusAt = rng.bool(0.8) ? at : '2026-03-02T00:00:00.000Z';
  if (rng.bool()) fields.updatedAt = rng.bool(0.8) ? at : '2026-03-02T00:00:00.000Z';
  if (rng.bool()) fields.statusBy = rng.bool(0.8) && e ? e.by : 'user:someone';
  if (rng.bool(0.3)) fields.notes = rng.bool() && e?.detail.notes ? e.detail.notes : rng.word(6);
  if (rng.bool(0.3)) fields.skipReason = e?.detail.reason ?? rng.word(4);
  if (rng.bool(0.3)) fields.overrideRev = e?.detail.rev ?? `rev:${rng.word(16)}`;
  if (rng.bool(0.3)) fields.snapshotRev = `rev:${rng.word(16)}`;
  if (rng.bool(0.5)) {
    const run: Record<string, unknown> = {
      rev: `rev:${rng.word(16)}`,
      vars: { 'customer.namespace': rng.word(5), 'cluster.name': 'eu' },
      at: rng.bool(0.8) ? at : '2026-03-03T00:00:00.000Z',
      by: rng.bool(0.8) && e ? e.byName : 'Someone',
    };
    if (rng.bool(0.1)) run.extra = 'kept';
    fields.execution = run;
  }
  if (rng.bool(0.2)) fields.waveId = rng.word(6);
  if (rng.bool(0.2)) fields.snapshotContent = 'legacy copy';
  if (rng.bool(0.1)) fields.notes = undefined;
  const unset = ['skipReason', 'snapshotName', 'executedContent', 'gateState'].filter(() => rng.bool(0.25));
  return { id: stepId, fields: fields as StepState, unset: unset as never };
}

describe('log entry codec', () => {
  it('ST-13 every event, state change and pair round-trips exactly, unknown fields too (1,000 random items)', () => {
    const rng = new Prng(42);
    for (let i = 0; i < 1000; i++) {
      const roll = rng.int(0, 2);
      const event = roll === 2 ? null : randomEvent(rng);
      const stepId = event?.stepId ?? (`step:${rng.word(5)}.${rng.word(5)}` as StepId);
      const state = roll === 0 || (event && event.stepId === null) ? null : randomState(rng, event, stepId);
      expectExact({ event, state });
    }
    // 1,000 deep comparisons: about 1 s on a quiet machine, near the default 5 s on a loaded one.
  }, 30_000);

  it('ST-13 a done step as markDone writes it stores no id, status, times, actor name or from / to', () => {
    const at = '2026-05-04T10:11:12.345Z';
    const content: EventFields = {
      releaseId: R,
      kind: 'done',
      at,
      by: 'user:JqQ1n2Gg8V3Wz4Xy',
      byName: 'Release Manager',
      device: 'device-Ab3dE5gH',
      stepId: 'step:Kq8sLp2mN4bV6cX1.Zt9yW3uR5eQ7iO0p' as StepId,
      customerId: 'customer:Kq8sLp2mN4bV6cX1' as never,
      templateId: 'template:Zt9yW3uR5eQ7iO0p' as never,
      after: null,
      from: 'pending',
      to: 'done',
      detail: {},
    };
    const event = { id: eventIdOf(content), ...content };
    const item: LogItem = {
      event,
      state: {
        id: event.stepId as StepId,
        fields: {
          status: 'done',
          statusAt: at,
          statusBy: event.by,
          execution: {
            rev: 'rev:Pq1Wo2Ei3Ru4Ty5U',
            vars: { 'customer.namespace': 'tenant-7' },
            at,
            by: event.byName,
          },
          updatedAt: at,
        },
      },
    };
    expectExact(item);
    const { raw } = roundTrip(item);
    // head, subject, time, actor, and the run's two keys: nothing else.
    expect(raw).toHaveLength(6);
    expect(Y.encodeStateAsUpdate(docWith([raw])).length).toBeLessThan(120);
  });

  it('ST-14 an entry whose strings have not arrived says which keys it waits for', () => {
    const doc = new Y.Doc();
    const { raw } = roundTrip({ event: randomEvent(new Prng(7)), state: null }, doc);
    const empty = new Y.Doc();
    const result = decodeEntry(raw, new RefReader(empty.getMap('refs')), R);
    expect(isWaiting(result) && result.missing.length).toBeGreaterThan(0);
  });

  it('ST-13 what is not an entry reads as nothing, never as a crash', () => {
    const refs = new RefReader(new Y.Doc().getMap('refs'));
    for (const raw of [null, 3, 'x', [], ['x'], [5], [5, 7], [4, '', 1, 2], { a: 1 }]) {
      expect(() => decodeEntry(raw, refs, R)).not.toThrow();
    }
  });
});

function docWith(entries: unknown[]) {
  const doc = new Y.Doc();
  doc.getArray('log').push(entries);
  return doc;
}
