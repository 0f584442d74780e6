import { afterEach, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from './helpers/spawn-server.ts';
import { writeStaticFixture } from './helpers/static-fixture.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { type StockClient, stockClient, synced, until } from './helpers/y-client.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function spawn(env: Record<string, string>): Promise<SpawnedServer> {
  const server = await spawnServer(env);
  cleanups.push(() => server.child.kill('SIGKILL'));
  return server;
}

function client(port: number, room: string): StockClient {
  const c = stockClient(`http://127.0.0.1:${port}`, room);
  cleanups.push(() => c.destroy());
  return c;
}

describe('relay durability (built process)', () => {
  it('keeps every update it relayed when killed with SIGKILL', async () => {
    const data = makeTempDir('data');
    const statics = makeTempDir('static');
    writeStaticFixture(statics.path);
    cleanups.push(data.remove, statics.remove);
    const env = { DATA_DIR: data.path, STATIC_DIR: statics.path, RUNSHEET_OPEN: '1' };

    const first = await spawn(env);
    const writer = client(first.port, 'release:crash');
    const observer = client(first.port, 'release:crash');
    await Promise.all([synced(writer), synced(observer)]);
    const count = 50;
    for (let i = 0; i < count; i++) writer.doc.getMap('steps').set(`step:${i}`, i);
    // The relay stores each update before it sends it on, so whatever the observer has, the disk has.
    await until(observer.doc, (d) => d.getMap('steps').size === count);
    writer.provider.disconnect();
    observer.provider.disconnect();
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const second = await spawn(env);
    const fresh = client(second.port, 'release:crash');
    await synced(fresh);
    expect(fresh.doc.getMap('steps').size).toBe(count);
  });
});
