/**
 * How many changes each document had waiting for the relay when the page last counted, kept in
 * localStorage so a page opened later (offline, say) does not claim everything is uploaded. The count is
 * per browser, not per tab: tabs share their changes, and each tab's connection uploads all of them.
 */
import type { KeyValue } from './session.ts';

export const WAITING_KEY = 'runsheet.sync.waiting';

export class WaitingStore {
  constructor(private readonly storage: KeyValue) {}

  get(room: string): number {
    return this.read()[room] ?? 0;
  }

  set(room: string, waiting: number): void {
    const all = this.read();
    if (waiting > 0) all[room] = waiting;
    else delete all[room];
    try {
      if (Object.keys(all).length === 0) this.storage.removeItem(WAITING_KEY);
      else this.storage.setItem(WAITING_KEY, JSON.stringify(all));
    } catch {
      // Blocked or full storage: the count is a convenience; the changes themselves are in IndexedDB.
    }
  }

  private read(): Record<string, number> {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(WAITING_KEY) ?? '{}');
      if (typeof parsed !== 'object' || parsed === null) return {};
      const out: Record<string, number> = {};
      for (const [room, n] of Object.entries(parsed)) if (typeof n === 'number' && n > 0) out[room] = n;
      return out;
    } catch {
      return {};
    }
  }
}
