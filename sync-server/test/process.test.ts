import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer } from './helpers/spawn-server.ts';
import { writeStaticFixture } from './helpers/static-fixture.ts';
import { makeTempDir } from './helpers/temp-dir.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDirs() {
  const data = makeTempDir('data');
  const statics = makeTempDir('static');
  writeStaticFixture(statics.path);
  cleanups.push(data.remove, statics.remove);
  return { DATA_DIR: data.path, STATIC_DIR: statics.path };
}

describe('the built server process', () => {
  it('prints one listening line, serves, and exits 0 on SIGTERM', async () => {
    const dirs = tempDirs();
    const server = await spawnServer(dirs);
    cleanups.push(() => server.child.kill('SIGKILL'));
    expect(server.output()).toContain(
      `Runsheet listening on http://127.0.0.1:${server.port} (data: ${dirs.DATA_DIR})`,
    );
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);
    // A keep-alive connection must not hold the shutdown open.
    const page = await fetch(`http://127.0.0.1:${server.port}/settings`, {
      headers: { Connection: 'keep-alive' },
    });
    expect(page.status).toBe(200);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const server = await spawnServer(tempDirs());
    cleanups.push(() => server.child.kill('SIGKILL'));
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
  });

  it('on first run, says how to create the admin, with a setup code for other devices', async () => {
    const server = await spawnServer(tempDirs());
    cleanups.push(() => server.child.kill('SIGKILL'));
    const line = await server.waitFor(/First run: .*\n/);
    expect(line).toMatch(/^First run: open http:\/\/localhost:\d+\/ on this machine to create the admin/);
    expect(line).toMatch(/setup code [A-Z2-9]{8}\)/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('refuses to start on a bad setting and says which', async () => {
    await expect(spawnServer({ ...tempDirs(), PORT: 'eighty' })).rejects.toThrow(/PORT="eighty"/);
  });
});
