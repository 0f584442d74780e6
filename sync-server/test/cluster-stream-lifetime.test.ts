import { afterAll, describe, expect, it } from 'vitest';
import { connectRedis, type Redis } from '../src/cluster/redis.ts';
import { RoomFanout } from '../src/cluster/room-fanout.ts';
import { StreamReader } from '../src/cluster/stream-reader.ts';
import { warnMissing } from './helpers/postgres.ts';
import { type TestRedis, useRedis } from './helpers/redis.ts';

/**
 * CL-02 / CL-05, the streams' lifetimes: a room's stream outlives its last write (Redis stays small) and a
 * busy room does not pay a PEXPIRE per batch. Its own Redis: the test counts PEXPIRE calls and restarts it.
 */
const redis: TestRedis | { missing: string } = await useRedis({ own: true });
const missing = 'missing' in redis ? redis.missing : null;
if (missing !== null) warnMissing('stream lifetimes on Redis', missing, 'Redis');
afterAll(async () => {
  if (missing === null) await (redis as TestRedis).dispose();
});

const silent = { warn: () => {} };
const update = new Uint8Array([0, 0]);

async function pexpireCalls(commands: Redis): Promise<number> {
  const info = await commands.info('commandstats');
  return Number(/cmdstat_pexpire:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(missing !== null)('Redis stream lifetimes', () => {
  it('CL-02 a published stream has a lifetime, renewed once per tenth of it, and again after Redis restarts', async () => {
    const { url, prefix, redis: running } = redis as TestRedis;
    const p = prefix();
    const commands = await connectRedis(url, 'commands', 'test', silent);
    const blocking = await connectRedis(url, 'blocking', 'test', silent);
    const reader = new StreamReader(blocking, commands, silent);
    const fanout = new RoomFanout(reader, commands, {
      relayId: 'a',
      prefix: p,
      store: { heads: async () => new Map() },
      log: silent,
    });
    const key = `${p}room:release:x:u`;
    try {
      await until(async () => commands.status === 'ready');
      const before = await pexpireCalls(commands);
      for (let seq = 1; seq <= 20; seq++) fanout.stored('release:x', seq, [update]);
      await until(async () => (await commands.xlen(key)) === 20);
      const ttl = await commands.pttl(key);
      expect(ttl).toBeGreaterThan(3_500_000);
      expect(ttl).toBeLessThanOrEqual(3_600_000);
      // 20 batches in a moment: one renewal, not 20.
      expect((await pexpireCalls(commands)) - before).toBe(1);

      // Redis restarts empty: the next batch creates the stream again, and gives it its lifetime again.
      await running!.kill();
      await until(async () => commands.status !== 'ready');
      await running!.restart();
      await until(async () => commands.status === 'ready');
      expect(await commands.exists(key)).toBe(0);
      fanout.stored('release:x', 21, [update]);
      await until(async () => (await commands.xlen(key)) === 1);
      expect(await commands.pttl(key)).toBeGreaterThan(3_500_000);
    } finally {
      fanout.close();
      await reader.close();
      commands.disconnect();
    }
  });
});
