import { readMirrorStatus, readTemporalEntities, readTemporalReleases } from '@runsheet/doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PollReport } from '../src/temporal/bridge.ts';
import type { TemporalMirror } from '../src/temporal/mirror.ts';
import { connectTemporalReader, type TemporalReader } from '../src/temporal/reader.ts';
import { ApiClient } from '../test/helpers/api-client.ts';
import { startTestServer, type TestServer } from '../test/helpers/test-server.ts';
import { stockClient, synced, until } from '../test/helpers/y-client.ts';
import { type Harness, harness, RUN, temporalAddress } from './fixtures/harness.ts';
import { tcpProxy } from './fixtures/tcp-proxy.ts';
import { type RunningWorker, startWorker } from './fixtures/worker.ts';

type Json = Record<string, unknown>;

/** The real reader, counting queries per workflow (the bridge gets nothing but these four functions). */
function counting(reader: TemporalReader) {
  const queries = new Map<string, number>();
  const wrapped: TemporalReader = {
    list: (type) => reader.list(type),
    describe: (id, run) => reader.describe(id, run),
    query: (id, run, name) => {
      queries.set(id, (queries.get(id) ?? 0) + 1);
      return reader.query(id, run, name);
    },
    close: () => reader.close(),
  };
  return { reader: wrapped, queries };
}

describe('Temporal bridge against a real Temporal dev server and worker', () => {
  const address = temporalAddress();
  let worker: RunningWorker;
  let h: Harness;
  let t: TestServer;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let queries: Map<string, number>;
  const api = () => new ApiClient(t.url);
  const mirror = (): TemporalMirror => t.server.temporal()!.mirror;

  /** Resolves after the first poll (from now on) after which `predicate` holds. Event-driven, no sleeps. */
  function afterPolls(predicate: (report: PollReport) => boolean, timeoutMs = 20_000): Promise<PollReport> {
    const bridge = t.server.temporal()!.bridge;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        bridge.off('polled', onPoll);
        reject(new Error('timed out waiting for the bridge'));
      }, timeoutMs);
      const onPoll = (report: PollReport) => {
        if (!predicate(report)) return;
        clearTimeout(timer);
        bridge.off('polled', onPoll);
        resolve(report);
      };
      bridge.on('polled', onPoll);
    });
  }
  const record = (releaseId: string) => mirror().byReleaseId(releaseId)?.record;

  beforeAll(async () => {
    worker = await startWorker(address);
    h = await harness(address);
    proxy = await tcpProxy(address);
    const config = {
      address: proxy.address,
      namespace: 'default',
      workflowType: 'ReleaseWorkflow',
      queryName: 'getReleaseState',
      pollMs: 300,
      rpcTimeoutMs: 1_500,
    };
    const counted = counting(await connectTemporalReader(config));
    queries = counted.queries;
    t = await startTestServer({
      env: { TEMPORAL_ADDRESS: proxy.address, TEMPORAL_POLL_MS: '300' },
      overrides: { temporalReader: counted.reader },
    });
  });
  afterAll(async () => {
    await t?.dispose();
    await worker?.stop();
    await h?.close();
    await proxy?.cut();
  });

  it('lists the release workflows, queries each for its hierarchy, and serves wave:, bundle:, app: ids', async () => {
    const key = `${RUN}-big`;
    await h.start(`wf-${key}`, {
      releaseId: key,
      waves: 2,
      clustersPerWave: 2,
      bundlesPerCluster: 2,
      appsPerBundle: 3,
      tickMs: 250,
      holdMs: 120_000,
    });
    await afterPolls(() => record(`release:${key}`)?.entityCount === 39);
    const list = await api().get<{ items: Json[] }>('/api/temporal/releases');
    expect(list.body.items.find((r) => r.id === `release:${key}`)).toMatchObject({
      source: 'temporal',
      workflowStatus: 'RUNNING',
      workflowId: `wf-${key}`,
    });
    const tree = await api().get<{ entities: Json[] }>(`/api/temporal/releases/release:${key}`);
    expect(tree.body.entities).toHaveLength(39);
    expect(tree.body.entities.map((e) => e.type)).toEqual(
      expect.arrayContaining(['release', 'wave', 'cluster', 'bundle', 'app']),
    );
    for (const id of [`wave:${key}-w2`, `bundle:${key}-w1-c2-b1`, `app:${key}-w2-c2-b2-a3`]) {
      const res = await api().get<{ entity: Json }>(`/api/entities/${id}`);
      expect(res.status, id).toBe(200);
      expect(res.body.entity).toMatchObject({ id, source: 'temporal', releaseId: `release:${key}` });
    }
  });

  it('shows state changes to a connected y-websocket client within 5 s of the workflow making them', async () => {
    const key = `${RUN}-live`;
    await h.start(`wf-${key}`, {
      releaseId: key,
      waves: 1,
      clustersPerWave: 1,
      bundlesPerCluster: 1,
      appsPerBundle: 3,
      tickMs: 400,
      holdMs: 120_000,
    });
    const device = stockClient(t.url, 'temporal');
    try {
      await synced(device);
      const appId = `app:${key}-w1-c1-b1-a2`;
      await until(device.doc, (doc) => {
        const release = readTemporalReleases(doc).find((r) => r.id === `release:${key}`);
        return (
          release !== undefined &&
          readTemporalEntities(doc, release.workflowId).some((e) => e.id === appId && e.state === 'deployed')
        );
      });
      const seenAt = Date.now();
      const release = readTemporalReleases(device.doc).find((r) => r.id === `release:${key}`)!;
      const app = readTemporalEntities(device.doc, release.workflowId).find((e) => e.id === appId)!;
      // `since` is the workflow's own clock when the app changed state.
      expect(seenAt - Date.parse(app.since!)).toBeLessThan(5_000);
    } finally {
      device.destroy();
    }
  });

  it('re-queries only the workflows whose history changed', async () => {
    const settled = `${RUN}-settled`;
    const moving = `${RUN}-moving`;
    await h.start(`wf-${settled}`, {
      releaseId: settled,
      waves: 1,
      clustersPerWave: 1,
      bundlesPerCluster: 1,
      appsPerBundle: 1,
      tickMs: 100,
      maxTransitions: 0,
      holdMs: 120_000,
    });
    await h.start(`wf-${moving}`, {
      releaseId: moving,
      waves: 1,
      clustersPerWave: 1,
      bundlesPerCluster: 2,
      appsPerBundle: 5,
      tickMs: 200,
      holdMs: 120_000,
    });
    // Settled: started, first workflow task done, its one timer started; nothing happens for two minutes.
    await afterPolls(
      () =>
        (record(`release:${settled}`)?.historyLength ?? 0) >= 5 && record(`release:${moving}`) !== undefined,
    );
    queries.set(`wf-${settled}`, 0);
    queries.set(`wf-${moving}`, 0);
    let polls = 0;
    await afterPolls((report) => report.ok && ++polls >= 5);
    expect(queries.get(`wf-${settled}`)).toBe(0);
    expect(queries.get(`wf-${moving}`)).toBeGreaterThan(0);
  });

  it('shows a failed workflow as failed, with the states it last reported', async () => {
    const key = `${RUN}-fails`;
    await h.start(`wf-${key}`, {
      releaseId: key,
      waves: 1,
      clustersPerWave: 1,
      bundlesPerCluster: 1,
      appsPerBundle: 3,
      tickMs: 150,
      failAfter: 2,
    });
    await afterPolls(
      () =>
        record(`release:${key}`)?.workflowStatus === 'FAILED' && record(`release:${key}`)?.state === 'failed',
    );
    const res = await api().get<{ release: Json; entities: Json[] }>(`/api/temporal/releases/release:${key}`);
    expect(res.body.release).toMatchObject({
      workflowStatus: 'FAILED',
      state: 'failed',
      closeTime: expect.any(String),
    });
    expect(res.body.entities.find((e) => e.id === `app:${key}-w1-c1-b1-a2`)).toMatchObject({
      state: 'failed',
    });
    // Closed: never queried again.
    const before = queries.get(`wf-${key}`);
    let polls = 0;
    await afterPolls(() => ++polls >= 3);
    expect(queries.get(`wf-${key}`)).toBe(before);
  });

  it('shows a terminated workflow as terminated', async () => {
    const key = `${RUN}-terminated`;
    await h.start(`wf-${key}`, {
      releaseId: key,
      waves: 1,
      clustersPerWave: 1,
      bundlesPerCluster: 1,
      appsPerBundle: 1,
      tickMs: 100,
      maxTransitions: 0,
      holdMs: 120_000,
    });
    await afterPolls(() => record(`release:${key}`)?.queriedAt != null);
    await h.terminate(`wf-${key}`);
    await afterPolls(() => record(`release:${key}`)?.workflowStatus === 'TERMINATED');
    const res = await api().get<{ items: Json[] }>('/api/temporal/releases');
    expect(res.body.items.find((r) => r.id === `release:${key}`)).toMatchObject({
      workflowStatus: 'TERMINATED',
    });
  });

  it('keeps the last state, marked stale with its age, while Temporal cannot be reached, and recovers', async () => {
    const device = stockClient(t.url, 'temporal');
    try {
      await synced(device);
      const count = (await api().get<{ items: Json[] }>('/api/temporal/releases')).body.items.length;
      await proxy.cut();
      await afterPolls((report) => !report.ok);
      const res = await api().get<{ items: Json[]; mirror: Json }>('/api/temporal/releases');
      expect(res.body.items).toHaveLength(count);
      expect(res.body.mirror).toMatchObject({
        stale: true,
        error: expect.stringMatching(/cannot be reached/),
      });
      expect(res.body.mirror.ageMs).toEqual(expect.any(Number));
      await until(device.doc, (doc) => readMirrorStatus(doc).error !== null);
      await proxy.restore();
      await afterPolls((report) => report.ok, 30_000);
      const back = await api().get<{ mirror: Json }>('/api/temporal/releases');
      expect(back.body.mirror).toMatchObject({ stale: false, error: null });
    } finally {
      device.destroy();
    }
  });
});
