import { describe, expect, it } from 'vitest';
import { SavingStore } from './saving-store.ts';

/** A "leave the page?" check as the browser makes it: a cancelable beforeunload event. */
function leaving(target: EventTarget): { asked: boolean } {
  const event = new Event('beforeunload', { cancelable: true });
  target.dispatchEvent(event);
  return { asked: event.defaultPrevented };
}

function deferred() {
  let resolve: () => void = () => {};
  let reject: (error: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('IO-18 work that must be stored', () => {
  it('IO-18 leaving the page asks first while the work is in flight, and not once it is stored', async () => {
    const page = new EventTarget();
    const store = new SavingStore(page);
    expect(leaving(page).asked).toBe(false);

    const write = deferred();
    const tracked = store.track('Restoring the workspace', write.promise);
    expect(store.snapshot().labels).toEqual(['Restoring the workspace']);
    expect(leaving(page).asked).toBe(true);

    write.resolve();
    await tracked;
    expect(store.snapshot().labels).toEqual([]);
    expect(leaving(page).asked).toBe(false);
  });

  it('IO-18 several at once: the page asks until the last is stored, and a failed one stops counting', async () => {
    const page = new EventTarget();
    const store = new SavingStore(page);
    const seen: number[] = [];
    store.subscribe(() => seen.push(store.snapshot().labels.length));
    const one = deferred();
    const two = deferred();
    const first = store.track('one', one.promise);
    const second = store.track('two', () => two.promise);
    expect(store.snapshot().labels).toEqual(['one', 'two']);

    two.reject(new Error('QuotaExceededError'));
    await expect(second).rejects.toThrow('QuotaExceededError');
    expect(store.snapshot().labels).toEqual(['one']);
    expect(leaving(page).asked).toBe(true);

    one.resolve();
    await first;
    expect(leaving(page).asked).toBe(false);
    expect(seen).toEqual([1, 2, 1, 0]);
  });
});
