import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type LogChanges, logChangesOf } from '../src/relay/log-changes.ts';

/** SE-11: the entries one applied update adds to and removes from the log, wherever they land. */
function watch(doc: Y.Doc, origin: unknown): LogChanges[] {
  const seen: LogChanges[] = [];
  const log = doc.getArray<unknown>('log');
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === origin && tr.changed.has(log)) seen.push(logChangesOf(tr, log));
  });
  return seen;
}

describe('SE-11 log changes of one update', () => {
  it('SE-11a finds entries inserted in the middle of the log, counts removals, ignores other roots', () => {
    const server = new Y.Doc();
    const origin = { connection: 1 };
    const seen = watch(server, origin);
    const a = new Y.Doc();
    a.getArray('log').push([
      [1, 'first'],
      [1, 'second'],
    ]);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(a), origin);
    expect(seen.at(-1)).toEqual({
      inserted: [
        [1, 'first'],
        [1, 'second'],
      ],
      removed: 0,
    });

    // A device that was offline inserts between the two it knew of, and touches another root.
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(b);
    b.transact(() => {
      b.getArray('log').insert(1, [[1, 'between']]);
      b.getMap('refs').set('k', 'v');
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b, before), origin);
    expect(seen.at(-1)).toEqual({ inserted: [[1, 'between']], removed: 0 });
    expect(server.getArray('log').toJSON()).toEqual([
      [1, 'first'],
      [1, 'between'],
      [1, 'second'],
    ]);

    // Removing history is seen as such.
    const sv = Y.encodeStateVector(b);
    b.getArray('log').delete(0, 2);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(b, sv), origin);
    expect(seen.at(-1)).toEqual({ inserted: [], removed: 2 });
    expect(seen).toHaveLength(3);
  });
});
