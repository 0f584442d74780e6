import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

let t: TestServer;
let admin: ApiClient;
beforeEach(async () => {
  t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
  admin = await setUpAdmin(t.url);
});
afterEach(() => t.dispose());

type UserBody = { user: { id: string; username: string; role: string; disabled: boolean } };

describe('user management', () => {
  it('lets an admin create, list and change users', async () => {
    const created = await admin.post<UserBody>('/api/users', {
      username: 'Grace',
      password: 'grace-password',
      role: 'member',
      displayName: 'Grace H.',
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'grace', role: 'member', disabled: false });
    expect(created.body.user).not.toHaveProperty('passwordHash');
    const list = await admin.get<{ users: { username: string }[] }>('/api/users');
    expect(list.body.users.map((u) => u.username)).toEqual(['ada', 'grace']);
    const changed = await admin.patch<UserBody>(`/api/users/${created.body.user.id}`, { role: 'viewer' });
    expect(changed.body.user.role).toBe('viewer');
  });

  it('refuses a username that exists in any case', async () => {
    await admin.post('/api/users', { username: 'grace', password: 'grace-password', role: 'member' });
    const again = await admin.post('/api/users', {
      username: 'GRACE',
      password: 'grace-password',
      role: 'viewer',
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'username-taken' } } });
  });

  it('is admin-only', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    expect((await member.get('/api/users')).body).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      (await member.post('/api/users', { username: 'x1', password: 'xxxxxxxxxxxx', role: 'admin' })).status,
    ).toBe(403);
    expect((await new ApiClient(t.url).get('/api/users')).body).toMatchObject({
      error: { code: 'unauthenticated' },
    });
  });

  it('disabling a user ends their sessions and refuses their sign-in', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    const res = await admin.patch<UserBody>(`/api/users/${member.userId}`, { disabled: true });
    expect(res.body.user.disabled).toBe(true);
    expect((await member.get('/api/session')).status).toBe(401);
    const login = await new ApiClient(t.url).post('/api/auth/login', {
      username: 'grace',
      password: 'grace-password-123',
    });
    expect(login).toMatchObject({ status: 403, body: { error: { code: 'account-disabled' } } });
    await admin.patch(`/api/users/${member.userId}`, { disabled: false });
    const back = await new ApiClient(t.url).post('/api/auth/login', {
      username: 'grace',
      password: 'grace-password-123',
    });
    expect(back.status).toBe(200);
  });

  it('never leaves Runsheet without an active admin', async () => {
    const me = await admin.get<UserBody>('/api/session');
    const id = me.body.user.id;
    expect((await admin.patch(`/api/users/${id}`, { role: 'member' })).body).toMatchObject({
      error: { code: 'last-admin' },
    });
    expect((await admin.patch(`/api/users/${id}`, { disabled: true })).body).toMatchObject({
      error: { code: 'last-admin' },
    });
    await signedInUser(admin, 'grace', 'admin');
    expect((await admin.patch(`/api/users/${id}`, { role: 'member' })).status).toBe(200);
  });

  it('resets a password and signs the user out everywhere', async () => {
    const member = await signedInUser(admin, 'grace', 'member');
    expect(
      (await admin.post(`/api/users/${member.userId}/password`, { password: 'short' })).body,
    ).toMatchObject({
      error: { code: 'weak-password', field: 'password' },
    });
    expect(
      (await admin.post(`/api/users/${member.userId}/password`, { password: 'brand new password' })).status,
    ).toBe(204);
    expect((await member.get('/api/session')).status).toBe(401);
    const old = await new ApiClient(t.url).post('/api/auth/login', {
      username: 'grace',
      password: 'grace-password-123',
    });
    expect(old.status).toBe(401);
    const fresh = await new ApiClient(t.url).post('/api/auth/login', {
      username: 'grace',
      password: 'brand new password',
    });
    expect(fresh.status).toBe(200);
  });

  it('answers 404 for unknown users and 400 for empty changes', async () => {
    expect((await admin.patch('/api/users/user:nope', { role: 'member' })).status).toBe(404);
    expect((await admin.post('/api/users/user:nope/password', { password: 'long enough pw' })).status).toBe(
      404,
    );
    expect((await admin.patch('/api/users/user:nope', {})).body).toMatchObject({
      error: { code: 'invalid-body' },
    });
  });
});
