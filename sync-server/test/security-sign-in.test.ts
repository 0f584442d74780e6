import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ApiClient, setUpAdmin } from './helpers/api-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

/** SE-06: what guessing passwords costs the server, and how far a guesser gets. */
let t: TestServer;
let admin: ApiClient;

afterEach(async () => {
  await t.dispose();
});

async function start(env: Record<string, string> = {}, scrypt?: { N: number; r: number; p: number }) {
  t = await startTestServer({
    env: { RUNSHEET_OPEN: '0', ...env },
    ...(scrypt && { overrides: { scrypt } }),
  });
  admin = await setUpAdmin(t.url);
}

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  new ApiClient(t.url).post<{ error?: { code: string } }>('/api/auth/login', { username, password }, headers);

describe('SE-06: sign-in under attack', () => {
  it('SE-06 a flood of junk sign-ins fills a bounded hashing queue: the rest are answered 503 server-busy with Retry-After at once, never 500; a real sign-in then works', async () => {
    // A real cost (N = 2^14), so that hashes pile up while the flood arrives.
    await start({ AUTH_MAX_PENDING_HASHES: '2' }, { N: 2 ** 14, r: 8, p: 1 });
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) => login(`junk${i}`, 'not the password at all')),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses).not.toContain(500);
    const busy = answers.filter((a) => a.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy[0]!.body.error?.code).toBe('server-busy');
    expect(Number(busy[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 503).every((s) => s === 401)).toBe(true);
    expect((await login(ADMIN.username, ADMIN.password)).status).toBe(200);
  });

  it('SE-06 guessing one user from ever new addresses is throttled per user (TRUST_PROXY, one address a guess)', async () => {
    await start({ TRUST_PROXY: '1' });
    for (let i = 0; i < 20; i++) {
      const res = await login(ADMIN.username, 'wrong password!', { 'X-Forwarded-For': `10.0.0.${i}` });
      expect(res.status).toBe(401);
    }
    const next = await login(ADMIN.username, ADMIN.password, { 'X-Forwarded-For': '10.0.1.1' });
    expect(next.status).toBe(429);
    expect(next.body.error?.code).toBe('too-many-attempts');
  });

  it('SE-06 spraying usernames from one address is throttled per address', async () => {
    await start();
    for (let i = 0; i < 50; i++) expect((await login(`user${i}`, 'wrong password!')).status).toBe(401);
    expect((await login(ADMIN.username, ADMIN.password)).status).toBe(429);
  });

  it('SE-06 guessing currentPassword on a password change is throttled after five wrong guesses', async () => {
    await start();
    const change = (currentPassword: string) =>
      admin.post<{ error?: { code: string } }>('/api/auth/password', {
        currentPassword,
        newPassword: 'a brand new password',
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess number ${i}`)).status).toBe(401);
    const sixth = await change(ADMIN.password);
    expect(sixth.status).toBe(429);
    expect(sixth.headers.get('retry-after')).not.toBeNull();
  });
});
