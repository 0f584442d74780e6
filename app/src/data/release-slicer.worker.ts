/**
 * Cuts a stored release document into slices off the page's thread (packages/doc sliceUpdate): the
 * stored rows come in, one update's worth of slices goes back, each applied by the page in a task of
 * its own (LocalData.loadRelease). Decoding the whole update is the costly part, so it happens here.
 */
// Only the slicer and Yjs: the worker starts on the way to the first paint (the catalog, RM-05), and
// the whole package would be more than twice the code to load.
import { sliceUpdate } from '@runsheet/doc/update-slices';
import * as Y from 'yjs';
import type { SliceReply, SliceRequest } from './release-slicer.ts';

/** The worker's global scope, as far as this file uses it (the app's types are the DOM's, not a worker's). */
declare const self: {
  postMessage(message: SliceReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<SliceRequest>) => void) | null;
};

self.onmessage = (event) => {
  const { id, updates, maxLength } = event.data;
  try {
    const whole = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
    const slices = sliceUpdate(whole, maxLength);
    self.postMessage(
      { id, slices },
      slices.map((s) => s.buffer as ArrayBuffer),
    );
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) }, []);
  }
};
