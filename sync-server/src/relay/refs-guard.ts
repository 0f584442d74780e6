/**
 * SE-15: a client's update to a release room may add short references (`refs`, ST-14), never change or
 * remove one the room holds. A key is derived from its string, so Runsheet's writers only add keys (two
 * devices apart that intern one string set its key to the same string: no change), and a reader that sees
 * a key's string change or go reads the whole history again to stay in agreement with every replica
 * (0.19 s a change at 50,000 entries, on every device with the release open): a member writing changed
 * strings a few times a second would slow every such page.
 *
 * Judged before the update is applied, from its structs and the room's document, so nothing of a refused
 * update is integrated, stored or relayed, and nobody else can be blamed for it:
 * - an item whose origin or right origin is an item of `refs` (in Yjs, that is how a key is set again);
 * - a new `refs` entry under a key the room holds with another string;
 * - a deletion that covers the item a `refs` key currently holds;
 * - an item that refers to a struct neither the room nor the update holds. Yjs would keep it waiting and
 *   integrate it inside whichever later transaction supplies that struct (another member's), where it
 *   could set a key again unseen. Over one y-websocket connection an honest client never sends one: its
 *   first sync step 2 carries everything the room lacks, and its updates follow in order.
 * Read only: nothing of the room's document is split or changed.
 */
import * as Y from 'yjs';

type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Why `decoded` may not be applied to a release room whose `refs` map is `refs` in `doc` (`waits`: it refers
 * to structs the room lacks, which an honest client can do in the moment after a reconnect); null when it may.
 */
export function refsGuard(
  doc: Y.Doc,
  refs: Y.Map<unknown>,
  decoded: DecodedUpdate,
): { refused: string; waits: boolean } | null {
  const own = ownStructs(decoded);
  /** The update's own struct holding `id`, or null. */
  const inUpdate = (id: Y.ID): Y.Item | Y.GC | Y.Skip | null => {
    const list = own.get(id.client);
    if (list === undefined) return null;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = list[mid] as Y.Item | Y.GC | Y.Skip;
      if (id.clock < s.id.clock) hi = mid - 1;
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
      else return s;
    }
    return null;
  };
  const inRoom = (id: Y.ID): Y.Item | Y.GC | null => {
    if (id.clock >= Y.getState(doc.store, id.client)) return null;
    const structs = doc.store.clients.get(id.client) as Array<Y.Item | Y.GC>;
    return structs[Y.findIndexSS(structs, id.clock)] ?? null;
  };
  // Whether the struct holding `id` is an entry of `refs` ('missing': held by neither the room nor the
  // update). An item that names no parent has its origin's: the walk follows origins inside the update,
  // and remembers the answer for every item it passed (a chain of thousands is walked once, not per item).
  const known = new Map<Y.Item, boolean | 'missing'>();
  const refsEntry = (id: Y.ID): boolean | 'missing' => {
    const passed: Y.Item[] = [];
    let answer: boolean | 'missing' = 'missing';
    for (let at: Y.ID | null = id; at !== null; ) {
      const room = inRoom(at);
      if (room !== null) {
        answer = room instanceof Y.Item && room.parent === refs;
        break;
      }
      const mine = inUpdate(at);
      if (mine === null || mine instanceof Y.Skip) break;
      if (!(mine instanceof Y.Item)) {
        answer = false;
        break;
      }
      const seen = known.get(mine);
      if (seen !== undefined) {
        answer = seen;
        break;
      }
      passed.push(mine);
      const parent = parentOf(mine);
      if (parent !== null) {
        answer = parent === 'refs';
        break;
      }
      // Origins point to earlier structs: a cycle is no update Yjs makes; treat it as missing.
      if (passed.length > decoded.structs.length) break;
      at = mine.origin ?? mine.rightOrigin;
    }
    for (const item of passed) known.set(item, answer);
    return answer;
  };
  // New entries of `refs` per key (they name their parent: set where the key was free).
  const entries = new Map<string, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const id of [
      struct.origin,
      struct.rightOrigin,
      struct.parent instanceof Y.ID ? struct.parent : null,
    ]) {
      if (id === null) continue;
      const entry = refsEntry(id);
      if (entry === 'missing')
        return { refused: 'the update refers to structs the room does not hold', waits: true };
      if (entry) return { refused: 'the update sets a short reference again', waits: false };
    }
    if (parentOf(struct) === 'refs' && struct.parentSub !== null) pushTo(entries, struct.parentSub, struct);
  }
  const changed = keysChanged(refs, entries, decoded.ds);
  return changed === null ? null : { refused: changed, waits: false };
}

/**
 * A decoded item's parent as the update names it: a root type's name (a string, though Yjs types it as a
 * type), a nested type's id, or null when the update leaves it to the item's origin.
 */
function parentOf(item: Y.Item): string | Y.ID | null {
  return item.parent as unknown as string | Y.ID | null;
}

/**
 * Whether the update's new entries (`entries`, per key) and deletions (`ds`) leave any key the room holds
 * with another string or none. Yjs orders the concurrent entries of a key by client id and the right-most
 * holds it, so per touched key: the winner among the room's holder and the new entries is the one with the
 * highest client id, and what it holds afterwards is its string, or nothing when it is deleted (deleted
 * content: an entry its sender saw lose, merged on its device; or the holder under a deletion of `ds`).
 * A device that interned a string apart sends the same string, or its entry as deleted content that loses.
 */
function keysChanged(
  refs: Y.Map<unknown>,
  entries: ReadonlyMap<string, Y.Item[]>,
  ds: DecodedUpdate['ds'],
): string | null {
  const keys = new Set(entries.keys());
  const deletedHolders = new Set<Y.Item>();
  if (ds.clients.size > 0) {
    for (const [key, holder] of refs._map) {
      if (holder.deleted || !covers(ds, holder)) continue;
      deletedHolders.add(holder);
      keys.add(key);
    }
  }
  for (const key of keys) {
    const held = refs.get(key);
    if (held === undefined) continue;
    const holder = refs._map.get(key) as Y.Item;
    let winner: Y.Item = holder;
    for (const entry of entries.get(key) ?? []) if (entry.id.client > winner.id.client) winner = entry;
    const after =
      winner === holder
        ? deletedHolders.has(holder)
          ? undefined
          : held
        : winner.content instanceof Y.ContentDeleted
          ? undefined
          : winner.content.getContent().at(-1);
    if (after === undefined) return 'the update removes a short reference';
    if (after !== held) return 'the update gives a short reference another string';
  }
  return null;
}

/** Whether `ds` deletes any part of `item`. */
function covers(ds: DecodedUpdate['ds'], item: Y.Item): boolean {
  const ranges = ds.clients.get(item.id.client);
  if (ranges === undefined) return false;
  const from = item.id.clock;
  const to = from + item.length;
  return ranges.some((r) => r.clock < to && r.clock + r.len > from);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The update's structs per client, in clock order (as an update lists them). */
function ownStructs(decoded: DecodedUpdate): Map<number, Array<Y.Item | Y.GC | Y.Skip>> {
  const byClient = new Map<number, Array<Y.Item | Y.GC | Y.Skip>>();
  for (const struct of decoded.structs as Array<Y.Item | Y.GC | Y.Skip>) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  return byClient;
}
