import { describe, expect, it } from 'vitest';
import { fakeStorage } from '@/lib/fake-storage';
import { clearDraft, DRAFT_PREFIX, readDraft, writeDraft } from './drafts';

describe('drafts', () => {
  it('reads back what was written, under a prefixed key', () => {
    const store = fakeStorage();
    writeDraft(store, 'step:note', 'kubectl rollout status');
    expect(store.data.get(`${DRAFT_PREFIX}step:note`)).toBe('"kubectl rollout status"');
    expect(readDraft(store, 'step:note', '')).toBe('kubectl rollout status');
  });

  it('keeps structured form state', () => {
    const store = fakeStorage();
    const form = { name: 'prod-eu', region: 'eu-west-1', tags: ['a', 'b'], active: true };
    writeDraft(store, 'cluster:new', form);
    expect(readDraft(store, 'cluster:new', { name: '' })).toEqual(form);
  });

  it('falls back to the initial value when nothing is stored, or the stored text is not JSON', () => {
    expect(readDraft(fakeStorage(), 'missing', 'initial')).toBe('initial');
    expect(readDraft(fakeStorage({ [`${DRAFT_PREFIX}bad`]: '{oops' }), 'bad', 'initial')).toBe('initial');
    expect(readDraft(undefined, 'no-storage', 7)).toBe(7);
  });

  it('clears a draft', () => {
    const store = fakeStorage();
    writeDraft(store, 'k', 'v');
    clearDraft(store, 'k');
    expect(readDraft(store, 'k', 'initial')).toBe('initial');
  });

  it('never throws when storage does', () => {
    const broken = fakeStorage({}, true);
    expect(() => writeDraft(broken, 'k', 'v')).not.toThrow();
    expect(() => clearDraft(broken, 'k')).not.toThrow();
    expect(readDraft(broken, 'k', 'initial')).toBe('initial');
  });
});
