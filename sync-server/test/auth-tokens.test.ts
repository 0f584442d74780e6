import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_CACHE_MS } from '../src/auth/auth.ts';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { sqliteDb, startTestServer, type TestServer } from './helpers/test-server.ts';

let t: TestServer;
let admin: ApiClient;
beforeEach(async () => {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
  admin = await setUpAdmin(t.url);
});
afterEach(() => t.dispose());

type Created = { token: { id: string; name: string }; secret: string };

function bearer(secret: string): ApiClient {
  return new ApiClient(t.url, { Authorization: `Bearer ${secret}` });
}

describe('API tokens', () => {
  it('shows the secret once, lists without it, and authenticates with Bearer', async () => {
    const created = await admin.post<Created>('/api/tokens', { name: 'CI pipeline' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^rst_[A-Za-z0-9_-]{43}$/);
    const list = await admin.get<{ tokens: Record<string, unknown>[] }>('/api/tokens');
    expect(list.body.tokens).toEqual([
      {
        id: created.body.token.id,
        name: 'CI pipeline',
        userId: expect.any(String),
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);
    const me = await bearer(created.body.secret).get('/api/session');
    expect(me.body).toMatchObject({ user: { username: 'ada' }, auth: 'token', expiresAt: null });
    const listed = await admin.get<{ tokens: { lastUsedAt: string | null }[] }>('/api/tokens');
    expect(listed.body.tokens[0]!.lastUsedAt).not.toBeNull();
  });

  it('stores only a hash of the secret', async () => {
    const created = await admin.post<Created>('/api/tokens', { name: 'x' });
    const rows = sqliteDb(t.server).prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(rows)).not.toContain(created.body.secret);
  });

  it.each([
    ['a forged token', 'rst_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a token without the prefix', 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['an empty token', ''],
  ])('refuses %s', async (_name, secret) => {
    const res = await new ApiClient(t.url, { Authorization: `Bearer ${secret}` }).get('/api/session');
    expect(res).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
  });

  it('does not accept ?token= on API calls (only on WebSocket upgrades)', async () => {
    const created = await admin.post<Created>('/api/tokens', { name: 'x' });
    expect((await new ApiClient(t.url).get(`/api/session?token=${created.body.secret}`)).status).toBe(401);
  });

  it('a revoked token stops working and stays listed as revoked', async () => {
    const created = await admin.post<Created>('/api/tokens', { name: 'old' });
    expect((await admin.delete(`/api/tokens/${created.body.token.id}`)).status).toBe(204);
    expect((await bearer(created.body.secret).get('/api/session')).status).toBe(401);
    const list = await admin.get<{ tokens: { revokedAt: string | null }[] }>('/api/tokens');
    expect(list.body.tokens[0]!.revokedAt).not.toBeNull();
  });

  it("lets members manage only their own tokens; admins see and revoke anyone's", async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const mine = await member.post<Created>('/api/tokens', { name: 'grace laptop' });
    const adminToken = await admin.post<Created>('/api/tokens', { name: 'admin' });
    expect((await member.get<{ tokens: unknown[] }>('/api/tokens?all=1')).body.tokens).toHaveLength(1);
    expect((await member.delete(`/api/tokens/${adminToken.body.token.id}`)).status).toBe(404);
    expect((await admin.get<{ tokens: unknown[] }>('/api/tokens')).body.tokens).toHaveLength(1);
    expect((await admin.get<{ tokens: unknown[] }>('/api/tokens?all=1')).body.tokens).toHaveLength(2);
    expect((await admin.delete(`/api/tokens/${mine.body.token.id}`)).status).toBe(204);
    expect((await bearer(mine.body.secret).get('/api/session')).status).toBe(401);
  });

  it('a token stops working when its user is disabled', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const token = await member.post<Created>('/api/tokens', { name: 'g' });
    await admin.patch(`/api/users/${member.userId}`, { disabled: true });
    expect((await bearer(token.body.secret).get('/api/session')).status).toBe(401);
  });

  it('a token in use (its sign-in cached) stops at once when revoked, its user narrowed or disabled', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const token = await member.post<Created>('/api/tokens', { name: 'g' });
    const other = await member.post<Created>('/api/tokens', { name: 'h' });
    const grace = bearer(token.body.secret);
    const session = () => grace.get<{ user: { role: string } }>('/api/session');
    expect((await session()).body.user.role).toBe('member');
    await admin.patch(`/api/users/${member.userId}`, { role: 'viewer' });
    expect((await session()).body.user.role).toBe('viewer');
    expect((await bearer(other.body.secret).get('/api/session')).status).toBe(200);
    expect((await admin.delete(`/api/tokens/${other.body.token.id}`)).status).toBe(204);
    expect((await bearer(other.body.secret).get('/api/session')).status).toBe(401);
    expect((await session()).status).toBe(200);
    await admin.patch(`/api/users/${member.userId}`, { disabled: true });
    expect((await session()).status).toBe(401);
  });

  it('validates the token name', async () => {
    expect((await admin.post('/api/tokens', { name: '  ' })).body).toMatchObject({
      error: { code: 'invalid-body', field: 'name' },
    });
  });
});

describe('API tokens changed outside the server', () => {
  it(`stop working at the latest ${TOKEN_CACHE_MS} ms later (the cache's bound)`, async () => {
    let now = Date.now();
    const server = await startTestServer({ env: { RUNSHEET_OPEN: '0' }, overrides: { now: () => now } });
    try {
      const owner = await setUpAdmin(server.url);
      const created = await owner.post<Created>('/api/tokens', { name: 'ci' });
      const client = new ApiClient(server.url, { Authorization: `Bearer ${created.body.secret}` });
      expect((await client.get('/api/session')).status).toBe(200);
      // As the sqlite3 shell would: the server is not told.
      sqliteDb(server.server)
        .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?')
        .run(now, created.body.token.id);
      now += TOKEN_CACHE_MS;
      expect((await client.get('/api/session')).status).toBe(401);
    } finally {
      await server.dispose();
    }
  });
});
