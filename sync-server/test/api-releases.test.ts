import { Workspace } from '@runsheet/doc';
import { type ReleaseId, testContext, updateRelease } from '@runsheet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced } from './helpers/y-client.ts';

type Json = Record<string, unknown>;

describe('REST API: tracked releases and entities', () => {
  let t: TestServer;
  let admin: ApiClient;
  let bearer: ApiClient;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    const token = await admin.post<{ secret: string }>('/api/tokens', { name: 'ci' });
    bearer = new ApiClient(t.url, { Authorization: `Bearer ${token.body.secret}` });
    seeded = await seedRelease(t.server, { clusters: 2, customersPerCluster: 3, templates: 4 });
    // A second, older release for pagination.
    await seedRelease(t.server, {
      clusters: 1,
      customersPerCluster: 1,
      templates: 1,
      name: 'Older',
      start: '2025-01-01T00:00:00.000Z',
    });
  });
  afterAll(() => t.dispose());

  it('answers 401 in the JSON error shape without credentials, and with a forged or malformed token', async () => {
    const anonymous = new ApiClient(t.url);
    for (const client of [
      anonymous,
      new ApiClient(t.url, { Authorization: 'Bearer rst_forged0000000000000000000000000000000000' }),
      new ApiClient(t.url, { Authorization: 'Bearer' }),
      new ApiClient(t.url, { Authorization: 'Basic YWRhOnB3' }),
    ]) {
      for (const path of [
        '/api/releases',
        `/api/releases/${seeded.releaseId}`,
        '/api/entities/cluster:x',
        '/api/audit',
      ]) {
        const res = await client.get<{ error: Json }>(path);
        expect(res.status, path).toBe(401);
        expect(res.body.error.code).toBe('unauthenticated');
      }
    }
  });

  it('lists releases newest first with an opaque cursor', async () => {
    const first = await bearer.get<{ items: Json[]; nextCursor: string | null }>('/api/releases?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.items[0]).toMatchObject({ id: seeded.releaseId, source: 'runsheet', status: 'active' });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await bearer.get<{ items: Json[]; nextCursor: string | null }>(
      `/api/releases?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0]).toMatchObject({ name: 'Older' });
    expect(second.body.nextCursor).toBeNull();
    const active = await bearer.get<{ items: Json[] }>('/api/releases?status=draft');
    expect(active.body.items).toEqual([]);
  });

  it('refuses bad paging and filter input with 400 and the field', async () => {
    for (const [query, code, field] of [
      ['limit=0', 'invalid-query', 'limit'],
      ['limit=abc', 'invalid-query', 'limit'],
      ['limit=100000', 'invalid-query', 'limit'],
      ['status=everything', 'invalid-query', 'status'],
      ['cursor=%%%', 'invalid-cursor', 'cursor'],
      ['cursor=eyJub3QiOiJvdXJzIn0', 'invalid-cursor', 'cursor'],
      ['cursor=', 'invalid-cursor', 'cursor'],
      ['cursor=12.abc', 'invalid-cursor', 'cursor'],
      [`cursor=1.${'0041'.repeat(1100)}`, 'invalid-cursor', 'cursor'],
      // 24 KB of URL: past Node's default header limit (431 before the API sees it), not past ours.
      [`cursor=${'%C3%A9'.repeat(4097)}`, 'invalid-cursor', 'cursor'],
    ] as const) {
      const res = await bearer.get<{ error: Json }>(`/api/releases?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe(code);
      if (field) expect(res.body.error.field).toBe(field);
    }
  });

  it('answers a page for any cursor its pattern allows: a cursor is a place in the order, not a ticket', async () => {
    const [newest] = (await bearer.get<{ items: Array<{ createdAt: string }> }>('/api/releases')).body.items;
    const newestKey = -Date.parse(newest!.createdAt);
    for (const [cursor, expected] of [
      // Before every key: the whole list; past every key: nothing.
      [`${newestKey - 1}.`, 2],
      ['9999999999999999.', 0],
      ['-0.', 0],
      // Same time as the newest, an id before every real id (`release:` sorts after ""): from the newest.
      [`${newestKey}.`, 2],
    ] as const) {
      const page = await bearer.get<{ items: Json[] }>(`/api/releases?cursor=${cursor}`);
      expect(page.status, cursor).toBe(200);
      expect(page.body.items, cursor).toHaveLength(expected);
    }
    // Release detail: cluster name, customer name, id, each as hexadecimal UTF-16 code units.
    for (const cursor of ['..', 'd800.dfff.0041', 'ffff..']) {
      const page = await bearer.get<{ clusters: Json[] }>(
        `/api/releases/${seeded.releaseId}?cursor=${cursor}`,
      );
      expect(page.status, cursor).toBe(200);
    }
    const all = await bearer.get<{ customerCount: number; clusters: Array<{ customers: Json[] }> }>(
      `/api/releases/${seeded.releaseId}?cursor=..`,
    );
    expect(all.body.clusters.flatMap((g) => g.customers)).toHaveLength(all.body.customerCount);
    const none = await bearer.get<{ clusters: Json[] }>(`/api/releases/${seeded.releaseId}?cursor=ffff..`);
    expect(none.body.clusters).toEqual([]);
    // The audit log: the id of the previous page's last entry; none is below 1.
    const audit = await admin.get<{ items: Json[]; nextCursor: string | null }>('/api/audit?cursor=1');
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual({ items: [], nextCursor: null });
  });

  it('returns one release with customers grouped by cluster and their steps, children paginated', async () => {
    const page1 = await bearer.get<{
      release: Json;
      clusters: Array<{ cluster: Json; customers: Array<{ id: string; steps: Json[] }> }>;
      customerCount: number;
      nextCursor: string | null;
    }>(`/api/releases/${seeded.releaseId}?limit=4`);
    expect(page1.status).toBe(200);
    expect(page1.body.release).toMatchObject({ id: seeded.releaseId, progress: { total: 24, done: 0 } });
    expect(page1.body.customerCount).toBe(6);
    expect(page1.body.clusters.map((g) => g.customers.length)).toEqual([3, 1]);
    expect(page1.body.clusters[0]!.customers[0]!.steps).toHaveLength(4);
    expect(page1.body.clusters[0]!.customers[0]!.steps[0]).toMatchObject({
      status: 'pending',
      category: 'deploy',
    });
    const page2 = await bearer.get<{ clusters: Array<{ customers: Json[] }>; nextCursor: string | null }>(
      `/api/releases/${seeded.releaseId}?limit=4&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.clusters.flatMap((g) => g.customers)).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.clusters, ...page2.body.clusters].flatMap((g) => g.customers.map((c) => c.id));
    expect(new Set(ids).size).toBe(6);
  });

  it('says what is wrong with a malformed id (400) and names an unknown one (404)', async () => {
    const cases: Array<[string, number, string, RegExp]> = [
      ['/api/releases/banana', 400, 'invalid-id', /not of the form type:id/],
      ['/api/releases/cluster:abc', 400, 'invalid-id', /expected a release id, got a cluster id/],
      ['/api/releases/release:has%20space', 400, 'invalid-id', /not a valid release id part/],
      [`/api/releases/release:${'x'.repeat(300)}`, 400, 'invalid-id', /too long/],
      ['/api/releases/release:nope', 404, 'not-found', /No release "release:nope"/],
      ['/api/entities/nonsense', 400, 'invalid-id', /not of the form type:id/],
      ['/api/entities/template:abc', 400, 'invalid-id', /not addressable/],
      ['/api/entities/cluster:!!', 400, 'invalid-id', /not a valid cluster id part/],
      ['/api/entities/cluster:nope', 404, 'not-found', /No cluster "cluster:nope"/],
      ['/api/entities/customer:nope', 404, 'not-found', /No customer "customer:nope"/],
      ['/api/entities/step:a.b', 400, 'invalid-id', /a step lives in a release/],
      [`/api/releases/${seeded.releaseId}/steps/step:a.b`, 404, 'not-found', /No step "step:a.b"/],
      [`/api/releases/${seeded.releaseId}/steps/cluster:a`, 400, 'invalid-id', /expected a step id/],
      // A server without Temporal has no Temporal resources: not found, never a server error.
      ['/api/entities/wave:w1', 404, 'temporal-not-configured', /TEMPORAL_ADDRESS/],
      ['/api/temporal/releases', 404, 'temporal-not-configured', /TEMPORAL_ADDRESS/],
    ];
    for (const [path, status, code, message] of cases) {
      const res = await bearer.get<{ error: { code: string; message: string } }>(path);
      expect(res.status, path).toBe(status);
      expect(res.body.error.code, path).toBe(code);
      expect(res.body.error.message, path).toMatch(message);
    }
  });

  it('returns Runsheet entities by typed id, each with source "runsheet", and a step under its release', async () => {
    const release = await bearer.get<{ entity: Json }>(`/api/entities/${seeded.releaseId}`);
    expect(release.body.entity).toMatchObject({
      id: seeded.releaseId,
      source: 'runsheet',
      progress: { total: 24 },
    });
    const cluster = await bearer.get<{ entity: Json }>(`/api/entities/${seeded.clusterIds[0]}`);
    expect(cluster.body.entity).toMatchObject({ source: 'runsheet', customerCount: 3 });
    const customer = await bearer.get<{ entity: Json }>(`/api/entities/${seeded.customerIds[0]}`);
    expect(customer.body.entity).toMatchObject({ namespace: 'ns-0-0' });
    const step = await bearer.get<{ step: Json }>(
      `/api/releases/${seeded.releaseId}/steps/${seeded.firstStep}`,
    );
    expect(step.status).toBe(200);
    expect(step.body.step).toMatchObject({
      id: seeded.firstStep,
      status: 'pending',
      content: 'echo 0 {{customer.namespace}}',
    });
  });

  it('lets a viewer read', async () => {
    const viewer = await signedInUser(admin, 'vera', 'viewer');
    expect((await viewer.get('/api/releases')).status).toBe(200);
  });
});

describe('REST API: the cached release list follows the catalog', () => {
  let t: TestServer;
  let bearer: ApiClient;
  let token: string;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    const admin = await setUpAdmin(t.url);
    token = (await admin.post<{ secret: string }>('/api/tokens', { name: 'ci' })).body.secret;
    bearer = new ApiClient(t.url, { Authorization: `Bearer ${token}` });
    for (let i = 0; i < 5; i++)
      await seedRelease(t.server, {
        clusters: 1,
        customersPerCluster: 1,
        templates: 1,
        name: `R${i}`,
        start: `202${i}-01-01T00:00:00.000Z`,
      });
  });
  afterAll(() => t.dispose());

  type Page = { items: Array<{ id: string; name: string }>; nextCursor: string | null };
  /** Every release, walking the pages by cursor. */
  const walk = async (limit: number) => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page } = await bearer.get<Page>(
        `/api/releases?limit=${limit}${cursor === null ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.status).toBe(200);
      names.push(...page.body.items.map((r) => r.name));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    return names;
  };

  it('pages the same way when the pages come from the cache', async () => {
    const first = await walk(2);
    expect(first).toEqual(['R4', 'R3', 'R2', 'R1', 'R0']);
    expect(await walk(2)).toEqual(first);
  });

  it('shows a release created on the server on the next read', async () => {
    await walk(2);
    await seedRelease(t.server, {
      clusters: 1,
      customersPerCluster: 1,
      templates: 1,
      name: 'R9',
      start: '2029-01-01T00:00:00.000Z',
    });
    expect(await walk(2)).toEqual(['R9', 'R4', 'R3', 'R2', 'R1', 'R0']);
  });

  it('shows a change made on a device (an update through the relay) on the next read', async () => {
    const before = await bearer.get<Page>('/api/releases?limit=50');
    const target = before.body.items.find((r) => r.name === 'R2')!.id as ReleaseId;
    const device = stockClient(t.url, 'catalog', { params: { token } });
    try {
      await synced(device);
      const workspace = new Workspace({ catalog: device.doc, destroyDocsOnClose: false });
      const renamed = workspace.run(updateRelease, { releaseId: target, name: 'R2 renamed' }, testContext());
      expect(renamed.ok).toBe(true);
      // Wait until the server's own state has the update; the very next read must show it.
      await expect
        .poll(() => t.server.workspace.state.catalog.releases[target]?.name, { interval: 10 })
        .toBe('R2 renamed');
      const after = await bearer.get<Page>('/api/releases?limit=50');
      expect(after.body.items.find((r) => r.id === target)?.name).toBe('R2 renamed');
      workspace.destroy();
    } finally {
      device.destroy();
    }
  });
});
