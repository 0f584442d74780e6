import { describe, expect, it } from 'vitest';
import { type EventFields, eventIdOf, hashId, isId, newEvent, testContext } from '../src/index.ts';

const base: EventFields = {
  releaseId: 'release:r1',
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
  detail: { notes: 'ok', unknownVariables: 'customer.x' },
};

describe('event ids from content', () => {
  it('HI-04 the same content gives the same id, whatever the order of detail keys', () => {
    const id = eventIdOf(base);
    expect(isId(id, 'event')).toBe(true);
    expect(id).toMatch(/^event:[A-Za-z0-9_-]{11}$/);
    expect(eventIdOf({ ...base, detail: { unknownVariables: 'customer.x', notes: 'ok' } })).toBe(id);
  });

  it('HI-04 any field that differs gives another id', () => {
    const variants: Partial<EventFields>[] = [
      { kind: 'skipped' },
      { at: '2026-02-01T09:00:00.001Z' },
      { by: 'user:bob' },
      { byName: 'Alicia' },
      { device: 'dev2' },
      { stepId: 'step:c1.t2' },
      { customerId: null },
      { templateId: null },
      { after: 'event:x' },
      { from: null },
      { to: 'skipped' },
      { detail: { notes: 'ok' } },
      { detail: { notes: 'ok', unknownVariables: 'customer.y' } },
      { releaseId: 'release:r2' },
    ];
    const ids = new Set([eventIdOf(base), ...variants.map((v) => eventIdOf({ ...base, ...v }))]);
    expect(ids.size).toBe(variants.length + 1);
  });

  it('HI-04 newEvent stamps the id of its content; events a device makes in a row differ', () => {
    const ctx = testContext();
    const first = newEvent(ctx, { releaseId: 'release:r1', kind: 'notes', stepId: 'step:c1.t1' });
    const { id, ...content } = first;
    expect(id).toBe(eventIdOf(content));
    // Same millisecond, same step: the second names the first in `after`, so it differs.
    const second = newEvent(ctx, {
      releaseId: 'release:r1',
      kind: 'notes',
      stepId: 'step:c1.t1',
      prior: [first],
    });
    expect(second.id).not.toBe(first.id);
  });

  it('HI-04 hash ids are as long as asked and their prefixes spread evenly', () => {
    expect(hashId('x', 7)).toHaveLength(7);
    expect(hashId('x', 7)).toBe(hashId('x').slice(0, 7));
    const firstChars = new Set<string>();
    for (let i = 0; i < 2000; i++) firstChars.add(hashId(`customer:${i}`, 1));
    expect(firstChars.size).toBe(64);
  });
});
