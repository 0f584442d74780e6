import path from 'node:path';
import { ReleaseMirror, thawRelease, Workspace } from '@runsheet/doc';
import {
  archiveRelease,
  type CommandContext,
  markDone,
  type ReleaseId,
  type ReleaseState,
  templateStepId,
  testContext,
  unarchiveRelease,
} from '@runsheet/domain';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { thawInSlices } from '../src/api/data/thaw-in-slices.ts';
import { FreezeRunner } from '../src/frozen/freeze-runner.ts';
import { freezeStored } from '../src/frozen/freeze-stored.ts';
import type { RunsheetServer } from '../src/server.ts';
import { DATABASE_FILE } from '../src/storage/sqlite/database.ts';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced } from './helpers/y-client.ts';

/** The release as its room's document says now (the reference a snapshot must equal). */
async function documentState(server: RunsheetServer, releaseId: ReleaseId): Promise<ReleaseState> {
  const { room, release } = await server.relay.hold(releaseId as never);
  try {
    const mirror = new ReleaseMirror(room.doc, releaseId);
    const state = structuredClone(mirror.state);
    mirror.destroy();
    return state;
  } finally {
    release();
  }
}

async function must<T>(p: Promise<{ ok: boolean; value?: T; error?: unknown }>): Promise<T> {
  const result = await p;
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

async function getBytes(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

describe('frozen releases on the relay (FZ-06..FZ-08)', () => {
  let t: TestServer;
  let admin: ApiClient;
  let viewer: ApiClient;
  let seeded: Seeded;
  let ctx: CommandContext;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestServer({
      env: { RUNSHEET_OPEN: '0' },
      overrides: { freezeDebounceMs: 20, apiReleaseIdleMs: 60 },
    });
    admin = await setUpAdmin(t.url);
    viewer = await signedInUser(admin, 'vic', 'viewer');
    cookie = viewer.cookie!;
    seeded = await seedRelease(t.server, { clusters: 2, customersPerCluster: 3, templates: 4 });
    ctx = testContext({ device: 'frozen-test' });
    // Some history: a few steps done, one with a note.
    for (const [i, customerId] of seeded.customerIds.slice(0, 4).entries()) {
      await must(
        t.server.workspace.run(
          markDone,
          {
            releaseId: seeded.releaseId,
            stepId: templateStepId(customerId, seeded.templateIds[i % 4]!),
            ...(i === 0 && { notes: 'rolled by hand' }),
          },
          ctx,
        ),
      );
    }
  });
  afterAll(() => t.dispose());

  const frozenUrl = () => `${t.url}/api/releases/${encodeURIComponent(seeded.releaseId)}/frozen`;

  it('FZ-06 FZ-07 an active release has no snapshot: the route answers 404 not-frozen, an unknown release not-found', async () => {
    expect(await t.server.storage.frozen.get(seeded.releaseId)).toBeUndefined();
    const res = await viewer.get<{ error: { code: string } }>(
      `/api/releases/${encodeURIComponent(seeded.releaseId)}/frozen`,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-frozen');
    const unknown = await viewer.get<{ error: { code: string } }>('/api/releases/release:nothing/frozen');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not-found');
  });

  it('FZ-06 archiving stores the frozen release (bytes and SHA-256) equal to the room document; FZ-07 viewers fetch it with the hash as ETag', async () => {
    await must(t.server.workspace.run(archiveRelease, { releaseId: seeded.releaseId }, ctx));
    await t.server.freezer.settled();
    const row = await t.server.storage.frozen.get(seeded.releaseId);
    expect(row).toBeDefined();
    expect(thawRelease(row!.bytes)).toEqual(await documentState(t.server, seeded.releaseId));

    const { res, bytes } = await getBytes(frozenUrl(), { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('etag')).toBe(`"${row!.hash}"`);
    expect([...bytes]).toEqual([...row!.bytes]);
    // A device holding this hash is told it is current, without the bytes.
    const again = await getBytes(frozenUrl(), { cookie, 'If-None-Match': `"${row!.hash}"` });
    expect(again.res.status).toBe(304);
    expect(again.bytes.byteLength).toBe(0);
    // Reading it is a read of the release: audited like one.
    const rows = await t.server.storage.audit.query({ entity: seeded.releaseId, limit: 20 });
    expect(rows.some((r) => r.path?.endsWith('/frozen') && r.username === 'vic' && r.status === 200)).toBe(
      true,
    );
  });

  it('FZ-08 REST reads of an archived release answer from the snapshot exactly what they answer from the document, field by field', async () => {
    const id = encodeURIComponent(seeded.releaseId);
    const paths = [
      `/api/releases/${id}`,
      `/api/releases/${id}?limit=2`,
      `/api/releases/${id}/steps/${encodeURIComponent(seeded.firstStep)}`,
      `/api/entities/${id}`,
      `/api/releases/${id}/rollout`,
      '/api/inventory',
    ];
    const readAll = async () => {
      const out: Record<string, unknown> = {};
      for (const path of paths) {
        const res = await viewer.get(path);
        expect(res.status, path).toBe(200);
        out[path] = res.body;
      }
      return out;
    };
    const row = (await t.server.storage.frozen.get(seeded.releaseId))!;
    // From the document: the snapshot out of the way, every read loads the room.
    await t.server.storage.frozen.delete(seeded.releaseId);
    const fromDocument = await readAll();
    expect(t.server.workspace.sourceOf(seeded.releaseId)).toBe('document');
    // The API lets the room go after apiReleaseIdleMs; then the snapshot answers.
    await expect.poll(() => t.server.workspace.sourceOf(seeded.releaseId), { timeout: 5_000 }).toBeNull();
    await t.server.storage.frozen.put(row);
    const fromSnapshot = await readAll();
    expect(t.server.workspace.sourceOf(seeded.releaseId)).toBe('frozen');
    for (const path of paths) expect(fromSnapshot[path], path).toEqual(fromDocument[path]);
  });

  it('FZ-11 the relay thaws a snapshot in slices, yielding its event loop between parts, and once for concurrent first reads', async () => {
    const row = (await t.server.storage.frozen.get(seeded.releaseId))!;
    // Parts of 3 rows: the loop turns between parts (an interleaved setImmediate counts the turns).
    let turns = 0;
    let done = false;
    const tick = () => {
      turns++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const state = await thawInSlices(row.bytes, 3);
    done = true;
    expect(state).toEqual(thawRelease(row.bytes));
    const rows = Object.keys(state.stepStates).length + state.events.length;
    expect(rows).toBeGreaterThan(12);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(rows / 3));

    // Concurrent first reads of the archived release (its read let go after apiReleaseIdleMs) read the
    // stored snapshot once.
    await expect.poll(() => t.server.workspace.sourceOf(seeded.releaseId), { timeout: 5_000 }).toBeNull();
    const get = vi.spyOn(t.server.storage.frozen, 'get');
    try {
      const id = encodeURIComponent(seeded.releaseId);
      const answers = await Promise.all(Array.from({ length: 4 }, () => viewer.get(`/api/releases/${id}`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      expect(t.server.workspace.sourceOf(seeded.releaseId)).toBe('frozen');
      expect(get).toHaveBeenCalledTimes(1);
    } finally {
      get.mockRestore();
    }
  });

  it('FZ-06 the bundled freeze worker (dist/freeze-worker.js) makes the same bytes as freezing in-process, off the relay thread', async () => {
    const stored = await t.server.storage.rooms.load(seeded.releaseId);
    const worker = new FreezeRunner(new URL('../dist/freeze-worker.js', import.meta.url));
    try {
      expect(worker.threaded).toBe(true);
      const [a, b] = await Promise.all([
        worker.freeze(stored.updates, seeded.releaseId),
        worker.freeze(stored.updates, seeded.releaseId),
      ]);
      const inProcess = freezeStored(stored.updates, seeded.releaseId);
      expect([...a]).toEqual([...inProcess]);
      expect([...b]).toEqual([...inProcess]);
      expect(thawRelease(a)).toEqual(await documentState(t.server, seeded.releaseId));
      // A failure there is this freeze's rejection, not the relay's crash.
      await expect(worker.freeze([new Uint8Array([1, 2, 3])], seeded.releaseId)).rejects.toThrow();
    } finally {
      await worker.close();
    }
  });

  it('FZ-05 FZ-06 a late change stored in the archived room refreezes the snapshot (a new hash, the change in it)', async () => {
    const before = (await t.server.storage.frozen.get(seeded.releaseId))!;
    // A device that made a change apart, before the archive reached it (MR-05): its catalog still says
    // active, and its change reaches the relay after the archive.
    const catalogRoom = t.server.relay.loadedRoom('catalog')!;
    const catalog = new Y.Doc();
    Y.applyUpdate(catalog, Y.encodeStateAsUpdate(catalogRoom.doc));
    const apart = new Workspace({ catalog, destroyDocsOnClose: false });
    expect(apart.state.catalog.releases[seeded.releaseId]?.status).toBe('archived');
    // Its catalog from before the archive: the same, with the release active (never sent).
    const unarchived = apart.run(unarchiveRelease, { releaseId: seeded.releaseId }, ctx);
    expect(unarchived.ok).toBe(true);
    const device = stockClient(t.url, seeded.releaseId, { headers: { cookie: admin.cookie! } });
    try {
      await synced(device);
      apart.openRelease(seeded.releaseId, device.doc);
      const late = templateStepId(seeded.customerIds[5]!, seeded.templateIds[3]!);
      const done = apart.run(markDone, { releaseId: seeded.releaseId, stepId: late }, ctx);
      expect(done.ok).toBe(true);
      await expect
        .poll(async () => (await t.server.storage.frozen.hash(seeded.releaseId)) !== before.hash, {
          timeout: 10_000,
        })
        .toBe(true);
      await t.server.freezer.settled();
      const after = (await t.server.storage.frozen.get(seeded.releaseId))!;
      expect(thawRelease(after.bytes).stepStates[late]?.status).toBe('done');
      expect(thawRelease(after.bytes)).toEqual(await documentState(t.server, seeded.releaseId));
      // And the catalog the server holds still says archived: the device's catalog was never sent.
      expect(t.server.workspace.state.catalog.releases[seeded.releaseId]?.status).toBe('archived');
    } finally {
      device.destroy();
      apart.destroy();
    }
  });

  it('FZ-06 a relay that starts with an archived release whose snapshot is missing, or behind its room, freezes it; unarchiving drops the snapshot', async () => {
    const hash = await t.server.storage.frozen.hash(seeded.releaseId);
    expect(hash).toBeDefined();
    const sql = async (statement: string) => {
      const db = new Database(path.join(t.dataDir, DATABASE_FILE));
      try {
        expect(db.prepare(statement).run().changes).toBe(1);
      } finally {
        db.close();
      }
    };
    const restart = () =>
      startTestServer({
        dataDir: t.dataDir,
        env: { RUNSHEET_OPEN: '0' },
        overrides: { freezeDebounceMs: 20 },
      });
    await t.stop();
    // Lost while the relay was down (say, a database restored from before the archive).
    await sql('DELETE FROM frozen_releases');
    const first = await restart();
    try {
      await expect
        .poll(() => first.server.storage.frozen.hash(seeded.releaseId), { timeout: 10_000 })
        .toBe(hash);
    } finally {
      await first.stop();
    }
    // Behind its room: a late change was stored, and the relay stopped before freezing it in.
    await sql("UPDATE frozen_releases SET seq = 0, hash = 'stale', bytes = x'00'");
    const second = await restart();
    try {
      await expect
        .poll(() => second.server.storage.frozen.hash(seeded.releaseId), { timeout: 10_000 })
        .toBe(hash);
      await must(second.server.workspace.run(unarchiveRelease, { releaseId: seeded.releaseId }, ctx));
      await second.server.freezer.settled();
      expect(await second.server.storage.frozen.get(seeded.releaseId)).toBeUndefined();
      const client = new ApiClient(second.url);
      await client.post('/api/auth/login', { username: 'ada', password: 'correct horse battery' });
      const res = await client.get<{ error: { code: string } }>(
        `/api/releases/${encodeURIComponent(seeded.releaseId)}/frozen`,
      );
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not-frozen');
    } finally {
      await second.dispose();
    }
  });
});
