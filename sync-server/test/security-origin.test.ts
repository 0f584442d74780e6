import { once } from 'node:events';
import { request } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, setUpAdmin } from './helpers/api-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** SE-07 (Host allow-list) and SE-08 (addresses from the socket and the right-most forwarded entry). */
let t: TestServer;

afterEach(async () => {
  await t.dispose();
});

const start = async (env: Record<string, string> = {}) => {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0', ...env } });
};

/** POST /api/setup through node:http, which sends the Host header it is given (fetch does not). */
function setup(
  headers: Record<string, string>,
): Promise<{ status: number; body: { error?: { code: string } } }> {
  const body = JSON.stringify({ ...ADMIN, displayName: 'Ada' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: t.port,
        path: '/api/setup',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let parsed: { error?: { code: string } } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {}
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The status of a request written byte for byte (any Host, an upgrade). */
async function rawStatus(head: string): Promise<number> {
  const socket = net.connect(t.port, '127.0.0.1');
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(head);
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  socket.destroy();
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 0);
}

describe('SE-07: the server answers only host names it was given', () => {
  it('SE-07 a DNS-rebinding page (Host and Origin both the attacker’s name) cannot create the first admin', async () => {
    await start();
    const res = await setup({ Host: `evil.example:${t.port}`, Origin: `http://evil.example:${t.port}` });
    expect(res.status).toBe(421);
    expect(await t.server.auth.users.count()).toBe(0);
    // The same request under the server's own address works (loopback: no setup code).
    expect((await setup({})).status).toBe(201);
  });

  it('SE-07 every path refuses an unknown Host, the WebSocket upgrade too; localhost, IP addresses and PUBLIC_ORIGIN are answered', async () => {
    await start({ PUBLIC_ORIGIN: 'https://runsheet.example.com' });
    const get = (host: string, path = '/') =>
      rawStatus(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    expect(await get('evil.example')).toBe(421);
    expect(await get('evil.example', '/api/auth/status')).toBe(421);
    const upgrade = await rawStatus(
      'GET /sync/catalog HTTP/1.1\r\nHost: evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade).toBe(421);
    for (const host of [
      `localhost:${t.port}`,
      `127.0.0.1:${t.port}`,
      `[::1]:${t.port}`,
      'runsheet.example.com',
    ]) {
      expect(await get(host, '/api/auth/status'), host).toBe(200);
    }
  });
});

describe('SE-08: where a request comes from', () => {
  it('SE-08 with TRUST_PROXY a forged "X-Forwarded-For: 127.0.0.1" is not loopback: the first admin needs the setup code', async () => {
    await start({ TRUST_PROXY: '1' });
    const res = await setup({ 'X-Forwarded-For': '127.0.0.1, 203.0.113.9' });
    expect(res.body.error?.code).toBe('setup-code-required');
    expect(await t.server.auth.users.count()).toBe(0);
  });

  it('SE-08 with TRUST_PROXY the right-most forwarded address counts: rotating the left-most entries does not escape the throttle', async () => {
    await start({ TRUST_PROXY: '1' });
    await setUpAdmin(t.url);
    const login = (i: number) =>
      new ApiClient(t.url).post(
        '/api/auth/login',
        { username: ADMIN.username, password: 'wrong password!' },
        { 'X-Forwarded-For': `10.9.9.${i}, 203.0.113.9` },
      );
    for (let i = 0; i < 5; i++) expect((await login(i)).status).toBe(401);
    expect((await login(99)).status).toBe(429);
  });

  it('SE-08 TRUST_PROXY=2 takes the second entry from the right', async () => {
    await start({ TRUST_PROXY: '2' });
    const admin = await setUpAdmin(t.url);
    const status = await admin.get('/api/auth/status', {
      'X-Forwarded-For': '1.1.1.1, 198.51.100.7, 10.0.0.2',
    });
    expect(status.status).toBe(200);
    const { clientAddress } = await import('../src/http/request-info.ts');
    const req = {
      headers: { 'x-forwarded-for': '1.1.1.1, 198.51.100.7, 10.0.0.2' },
      socket: { remoteAddress: '10.0.0.3' },
    } as never;
    expect(clientAddress(req, { trustProxy: true, proxyHops: t.server.config.proxyHops })).toBe(
      '198.51.100.7',
    );
  });
});
