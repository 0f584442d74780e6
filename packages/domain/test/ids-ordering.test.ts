import { describe, expect, it } from 'vitest';
import {
  compareOrdered,
  firstKeys,
  idProblem,
  indexOfPosition,
  isId,
  keyAt,
  parseTemplateStepId,
  randomPart,
  sortOrdered,
  templateStepId,
  testContext,
} from '../src/index.ts';

describe('ids', () => {
  it('ID-01 ids are type:random and say which type they are', () => {
    expect(isId('cluster:abc_1-2', 'cluster')).toBe(true);
    expect(isId('cluster:abc', 'customer')).toBe(false);
    expect(idProblem('nope')).toMatch(/type:id/);
    expect(idProblem('planet:x')).toMatch(/unknown id type/);
    expect(idProblem('cluster:a b')).toMatch(/not a valid/);
    expect(randomPart(new Uint8Array([0, 61, 62]))).toBe('0Z0');
    const ctx = testContext({ device: 'tab' });
    expect([ctx.newId('cluster'), ctx.newId('event')]).toEqual(['cluster:tab-1', 'event:tab-2']);
  });

  it('ID-02 a template step id is derived from (customer, template), so every device makes the same one', () => {
    const id = templateStepId('customer:c1', 'template:t1');
    expect(id).toBe('step:c1.t1');
    expect(isId(id, 'step')).toBe(true);
    expect(parseTemplateStepId(id)).toEqual({ customerId: 'customer:c1', templateId: 'template:t1' });
    expect(parseTemplateStepId('step:random1')).toBeNull();
  });
});

describe('ordering', () => {
  it('ID-03 sorts by order key, then id; keys compare by code unit, not locale', () => {
    const items = [
      { id: 'b', order: 'a1' },
      { id: 'a', order: 'a1' },
      { id: 'c', order: 'Zz' },
      { id: 'd', order: 'a0' },
    ];
    expect(sortOrdered(items).map((i) => i.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(compareOrdered({ id: 'x', order: 'a0' }, { id: 'x', order: 'a0' })).toBe(0);
  });

  it('ID-03 keyAt puts a key between its neighbours, at the start and at the end', () => {
    const list = firstKeys(3).map((order, i) => ({ id: `i${i}`, order }));
    for (let index = 0; index <= list.length; index++) {
      const { order, rekeyed } = keyAt(list, index);
      expect(rekeyed).toEqual([]);
      const after = sortOrdered([...list, { id: 'new', order }]);
      expect(after.findIndex((i) => i.id === 'new')).toBe(index);
    }
  });

  it('ID-04 equal keys at the spot: the tied items after it get fresh keys, order is kept', () => {
    const list = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
      { id: 'c', order: 'a1' },
      { id: 'd', order: 'a2' },
    ];
    const { order, rekeyed } = keyAt(list, 2);
    expect(rekeyed.map((r) => r.id)).toEqual(['c']);
    const merged = list.map((i) => rekeyed.find((r) => r.id === i.id) ?? i);
    expect(sortOrdered([...merged, { id: 'new', order }]).map((i) => i.id)).toEqual([
      'a',
      'b',
      'new',
      'c',
      'd',
    ]);
  });

  it('ID-05 unreadable keys (a damaged import) re-key the whole list in its order instead of throwing', () => {
    const list = [
      { id: 'a', order: '!!' },
      { id: 'b', order: '??' },
    ];
    const { order, rekeyed } = keyAt(list, 1);
    const merged = list.map((i) => rekeyed.find((r) => r.id === i.id) ?? i);
    expect(sortOrdered([...merged, { id: 'new', order }]).map((i) => i.id)).toEqual(['a', 'new', 'b']);
  });

  it('positions: before/after an item, an index (clamped), the end; unknown items are null', () => {
    const list = [
      { id: 'a', order: 'a0' },
      { id: 'b', order: 'a1' },
    ];
    expect(indexOfPosition(list, { before: 'b' })).toBe(1);
    expect(indexOfPosition(list, { after: 'b' })).toBe(2);
    expect(indexOfPosition(list, { index: 9 })).toBe(2);
    expect(indexOfPosition(list, undefined)).toBe(2);
    expect(indexOfPosition(list, { before: 'zz' })).toBeNull();
  });
});
