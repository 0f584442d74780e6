import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, heldUpdates, readCatalog, receiveUpdate } from '../src/index.ts';
import { cluster, ops } from '../src/testing/index.ts';

/** Doc `a` with a cluster that `b` has too, then two renames on `a`, captured as separate updates. */
function twoRenames() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.clientID = 1;
  b.clientID = 2;
  applyChange(() => a, { ops: [ops.cluster(cluster('cluster:k1', 'first'))] }, null);
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const updates: Uint8Array[] = [];
  a.on('update', (u: Uint8Array) => updates.push(u));
  applyChange(() => a, { ops: [ops.cluster({ id: 'cluster:k1', description: 'eu' })] }, null);
  applyChange(() => a, { ops: [ops.cluster({ id: 'cluster:k1', name: 'second' })] }, null);
  const [earlier, later] = updates as [Uint8Array, Uint8Array];
  return { a, b, earlier, later };
}

const nameIn = (doc: Y.Doc) => readCatalog(doc).clusters['cluster:k1']?.name;

describe('receiveUpdate', () => {
  it('shows why: Yjs applied alone removes a field whose new value waits for an earlier update', () => {
    const { b, later } = twoRenames();
    Y.applyUpdate(b, later);
    expect(nameIn(b)).toBeUndefined();
  });

  it('seed 171: holds an update that arrives before the one it follows, so no field vanishes', () => {
    const { a, b, earlier, later } = twoRenames();
    receiveUpdate(b, later, 'remote');
    expect(nameIn(b)).toBe('first');
    expect(heldUpdates(b)).toBe(1);
    receiveUpdate(b, earlier, 'remote');
    expect(heldUpdates(b)).toBe(0);
    expect(readCatalog(b)).toEqual(readCatalog(a));
  });

  it('releases held updates when another path closes the gap', () => {
    const { a, b, earlier, later } = twoRenames();
    receiveUpdate(b, later, 'tab');
    Y.applyUpdate(b, earlier, 'relay');
    expect(heldUpdates(b)).toBe(0);
    expect(nameIn(b)).toBe('second');
    expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
  });

  it('applies at once what it already has or what follows directly', () => {
    const { b, earlier } = twoRenames();
    receiveUpdate(b, earlier, 'remote');
    receiveUpdate(b, earlier, 'remote');
    expect(heldUpdates(b)).toBe(0);
    expect(readCatalog(b).clusters['cluster:k1']?.description).toBe('eu');
  });
});
