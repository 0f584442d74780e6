/**
 * Asks a worker to cut a release document's stored rows into slices (release-slicer.worker.ts), so the
 * page applies a large document a slice per task. One worker per request, ended once it answers: a
 * release opens once per page, and an idle worker would hold its memory for nothing.
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

function sliceInWorker(updates: Uint8Array[], maxLength: number): Promise<Uint8Array[]> {
  const worker = new Worker(new URL('./release-slicer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'runsheet-release-slicer',
  });
  const id = nextId++;
  return new Promise<Uint8Array[]>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<SliceReply>) => {
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data.slices);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(event.message || 'Opening the release stopped unexpectedly.'));
    };
    // Copies, not the rows' own buffers: the caller may still need them (a retry on this thread).
    const request: SliceRequest = { id, updates: updates.map((u) => u.slice()), maxLength };
    worker.postMessage(
      request,
      request.updates.map((u) => u.buffer as ArrayBuffer),
    );
  }).finally(() => worker.terminate());
}
