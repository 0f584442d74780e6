// WV-11: one wave through the REST API: read it, rename it and change its gate, move customers into it,
// delete it. Members and admins write, viewers read only (403), every call audited. A real server, SQLite.
import { templateStepId } from '@runsheet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

interface Wave {
  id: string;
  name: string;
  index: number;
  customerIds: string[];
  open: boolean;
  settings: { previousComplete?: boolean; signOff?: boolean; soakMinutes?: number };
  gate: { waitingFor: string[] } | null;
}
interface ErrorAnswer {
  error: { code: string; field?: string; message: string };
}

describe('REST API: one wave (WV-11) against a real server and SQLite', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let viewer: ApiClient;
  let s: Seeded;
  let waves: Wave[];
  const base = () => `/api/releases/${s.releaseId}`;
  const wave = (n: number) => `${base()}/waves/${waves[n]!.id}`;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    viewer = await signedInUser(admin, 'val', 'viewer');
    s = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 1 });
    const plan = await member.post<{ rollout: { waves: Wave[] } }>(`${base()}/waves`, {
      waves: [
        { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
        { name: 'Region', select: { clusterIds: [s.clusterIds[0]] } },
        { name: 'Everyone' },
      ],
    });
    expect(plan.status).toBe(200);
    waves = plan.body.rollout.waves;
  });
  afterAll(() => t.dispose());

  it('WV-11 any signed-in role reads one wave with its gate and the halt; unknown waves are 404 wave-not-found', async () => {
    const res = await viewer.get<{ wave: Wave; halted: unknown }>(wave(1));
    expect(res.status).toBe(200);
    expect(res.body.wave).toMatchObject({
      id: waves[1]!.id,
      name: 'Region',
      index: 1,
      customerIds: [s.customerIds[1]],
      open: false,
    });
    expect(res.body.wave.gate?.waitingFor).toEqual(['previous-complete']);
    expect(res.body.halted).toBeNull();
    const unknown = await viewer.get<ErrorAnswer>(`${base()}/waves/wave:nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('wave-not-found');
    expect((await viewer.get<ErrorAnswer>(`/api/releases/release:gone/waves/${waves[0]!.id}`)).status).toBe(
      404,
    );
  });

  it('WV-11 members rename a wave and change its gate; viewers get 403 and nothing changes', async () => {
    const refused = await viewer.patch<ErrorAnswer>(wave(1), { name: 'Nope' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const changed = await member.patch<{ rollout: { waves: Wave[] } }>(wave(1), {
      name: 'Region one',
      gate: { signOff: true, soakMinutes: 30 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.rollout.waves[1]).toMatchObject({
      name: 'Region one',
      settings: { signOff: true, soakMinutes: 30 },
    });
    const taken = await member.patch<ErrorAnswer>(wave(1), { name: 'canary' });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'wave-name-taken', field: 'name' });
    const blank = await member.patch<ErrorAnswer>(wave(1), { name: '  ' });
    expect(blank.status).toBe(400);
    expect((await viewer.get<{ wave: Wave }>(wave(1))).body.wave.name).toBe('Region one');
  });

  it('WV-11 members move customers into a wave by cluster; viewers get 403', async () => {
    expect(
      (await viewer.post<ErrorAnswer>(`${wave(1)}/members`, { select: { clusterIds: [s.clusterIds[1]] } }))
        .status,
    ).toBe(403);
    const moved = await member.post<{ rollout: { waves: Wave[] } }>(`${wave(1)}/members`, {
      select: { clusterIds: [s.clusterIds[1]] },
    });
    expect(moved.status).toBe(200);
    expect([...moved.body.rollout.waves[1]!.customerIds].sort()).toEqual(
      [s.customerIds[1], s.customerIds[2], s.customerIds[3]].sort(),
    );
    const none = await member.post<ErrorAnswer>(`${wave(1)}/members`, { select: { customerIds: [] } });
    expect(none.body.error.code).toBe('no-customers-selected');
  });

  it('WV-11 members add a wave at the end, closed until its gate opens; viewers get 403', async () => {
    const body = { name: 'Late', select: { customerIds: [s.customerIds[3]] }, gate: { signOff: true } };
    expect((await viewer.post<ErrorAnswer>(`${base()}/add-wave`, body)).status).toBe(403);
    const added = await member.post<{ rollout: { waves: Wave[] } }>(`${base()}/add-wave`, body);
    expect(added.status).toBe(200);
    const late = added.body.rollout.waves.at(-1)!;
    expect(late).toMatchObject({ name: 'Late', customerIds: [s.customerIds[3]], open: false });
    expect(late.settings).toMatchObject({ signOff: true });
    const again = await member.post<ErrorAnswer>(`${base()}/add-wave`, { name: 'late' });
    expect(again.body.error).toMatchObject({ code: 'wave-name-taken', field: 'name' });
    expect(
      (await member.request<{ rollout: { waves: Wave[] } }>('DELETE', `${base()}/waves/${late.id}`)).status,
    ).toBe(200);
  });

  it('WV-11 members delete a wave nobody worked in: its customers go to the last wave; viewers get 403', async () => {
    expect((await viewer.request<ErrorAnswer>('DELETE', wave(1))).status).toBe(403);
    const gone = await member.request<{ rollout: { waves: Wave[] } }>('DELETE', wave(1));
    expect(gone.status).toBe(200);
    expect(gone.body.rollout.waves.map((w) => w.name)).toEqual(['Canary', 'Everyone']);
    expect([...gone.body.rollout.waves[1]!.customerIds].sort()).toEqual(
      [s.customerIds[1], s.customerIds[2], s.customerIds[3]].sort(),
    );
    expect((await member.request<ErrorAnswer>('DELETE', wave(1))).status).toBe(404);
    // Work done in the first wave: it can no longer be deleted.
    const stepId = templateStepId(s.customerIds[0]!, s.templateIds[0]!);
    expect((await member.post(`${base()}/steps/${stepId}/done`, {})).status).toBe(200);
    const busy = await member.request<ErrorAnswer>('DELETE', wave(0));
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('wave-has-work');
  });

  it('WV-11 every call is in the access audit, reads as api.read and writes as api.write, under the wave id', async () => {
    const rows = await t.server.storage.audit.query({ entity: waves[1]!.id, limit: 50 });
    const seen = new Set(rows.map((r) => `${r.action} ${r.method} ${r.status}`));
    for (const expected of [
      'api.read GET 200',
      'api.write PATCH 200',
      'api.write PATCH 403',
      'api.write POST 200',
      'api.write POST 403',
      'api.write DELETE 200',
      'api.write DELETE 403',
    ])
      expect(seen, expected).toContain(expected);
  });
});
