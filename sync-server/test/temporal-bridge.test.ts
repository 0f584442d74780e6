import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findTemporalRelease,
  readMirrorStatus,
  readTemporalEntities,
  readTemporalReleases,
} from '@runsheet/doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeUpdate } from '../src/relay/protocol.ts';
import { parseHierarchy } from '../src/temporal/hierarchy.ts';
import { READER_METHODS } from '../src/temporal/reader.ts';
import { ApiClient } from './helpers/api-client.ts';
import { FakeTemporal, sampleAnswer } from './helpers/fake-temporal.ts';
import { frameKind, rawSocket } from './helpers/raw-socket.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced, until } from './helpers/y-client.ts';

type Json = Record<string, unknown>;

describe('Temporal hierarchy reader (tolerant)', () => {
  it('reads the workflow answer into flat entities with parents and order', () => {
    const parsed = parseHierarchy(sampleAnswer('r1', { waves: 2, apps: 3 }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.releaseId).toBe('release:r1');
    expect(parsed.entities).toHaveLength(1 + 2 * (1 + 1 + 1 + 3));
    expect(parsed.entities.find((e) => e.id === 'app:r1-1-2')).toMatchObject({
      type: 'app',
      parentId: 'bundle:r1-1',
      index: 2,
    });
  });

  it('skips and reports malformed parts instead of failing the release', () => {
    const parsed = parseHierarchy({
      id: 'release:r2',
      state: { name: 'running' },
      waves: [
        { id: 'cluster:wrong-level', state: 'x' },
        { id: 'wave:ok', status: 'done', children: [{ id: 'cluster:c', state: 1, bundles: 'nope' }] },
        { id: 'wave:ok', state: 'duplicate' },
        { id: 'wave:has space', state: 'x' },
        'not an object',
        { state: 'no id' },
        { id: 'wave:nostate' },
      ],
    });
    expect(parsed.releaseState).toBe('running');
    expect(parsed.entities.map((e) => `${e.id}=${e.state}`)).toEqual([
      'release:r2=running',
      'wave:ok=done',
      'cluster:c=1',
      'wave:nostate=unknown',
    ]);
    expect(parsed.problems.join('\n')).toMatch(/expected a wave id, got a cluster id/);
    expect(parsed.problems.join('\n')).toMatch(/appears twice/);
    expect(parsed.problems.join('\n')).toMatch(/"bundles" is not a list/);
    expect(parsed.problems).toHaveLength(7);
  });

  it('answers something for garbage', () => {
    for (const answer of [null, 42, 'text', [], { id: 7 }]) {
      const parsed = parseHierarchy(answer);
      expect(parsed.entities).toEqual([]);
      expect(parsed.problems.length).toBeGreaterThan(0);
    }
  });
});

describe('Temporal bridge against a fake Temporal (fast)', () => {
  let t: TestServer;
  const temporal = new FakeTemporal();
  const api = () => new ApiClient(t.url);
  const bridge = () => t.server.temporal()!.bridge;

  beforeAll(async () => {
    temporal.add('wf-a', sampleAnswer('a'));
    temporal.add('wf-b', sampleAnswer('b', { waves: 1 }));
    t = await startTestServer({
      env: { TEMPORAL_ADDRESS: '127.0.0.1:7233', TEMPORAL_POLL_MS: '3600000' },
      overrides: { temporalReader: temporal },
    });
    await bridge().poll();
  });
  afterAll(() => t.dispose());

  it('lists, queries each workflow once, and mirrors into the temporal room every device syncs', async () => {
    expect(temporal.calls.query).toBe(2);
    const device = stockClient(t.url, 'temporal');
    try {
      await synced(device);
      await until(device.doc, (doc) => readTemporalReleases(doc).length === 2);
      const a = findTemporalRelease(device.doc, 'release:a')!;
      expect(a).toMatchObject({
        workflowId: 'wf-a',
        workflowStatus: 'RUNNING',
        state: 'deploying',
        entityCount: 11,
      });
      expect(readTemporalEntities(device.doc, 'wf-a')).toHaveLength(11);
      expect(readMirrorStatus(device.doc)).toMatchObject({ error: null, lastSuccessAt: expect.any(String) });
    } finally {
      device.destroy();
    }
  });

  it('re-queries only the workflows whose history changed', async () => {
    temporal.queried = [];
    let report = await bridge().poll();
    expect(report).toMatchObject({ ok: true, listed: 2, queried: 0, changed: 0 });
    temporal.advance('wf-b', sampleAnswer('b', { waves: 1, appState: 'deployed' }));
    report = await bridge().poll();
    expect(report).toMatchObject({ ok: true, queried: 1, changed: 1 });
    expect(temporal.queried).toEqual(['wf-b']);
    const res = await api().get<{ entity: Json }>('/api/entities/app:b-0-1');
    expect(res.body.entity).toMatchObject({
      id: 'app:b-0-1',
      state: 'deployed',
      source: 'temporal',
      releaseId: 'release:b',
    });
  });

  it('shows a failed workflow as failed, and a closed one is not queried again', async () => {
    temporal.advance('wf-b', { ...sampleAnswer('b', { waves: 1 }), state: 'failed' }, 'FAILED');
    await bridge().poll();
    const res = await api().get<{ items: Json[] }>('/api/temporal/releases');
    expect(res.body.items.find((r) => r.workflowId === 'wf-b')).toMatchObject({
      workflowStatus: 'FAILED',
      state: 'failed',
    });
    temporal.queried = [];
    const describes = temporal.calls.describe;
    await bridge().poll();
    expect(temporal.queried).toEqual([]);
    // Only the running workflow is described again.
    expect(temporal.calls.describe - describes).toBe(1);
  });

  it('keeps the last state, marked stale with its age, while Temporal cannot be reached', async () => {
    const before = readMirrorStatus((await t.server.relay.hold('temporal' as never)).room.doc).lastSuccessAt;
    temporal.down = true;
    try {
      const report = await bridge().poll();
      expect(report.ok).toBe(false);
      const res = await api().get<{ items: Json[]; mirror: Json }>('/api/temporal/releases');
      expect(res.body.items).toHaveLength(2);
      expect(res.body.mirror).toMatchObject({
        stale: true,
        lastSuccessAt: before,
        error: expect.stringMatching(/cannot be reached/),
      });
      expect(res.body.mirror.ageMs).toEqual(expect.any(Number));
    } finally {
      temporal.down = false;
    }
    await bridge().poll();
    const res = await api().get<{ mirror: Json }>('/api/temporal/releases');
    expect(res.body.mirror).toMatchObject({ stale: false, error: null });
  });

  it('removes workflows Temporal no longer lists', async () => {
    temporal.add('wf-gone', sampleAnswer('gone', { waves: 1, apps: 1 }));
    await bridge().poll();
    expect((await api().get(`/api/temporal/releases/release:gone`)).status).toBe(200);
    temporal.workflows.delete('wf-gone');
    await bridge().poll();
    expect((await api().get(`/api/temporal/releases/release:gone`)).status).toBe(404);
  });

  it('serves the hierarchy depth-first with pagination, and entities with path and children', async () => {
    const page = await api().get<{ release: Json; entities: Json[]; nextCursor: string }>(
      '/api/temporal/releases/release:a?limit=5',
    );
    expect(page.body.release).toMatchObject({ id: 'release:a', source: 'temporal' });
    expect(page.body.entities.map((e) => e.id)).toEqual([
      'release:a',
      'wave:a-0',
      'cluster:a-0',
      'bundle:a-0',
      'app:a-0-0',
    ]);
    expect(page.body.entities.map((e) => e.depth)).toEqual([0, 1, 2, 3, 4]);
    const rest = await api().get<{ entities: Json[]; nextCursor: string | null }>(
      `/api/temporal/releases/release:a?limit=100&cursor=${page.body.nextCursor}`,
    );
    expect(rest.body.entities).toHaveLength(6);
    expect(rest.body.nextCursor).toBeNull();

    const wave = await api().get<{ entity: Json; path: Json[]; children: Json[] }>('/api/entities/wave:a-1');
    expect(wave.body.entity).toMatchObject({ type: 'wave', childCount: 1, workflowStatus: 'RUNNING' });
    expect(wave.body.path.map((p) => p.id)).toEqual(['release:a']);
    expect(wave.body.children.map((c) => c.id)).toEqual(['cluster:a-1']);
    const bundle = await api().get<{ path: Json[] }>('/api/entities/bundle:a-1');
    expect(bundle.body.path.map((p) => p.id)).toEqual(['release:a', 'wave:a-1', 'cluster:a-1']);
    // Temporal's own release: and cluster: ids are under /api/temporal/entities.
    const cluster = await api().get<{ entity: Json }>('/api/temporal/entities/cluster:a-0');
    expect(cluster.body.entity).toMatchObject({ source: 'temporal', type: 'cluster' });
  });

  it('says what is wrong with malformed and unknown Temporal ids, and when an id is ambiguous', async () => {
    temporal.add('wf-twin', { id: 'release:twin', state: 'x', waves: [{ id: 'wave:a-0', state: 'y' }] });
    await bridge().poll();
    const cases: Array<[string, number, string, RegExp]> = [
      ['/api/entities/wave:', 400, 'invalid-id', /not a valid wave id part/],
      ['/api/entities/app:a%2Fb', 400, 'invalid-id', /not a valid app id part/],
      ['/api/temporal/entities/step:x', 400, 'invalid-id', /unknown entity type "step"/],
      ['/api/temporal/releases/wave:a-0', 400, 'invalid-id', /expected a release id, got a wave id/],
      ['/api/entities/app:nowhere', 404, 'not-found', /No Temporal entity "app:nowhere"/],
      ['/api/temporal/releases/release:nowhere', 404, 'not-found', /No Temporal release "release:nowhere"/],
      ['/api/entities/wave:a-0', 409, 'ambiguous-entity', /release:a, release:twin|release:twin, release:a/],
    ];
    for (const [path, status, code, message] of cases) {
      const res = await api().get<{ error: { code: string; message: string } }>(path);
      expect(res.status, path).toBe(status);
      expect(res.body.error.code, path).toBe(code);
      expect(res.body.error.message, path).toMatch(message);
    }
    const chosen = await api().get<{ entity: Json }>('/api/entities/wave:a-0?release=release:twin');
    expect(chosen.body.entity).toMatchObject({ state: 'y', releaseId: 'release:twin' });
  });

  it('refuses every client change to the temporal room (even an admin), and keeps serving it', async () => {
    const socket = await rawSocket(t.url, 'temporal');
    try {
      await socket.frame(0);
      const forged = new Y.Doc();
      forged.getMap('meta').set('error', null);
      forged.getMap('releases').set('wf-evil', { id: 'release:evil' });
      socket.ws.send(encodeUpdate(Y.encodeStateAsUpdate(forged)));
      const denied = await socket.frame(1);
      expect(frameKind(denied)[0]).toBe(2);
      expect(socket.ws.readyState).toBe(socket.ws.OPEN);
      const res = await api().get<{ items: Json[] }>('/api/temporal/releases');
      expect(res.body.items.some((r) => r.id === 'release:evil')).toBe(false);
      const fresh = stockClient(t.url, 'temporal');
      try {
        await synced(fresh);
        expect(readTemporalReleases(fresh.doc).some((r) => r.id === 'release:evil')).toBe(false);
      } finally {
        fresh.destroy();
      }
    } finally {
      socket.ws.terminate();
    }
  });

  it("shows a change to the mirror on the next read, with the mirror's age made fresh for every answer", async () => {
    type Release = {
      entities: Array<{ id: string; state: string }>;
      nextCursor: string | null;
      mirror: Json;
    };
    type Entity = { entity: Json; children: Json[]; mirror: Json };
    /** The whole hierarchy of release:a, walking the pages by cursor. */
    const walk = async () => {
      const states: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: Release } = await api().get<Release>(
          `/api/temporal/releases/release:a?limit=4${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        states.push(...page.body.entities.map((e) => `${e.id}=${e.state}`));
        cursor = page.body.nextCursor;
      } while (cursor !== null);
      return states;
    };
    const first = await walk();
    expect(first).toHaveLength(11);
    expect(await walk()).toEqual(first);
    const app = await api().get<Entity>('/api/entities/app:a-1-1');
    expect(app.body.entity).toMatchObject({ state: 'pending' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await api().get<Entity>('/api/entities/app:a-1-1');
    expect({ ...again.body, mirror: null }).toEqual({ ...app.body, mirror: null });
    expect(again.body.mirror.ageMs).toBeGreaterThan(app.body.mirror.ageMs as number);

    temporal.advance('wf-a', sampleAnswer('a', { appState: 'deployed' }));
    await bridge().poll();
    expect(await walk()).toEqual(
      first.map((s) => (s.startsWith('app:') ? s.replace(/=.*/, '=deployed') : s)),
    );
    const changed = await api().get<Entity>('/api/entities/app:a-1-1');
    expect(changed.body.entity).toMatchObject({ state: 'deployed' });
    const ids = async () =>
      (await api().get<{ items: Json[] }>('/api/temporal/releases')).body.items.map((r) => r.id);
    expect(await ids()).not.toContain('release:late');
    temporal.add('wf-late', sampleAnswer('late', { waves: 1, apps: 1 }));
    await bridge().poll();
    expect(await ids()).toContain('release:late');
  });
});

describe('The bridge is read-only by construction', () => {
  const dir = join(import.meta.dirname, '..', 'src');
  const sources = (sub: string) =>
    readdirSync(join(dir, sub), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [join(sub, f), readFileSync(join(dir, sub, f), 'utf8')] as const);

  it('only src/temporal/reader.ts imports the Temporal client, and it calls only list, describe and query', () => {
    const importers = [...sources('.')].filter(([, text]) => text.includes('@temporalio/'));
    expect(importers.map(([f]) => f)).toEqual(['temporal/reader.ts']);
    const reader = importers[0]![1];
    const onClient = [...reader.matchAll(/client\.workflow\.(\w+)/g)].map((m) => m[1]);
    const onHandle = [...reader.matchAll(/getHandle\([^)]*\)\s*\.(\w+)/g)].map((m) => m[1]);
    expect(new Set(onClient)).toEqual(new Set(['list', 'getHandle']));
    expect(new Set(onHandle)).toEqual(new Set(['describe', 'query']));
    expect(reader).not.toMatch(
      /\.(signal|signalWithStart|start|execute|terminate|cancel|reset|executeUpdate|startUpdate|delete|pause|unpause)\(/,
    );
  });

  it('hands the bridge an object with exactly list, describe, query and close', async () => {
    const { connectTemporalReader } = await import('../src/temporal/reader.ts');
    const reader = await connectTemporalReader({
      address: '127.0.0.1:1',
      namespace: 'default',
      workflowType: 'ReleaseWorkflow',
      queryName: 'getReleaseState',
      pollMs: 2000,
      rpcTimeoutMs: 1000,
    });
    try {
      expect(Object.keys(reader).sort()).toEqual([...READER_METHODS].sort());
    } finally {
      await reader.close();
    }
  });
});
