import type { HistoryEvent, ReleaseId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeEvent, encodeEvent } from '../src/event-codec.ts';
import { Prng } from './support/prng.ts';

const R = 'release:r1' as ReleaseId;

function randomEvent(rng: Prng): HistoryEvent {
  const stepId = rng.pick([null, 'step:c1.t1', 'step:custom9'] as const);
  const derived = stepId === 'step:c1.t1';
  return {
    id: `event:${rng.word(8)}` as HistoryEvent['id'],
    releaseId: rng.bool(0.9) ? R : 'release:other',
    kind: rng.pick(['done', 'notes', 'conflict-reviewed', 'template-edited'] as const),
    at: '2026-02-01T09:00:00.000Z',
    by: 'user:alice',
    byName: 'Alice',
    device: 'dev1',
    stepId,
    customerId: rng.pick([null, 'customer:c1', 'customer:c2', ...(derived ? ['customer:c1' as const] : [])]),
    templateId: rng.pick([null, 'template:t1', 'template:t2']),
    after: rng.pick([null, 'event:e0']),
    from: rng.pick([null, 'pending', 'done']),
    to: rng.pick([null, 'done', 'skipped']),
    detail: rng.bool() ? {} : { reason: rng.word(5) },
  };
}

describe('event storage', () => {
  it('HI-03 an event reads back exactly as written, whatever it holds', () => {
    const rng = new Prng(11);
    for (let i = 0; i < 500; i++) {
      const event = randomEvent(rng);
      expect(decodeEvent(encodeEvent(event, R), R)).toEqual(event);
    }
  });

  it('HI-03 an event is stored without what the document already says', () => {
    const event: HistoryEvent = {
      id: 'event:e1',
      releaseId: R,
      kind: 'done',
      at: '2026-02-01T09:00:00.000Z',
      by: 'user:alice',
      byName: 'Alice',
      device: 'dev1',
      stepId: 'step:c1.t1',
      customerId: 'customer:c1',
      templateId: 'template:t1',
      after: null,
      from: 'pending',
      to: 'done',
      detail: {},
    };
    expect(encodeEvent(event, R)).toEqual({
      id: 'event:e1',
      kind: 'done',
      at: '2026-02-01T09:00:00.000Z',
      by: 'user:alice',
      byName: 'Alice',
      device: 'dev1',
      stepId: 'step:c1.t1',
      from: 'pending',
      to: 'done',
    });
    // A review of a template step names no template: that null is kept.
    const review = { ...event, kind: 'conflict-reviewed' as const, templateId: null };
    expect(encodeEvent(review, R)).toMatchObject({ templateId: null });
    expect(decodeEvent(encodeEvent(review, R), R)).toEqual(review);
  });

  it('IO-01 HI-03 fields a newer app added to an event are kept', () => {
    const event = { ...randomEvent(new Prng(5)), signature: 'sig' } as HistoryEvent;
    expect(decodeEvent(encodeEvent(event, R), R)).toEqual(event);
  });

  it('ST-11 events stored whole (schema 1) read unchanged', () => {
    const doc = new Y.Doc();
    const whole = { ...encodeEvent(randomEvent(new Prng(3)), R), releaseId: R, customerId: null };
    doc.getArray('events').push([whole]);
    expect(decodeEvent(doc.getArray('events').get(0), R)).toMatchObject({ releaseId: R, customerId: null });
  });
});
