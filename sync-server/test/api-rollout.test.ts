import { templateStepId } from '@runsheet/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

type Json = Record<string, unknown>;
interface Wave {
  id: string;
  name: string;
  customerIds: string[];
  open: boolean;
  complete: boolean;
  openedBy: string | null;
  lock: string | null;
  gate: {
    readyForSignOff: boolean;
    waitingFor: string[];
    signOffs: Json[];
    openedEarly: Json | null;
  } | null;
}
interface Rollout {
  waves: Wave[];
  halted: { byName: string; reason: string } | null;
  runningWaveId: string | null;
  nextWaveId: string | null;
}
interface ErrorAnswer {
  error: { code: string; field?: string; message: string };
}

describe('REST API: waves, gates and halt (WV-01..WV-09) against a real server and SQLite', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let viewer: ApiClient;
  let s: Seeded;
  let waves: Wave[];
  const base = () => `/api/releases/${s.releaseId}`;
  const step = (customer: number, template: number) =>
    templateStepId(s.customerIds[customer]!, s.templateIds[template]!);
  const done = (customer: number, template: number) =>
    member.post<ErrorAnswer & { step: Json }>(`${base()}/steps/${step(customer, template)}/done`, {});

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    viewer = await signedInUser(admin, 'val', 'viewer');
    // Two clusters of two customers, two steps each.
    s = await seedRelease(t.server, { clusters: 2, customersPerCluster: 2, templates: 2 });
  });
  afterAll(() => t.dispose());

  it('reads a release without waves: no waves, not halted; any signed-in role may read', async () => {
    const res = await viewer.get<{ rollout: Rollout }>(`${base()}/rollout`);
    expect(res.status).toBe(200);
    expect(res.body.rollout).toMatchObject({ waves: [], halted: null, runningWaveId: null });
    const missing = await viewer.get<ErrorAnswer>('/api/releases/release:gone/rollout');
    expect(missing.status).toBe(404);
  });

  it('plans three waves (by customer, by cluster, the rest); viewers get 403', async () => {
    const plan = {
      waves: [
        { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
        { name: 'Region', select: { clusterIds: [s.clusterIds[0]] }, gate: { signOff: true } },
        { name: 'Everyone', gate: { soakMinutes: 120 } },
      ],
    };
    const refused = await viewer.post<ErrorAnswer>(`${base()}/waves`, plan);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    const dup = await member.post<ErrorAnswer>(`${base()}/waves`, {
      waves: [{ name: 'A' }, { name: 'a' }],
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'wave-name-taken', field: 'waves.1.name' });
    const blank = await member.post<ErrorAnswer>(`${base()}/waves`, { waves: [{ name: '  ' }] });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ code: 'invalid-body', field: 'waves.0.name' });
    const res = await member.post<{ rollout: Rollout }>(`${base()}/waves`, plan);
    expect(res.status).toBe(200);
    waves = res.body.rollout.waves;
    expect(waves.map((w) => [w.name, w.customerIds.length])).toEqual([
      ['Canary', 1],
      ['Region', 1],
      ['Everyone', 2],
    ]);
    expect(waves[1]!.customerIds).toEqual([s.customerIds[1]]);
    expect(waves.map((w) => w.open)).toEqual([true, false, false]);
    expect(waves[1]!.lock).toBe('wave-not-open');
  });

  it('refuses done in a closed wave with wave-not-open; sign-off before the gate is ready with gate-not-ready', async () => {
    const closed = await done(1, 0);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('wave-not-open');
    const early = await member.post<ErrorAnswer>(`${base()}/waves/${waves[1]!.id}/sign-off`, {});
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('gate-not-ready');
    const noGate = await member.post<ErrorAnswer>(`${base()}/waves/${waves[0]!.id}/sign-off`, {});
    expect(noGate.body.error.code).toBe('wave-has-no-gate');
  });

  it('runs wave one, then a member signs the gate off (who, when, note) and wave two opens', async () => {
    expect((await done(0, 0)).status).toBe(200);
    expect((await done(0, 1)).status).toBe(200);
    const before = (await member.get<{ rollout: Rollout }>(`${base()}/rollout`)).body.rollout;
    expect(before.waves[0]!.complete).toBe(true);
    expect(before.waves[1]!.gate).toMatchObject({ readyForSignOff: true, waitingFor: ['sign-off'] });
    expect(before.nextWaveId).toBe(waves[1]!.id);

    const path = `${base()}/waves/${waves[1]!.id}/sign-off`;
    const asViewer = await viewer.post<ErrorAnswer>(path, { note: 'looks fine' });
    expect(asViewer.status).toBe(403);
    const res = await member.post<{ rollout: Rollout }>(path, { note: 'canary healthy for 1 h' });
    expect(res.status).toBe(200);
    const region = res.body.rollout.waves[1]!;
    expect(region).toMatchObject({ open: true, openedBy: 'sign-off', lock: null });
    expect(region.gate!.signOffs).toEqual([
      expect.objectContaining({ byName: 'mo', text: 'canary healthy for 1 h', voided: false }),
    ]);
    const again = await member.post<ErrorAnswer>(path, {});
    expect(again.body.error.code).toBe('gate-already-open');
    expect((await done(1, 0)).status).toBe(200);
  });

  it('halts and resumes with reasons: while halted, done is refused with rollout-halted', async () => {
    const noReason = await member.post<ErrorAnswer>(`${base()}/halt`, { reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toMatchObject({ code: 'invalid-body', field: 'reason' });
    expect((await viewer.post<ErrorAnswer>(`${base()}/halt`, { reason: 'x' })).status).toBe(403);
    const halted = await member.post<{ rollout: Rollout }>(`${base()}/halt`, { reason: 'error rate up' });
    expect(halted.status).toBe(200);
    expect(halted.body.rollout.halted).toMatchObject({ byName: 'mo', reason: 'error rate up' });
    expect(halted.body.rollout.waves.map((w) => w.lock)).toEqual([null, 'rollout-halted', 'rollout-halted']);
    const refused = await done(1, 1);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('rollout-halted');
    const twice = await member.post<ErrorAnswer>(`${base()}/halt`, { reason: 'again' });
    expect(twice.body.error.code).toBe('rollout-halted');

    const resumed = await admin.post<{ rollout: Rollout }>(`${base()}/resume`, { reason: 'rolled back db' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.rollout.halted).toBeNull();
    const notHalted = await admin.post<ErrorAnswer>(`${base()}/resume`, { reason: 'again' });
    expect(notHalted.body.error.code).toBe('rollout-not-halted');
    expect((await done(1, 1)).status).toBe(200);
  });

  it('lets only admins open a gate early (during a soak), with a reason that is recorded', async () => {
    const before = (await member.get<{ rollout: Rollout }>(`${base()}/rollout`)).body.rollout;
    expect(before.waves[1]!.complete).toBe(true);
    expect(before.waves[2]).toMatchObject({ open: false, gate: { waitingFor: ['soak'] } });
    const path = `${base()}/waves/${waves[2]!.id}/open`;
    const asMember = await member.post<ErrorAnswer>(path, { reason: 'hurry' });
    expect(asMember.status).toBe(403);
    expect(asMember.body.error.code).toBe('forbidden');
    const res = await admin.post<{ rollout: Rollout }>(path, { reason: 'customer asked for it today' });
    expect(res.status).toBe(200);
    const everyone = res.body.rollout.waves[2]!;
    expect(everyone).toMatchObject({ open: true, openedBy: 'early' });
    expect(everyone.gate!.openedEarly).toMatchObject({ byName: 'Ada', text: 'customer asked for it today' });
  });

  it('refuses replanning once work started, unknown and malformed wave ids, and records every write in the audit log', async () => {
    const replan = await member.post<ErrorAnswer>(`${base()}/waves`, { waves: [] });
    expect(replan.status).toBe(409);
    expect(replan.body.error.code).toBe('rollout-started');
    const unknown = await member.post<ErrorAnswer>(`${base()}/waves/wave:nothing/sign-off`, {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('wave-not-found');
    const malformed = await member.post<ErrorAnswer>(`${base()}/waves/step:x/sign-off`, {});
    expect(malformed.status).toBe(400);
    const extra = await member.post<ErrorAnswer>(`${base()}/halt`, { reason: 'x', by: 'someone' });
    expect(extra.body.error.code).toBe('invalid-body');

    const log = await admin.get<{ items: Json[] }>(`/api/audit?entity=${encodeURIComponent(waves[1]!.id)}`);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'api.write', username: 'mo', status: 200 }),
        expect.objectContaining({ action: 'api.write', username: 'val', status: 403 }),
      ]),
    );
    const halts = await admin.get<{ items: Json[] }>(`/api/audit?entity=${encodeURIComponent(s.releaseId)}`);
    const writes = halts.body.items.filter((e) => e.action === 'api.write');
    expect(writes.length).toBeGreaterThanOrEqual(4);
  });
});
