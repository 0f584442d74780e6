import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { sqliteDb, startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced } from './helpers/y-client.ts';

interface Entry {
  id: number;
  at: string;
  username: string | null;
  userId: string | null;
  auth: string;
  action: string;
  entity: string;
  method: string | null;
  path: string | null;
  status: number | null;
  ip: string;
  userAgent: string;
}
type Page = { items: Entry[]; nextCursor: string | null };

describe('Access audit (FR-014)', () => {
  let t: TestServer;
  let admin: ApiClient;
  let bot: ApiClient;
  let botToken: string;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    const member = await signedInUser(admin, 'bea', 'member');
    botToken = (await member.post<{ secret: string }>('/api/tokens', { name: 'bot' })).body.secret;
    bot = new ApiClient(t.url, { Authorization: `Bearer ${botToken}`, 'User-Agent': 'release-bot/1.0' });
    seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 1, templates: 1 });
  });
  afterAll(() => t.dispose());

  it('records who read what, when and from where, for every read of release information', async () => {
    const before = Date.now();
    await bot.get('/api/releases');
    await bot.get(`/api/releases/${seeded.releaseId}`);
    await bot.get('/api/releases/release:missing');
    await bot.get('/api/entities/nonsense');
    const log = await admin.get<Page>('/api/audit?user=bea');
    expect(log.status).toBe(200);
    const [bad, missing, detail, list] = log.body.items;
    expect(list).toMatchObject({
      username: 'bea',
      auth: 'token',
      action: 'api.read',
      entity: 'releases',
      method: 'GET',
      path: '/api/releases',
      status: 200,
      ip: expect.stringMatching(/127\.0\.0\.1/),
      userAgent: 'release-bot/1.0',
    });
    expect(Date.parse(list!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(detail).toMatchObject({ entity: seeded.releaseId, status: 200 });
    // Refused reads are accesses too.
    expect(missing).toMatchObject({ entity: 'release:missing', status: 404 });
    expect(bad).toMatchObject({ entity: 'nonsense', status: 400 });
  });

  it('records sync room joins with the user, address and user agent', async () => {
    const device = stockClient(t.url, seeded.releaseId, { params: { token: botToken } });
    try {
      await synced(device);
      const log = await admin.get<Page>(`/api/audit?entity=${encodeURIComponent(seeded.releaseId)}`);
      const join = log.body.items.find((e) => e.action === 'sync.join');
      expect(join).toMatchObject({ username: 'bea', entity: seeded.releaseId, status: null, method: null });
    } finally {
      device.destroy();
    }
  });

  it('filters by user, entity and time, newest first, with a cursor; reading it is recorded too', async () => {
    for (let i = 0; i < 5; i++) await bot.get('/api/releases?limit=1');
    const page1 = await admin.get<Page>('/api/audit?entity=releases&limit=3');
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.items.every((e) => e.entity === 'releases')).toBe(true);
    const page2 = await admin.get<Page>(`/api/audit?entity=releases&limit=3&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.length).toBeGreaterThan(0);
    expect(page2.body.items[0]!.id).toBeLessThan(page1.body.items.at(-1)!.id);
    const future = await admin.get<Page>('/api/audit?since=2999-01-01T00:00:00Z');
    expect(future.body.items).toEqual([]);
    const past = await admin.get<Page>('/api/audit?until=2000-01-01T00:00:00Z');
    expect(past.body.items).toEqual([]);
    const own = await admin.get<Page>('/api/audit?entity=audit');
    expect(own.body.items[0]).toMatchObject({ username: 'ada', action: 'api.read' });
    for (const query of [
      'since=yesterday',
      'until=2030-13-45',
      'cursor=zzz',
      'limit=0',
      `user=${'u'.repeat(300)}`,
    ]) {
      expect((await admin.get(`/api/audit?${query}`)).status, query).toBe(400);
    }
  });

  it('is for admins only', async () => {
    const res = await bot.get<{ error: { code: string } }>('/api/audit');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('refuses UPDATE and DELETE in the database itself', () => {
    expect(() => sqliteDb(t.server).prepare("UPDATE access_log SET username = 'mallory'").run()).toThrow(
      /append-only/,
    );
    expect(() => sqliteDb(t.server).prepare('DELETE FROM access_log').run()).toThrow(/append-only/);
  });

  it('has no code path that updates or deletes a row', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('migrations.ts')) files.push(path);
      }
    };
    walk(join(import.meta.dirname, '..', 'src'));
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(
        /(UPDATE|DELETE\s+FROM|REPLACE\s+INTO|DROP\s+TABLE|TRUNCATE(\s+TABLE)?)\s+access_log/i,
      );
    }
  });

  it('logs every one of many concurrent reads, each in a row of its own (none lost in a group commit)', async () => {
    const paths = Array.from({ length: 40 }, (_, i) => `/api/releases?limit=${i + 1}&run=concurrent`);
    const answers = await Promise.all(paths.map((path) => bot.get(path)));
    expect(answers.map((a) => a.status)).toEqual(paths.map(() => 200));
    const log = await admin.get<Page>('/api/audit?user=bea&entity=releases&limit=100');
    const logged = log.body.items.map((e) => e.path).filter((p) => paths.includes(p!));
    expect(logged.sort()).toEqual([...paths].sort());
  });

  it('fails closed under concurrency: no read is answered with data unless its own row is in the log', async () => {
    // One poisoned request makes its batch's commit fail; whichever requests share that batch must get a
    // 500 too, and every 200 must have its row.
    sqliteDb(t.server).exec(
      "CREATE TRIGGER test_poison BEFORE INSERT ON access_log WHEN NEW.user_agent = 'poison' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    try {
      const paths = Array.from({ length: 30 }, (_, i) => `/api/releases?limit=${i + 1}&run=poison`);
      const answers = await Promise.all(
        paths.map((path, i) =>
          bot.get<{ items?: unknown }>(path, i === 15 ? { 'User-Agent': 'poison' } : {}),
        ),
      );
      expect(answers[15]!.status).toBe(500);
      const log = await admin.get<Page>('/api/audit?user=bea&entity=releases&limit=100');
      const logged = new Set(log.body.items.map((e) => e.path));
      answers.forEach((answer, i) => {
        if (answer.status === 200) expect(logged.has(paths[i]!), paths[i]).toBe(true);
        else {
          expect(answer.status, paths[i]).toBe(500);
          expect(answer.body.items, paths[i]).toBeUndefined();
          expect(logged.has(paths[i]!), paths[i]).toBe(false);
        }
      });
    } finally {
      sqliteDb(t.server).exec('DROP TRIGGER test_poison');
    }
  });

  it('fails closed: when the row cannot be written, nothing is read (500) and no join happens', async () => {
    sqliteDb(t.server).exec(
      "CREATE TRIGGER test_disk_full BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    try {
      const res = await bot.get<{ error: { code: string }; items?: unknown }>('/api/releases');
      expect(res.status).toBe(500);
      expect(res.body.items).toBeUndefined();
      const device = stockClient(t.url, seeded.releaseId, { params: { token: botToken } });
      try {
        expect((await device.closed).code).toBe(4500);
      } finally {
        device.destroy();
      }
    } finally {
      sqliteDb(t.server).exec('DROP TRIGGER test_disk_full');
    }
  });
});
