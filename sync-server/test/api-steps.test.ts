import { readRelease } from '@runsheet/doc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/api/body.ts';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced, until } from './helpers/y-client.ts';

type Json = Record<string, unknown>;

describe('REST API: automation writes through the domain commands', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let memberToken: string;
  let seeded: Seeded;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    admin = await setUpAdmin(t.url);
    const m = await signedInUser(admin, 'mo', 'member');
    memberToken = (await m.post<{ secret: string }>('/api/tokens', { name: 'deploy bot' })).body.secret;
    member = new ApiClient(t.url, { Authorization: `Bearer ${memberToken}` });
    seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 2, templates: 2 });
  });
  afterAll(() => t.dispose());

  const stepPath = (step: string, action: string) =>
    `/api/releases/${seeded.releaseId}/steps/${step}/${action}`;

  it('marks a step done, and a stock y-websocket client in the room sees it within 5 s', async () => {
    const device = stockClient(t.url, seeded.releaseId, { params: { token: memberToken } });
    try {
      await synced(device);
      const started = Date.now();
      const seen = until(
        device.doc,
        (doc) => readRelease(doc, seeded.releaseId).stepStates[seeded.firstStep]?.status === 'done',
      );
      const res = await member.post<{ step: Json }>(stepPath(seeded.firstStep, 'done'), {
        notes: 'ran by CI',
      });
      expect(res.status).toBe(200);
      expect(res.body.step).toMatchObject({
        id: seeded.firstStep,
        status: 'done',
        notes: 'ran by CI',
        executedBy: 'mo',
      });
      expect(res.body.step.executedContent).toBe('echo 0 ns-0-0');
      // The content as written, and filled in for this customer (what a pipeline runs).
      expect(res.body.step).toMatchObject({ filledContent: 'echo 0 ns-0-0', unfilledVariables: [] });
      await seen;
      expect(Date.now() - started).toBeLessThan(5_000);
      const events = readRelease(device.doc, seeded.releaseId).events;
      // Actor = the token's user; device = "api".
      const session = await member.get<{ user: { id: string } }>('/api/session');
      expect(events.at(-1)).toMatchObject({
        kind: 'done',
        device: 'api',
        by: session.body.user.id,
        byName: 'mo',
      });
    } finally {
      device.destroy();
    }
  });

  it('reverts with a reason, refuses what the status machine forbids with the domain code', async () => {
    const again = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'done'), {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('step-already-done');
    const locked = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'skip'), { reason: 'no' });
    expect(locked.body.error.code).toBe('step-locked');
    const reverted = await member.post<{ step: Json }>(stepPath(seeded.firstStep, 'revert'), {
      reason: 'wrong namespace',
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body.step).toMatchObject({ status: 'reverted', revertReason: 'wrong namespace' });
    const notDone = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'revert'), {
      reason: 'again',
    });
    expect(notDone.body.error.code).toBe('step-not-done');
  });

  it('skips with a reason; a missing or blank reason is a 400 naming the field', async () => {
    const step = seeded.firstStep.replace(
      seeded.templateIds[0]!.split(':')[1]!,
      seeded.templateIds[1]!.split(':')[1]!,
    );
    for (const body of [{}, { reason: '   ' }, { reason: 42 }]) {
      const res = await member.post<{ error: Json }>(stepPath(step, 'skip'), body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid-body', field: 'reason' });
    }
    const ok = await member.post<{ step: Json }>(stepPath(step, 'skip'), { reason: 'not on this cluster' });
    expect(ok.body.step).toMatchObject({ status: 'skipped', skipReason: 'not on this cluster' });
  });

  it('refuses viewers (403), hostile bodies and ids, and unknown steps (404)', async () => {
    const viewer = await signedInUser(admin, 'val', 'viewer');
    const forbidden = await viewer.post<{ error: Json }>(stepPath(seeded.firstStep, 'done'), {});
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');

    const huge = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'done'), {
      notes: 'x'.repeat(MAX_BODY_BYTES),
    });
    expect(huge.status).toBe(413);
    const tooLong = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'done'), {
      notes: 'x'.repeat(20_001),
    });
    expect(tooLong.body.error).toMatchObject({ code: 'invalid-body', field: 'notes' });
    // Too long, and sent as JSON escapes of characters outside the BMP (12 bytes each, 240 KB): still read
    // whole, so the answer names the field instead of only saying "too large".
    const escaped = await member.request<{ error: Json }>(
      'POST',
      stepPath(seeded.firstStep, 'done'),
      `{"notes": "${'\\ud83d\\ude00'.repeat(20_001)}"}`,
    );
    expect(escaped.body.error).toMatchObject({ code: 'invalid-body', field: 'notes' });
    const extra = await member.post<{ error: Json }>(stepPath(seeded.firstStep, 'done'), {
      notes: 'a',
      status: 'done',
    });
    expect(extra.body.error.code).toBe('invalid-body');
    const notJson = await member.request<{ error: Json }>(
      'POST',
      stepPath(seeded.firstStep, 'done'),
      '{nope',
      {
        'Content-Type': 'application/json',
      },
    );
    expect(notJson.body.error.code).toBe('invalid-json');
    const form = await member.request<{ error: Json }>('POST', stepPath(seeded.firstStep, 'done'), 'a=b', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
    const crossSite = await member.post<{ error: Json }>(
      stepPath(seeded.firstStep, 'done'),
      {},
      { Origin: 'https://evil.example' },
    );
    expect(crossSite.body.error.code).toBe('cross-origin');

    const badStep = await member.post<{ error: { code: string; message: string } }>(
      stepPath('step:has space', 'done'),
      {},
    );
    expect(badStep.status).toBe(400);
    expect(badStep.body.error.message).toMatch(/stepId: .*not a valid step id part/);
    const unknown = await member.post<{ error: Json }>(stepPath('step:nobody.nothing', 'done'), {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('step-not-found');
    const noRelease = await member.post<{ error: Json }>(
      `/api/releases/release:gone/steps/${seeded.firstStep}/done`,
      {},
    );
    expect(noRelease.status).toBe(404);
  });
});
