import { templateStepId } from '@runsheet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

interface Row {
  customer: { id: string; name: string };
  cluster: { id: string } | null;
  runs: { versionNumber: string | null } | null;
  inProgress: { completePercent: number; complete: number; total: number } | null;
  behind: number;
}
interface Page {
  newest: { versionNumber: string | null } | null;
  items: Row[];
  total: number;
  nextCursor: string | null;
}

describe('REST API: GET /api/inventory (IV-01..IV-05) against a real server and SQLite', () => {
  let t: TestServer;
  let member: ApiClient;
  let viewer: ApiClient;
  let s: Seeded;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    const admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    viewer = await signedInUser(admin, 'val', 'viewer');
    s = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 2 });
  });
  afterAll(() => t.dispose());

  it('lists every customer with the version in progress and how far behind it is', async () => {
    const res = await viewer.get<Page>('/api/inventory');
    expect(res.status).toBe(200);
    expect(res.body.newest?.versionNumber).toBe('1.0');
    expect(res.body.total).toBe(4);
    for (const row of res.body.items)
      expect(row).toMatchObject({ runs: null, behind: 1, inProgress: { completePercent: 0, total: 2 } });
  });

  it('changes as a customer completes its steps: it runs 1.0 and is no longer behind', async () => {
    const first = s.customerIds[0]!;
    const stepPath = (tpl: number) =>
      `/api/releases/${s.releaseId}/steps/${templateStepId(first, s.templateIds[tpl]!)}/done`;
    expect((await member.post(stepPath(0), {})).status).toBe(200);
    const half = (await member.get<Page>('/api/inventory')).body.items.find((r) => r.customer.id === first);
    expect(half).toMatchObject({ runs: null, inProgress: { complete: 1, completePercent: 50 } });
    expect((await member.post(stepPath(1), {})).status).toBe(200);
    const done = (await member.get<Page>('/api/inventory')).body.items.find((r) => r.customer.id === first);
    expect(done).toMatchObject({ runs: { versionNumber: '1.0' }, inProgress: null, behind: 0 });
  });

  it('filters by cluster and by behind, and pages with the cursor', async () => {
    const behind = await member.get<Page>('/api/inventory?behind=true');
    expect(behind.body.items.map((r) => r.customer.id).sort()).toEqual(s.customerIds.slice(1).sort());
    const upToDate = await member.get<Page>('/api/inventory?behind=false');
    expect(upToDate.body.items.map((r) => r.customer.id)).toEqual([s.customerIds[0]]);
    const cluster = await member.get<Page>(`/api/inventory?cluster=${s.clusterIds[1]}`);
    expect(cluster.body.total).toBe(2);
    expect(cluster.body.items.every((r) => r.cluster?.id === s.clusterIds[1])).toBe(true);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
      const page: Page = (await member.get<Page>(`/api/inventory?limit=1${q}`)).body;
      expect(page.items.length).toBe(1);
      seen.push(page.items[0]!.customer.id);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen.length).toBe(4);
    expect(new Set(seen).size).toBe(4);
  });

  it('refuses bad filters with a 400 naming the parameter', async () => {
    const bad = await member.get<{ error: { code: string; message: string } }>('/api/inventory?behind=maybe');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-query');
    const cluster = await member.get<{ error: { code: string } }>('/api/inventory?cluster=release:x');
    expect(cluster.status).toBe(400);
  });
});
