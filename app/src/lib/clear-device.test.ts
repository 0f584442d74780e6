import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { clearDeviceData, requestClearDevice, takeClearRequest } from './clear-device';

/** A whole Storage (clear and length too) in memory. */
class FakeStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length(): number {
    return this.data.size;
  }
  clear(): void {
    this.data.clear();
  }
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

function openWithRow(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('rows').put('kept', 'k');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('SE-12 sign out and clear this device', () => {
  it('deletes every database of the origin, waiting for an open one to close, and empties the storages', async () => {
    const factory = new IDBFactory();
    await openWithRow(factory, 'runsheet').then((db) => db.close());
    // Still open, as another tab's would be: the deletion waits until it closes on versionchange.
    const open = await openWithRow(factory, 'runsheet-docs');
    open.onversionchange = () => open.close();
    const local = new FakeStorage();
    local.setItem('runsheet-draft:x', 'typed');
    const session = new FakeStorage();
    session.setItem('runsheet-session', 'me');

    const deleted = await clearDeviceData(factory, [local, session]);

    expect(deleted.sort()).toEqual(['runsheet', 'runsheet-docs']);
    expect(await factory.databases()).toEqual([]);
    expect(local.length).toBe(0);
    expect(session.length).toBe(0);
  });

  it('a request is taken once, by the next start of the page', () => {
    const session = new FakeStorage();
    expect(takeClearRequest(session)).toBe(false);
    requestClearDevice(session);
    expect(takeClearRequest(session)).toBe(true);
    expect(takeClearRequest(session)).toBe(false);
  });
});
