/**
 * Asks a worker to cut a document's stored rows into slices (release-slicer.worker.ts), so the page
 * applies a large document (the catalog, a finished release) a slice per task. One worker serves every
 * request and ends after a few idle seconds: the catalog and then the release a page opens are cut by
 * the same warm worker (starting one costs 80 to 200 ms before its first answer), and an idle worker
 * does not hold its memory for long.
 */
import { sliceUpdate } from '@runsheet/doc';
import * as Y from 'yjs';

export interface SliceRequest {
  id: number;
  updates: Uint8Array[];
  maxLength: number;
}
export type SliceReply = { id: number; slices: Uint8Array[] } | { id: number; error: string };

/** Cuts `updates` (a document's stored rows, in order) into slices that apply in order. */
export type Slicer = (updates: Uint8Array[], maxLength: number) => Promise<Uint8Array[]>;

/** In a worker where the platform has them; in this thread otherwise (tests, old browsers). */
export const defaultSlicer: Slicer = (updates, maxLength) =>
  typeof Worker === 'undefined'
    ? Promise.resolve(sliceHere(updates, maxLength))
    : sliceInWorker(updates, maxLength);

export function sliceHere(updates: Uint8Array[], maxLength: number): Uint8Array[] {
  return sliceUpdate(updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates), maxLength);
}

let nextId = 1;

/** How long the worker stays after its last answer. */
const IDLE_MS = 5000;

interface Shared {
  worker: Worker;
  waiting: Map<number, { resolve: (slices: Uint8Array[]) => void; reject: (error: Error) => void }>;
  idle: ReturnType<typeof setTimeout> | null;
}
let shared: Shared | null = null;

function theWorker(): Shared {
  if (shared) {
    if (shared.idle !== null) clearTimeout(shared.idle);
    shared.idle = null;
    return shared;
  }
  const worker = new Worker(new URL('./release-slicer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'runsheet-release-slicer',
  });
  const me: Shared = { worker, waiting: new Map(), idle: null };
  worker.onmessage = (event: MessageEvent<SliceReply>) => {
    const waiter = me.waiting.get(event.data.id);
    me.waiting.delete(event.data.id);
    if ('error' in event.data) waiter?.reject(new Error(event.data.error));
    else waiter?.resolve(event.data.slices);
    endWhenIdle(me);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    // Every request waiting on it fails (the caller applies the rows here instead); the next starts anew.
    const error = new Error(event.message || 'Opening the document stopped unexpectedly.');
    for (const waiter of me.waiting.values()) waiter.reject(error);
    me.waiting.clear();
    worker.terminate();
    if (shared === me) shared = null;
  };
  shared = me;
  return me;
}

function endWhenIdle(me: Shared): void {
  if (me.waiting.size > 0 || me.idle !== null) return;
  me.idle = setTimeout(() => {
    me.worker.terminate();
    if (shared === me) shared = null;
  }, IDLE_MS);
}

function sliceInWorker(updates: Uint8Array[], maxLength: number): Promise<Uint8Array[]> {
  const me = theWorker();
  const id = nextId++;
  return new Promise<Uint8Array[]>((resolve, reject) => {
    me.waiting.set(id, { resolve, reject });
    // Copies, not the rows' own buffers: the caller may still need them (a retry on this thread).
    const request: SliceRequest = { id, updates: updates.map((u) => u.slice()), maxLength };
    me.worker.postMessage(
      request,
      request.updates.map((u) => u.buffer as ArrayBuffer),
    );
  });
}
