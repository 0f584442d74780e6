import { describe, expect, it } from 'vitest';
import { JsonCache, lastMember, openObject } from '../src/api/json-cache.ts';

describe('JsonCache', () => {
  it('builds once per key and version, and drops everything when the version or the owner moves', () => {
    const cache = new JsonCache();
    const owner = {};
    let builds = 0;
    const build = () => JSON.stringify({ n: ++builds });
    expect(cache.get(owner, 1, 'a', build).toString()).toBe('{"n":1}');
    expect(cache.get(owner, 1, 'a', build).toString()).toBe('{"n":1}');
    expect(cache.get(owner, 2, 'a', build).toString()).toBe('{"n":2}');
    expect(cache.get({}, 2, 'a', build).toString()).toBe('{"n":3}');
  });

  it('caches nothing for a build that throws', () => {
    const cache = new JsonCache();
    const owner = {};
    expect(() =>
      cache.get(owner, 1, 'bad', () => {
        throw new Error('400');
      }),
    ).toThrow('400');
    expect(cache.get(owner, 1, 'bad', () => '"ok"').toString()).toBe('"ok"');
  });

  it('stays within its byte bound', () => {
    const cache = new JsonCache(10);
    const owner = {};
    let builds = 0;
    const big = () => {
      builds++;
      return '"0123456789abc"';
    };
    cache.get(owner, 1, 'big', big);
    cache.get(owner, 1, 'big', big);
    expect(builds).toBe(2);
  });

  it('splits an object so that the pieces join to exactly JSON.stringify of the whole', () => {
    const head = { release: { id: 'release:é', n: [1, 'two', null] }, nextCursor: null, skipped: undefined };
    const mirror = { stale: false, ageMs: 12, error: 'a "quoted" – text' };
    const joined = Buffer.concat([Buffer.from(openObject(head)), Buffer.from(lastMember('mirror', mirror))]);
    expect(joined.toString('utf8')).toBe(JSON.stringify({ ...head, mirror }));
    expect(() => openObject({})).toThrow();
  });
});
