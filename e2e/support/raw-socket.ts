import type { Page } from '@playwright/test';

/**
 * Opens a WebSocket to the relay from inside `page` (so it carries that browser's cookies, as the app's
 * would), sends `frames` once open, and resolves with how the relay closed it.
 */
export function relayClose(
  page: Page,
  room: string,
  frames: number[][] = [],
): Promise<{ code: number; reason: string }> {
  return page.evaluate(
    ({ room, frames }) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/sync/${room}`);
        ws.binaryType = 'arraybuffer';
        ws.onopen = () => {
          for (const frame of frames) ws.send(new Uint8Array(frame));
        };
        ws.onclose = (event) => resolve({ code: event.code, reason: event.reason });
      }),
    { room, frames },
  );
}

/** Deterministic bytes (a small LCG), so a failure can be replayed. */
export function seededBytes(seed: number, length: number): number[] {
  let state = seed >>> 0;
  return Array.from({ length }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 24;
  });
}
