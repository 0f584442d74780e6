import { describe, expect, it } from 'vitest';
import { type FrozenFetchSync, frozenFetcher } from './frozen-fetch.ts';
import type { SessionState } from './session.ts';

const USER = { id: 'user:1', username: 'vic', displayName: 'Vic', role: 'viewer' } as const;
const SIGNED_IN = {
  kind: 'signed-in',
  user: USER,
  auth: 'session',
  confirmed: true,
} as unknown as SessionState;

/** A sync client whose session, pause and answers the test sets. */
function fakeSync(initial: SessionState, answer: () => Promise<{ bytes: Uint8Array; hash: string } | null>) {
  let state = initial;
  const listeners = new Set<() => void>();
  const asked: string[] = [];
  const sync: FrozenFetchSync & { set(s: SessionState): void; paused: boolean } = {
    paused: false,
    api: {
      frozenRelease: (releaseId: string) => {
        asked.push(releaseId);
        return answer();
      },
    },
    session: {
      get: () => state,
      subscribe: (listener: () => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    manager: { snapshot: () => ({ paused: sync.paused }) },
    set(next: SessionState) {
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
  return { sync, asked };
}

const snapshot = { bytes: new Uint8Array([1, 2, 3]), hash: 'abc' };

describe('FZ-09 asking the relay for a frozen release', () => {
  it('FZ-09 waits for the first session check, then asks when signed in', async () => {
    const { sync, asked } = fakeSync({ kind: 'checking' }, async () => snapshot);
    const pending = frozenFetcher(sync, () => true)('release:r1');
    await Promise.resolve();
    expect(asked).toEqual([]);
    sync.set(SIGNED_IN);
    expect(await pending).toBe(snapshot);
    expect(asked).toEqual(['release:r1']);
  });

  it('FZ-09 does not ask when signed out, local-only, paused or offline, or when the check never answers', async () => {
    for (const [state, paused, online] of [
      [{ kind: 'signed-out' }, false, true],
      [{ kind: 'local' }, false, true],
      [SIGNED_IN, true, true],
      [SIGNED_IN, false, false],
      [{ kind: 'checking' }, false, true],
    ] as const) {
      const { sync, asked } = fakeSync(state as SessionState, async () => snapshot);
      sync.paused = paused;
      expect(await frozenFetcher(sync, () => online, 10)('release:r1')).toBeNull();
      expect(asked).toEqual([]);
    }
  });

  it('FZ-09 a relay that cannot be reached, or keeps no snapshot, gives null: the document is synced instead', async () => {
    const failing = fakeSync(SIGNED_IN, async () => {
      throw new Error('offline');
    });
    expect(await frozenFetcher(failing.sync, () => true)('release:r1')).toBeNull();
    const none = fakeSync(SIGNED_IN, async () => null);
    expect(await frozenFetcher(none.sync, () => true)('release:r1')).toBeNull();
    expect(none.asked).toEqual(['release:r1']);
  });
});
