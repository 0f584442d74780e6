import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type {
  AuditEntry,
  SessionRow,
  Storage,
  TokenRow,
  UserRow,
  WebhookDeliveryEntry,
  WebhookJob,
  WebhookRow,
  WebhookTake,
} from '../../src/storage/contract.ts';

/** One engine under test: fresh, empty storage per test, and a way to reach it as another client could. */
export interface StorageHarness {
  storage: Storage;
  /** A second handle on the same data, as a second relay would open it. */
  openAnother(): Promise<Storage>;
  /** Runs SQL as the server's own database user, outside the storage code (the sqlite3 shell, psql). */
  raw(sql: string): Promise<unknown>;
  /** Statements that would alter or remove audit rows: each must be refused by the database. */
  auditTampering: string[];
  dispose(): Promise<void>;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

const user = (n: number, role: UserRow['role'] = 'member'): UserRow => ({
  id: `user:${n}`,
  username: `user${n}`,
  displayName: `User ${n}`,
  passwordHash: 'scrypt$hash',
  role,
  createdAt: 1_000 + n,
  disabledAt: null,
});

const entry = (n: number, overrides: Partial<AuditEntry> = {}): AuditEntry => ({
  at: 10_000 + n,
  userId: `user:${n % 3}`,
  username: `user${n % 3}`,
  auth: 'token',
  action: 'api.read',
  entity: n % 2 === 0 ? 'releases' : `release:r${n}`,
  method: 'GET',
  path: `/api/releases?n=${n}`,
  status: 200,
  ip: '127.0.0.1',
  userAgent: 'contract',
  ...overrides,
});

/**
 * The storage contract (src/storage/contract.ts), the same tests for every engine. Rule ids DB-01..DB-07
 * are in docs/SPEC.md.
 */
export function storageContract(
  engine: string,
  options: { skip?: boolean },
  open: () => Promise<StorageHarness>,
): void {
  describe.skipIf(options.skip ?? false)(`storage contract: ${engine}`, () => {
    let h: StorageHarness;
    let s: Storage;
    const others: Storage[] = [];
    const another = async () => {
      const other = await h.openAnother();
      others.push(other);
      return other;
    };
    beforeEach(async () => {
      h = await open();
      s = h.storage;
    });
    afterEach(async () => {
      for (const other of others.splice(0)) await other.close();
      await h.dispose();
    });

    describe('rooms', () => {
      it('DB-01 numbers each room from 1 without gaps; a batch takes consecutive numbers', async () => {
        expect(await s.rooms.load('catalog')).toEqual({ updates: [], lastSeq: 0 });
        expect(await s.rooms.append('catalog', [bytes('a')])).toBe(1);
        expect(await s.rooms.append('catalog', [bytes('b'), bytes('c'), bytes('d')])).toBe(4);
        expect(await s.rooms.append('release:other', [bytes('x')])).toBe(1);
        expect(await s.rooms.append('catalog', [])).toBe(4);
        const loaded = await s.rooms.load('catalog');
        expect(loaded.lastSeq).toBe(4);
        expect(loaded.updates.map(text)).toEqual(['a', 'b', 'c', 'd']);
        expect((await s.rooms.since('catalog', 1)).map((u) => [u.seq, text(u.data)])).toEqual([
          [2, 'b'],
          [3, 'c'],
          [4, 'd'],
        ]);
        expect(await s.rooms.since('catalog', 4)).toEqual([]);
        expect(await s.rooms.count('catalog')).toBe(4);
        expect(await s.rooms.count('release:other')).toBe(1);
      });

      it('DB-01 appends from two relays to one room interleave into one gapless sequence', async () => {
        const second = await another();
        const writes = Array.from({ length: 40 }, (_, i) =>
          (i % 2 === 0 ? s : second).rooms.append('release:busy', [bytes(`${i}a`), bytes(`${i}b`)]),
        );
        const lasts = await Promise.all(writes);
        // Every batch got two consecutive numbers, no two batches the same ones, nothing skipped.
        expect([...lasts].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 2 * (i + 1)));
        const rows = await second.rooms.since('release:busy', 0);
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1));
        // Each batch's two updates sit side by side, in order.
        for (let i = 0; i < 80; i += 2) {
          expect(text(rows[i]!.data).replace('a', '')).toBe(text(rows[i + 1]!.data).replace('b', ''));
        }
      });

      it('DB-01 heads: the newest number of each room asked for, in one read, as another relay wrote it', async () => {
        const second = await another();
        expect(await s.rooms.heads([])).toEqual(new Map());
        await s.rooms.append('catalog', [bytes('a'), bytes('b')]);
        await second.rooms.append('catalog', [bytes('c')]);
        await second.rooms.append('release:one', [bytes('x')]);
        await s.rooms.append('release:unasked', [bytes('y')]);
        // A room never written is left out; rooms not asked for are not read.
        expect(await s.rooms.heads(['catalog', 'release:one', 'release:never'])).toEqual(
          new Map([
            ['catalog', 3],
            ['release:one', 1],
          ]),
        );
        // Compaction keeps the number.
        await s.rooms.compact('catalog', bytes('abc'), 3);
        expect(await second.rooms.heads(['catalog'])).toEqual(new Map([['catalog', 3]]));
      });

      it('DB-01 stores updates byte for byte (a large Yjs document too)', async () => {
        const doc = new Y.Doc();
        doc.getText('t').insert(0, 'x'.repeat(300_000));
        doc.getMap('m').set('k', new Uint8Array([0, 255, 1, 254]));
        const update = Y.encodeStateAsUpdate(doc);
        await s.rooms.append('release:big', [update]);
        const [stored] = (await s.rooms.load('release:big')).updates;
        expect(Buffer.compare(Buffer.from(stored!), Buffer.from(update))).toBe(0);
      });

      it('DB-01 loads a compacted multi-megabyte room and the rows after it byte for byte, whatever the room is called', async () => {
        // Every byte value, in a row of several MB (a compacted release) and in small rows after it; the
        // PostgreSQL engine reads these with a binary COPY, where the name is a quoted literal.
        const big = new Uint8Array(3 * 1024 * 1024 + 7);
        for (let i = 0; i < big.length; i++) big[i] = (i * 131 + (i >> 11)) & 255;
        const small = [new Uint8Array([0, 255, 0, 128, 10, 13, 92, 39]), new Uint8Array([])];
        for (const room of ['release:big-load', "release:o'hara\\ \u00e9"]) {
          const last = await s.rooms.append(room, [big]);
          expect(await s.rooms.compact(room, big, last)).toBe(true);
          expect(await s.rooms.append(room, small)).toBe(3);
          const loaded = await (await another()).rooms.load(room);
          expect(loaded.lastSeq).toBe(3);
          expect(loaded.updates.map((u) => u.byteLength)).toEqual([big.length, 8, 0]);
          expect(Buffer.compare(Buffer.from(loaded.updates[0]!), Buffer.from(big))).toBe(0);
          expect([...loaded.updates[1]!]).toEqual([...small[0]!]);
        }
        expect(await s.rooms.load('release:never-written')).toEqual({ updates: [], lastSeq: 0 });
      });

      it('DB-02 compaction replaces exactly the rows up to its number; later rows and other rooms stay', async () => {
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        for (let i = 0; i < 5; i++) doc.getMap('m').set(`k${i}`, i);
        await s.rooms.append('catalog', updates.slice(0, 3));
        await s.rooms.append('release:other', [updates[0]!]);
        await s.rooms.append('catalog', updates.slice(3));
        expect(await s.rooms.compact('catalog', Y.mergeUpdates(updates.slice(0, 3)), 3)).toBe(true);
        expect(await s.rooms.count('catalog')).toBe(3);
        expect(await s.rooms.count('release:other')).toBe(1);
        // The merged row keeps the number it goes up to; a reader that knew 1 gets it, then 4 and 5.
        expect((await s.rooms.since('catalog', 1)).map((u) => u.seq)).toEqual([3, 4, 5]);
        expect((await s.rooms.since('catalog', 3)).map((u) => u.seq)).toEqual([4, 5]);
        const loaded = await s.rooms.load('catalog');
        expect(loaded.lastSeq).toBe(5);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.mergeUpdates(loaded.updates));
        expect(copy.getMap('m').toJSON()).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
        // Numbering goes on after a compaction.
        expect(await s.rooms.append('catalog', [updates[0]!])).toBe(6);
      });

      it('DB-02 two relays compacting one room at the same moment leave it whole', async () => {
        const second = await another();
        const doc = new Y.Doc();
        const updates: Uint8Array[] = [];
        doc.on('update', (u: Uint8Array) => updates.push(u));
        for (let i = 0; i < 20; i++) doc.getMap('m').set(`k${i}`, i);
        await s.rooms.append('release:c', updates);
        const merged = Y.encodeStateAsUpdate(doc);
        const results = await Promise.all([
          s.rooms.compact('release:c', merged, 20),
          second.rooms.compact('release:c', merged, 20),
        ]);
        // At least one ran; one that found the other at work skipped (PostgreSQL), or ran after it (SQLite).
        expect(results).toContain(true);
        expect(await s.rooms.count('release:c')).toBe(1);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.mergeUpdates((await second.rooms.load('release:c')).updates));
        expect(Object.keys(copy.getMap('m').toJSON())).toHaveLength(20);
      });
    });

    describe('users', () => {
      it('DB-05 finds users by id and username, lists them by username, refuses a taken username', async () => {
        await s.users.insert(user(2));
        await s.users.insert(user(1, 'admin'));
        expect(await s.users.count()).toBe(2);
        expect(await s.users.countActiveAdmins()).toBe(1);
        expect(await s.users.byId('user:1')).toEqual(user(1, 'admin'));
        expect(await s.users.byUsername('user2')).toEqual(user(2));
        expect(await s.users.byUsername('nobody')).toBeUndefined();
        expect((await s.users.list()).map((u) => u.username)).toEqual(['user1', 'user2']);
        await expect(s.users.insert({ ...user(3), username: 'user1' })).rejects.toMatchObject({
          name: 'UsernameTakenError',
        });
        expect(await s.users.count()).toBe(2);
      });

      it('DB-03 creates the first account only while there is none, even when two relays race', async () => {
        const second = await another();
        const outcomes = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 === 0 ? s : second).users.insert(user(10 + i, 'admin'), { onlyIfNone: true }),
          ),
        );
        expect(outcomes.filter(Boolean)).toHaveLength(1);
        expect(await s.users.count()).toBe(1);
        expect(await s.users.insert(user(20), { onlyIfNone: true })).toBe(false);
      });

      it('DB-04 applies changes and refuses one that would leave no active admin', async () => {
        await s.users.insert(user(1, 'admin'));
        await s.users.insert(user(2));
        const renamed = await s.users.update('user:2', { displayName: 'Grace', role: 'viewer' });
        expect(renamed).toEqual({ ok: true, user: { ...user(2), displayName: 'Grace', role: 'viewer' } });
        expect(await s.users.update('user:9', { role: 'admin' })).toEqual({ ok: false, reason: 'not-found' });
        expect(await s.users.update('user:1', { role: 'member' }, { keepAnActiveAdmin: true })).toEqual({
          ok: false,
          reason: 'last-admin',
        });
        expect(await s.users.update('user:1', { disabledAt: 5 }, { keepAnActiveAdmin: true })).toEqual({
          ok: false,
          reason: 'last-admin',
        });
        // Nothing of a refused change is kept.
        expect(await s.users.byId('user:1')).toEqual(user(1, 'admin'));
        // Unguarded (a password change), it simply applies.
        expect((await s.users.update('user:1', { passwordHash: 'new' })).ok).toBe(true);
      });

      it('DB-04 two admins demoted at the same moment on two relays: one of them stays admin', async () => {
        const second = await another();
        await s.users.insert(user(1, 'admin'));
        await s.users.insert(user(2, 'admin'));
        const results = await Promise.all([
          s.users.update('user:1', { role: 'member' }, { keepAnActiveAdmin: true }),
          second.users.update('user:2', { disabledAt: 7 }, { keepAnActiveAdmin: true }),
        ]);
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'last-admin' }]);
        expect(await s.users.countActiveAdmins()).toBe(1);
      });
    });

    describe('sessions and tokens', () => {
      const session = (n: number, userId: string, expiresAt: number): SessionRow => ({
        idHash: Buffer.alloc(32, n),
        userId,
        createdAt: 100,
        expiresAt,
        lastSeenAt: 100,
      });
      const token = (n: number, userId: string): TokenRow => ({
        id: `token:${n}`,
        name: `ci ${n}`,
        userId,
        secretHash: Buffer.alloc(32, 100 + n),
        createdAt: 200 + n,
        lastUsedAt: null,
        revokedAt: null,
      });

      it('DB-07 keeps sessions by the hash of their secret; slides, ends and prunes them', async () => {
        await s.users.insert(user(1));
        await s.users.insert(user(2));
        await s.sessions.insert(session(1, 'user:1', 1_000));
        await s.sessions.insert(session(2, 'user:1', 5_000));
        await s.sessions.insert(session(3, 'user:2', 5_000));
        expect(await s.sessions.byHash(Buffer.alloc(32, 1))).toEqual(session(1, 'user:1', 1_000));
        await s.sessions.touch(Buffer.alloc(32, 1), 150, 2_000);
        expect(await s.sessions.byHash(Buffer.alloc(32, 1))).toMatchObject({
          lastSeenAt: 150,
          expiresAt: 2_000,
        });
        expect(await s.sessions.deleteExpired(2_000)).toBe(1);
        expect(await s.sessions.byHash(Buffer.alloc(32, 1))).toBeUndefined();
        await s.sessions.deleteForUser('user:1');
        expect(await s.sessions.byHash(Buffer.alloc(32, 2))).toBeUndefined();
        await s.sessions.delete(Buffer.alloc(32, 3));
        expect(await s.sessions.byHash(Buffer.alloc(32, 3))).toBeUndefined();
      });

      it('DB-07 keeps tokens by the hash of their secret; a revocation is final', async () => {
        await s.users.insert(user(1));
        await s.users.insert(user(2));
        await s.tokens.insert(token(2, 'user:1'));
        await s.tokens.insert(token(1, 'user:2'));
        expect(await s.tokens.bySecretHash(Buffer.alloc(32, 102))).toEqual(token(2, 'user:1'));
        expect(await s.tokens.bySecretHash(Buffer.alloc(32, 7))).toBeUndefined();
        expect((await s.tokens.listForUser('user:1')).map((t) => t.id)).toEqual(['token:2']);
        expect((await s.tokens.listAll()).map((t) => t.id)).toEqual(['token:1', 'token:2']);
        await s.tokens.markUsed('token:2', 300);
        await s.tokens.revoke('token:2', 400);
        await s.tokens.revoke('token:2', 500);
        expect(await s.tokens.byId('token:2')).toMatchObject({ lastUsedAt: 300, revokedAt: 400 });
      });
    });

    describe('access audit', () => {
      it('DB-06 appends batches in order and queries them newest first, by user, entity, time and cursor', async () => {
        await s.audit.appendMany(Array.from({ length: 6 }, (_, i) => entry(i)));
        await s.audit.appendMany([entry(6, { action: 'sync.join', method: null, path: null, status: null })]);
        const all = await s.audit.query({ limit: 100 });
        expect(all.map((r) => r.path)).toEqual([
          null,
          ...[5, 4, 3, 2, 1, 0].map((n) => `/api/releases?n=${n}`),
        ]);
        expect(all[0]).toMatchObject({
          action: 'sync.join',
          status: null,
          at: 10_006,
          userAgent: 'contract',
        });
        expect(all[1]).toEqual({ id: all[1]!.id, ...entry(5), bytes: null, sha256: null, detail: null });
        expect((await s.audit.query({ user: 'user1', limit: 100 })).map((r) => r.at)).toEqual([
          10_004, 10_001,
        ]);
        expect((await s.audit.query({ user: 'user:1', limit: 100 })).map((r) => r.at)).toEqual([
          10_004, 10_001,
        ]);
        expect((await s.audit.query({ entity: 'releases', limit: 100 })).map((r) => r.at)).toEqual([
          10_006, 10_004, 10_002, 10_000,
        ]);
        expect((await s.audit.query({ since: 10_001, until: 10_003, limit: 100 })).map((r) => r.at)).toEqual([
          10_002, 10_001,
        ]);
        const page = await s.audit.query({ beforeId: all[2]!.id, limit: 2 });
        expect(page.map((r) => r.at)).toEqual([10_003, 10_002]);
      });

      it('DB-06 writes a batch whole or not at all', async () => {
        await s.audit.appendMany([entry(1)]);
        const broken = { ...entry(3), ip: null } as unknown as AuditEntry;
        await expect(s.audit.appendMany([entry(2), broken, entry(4)])).rejects.toThrow();
        expect((await s.audit.query({ limit: 100 })).map((r) => r.at)).toEqual([10_001]);
      });

      it('SE-11 keeps a write row with its bytes, hash and detail, and the first attestation of each entry', async () => {
        const write = { ...entry(1, { action: 'sync.write', method: null, path: null, status: null }) };
        const attestation = (entryId: string, userId: string, at: number) => ({
          room: 'release:r1',
          entryId,
          userId,
          username: userId.slice(5),
          claimedBy: 'user:1',
          at,
        });
        await s.audit.appendMany(
          [{ ...write, bytes: 42, sha256: 'ab'.repeat(32), detail: '{"entries":2}' }],
          [attestation('event:a', 'user:1', 1), attestation('event:b', 'user:2', 2)],
        );
        // A second receipt of event:a (another device re-sending it) changes nothing; event:c is new.
        await s.audit.appendMany(
          [],
          [attestation('event:a', 'user:3', 3), attestation('event:c', 'user:3', 4)],
        );
        expect(await s.audit.query({ limit: 10 })).toEqual([
          expect.objectContaining({
            action: 'sync.write',
            bytes: 42,
            sha256: 'ab'.repeat(32),
            detail: '{"entries":2}',
          }),
        ]);
        expect(await s.audit.attestations('release:r1')).toEqual([
          attestation('event:a', 'user:1', 1),
          attestation('event:b', 'user:2', 2),
          attestation('event:c', 'user:3', 4),
        ]);
        expect(await s.audit.attestations('release:other')).toEqual([]);
        // Whole or not at all, across both tables.
        const broken = { ...entry(3), ip: null } as unknown as AuditEntry;
        await expect(s.audit.appendMany([broken], [attestation('event:d', 'user:1', 5)])).rejects.toThrow();
        expect((await s.audit.attestations('release:r1')).map((a) => a.entryId)).toEqual([
          'event:a',
          'event:b',
          'event:c',
        ]);
      });

      it('DB-06 the database itself refuses to alter or remove audit rows, whoever asks', async () => {
        await s.audit.appendMany([entry(1), entry(2)]);
        for (const sql of h.auditTampering) {
          await expect(h.raw(sql), sql).rejects.toThrow(/append-only|permission denied/);
        }
        expect(await s.audit.query({ limit: 100 })).toHaveLength(2);
      });
    });

    describe('webhooks', () => {
      const hook = (n: number, overrides: Partial<WebhookRow> = {}): WebhookRow => ({
        id: `webhook:${n}`,
        url: `https://hooks.example/${n}`,
        events: ['rollout.halted', 'gate.opened'],
        description: `hook ${n}`,
        secret: `secret-secret-${n}`,
        enabled: true,
        createdAt: 500 + n,
        createdBy: null,
        ...overrides,
      });
      const attempt = (n: number, webhookId: string): WebhookDeliveryEntry => ({
        webhookId,
        eventId: `evt_${n}`,
        eventType: 'rollout.halted',
        attempt: n,
        status: n === 3 ? null : 500,
        error: n === 3 ? 'timeout' : null,
        ok: false,
        durationMs: 12,
        at: 1_000 + n,
      });

      it('WH-01 keeps webhooks with their events and secret; enables, disables and deletes them', async () => {
        await s.webhooks.insert(hook(2));
        await s.webhooks.insert(hook(1, { enabled: false, events: ['step.skipped'] }));
        expect(await s.webhooks.byId('webhook:2')).toEqual(hook(2));
        expect((await s.webhooks.list()).map((w) => w.id)).toEqual(['webhook:1', 'webhook:2']);
        expect(await s.webhooks.setEnabled('webhook:1', true)).toBe(true);
        expect(await s.webhooks.byId('webhook:1')).toEqual(hook(1, { events: ['step.skipped'] }));
        expect(await s.webhooks.setEnabled('webhook:9', true)).toBe(false);
        expect(await s.webhooks.delete('webhook:1')).toBe(true);
        expect(await s.webhooks.delete('webhook:1')).toBe(false);
        expect(await s.webhooks.byId('webhook:1')).toBeUndefined();
      });

      it('WH-04 claims an event for a webhook once, even when two relays claim it at the same moment', async () => {
        await s.webhooks.insert(hook(1));
        await s.webhooks.insert(hook(2));
        const other = await another();
        const claims = await Promise.all([
          s.webhooks.claimEvent('webhook:1', 'evt_a', 10),
          other.webhooks.claimEvent('webhook:1', 'evt_a', 11),
          s.webhooks.claimEvent('webhook:1', 'evt_a', 12),
        ]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        // Another webhook hears the same event for itself.
        expect(await other.webhooks.claimEvent('webhook:2', 'evt_a', 13)).toBe(true);
        expect(await s.webhooks.claimEvent('webhook:1', 'evt_b', 14)).toBe(true);
      });

      it('WH-06 keeps the delivery log newest first, pages it, and deletes it with its webhook', async () => {
        await s.webhooks.insert(hook(1));
        await s.webhooks.insert(hook(2));
        for (let n = 1; n <= 3; n++) await s.webhooks.appendDelivery(attempt(n, 'webhook:1'));
        await s.webhooks.appendDelivery({ ...attempt(4, 'webhook:2'), ok: true, status: 204 });
        const page = await s.webhooks.deliveries('webhook:1', { limit: 2 });
        expect(page.map((d) => d.attempt)).toEqual([3, 2]);
        expect(page[0]).toMatchObject({ ...attempt(3, 'webhook:1'), status: null, error: 'timeout' });
        const rest = await s.webhooks.deliveries('webhook:1', { limit: 2, beforeId: page[1]!.id });
        expect(rest.map((d) => d.attempt)).toEqual([1]);
        expect(await s.webhooks.deliveries('webhook:2', { limit: 5 })).toMatchObject([
          { ok: true, status: 204 },
        ]);
        await s.webhooks.claimEvent('webhook:1', 'evt_x', 1);
        await s.webhooks.delete('webhook:1');
        expect(await s.webhooks.deliveries('webhook:1', { limit: 5 })).toEqual([]);
        // A webhook made again under the same id starts with no claims.
        await s.webhooks.insert(hook(1));
        expect(await s.webhooks.claimEvent('webhook:1', 'evt_x', 2)).toBe(true);
      });

      describe('the delivery queue (WH-10, WH-11)', () => {
        const job = (
          n: number,
          webhookId = 'webhook:1',
          overrides: Partial<WebhookJob> = {},
        ): WebhookJob => ({
          deliveryId: `delivery-${n}`,
          webhookId,
          eventId: `evt_${n}`,
          eventType: 'rollout.halted',
          body: JSON.stringify({ id: `evt_${n}`, type: 'rollout.halted' }),
          attempt: 1,
          dueAt: 100 + n,
          createdAt: 100 + n,
          ...overrides,
        });
        const take = (owner: string, now: number, overrides: Partial<WebhookTake> = {}): WebhookTake => ({
          now,
          owner,
          leaseUntil: now + 1_000,
          limit: 10,
          perWebhook: 10,
          busy: new Map(),
          ...overrides,
        });
        const queue = { claim: true, maxQueue: 100, at: 50 };
        const failed = (j: WebhookJob, retryAt: number | null) => ({
          entry: { ...attempt(j.attempt, j.webhookId), eventId: j.eventId },
          retryAt,
        });

        beforeEach(async () => {
          await s.webhooks.insert(hook(1));
          await s.webhooks.insert(hook(2));
        });

        it('WH-10 queues a job with its claim in one step: the same event again queues nothing; past maxQueue, nothing', async () => {
          expect(await s.webhooks.enqueue(job(1), queue)).toBe('queued');
          expect(await s.webhooks.enqueue(job(1, 'webhook:1', { deliveryId: 'again' }), queue)).toBe(
            'claimed-before',
          );
          // The test event is not claimed: each send is queued.
          expect(await s.webhooks.enqueue(job(2), { ...queue, claim: false })).toBe('queued');
          expect(await s.webhooks.enqueue(job(3), { ...queue, claim: false, maxQueue: 2 })).toBe(
            'queue-full',
          );
          // A full queue still claims the event: it is logged queue-full once, never queued later.
          expect(await s.webhooks.enqueue(job(4), { ...queue, maxQueue: 2 })).toBe('queue-full');
          expect(await s.webhooks.enqueue(job(4, 'webhook:1', { deliveryId: 'd4b' }), queue)).toBe(
            'claimed-before',
          );
          expect(await s.webhooks.queued()).toEqual({ count: 2, nextDueAt: 101 });
        });

        it('WH-10 leases due jobs oldest first, keeps a failed one for attempt + 1 at its retry time, deletes it once sent', async () => {
          await s.webhooks.enqueue(job(2), queue);
          await s.webhooks.enqueue(job(1), queue);
          await s.webhooks.enqueue(job(3, 'webhook:1', { dueAt: 900 }), queue);
          const taken = await s.webhooks.take(take('a', 500));
          expect(taken).toEqual([job(1), job(2)]);
          // Leased: nobody else takes them while the lease lasts.
          expect(await s.webhooks.take(take('b', 600))).toEqual([]);
          expect(await s.webhooks.finish('delivery-1', 'a', failed(taken[0]!, 5_000))).toBe(true);
          expect(
            await s.webhooks.finish('delivery-2', 'a', { ...failed(taken[1]!, null), retryAt: null }),
          ).toBe(true);
          expect(await s.webhooks.queued()).toEqual({ count: 2, nextDueAt: 900 });
          expect(await s.webhooks.take(take('b', 1_000))).toEqual([job(3, 'webhook:1', { dueAt: 900 })]);
          expect(await s.webhooks.finish('delivery-3', 'b', null)).toBe(true);
          // The same delivery id, the attempt count kept, not before its backoff ends.
          expect(await s.webhooks.take(take('b', 4_999))).toEqual([]);
          expect(await s.webhooks.take(take('b', 5_000))).toEqual([
            job(1, 'webhook:1', { attempt: 2, dueAt: 5_000 }),
          ]);
          expect((await s.webhooks.deliveries('webhook:1', { limit: 5 })).map((d) => d.eventId)).toEqual([
            'evt_2',
            'evt_1',
          ]);
        });

        it('WH-11 a lease that ends (its relay died) lets another take the job; the first cannot finish it then', async () => {
          await s.webhooks.enqueue(job(1), queue);
          const [first] = await s.webhooks.take(take('a', 500));
          expect(await s.webhooks.queued()).toEqual({ count: 1, nextDueAt: 1_500 });
          expect(await s.webhooks.take(take('b', 1_499))).toEqual([]);
          expect(await s.webhooks.take(take('b', 1_500))).toEqual([first]);
          expect(await s.webhooks.finish('delivery-1', 'a', failed(first!, null))).toBe(false);
          expect(await s.webhooks.queued()).toMatchObject({ count: 1 });
          await s.webhooks.release('delivery-1', 'b');
          expect(await s.webhooks.take(take('c', 1_600))).toEqual([first]);
          expect(await s.webhooks.finish('delivery-1', 'c', null)).toBe(true);
          expect(await s.webhooks.queued()).toEqual({ count: 0, nextDueAt: null });
        });

        it('WH-11 two relays taking at the same moment never get the same job', async () => {
          for (let n = 1; n <= 20; n++)
            await s.webhooks.enqueue(job(n, n % 2 ? 'webhook:1' : 'webhook:2'), queue);
          const other = await another();
          const rounds = await Promise.all([
            s.webhooks.take(take('a', 500, { limit: 8 })),
            other.webhooks.take(take('b', 500, { limit: 8 })),
            s.webhooks.take(take('c', 500, { limit: 8 })),
            other.webhooks.take(take('d', 500, { limit: 8 })),
          ]);
          const ids = rounds.flat().map((j) => j.deliveryId);
          expect(new Set(ids).size).toBe(ids.length);
          expect(ids.length).toBeGreaterThan(0);
        });

        it('WH-06 the slots of a webhook hold for every relay: the leases others hold count; after they end, the slots are free', async () => {
          for (let n = 1; n <= 6; n++) await s.webhooks.enqueue(job(n), queue);
          await s.webhooks.enqueue(job(7, 'webhook:2'), queue);
          const other = await another();
          const slots = { perWebhook: 2 };
          const mine = await s.webhooks.take(take('a', 500, { ...slots, limit: 2 }));
          expect(mine.map((j) => j.deliveryId)).toEqual(['delivery-1', 'delivery-2']);
          // Relay B knows nothing of A's attempts (its own `busy` is empty): webhook 1 is full all the same.
          const theirs = await other.webhooks.take(take('b', 600, slots));
          expect(theirs.map((j) => j.deliveryId)).toEqual(['delivery-7']);
          // A's leases end at 1,500 (a relay that died): the slots are free for B.
          const later = await other.webhooks.take(take('b', 1_500, slots));
          expect(later.map((j) => j.deliveryId)).toEqual(['delivery-1', 'delivery-2']);
        });

        it('WH-06 an attempt that outlived its lease still holds its slot while another relay holds the job again', async () => {
          for (let n = 1; n <= 4; n++) await s.webhooks.enqueue(job(n), queue);
          const other = await another();
          const slots = { perWebhook: 2, limit: 1 };
          // A takes delivery 1; its lease ends at 1,500 while its attempt goes on; B takes the job again.
          expect((await s.webhooks.take(take('a', 500, slots))).map((j) => j.deliveryId)).toEqual([
            'delivery-1',
          ]);
          expect((await other.webhooks.take(take('b', 1_600, slots))).map((j) => j.deliveryId)).toEqual([
            'delivery-1',
          ]);
          // Two attempts run for webhook 1 (A's, in its own count, and B's lease): no slot is free for A.
          const busy = new Map([['webhook:1', 1]]);
          expect(await s.webhooks.take(take('a', 1_700, { ...slots, busy }))).toEqual([]);
        });

        it('WH-06 relays taking at the same moment never hold more than perWebhook jobs of one webhook together', async () => {
          for (let n = 1; n <= 12; n++) await s.webhooks.enqueue(job(n), queue);
          const other = await another();
          const slots = { perWebhook: 2, limit: 4 };
          const rounds = await Promise.all([
            s.webhooks.take(take('a', 500, slots)),
            other.webhooks.take(take('b', 500, slots)),
            s.webhooks.take(take('c', 500, slots)),
            other.webhooks.take(take('d', 500, slots)),
          ]);
          expect(rounds.flat()).toHaveLength(2);
        });

        it('WH-06 takes at most perWebhook jobs of one webhook, counting those the taker holds; deleting a webhook drops its jobs', async () => {
          for (let n = 1; n <= 4; n++) await s.webhooks.enqueue(job(n), queue);
          await s.webhooks.enqueue(job(5, 'webhook:2'), queue);
          const taken = await s.webhooks.take(
            take('a', 500, { perWebhook: 2, busy: new Map([['webhook:1', 1]]) }),
          );
          expect(taken.map((j) => j.deliveryId)).toEqual(['delivery-1', 'delivery-5']);
          await s.webhooks.delete('webhook:1');
          expect(await s.webhooks.queued()).toMatchObject({ count: 1 });
        });
      });
    });

    describe('frozen releases (FZ-06)', () => {
      const frozen = (releaseId: string, content: string, frozenAt = 5_000, seq = frozenAt) => ({
        releaseId,
        hash: `hash of ${content}`,
        bytes: bytes(content),
        seq,
        frozenAt,
      });

      it('FZ-06 keeps one snapshot per release: its bytes and hash as written, replaced by a later freeze, gone when deleted', async () => {
        expect(await s.frozen.get('release:a')).toBeUndefined();
        expect(await s.frozen.hash('release:a')).toBeUndefined();
        // Bytes of every value, so an engine that stores text or trims zeros fails.
        const binary = new Uint8Array(256).map((_, i) => i);
        await s.frozen.put({
          releaseId: 'release:a',
          hash: 'h1',
          bytes: binary,
          seq: 1_000,
          frozenAt: 1_000,
        });
        await s.frozen.put(frozen('release:b', 'b1'));
        const a = await s.frozen.get('release:a');
        expect(a).toMatchObject({ releaseId: 'release:a', hash: 'h1', seq: 1_000, frozenAt: 1_000 });
        expect([...(a?.bytes ?? [])]).toEqual([...binary]);
        // A late change refreezes: the row is replaced, not added.
        expect(await s.frozen.put(frozen('release:a', 'a2', 2_000))).toBe(true);
        const again = await s.frozen.get('release:a');
        expect(text(again!.bytes)).toBe('a2');
        expect(again).toMatchObject({ hash: 'hash of a2', frozenAt: 2_000 });
        expect(await s.frozen.hash('release:a')).toBe('hash of a2');
        const listed = await s.frozen.list();
        expect(listed.sort((x, y) => x.releaseId.localeCompare(y.releaseId))).toEqual([
          { releaseId: 'release:a', hash: 'hash of a2', seq: 2_000 },
          { releaseId: 'release:b', hash: 'hash of b1', seq: 5_000 },
        ]);
        // Unarchiving drops it; a second delete finds nothing.
        expect(await s.frozen.delete('release:a')).toBe(true);
        expect(await s.frozen.delete('release:a')).toBe(false);
        expect(await s.frozen.get('release:a')).toBeUndefined();
        expect(await s.frozen.list()).toEqual([{ releaseId: 'release:b', hash: 'hash of b1', seq: 5_000 }]);
      });

      it('FZ-06 a snapshot of a lower sequence number never replaces one of a higher (a relay that was behind)', async () => {
        expect(await s.frozen.put(frozen('release:d', 'newer', 1, 9))).toBe(true);
        expect(await s.frozen.put(frozen('release:d', 'older', 2, 8))).toBe(false);
        expect(text((await s.frozen.get('release:d'))!.bytes)).toBe('newer');
        // The same number again (nothing stored since) is written: the last freeze of that state wins.
        expect(await s.frozen.put(frozen('release:d', 'same', 3, 9))).toBe(true);
        expect(await s.frozen.get('release:d')).toMatchObject({ hash: 'hash of same', seq: 9, frozenAt: 3 });
      });

      it('FZ-06 a snapshot one relay writes is what another relay reads', async () => {
        const other = await another();
        await s.frozen.put(frozen('release:c', 'c1'));
        expect(text((await other.frozen.get('release:c'))!.bytes)).toBe('c1');
        await other.frozen.put(frozen('release:c', 'c2'));
        expect(await s.frozen.hash('release:c')).toBe('hash of c2');
      });
    });

    it('answers a ping while it is open', async () => {
      await expect(s.ping()).resolves.toBeUndefined();
    });
  });
}
