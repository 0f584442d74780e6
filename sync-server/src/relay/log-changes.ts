import * as Y from 'yjs';

/** What one transaction did to a release document's history log: the entries it added, how many it removed. */
export interface LogChanges {
  inserted: unknown[];
  removed: number;
}

/**
 * SE-11: the log entries a transaction added and removed, found from the structs the transaction made
 * (its clients' clocks between `beforeState` and `afterState`) and its delete set. Costs what the
 * transaction wrote, never the length of the log: `YArrayEvent.changes` walks the whole array, which on
 * a release with thousands of entries is most of the cost of an update. Call it from `afterTransaction`
 * (before Yjs merges the transaction's structs with their neighbours).
 */
export function logChangesOf(transaction: Y.Transaction, log: Y.Array<unknown>): LogChanges {
  const inserted: unknown[] = [];
  const store = transaction.doc.store;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (structs === undefined) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (struct.id.clock >= after) break;
      if (!(struct instanceof Y.Item) || struct.parent !== log || struct.parentSub !== null) continue;
      if (struct.deleted || !(struct.content instanceof Y.ContentAny)) continue;
      const content = struct.content.getContent();
      // A struct that began before this transaction (never, unless merged early) contributes its new part only.
      const skip = Math.max(0, before - struct.id.clock);
      for (let k = skip; k < content.length; k++) inserted.push(content[k]);
    }
  }
  let removed = 0;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent === log && struct.parentSub === null && struct.countable) {
      removed += struct.length;
    }
  });
  return { inserted, removed };
}
