import { describe, expect, it } from 'vitest';
import { formatBytes, readStorageStatus, requestPersistence } from './storage-status.ts';

const fake = (persisted: boolean, grant: boolean) => ({
  estimate: async () => ({ usage: 2048, quota: 10 * 1024 * 1024 }),
  persisted: async () => persisted,
  persist: async () => grant,
});

describe('IO-16 storage status', () => {
  it('IO-16 reads usage, quota and persistence', async () => {
    expect(await readStorageStatus(fake(false, true))).toEqual({
      supported: true,
      usage: 2048,
      quota: 10 * 1024 * 1024,
      persisted: false,
    });
  });

  it('IO-16 a browser without the API is reported as such, and asking returns null', async () => {
    expect(await readStorageStatus(null)).toEqual({
      supported: false,
      usage: null,
      quota: null,
      persisted: null,
    });
    expect(await requestPersistence(null)).toBeNull();
  });

  it('IO-16 asking returns what the browser decided; a failing call counts as not granted', async () => {
    expect(await requestPersistence(fake(false, true))).toBe(true);
    const failing = { ...fake(false, true), persist: () => Promise.reject(new Error('blocked')) };
    expect(await requestPersistence(failing)).toBe(false);
  });

  it('IO-16 sizes are shown in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024 * 1024)).toBe('5.0 GB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB');
  });
});
