import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { temporalOnFirstUse } from './compose';

describe('composition root: the temporal mirror', () => {
  it('is opened by the first screen that asks, once, and then handed to the sync layer to follow', async () => {
    const followed: { room: string; doc: Y.Doc }[] = [];
    const temporal = temporalOnFirstUse((room, doc) => {
      followed.push({ room, doc });
    });
    // Nothing is opened (no IndexedDB, no relay link) until a screen asks.
    expect(followed).toEqual([]);
    const first = temporal();
    const again = temporal();
    expect(again).toBe(first);
    // Followed once its stored state is in (here, no IndexedDB: at once), so the first sync asks only
    // for what is new; asked twice, still one link.
    await first.loaded;
    await Promise.resolve();
    expect(followed).toEqual([{ room: 'temporal', doc: first.doc }]);
  });
});
