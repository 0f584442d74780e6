/**
 * Cuts one Yjs update into a series of smaller ones that, applied in order, give exactly the document
 * the whole update gives. A finished release is one 3.4 MB update whose log is a few Yjs items holding
 * thousands of entries each; applying it at once held the page for 0.1 s (quiet) to 2.8 s (loaded
 * 2-core machine). The app cuts it in a worker and applies one slice per task (LocalData.loadRelease).
 *
 * How: the update's structs are decoded, items longer than the room left in a slice are split where
 * Yjs itself would split them (same ids, origins and content), and the structs are emitted in an order
 * where every struct comes after the structs it refers to (its origin, right origin and parent), so
 * no slice waits on a later one: Yjs would hold such a slice back and integrate it all at once when
 * the missing part arrives, which is the long task this avoids. Deletions go in the last slice.
 */
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];

interface ClientQueue {
  structs: Struct[];
  next: number;
  /** Clock up to which this client's structs have been emitted. */
  emitted: number;
}

/** `maxLength`: about how many units of content (entries, characters) go in one slice. */
export function sliceUpdate(update: Uint8Array, maxLength: number): Uint8Array[] {
  return sliceDecoded(Y.decodeUpdate(update), maxLength);
}

/** `sliceUpdate` of an update already decoded (`Y.decodeUpdate`), so a caller that checked it decodes once. */
export function sliceDecoded(decoded: ReturnType<typeof Y.decodeUpdate>, maxLength: number): Uint8Array[] {
  const { structs, ds } = decoded as { structs: Struct[]; ds: DeleteSet };
  const queues = new Map<number, ClientQueue>();
  for (const struct of structs) {
    const queue = queues.get(struct.id.client);
    if (queue) queue.structs.push(struct);
    else queues.set(struct.id.client, { structs: [struct], next: 0, emitted: struct.id.clock });
  }
  const ready = (id: Y.ID | null): boolean => {
    if (id === null) return true;
    const queue = queues.get(id.client);
    // A struct of a client this update does not hold, or from before it: already in the document.
    return !queue || id.clock < queue.emitted || id.clock < (queue.structs[0] as Struct).id.clock;
  };
  const depsReady = (struct: Struct): boolean => {
    if (!(struct instanceof Y.Item)) return true;
    const parent = struct.parent;
    return ready(struct.origin) && ready(struct.rightOrigin) && (!(parent instanceof Y.ID) || ready(parent));
  };

  const slices: Uint8Array[] = [];
  let current = new Map<number, Struct[]>();
  let size = 0;
  const flush = () => {
    if (current.size === 0) return;
    slices.push(encodeSlice(current, null));
    current = new Map();
    size = 0;
  };
  const emit = (queue: ClientQueue, struct: Struct, length: number) => {
    const list = current.get(struct.id.client);
    if (list) list.push(struct);
    else current.set(struct.id.client, [struct]);
    queue.emitted = struct.id.clock + length;
    size += struct instanceof Y.Item ? length : 1;
  };

  let left = structs.length;
  while (left > 0) {
    let progressed = false;
    for (const queue of queues.values()) {
      while (queue.next < queue.structs.length) {
        const struct = queue.structs[queue.next] as Struct;
        if (!depsReady(struct)) break;
        progressed = true;
        const length = struct instanceof Y.Item ? struct.content.getLength() : struct.length;
        const room = maxLength - size;
        if (struct instanceof Y.Item && length > room && room > 0 && length > 1) {
          // The rest of the item starts the next slice, as Yjs splits items (sliceStruct).
          queue.structs[queue.next] = splitItem(struct, room);
          emit(queue, struct, room);
          flush();
          continue;
        }
        emit(queue, struct, length);
        queue.next++;
        left--;
        if (size >= maxLength) flush();
      }
    }
    if (!progressed) {
      // Refers to structs that neither the update nor (as far as it says) the document holds: keep
      // the update's own order and let Yjs hold back what it must, as it would for the whole update.
      for (const queue of queues.values()) {
        for (; queue.next < queue.structs.length; queue.next++) {
          const struct = queue.structs[queue.next] as Struct;
          emit(queue, struct, struct instanceof Y.Item ? struct.content.getLength() : struct.length);
          left--;
        }
      }
    }
  }
  slices.push(encodeSlice(current, ds));
  return slices;
}

/** Cuts `item` after `at` units: it keeps the first part, the returned item holds the rest. */
function splitItem(item: Y.Item, at: number): Y.Item {
  const { client, clock } = item.id;
  return new Y.Item(
    Y.createID(client, clock + at),
    null,
    Y.createID(client, clock + at - 1),
    null,
    item.rightOrigin,
    item.parent,
    item.parentSub,
    item.content.splice(at),
  );
}

/** An update (format V1) of these structs, per client in clock order, and of `ds` when given. */
function encodeSlice(byClient: Map<number, Struct[]>, ds: DeleteSet | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  // V1 writes every count and clock as a variable-length integer, which writeLen writes.
  encoder.writeLen(byClient.size);
  for (const [client, list] of byClient) {
    encoder.writeLen(list.length);
    encoder.writeClient(client);
    encoder.writeLen((list[0] as Struct).id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  const deletes = ds ? [...ds.clients].filter(([, items]) => items.length > 0) : [];
  encoder.writeLen(deletes.length);
  for (const [client, items] of deletes) {
    encoder.resetDsCurVal();
    encoder.writeLen(client);
    encoder.writeLen(items.length);
    for (const item of items) {
      encoder.writeDsClock(item.clock);
      encoder.writeDsLen(item.len);
    }
  }
  return encoder.toUint8Array();
}
