import { createHash } from 'node:crypto';
import { applyChange } from '@runsheet/doc';
import { type HistoryEvent, newEvent, type ReleaseId, type StepId, testContext } from '@runsheet/domain';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate, MessageType } from '../src/relay/protocol.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { storedUpdates } from './helpers/events.ts';
import { type TestPostgres, usePostgres, warnMissing } from './helpers/postgres.ts';
import { type RawSocket, rawSocket } from './helpers/raw-socket.ts';
import { seedRelease } from './helpers/seed.ts';
import { sqliteDb, startTestServer, type TestServer } from './helpers/test-server.ts';

/**
 * SE-11: who did a step is what the server received, not only what the client wrote. Every accepted sync
 * write is in the audit (user, room, bytes, SHA-256, time); a history entry naming someone other than its
 * signed-in sender is kept, audited as `history.actor-mismatch`, and the attestation route says who sent it.
 * On both engines: the audit storage changed (columns, an append-only attestation table).
 */
const ROOM = 'release:audited';
const RELEASE = ROOM as ReleaseId;

// At collection time, so that without PostgreSQL its half is skipped (loudly), not failed.
const pg: TestPostgres | { missing: string } = await usePostgres();
if ('missing' in pg) warnMissing('SE-11 write audit on PostgreSQL', pg.missing);
afterAll(async () => {
  if (!('missing' in pg)) await pg.dispose();
});

let t: TestServer;
let admin: ApiClient;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t?.dispose();
});

interface AuditItem {
  action: string;
  userId: string | null;
  entity: string;
  bytes: number | null;
  sha256: string | null;
  detail: string | null;
}
interface Attestation {
  entryId: string;
  userId: string | null;
  username: string | null;
  claimedBy: string;
  mismatch: boolean;
}

/** A client's update that appends one history event (a note on a step), as the app's doc layer writes it. */
function historyUpdate(actor: { id: string; name: string }): { update: Uint8Array; event: HistoryEvent } {
  const doc = new Y.Doc();
  const event = newEvent(testContext({ actor }), {
    releaseId: RELEASE,
    kind: 'notes',
    stepId: 'step:one' as StepId,
    detail: { notes: `written as ${actor.name}` },
  });
  applyChange(() => doc, { ops: [{ doc: 'release', releaseId: RELEASE, op: 'append-event', event }] }, null);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, event };
}

async function socket(api: ApiClient): Promise<RawSocket> {
  const s = await rawSocket(t.url, ROOM, { Cookie: api.cookie! });
  cleanups.push(() => s.ws.terminate());
  await s.frame(0);
  return s;
}

/** Sends an update and waits until the room stored it. */
async function write(s: RawSocket, update: Uint8Array): Promise<void> {
  const stored = storedUpdates(t.server.relay, ROOM, 1);
  s.ws.send(encodeUpdate(update));
  await stored;
}

/** The room's audit rows (newest first) once `ready` holds; the write audit commits beside the message path. */
async function auditOf(ready: (items: AuditItem[]) => boolean): Promise<AuditItem[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const res = await admin.get<{ items: AuditItem[] }>(
      `/api/audit?entity=${encodeURIComponent(ROOM)}&limit=500`,
    );
    expect(res.status).toBe(200);
    if (ready(res.body.items)) return res.body.items;
    if (Date.now() > deadline) throw new Error(`audit never ready: ${JSON.stringify(res.body.items)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function attestations(api: ApiClient): Promise<Attestation[]> {
  const res = await api.get<{ items: Attestation[] }>(`/api/releases/${ROOM}/history-attestations`);
  expect(res.status).toBe(200);
  return res.body.items;
}

const writes = (items: AuditItem[]) => items.filter((i) => i.action === 'sync.write');
const mismatches = (items: AuditItem[]) => items.filter((i) => i.action === 'history.actor-mismatch');

const engines = [
  { name: 'SQLite', skip: false, env: async (): Promise<Record<string, string>> => ({}) },
  {
    name: 'PostgreSQL',
    skip: 'missing' in pg,
    env: async (): Promise<Record<string, string>> => {
      if ('missing' in pg) throw new Error(pg.missing);
      return { DATABASE_URL: await pg.createDatabase() };
    },
  },
];

describe.each(engines)(
  'SE-11: every write is audited, history is attested ($name)',
  ({ name, skip, env }) => {
    async function start(): Promise<void> {
      t = await startTestServer({ env: { RUNSHEET_OPEN: '0', ...(await env()) }, releases: [ROOM] });
      admin = await setUpAdmin(t.url);
    }

    it.skipIf(skip)(
      "SE-11a SE-11b SE-11c a member's history entry under the admin's name is kept, audited as a mismatch, and attested as the member's",
      async () => {
        await start();
        const member = await signedInUser(admin, 'mia', 'member');
        const adminId = (await admin.get<{ user: { id: string } }>('/api/session')).body.user.id;
        const s = await socket(member);
        const { update, event } = historyUpdate({ id: adminId, name: 'Ada' });
        await write(s, update);

        const items = await auditOf((i) => writes(i).length === 1 && mismatches(i).length === 1);
        const [w] = writes(items);
        expect(w).toMatchObject({ userId: member.userId, entity: ROOM, bytes: update.byteLength });
        expect(w!.sha256).toBe(createHash('sha256').update(update).digest('hex'));
        expect(JSON.parse(w!.detail!)).toMatchObject({ entries: 1, entryIds: [event.id] });
        const [m] = mismatches(items);
        expect(m!.userId).toBe(member.userId);
        expect(JSON.parse(m!.detail!)).toEqual({
          entryId: event.id,
          claimedBy: adminId,
          claimedName: 'Ada',
          signedInAs: member.userId,
        });

        // The entry is kept (SE-11a: never drop work): it is in the room's document.
        const { room, release } = await t.server.relay.hold(ROOM as never);
        const log = room.doc.getArray('log');
        expect(log.length).toBe(1);
        release();

        // The server's record says who really sent it, to anyone who may read the release.
        expect(await attestations(member)).toEqual([
          expect.objectContaining({
            entryId: event.id,
            userId: member.userId,
            username: 'mia',
            claimedBy: adminId,
            mismatch: true,
          }),
        ]);
      },
    );

    it.skipIf(skip)('SE-11a SE-11c an honest write is audited and attested with no mismatch', async () => {
      await start();
      const member = await signedInUser(admin, 'mia', 'member');
      const s = await socket(member);
      const { update, event } = historyUpdate({ id: member.userId, name: 'mia' });
      await write(s, update);
      const items = await auditOf((i) => writes(i).length === 1);
      expect(mismatches(items)).toEqual([]);
      expect(await attestations(admin)).toEqual([
        expect.objectContaining({
          entryId: event.id,
          userId: member.userId,
          claimedBy: member.userId,
          mismatch: false,
        }),
      ]);
    });

    it.skipIf(skip)(
      "SE-11d a viewer's write is still dropped: neither audited as a write nor attested",
      async () => {
        await start();
        const viewer = await signedInUser(admin, 'vic', 'viewer');
        const member = await signedInUser(admin, 'mia', 'member');
        const v = await socket(viewer);
        const before = v.received.length;
        v.ws.send(encodeUpdate(historyUpdate({ id: 'user:someone', name: 'Someone' }).update));
        // A query answered after the refused update: the relay handles one socket's frames in order.
        v.ws.send(Uint8Array.of(MessageType.QUERY_AWARENESS));
        await v.frame(before + 1);
        // An honest write after it: once that one is in the audit, the viewer's would have been too.
        const m = await socket(member);
        const honest = historyUpdate({ id: member.userId, name: 'mia' });
        await write(m, honest.update);
        const items = await auditOf((i) => writes(i).length >= 1);
        expect(writes(items).map((i) => i.userId)).toEqual([member.userId]);
        expect(mismatches(items)).toEqual([]);
        expect((await attestations(admin)).map((a) => a.entryId)).toEqual([honest.event.id]);
      },
    );

    it.skipIf(skip)(
      "SE-11f a step marked done through the REST API is audited as the caller's write and attested to the caller",
      async () => {
        t = await startTestServer({ env: { RUNSHEET_OPEN: '0', ...(await env()) } });
        admin = await setUpAdmin(t.url);
        const member = await signedInUser(admin, 'mia', 'member');
        const seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 1, templates: 1 });
        const room = seeded.releaseId;
        const done = await member.post(`/api/releases/${room}/steps/${seeded.firstStep}/done`, {
          notes: 'from the pipeline',
        });
        expect(done.status).toBe(200);

        const deadline = Date.now() + 5_000;
        let rows: AuditItem[] = [];
        while (Date.now() < deadline) {
          const res = await admin.get<{ items: AuditItem[] }>(
            `/api/audit?entity=${encodeURIComponent(room)}&limit=500`,
          );
          rows = res.body.items.filter((i) => i.action === 'sync.write');
          if (rows.length > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        // One write, the caller's, with the bytes and hash of the change the server made for them.
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ userId: member.userId, entity: room });
        expect(rows[0]!.bytes).toBeGreaterThan(0);
        expect(rows[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
        const entryIds = JSON.parse(rows[0]!.detail!).entryIds as string[];
        expect(entryIds).toHaveLength(1);

        const res = await member.get<{ items: Attestation[] }>(`/api/releases/${room}/history-attestations`);
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([
          expect.objectContaining({
            entryId: entryIds[0],
            userId: member.userId,
            username: 'mia',
            claimedBy: member.userId,
            mismatch: false,
          }),
        ]);
      },
    );

    it.skipIf(skip)(
      'SE-11e the write audit and the attestations are append-only in the database',
      async () => {
        await start();
        const member = await signedInUser(admin, 'mia', 'member');
        const s = await socket(member);
        await write(s, historyUpdate({ id: 'user:someone-else', name: 'Else' }).update);
        await auditOf((i) => writes(i).length === 1 && mismatches(i).length === 1);
        const tries = [
          "UPDATE history_attestations SET user_id = 'user:someone-else'",
          'DELETE FROM history_attestations',
          "UPDATE access_log SET user_id = 'user:someone-else' WHERE action = 'history.actor-mismatch'",
          "DELETE FROM access_log WHERE action = 'sync.write'",
        ];
        if (name === 'SQLite') {
          const db = sqliteDb(t.server);
          for (const sql of tries) expect(() => db.prepare(sql).run(), sql).toThrow(/append-only/);
        } else {
          const client = await (pg as TestPostgres).connect(t.server.config.databaseUrl!);
          cleanups.push(() => client.end());
          for (const sql of [...tries, 'TRUNCATE history_attestations']) {
            await expect(client.query(sql), sql).rejects.toThrow(/append-only|permission denied/);
          }
        }
        const attested = await attestations(admin);
        expect(attested).toHaveLength(1);
        expect(attested[0]!.userId).toBe(member.userId);
      },
    );
  },
);
