import { describe, expect, it } from 'vitest';
import { applyChange, type Change, documentsOf, emptyState, type HistoryEvent } from '../src/index.ts';

const event = (id: `event:${string}`): HistoryEvent => ({
  id,
  releaseId: 'release:r',
  kind: 'notes',
  at: 't',
  by: 'u',
  byName: 'U',
  device: 'd',
  stepId: 'step:a.b',
  customerId: 'customer:a',
  templateId: 'template:b',
  after: null,
  from: null,
  to: null,
  detail: {},
});

describe('applyChange (the reference meaning of each op)', () => {
  it('ST-06 put merges the given fields into the entity and creates it when missing; undefined is ignored', () => {
    const s1 = applyChange(emptyState(), {
      ops: [
        { doc: 'catalog', op: 'put-cluster', id: 'cluster:a', fields: { name: 'a', kubeconfigPath: '/x' } },
      ],
    });
    const s2 = applyChange(s1, {
      ops: [
        {
          doc: 'catalog',
          op: 'put-cluster',
          id: 'cluster:a',
          fields: { kubeconfigPath: null, name: undefined },
        },
      ],
    });
    expect(s2.catalog.clusters['cluster:a']).toEqual({ name: 'a', kubeconfigPath: null });
  });

  it('ST-06 put-step-state sets fields then removes the unset ones', () => {
    const put: Change = {
      ops: [
        {
          doc: 'release',
          releaseId: 'release:r',
          op: 'put-step-state',
          id: 'step:a.b',
          fields: { status: 'done', notes: 'n' },
        },
      ],
    };
    const s1 = applyChange(emptyState(), put);
    const s2 = applyChange(s1, {
      ops: [
        {
          doc: 'release',
          releaseId: 'release:r',
          op: 'put-step-state',
          id: 'step:a.b',
          fields: { status: 'pending' },
          unset: ['notes'],
        },
      ],
    });
    expect(s1.releases['release:r']?.stepStates['step:a.b']).toEqual({ status: 'done', notes: 'n' });
    expect(s2.releases['release:r']?.stepStates['step:a.b']).toEqual({ status: 'pending' });
  });

  it('never mutates the input state; untouched collections are shared', () => {
    const base = applyChange(emptyState(), {
      ops: [
        { doc: 'catalog', op: 'put-cluster', id: 'cluster:a', fields: { name: 'a' } },
        { doc: 'release', releaseId: 'release:r', op: 'append-event', event: event('event:1') },
      ],
    });
    const frozen = JSON.stringify(base);
    const next = applyChange(base, {
      ops: [
        { doc: 'release', releaseId: 'release:r', op: 'append-event', event: event('event:2') },
        { doc: 'release', releaseId: 'release:r', op: 'append-event', event: event('event:3') },
        {
          doc: 'release',
          releaseId: 'release:r',
          op: 'put-participant',
          id: 'customer:a',
          value: { customerId: 'customer:a', addedAt: 't', addedBy: 'u' },
        },
      ],
    });
    expect(JSON.stringify(base)).toBe(frozen);
    expect(next.catalog).toBe(base.catalog);
    expect(next.releases['release:r']?.events.map((e) => e.id)).toEqual(['event:1', 'event:2', 'event:3']);
    expect(next.releases['release:r']?.participants['customer:a']?.addedBy).toBe('u');
    expect(applyChange(base, { ops: [] })).toBe(base);
  });

  it('documentsOf names the catalog and each release a change touches', () => {
    expect(
      documentsOf({
        ops: [
          { doc: 'catalog', op: 'put-release', id: 'release:r', fields: {} },
          { doc: 'release', releaseId: 'release:r', op: 'append-event', event: event('event:1') },
        ],
      }),
    ).toEqual(['catalog', 'release:r']);
  });
});
