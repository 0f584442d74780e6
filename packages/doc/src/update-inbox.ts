/**
 * Applies remote updates only when Yjs can integrate them whole.
 *
 * Yjs applies an update's delete set at once but parks its inserts when an earlier update of the same
 * client is missing. Setting a Y.Map field is "insert the new value, delete the old one", so an update
 * that arrives before its predecessor (another tab, storage catch-up, a reconnect racing a broadcast)
 * would remove the field's value and show nothing until the gap closes; a command run meanwhile would
 * see an entity without its name. The convergence simulation found this (seed 171). Updates that start
 * past what the document has of some client are therefore held until the gap closes, whichever path
 * closes it (any transaction on the document, from any transport, retries the held ones). The retry
 * runs after all of that transaction's observers (afterAllTransactions), never inside its cleanup: a
 * transaction started there would share observer passes with the one before it.
 */
import * as Y from 'yjs';

interface Held {
  update: Uint8Array;
  origin: unknown;
}

class Inbox {
  private held: Held[] = [];
  private readonly retry = () => this.drain();

  constructor(private readonly doc: Y.Doc) {}

  get size(): number {
    return this.held.length;
  }

  receive(update: Uint8Array, origin: unknown): void {
    if (!this.fits(update)) {
      if (this.held.length === 0) this.doc.on('afterAllTransactions', this.retry);
      this.held.push({ update, origin });
      return;
    }
    Y.applyUpdate(this.doc, update, origin);
    this.drain();
  }

  /** Every client in the update starts at or before the clock the document already has. */
  private fits(update: Uint8Array): boolean {
    const { from } = Y.parseUpdateMeta(update);
    for (const [client, clock] of from) if (clock > Y.getState(this.doc.store, client)) return false;
    return true;
  }

  private drain(): void {
    let progress = true;
    while (progress && this.held.length > 0) {
      progress = false;
      for (const item of this.held) {
        if (!this.fits(item.update)) continue;
        this.held = this.held.filter((h) => h !== item);
        // Applying ends in 'afterAllTransactions', which re-enters drain; this loop then sees the rest.
        Y.applyUpdate(this.doc, item.update, item.origin);
        progress = true;
        break;
      }
    }
    if (this.held.length === 0) this.doc.off('afterAllTransactions', this.retry);
  }
}

const inboxes = new WeakMap<Y.Doc, Inbox>();

function inboxOf(doc: Y.Doc): Inbox {
  let inbox = inboxes.get(doc);
  if (!inbox) {
    inbox = new Inbox(doc);
    inboxes.set(doc, inbox);
  }
  return inbox;
}

/** Applies a remote update to `doc` now, or as soon as the updates it follows have arrived. */
export function receiveUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  inboxOf(doc).receive(update, origin);
}

/** How many received updates wait for an earlier one (for status displays and tests). */
export function heldUpdates(doc: Y.Doc): number {
  return inboxes.get(doc)?.size ?? 0;
}
