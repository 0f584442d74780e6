import { templateStepId } from '@runsheet/domain';
import { WEBHOOK_EVENT_TYPES } from '@runsheet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySignature } from '../src/webhooks/signature.ts';
import { type ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { startReceiver } from './helpers/webhook-receiver.ts';
import { stockClient, synced, until } from './helpers/y-client.ts';

interface Webhook {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  secretHint: string;
}
interface Delivery {
  id: number;
  eventId: string;
  eventType: string;
  attempt: number;
  status: number | null;
  error: string | null;
  ok: boolean;
  durationMs: number;
}
interface ErrorAnswer {
  error: { code: string; field?: string; message: string };
}

// Every event type the protocol offers (one list: a type added there is subscribed here too).
const ALL_EVENTS = [...WEBHOOK_EVENT_TYPES];
const SECRET = 'a-shared-secret-of-some-length';

describe('Outgoing webhooks (WH-01..WH-09) against a real server, SQLite and a real HTTP receiver', () => {
  let t: TestServer;
  let admin: ApiClient;
  let member: ApiClient;
  let viewer: ApiClient;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  const create = async (path: string, body: Record<string, unknown> = {}) => {
    const res = await admin.post<{ webhook: Webhook; secret: string }>('/api/webhooks', {
      url: receiver.url(path),
      events: ALL_EVENTS,
      secret: SECRET,
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body.webhook;
  };
  const deliveries = async (id: string) =>
    (await admin.get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries`)).body.items;

  beforeAll(async () => {
    receiver = await startReceiver();
    t = await startTestServer({
      env: { RUNSHEET_OPEN: '0' },
      // A long attempt timeout: if the relay waited for a receiver anywhere, the sync test would hang.
      overrides: {
        webhooks: { debounceMs: 20, recheckMs: 200, backoffMs: 40, backoffCapMs: 200, timeoutMs: 1_500 },
      },
    });
    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    viewer = await signedInUser(admin, 'val', 'viewer');
  });
  afterAll(async () => {
    await t.dispose();
    await receiver.close();
  });

  it('WH-08 admins only: members and viewers get 403 on every webhook route; every call is audited', async () => {
    const hook = await create('/roles');
    for (const who of [member, viewer]) {
      const answers = await Promise.all([
        who.get<ErrorAnswer>('/api/webhooks'),
        who.post<ErrorAnswer>('/api/webhooks', { url: receiver.url('/x'), events: ['gate.opened'] }),
        who.patch<ErrorAnswer>(`/api/webhooks/${hook.id}`, { enabled: false }),
        who.request<ErrorAnswer>('DELETE', `/api/webhooks/${hook.id}`),
        who.get<ErrorAnswer>(`/api/webhooks/${hook.id}/deliveries`),
        who.post<ErrorAnswer>(`/api/webhooks/${hook.id}/test`),
      ]);
      expect(answers.map((a) => a.status)).toEqual([403, 403, 403, 403, 403, 403]);
      expect(answers[0]!.body.error.code).toBe('forbidden');
    }
    expect((await admin.get(`/api/webhooks/${hook.id}/deliveries`)).status).toBe(200);
    expect((await admin.request('DELETE', `/api/webhooks/${hook.id}`)).status).toBe(204);
    expect((await admin.request('DELETE', `/api/webhooks/${hook.id}`)).status).toBe(404);
    const rows = await t.server.storage.audit.query({ entity: hook.id, limit: 10 });
    expect(rows.map((r) => [r.action, r.method, r.status])).toEqual([
      ['api.write', 'DELETE', 404],
      ['api.write', 'DELETE', 204],
      ['api.read', 'GET', 200],
    ]);
    const created = await t.server.storage.audit.query({ entity: 'webhooks', limit: 10 });
    expect(created.map((r) => [r.action, r.method])).toContainEqual(['api.write', 'POST']);
  });

  it('WH-01 refuses non-http(s) URLs and short secrets beside the field; the secret is answered once', async () => {
    for (const url of ['ftp://example.com/x', 'file:///etc/passwd', 'not a url', 'http://u:p@example.com/']) {
      const res = await admin.post<ErrorAnswer>('/api/webhooks', { url, events: ['gate.opened'] });
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'invalid-body', field: 'url' });
    }
    const noEvents = await admin.post<ErrorAnswer>('/api/webhooks', { url: receiver.url('/e'), events: [] });
    expect(noEvents.body.error).toMatchObject({ code: 'invalid-body', field: 'events' });
    const short = await admin.post<ErrorAnswer>('/api/webhooks', {
      url: receiver.url('/e'),
      events: ['gate.opened'],
      secret: 'short',
    });
    expect(short.body.error).toMatchObject({ code: 'invalid-body', field: 'secret' });

    const made = await admin.post<{ webhook: Webhook; secret: string }>('/api/webhooks', {
      url: receiver.url('/made'),
      events: ['gate.opened'],
    });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^whsec_/);
    const list = await admin.get<{ webhooks: Webhook[] }>('/api/webhooks');
    const listed = list.body.webhooks.find((w) => w.id === made.body.webhook.id)!;
    expect(listed.secretHint).toBe(`…${made.body.secret.slice(-4)}`);
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    await admin.request('DELETE', `/api/webhooks/${listed.id}`);
  });

  it('WH-05 signs each request (HMAC-SHA256 of "t.body"); the admin reads the delivery in the log', async () => {
    const hook = await create('/signed');
    const sent = await admin.post<{ eventId: string }>(`/api/webhooks/${hook.id}/test`);
    expect(sent.status).toBe(202);
    await receiver.until(() => receiver.at('/signed').length === 1);
    const [request] = receiver.at('/signed');
    const header = String(request!.headers['runsheet-signature']);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const now = Math.floor(Date.now() / 1000);
    expect(verifySignature(SECRET, header, request!.body, now)).toBe(true);
    expect(verifySignature('another-secret-entirely', header, request!.body, now)).toBe(false);
    expect(verifySignature(SECRET, header, `${request!.body} `, now)).toBe(false);
    expect(request!.headers['runsheet-event']).toBe('webhook.test');
    expect(request!.headers['runsheet-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    expect(request!.json).toMatchObject({ id: sent.body.eventId, type: 'webhook.test' });
    await t.server.webhooks.dispatcher.idle();
    expect(await deliveries(hook.id)).toMatchObject([
      { eventId: sent.body.eventId, eventType: 'webhook.test', attempt: 1, status: 204, ok: true },
    ]);
    await admin.request('DELETE', `/api/webhooks/${hook.id}`);
  });

  it('WH-06 retries after a 500 with backoff, then succeeds; a disabled webhook is sent nothing', async () => {
    receiver.script('/flaky', [500, 503, 200]);
    const hook = await create('/flaky');
    await admin.post(`/api/webhooks/${hook.id}/test`);
    await receiver.until(() => receiver.at('/flaky').length === 3);
    await t.server.webhooks.dispatcher.idle();
    const log = await deliveries(hook.id);
    expect(log.map((d) => [d.attempt, d.status, d.ok])).toEqual([
      [3, 200, true],
      [2, 503, false],
      [1, 500, false],
    ]);
    // The same delivery id on every attempt: receivers dedupe on it (or on the event id).
    expect(new Set(receiver.at('/flaky').map((r) => r.headers['runsheet-delivery'])).size).toBe(1);

    const disabled = await admin.patch<{ webhook: Webhook }>(`/api/webhooks/${hook.id}`, { enabled: false });
    expect(disabled.body.webhook.enabled).toBe(false);
    expect((await admin.post<ErrorAnswer>(`/api/webhooks/${hook.id}/test`)).status).toBe(404);
    await admin.request('DELETE', `/api/webhooks/${hook.id}`);
  });

  describe('events derived from the release (WH-02, WH-03, WH-04)', () => {
    let s: Seeded;
    let hook: Webhook;
    const base = () => `/api/releases/${s.releaseId}`;
    const step = (customer: number, template: number) =>
      templateStepId(s.customerIds[customer]!, s.templateIds[template]!);
    const types = () => receiver.at('/events').map((r) => r.json.type);
    const waitFor = (type: string, count = 1) =>
      receiver.until(() => types().filter((x) => x === type).length >= count);

    beforeAll(async () => {
      s = await seedRelease(t.server, { clusters: 1, customersPerCluster: 2, templates: 2 });
      hook = await create('/events');
    });
    afterAll(async () => {
      await admin.request('DELETE', `/api/webhooks/${hook.id}`);
    });

    it('WH-02 sends halt and resume, with who and why', async () => {
      expect((await member.post(`${base()}/halt`, { reason: 'error rate up' })).status).toBe(200);
      await waitFor('rollout.halted');
      expect((await member.post(`${base()}/resume`, { reason: 'fixed' })).status).toBe(200);
      await waitFor('rollout.resumed');
      const halted = receiver.at('/events').find((r) => r.json.type === 'rollout.halted')!.json;
      expect(halted).toMatchObject({
        reason: 'error rate up',
        by: { name: 'mo' },
        release: { id: s.releaseId, name: 'Spring release' },
      });
      expect(halted.id).toMatch(/^evt_[0-9a-f]{32}$/);
    });

    it('WH-02 sends gate ready for sign-off, wave complete, gate opened and release complete', async () => {
      const plan = await member.post<{ rollout: { waves: Array<{ id: string }> } }>(`${base()}/waves`, {
        waves: [
          { name: 'Canary', select: { customerIds: [s.customerIds[0]] } },
          { name: 'Everyone', gate: { previousComplete: true, signOff: true } },
        ],
      });
      expect(plan.status).toBe(200);
      const [, everyone] = plan.body.rollout.waves;
      for (const template of [0, 1])
        expect((await member.post(`${base()}/steps/${step(0, template)}/done`, {})).status).toBe(200);
      await waitFor('wave.completed');
      await waitFor('gate.ready_for_sign_off');
      const ready = receiver.at('/events').find((r) => r.json.type === 'gate.ready_for_sign_off')!.json;
      expect(ready).toMatchObject({ wave: { id: everyone!.id, name: 'Everyone', index: 1 } });
      expect(types()).not.toContain('gate.opened');

      expect((await member.post(`${base()}/waves/${everyone!.id}/sign-off`, { note: 'ok' })).status).toBe(
        200,
      );
      await waitFor('gate.opened');
      for (const template of [0, 1])
        expect((await member.post(`${base()}/steps/${step(1, template)}/done`, {})).status).toBe(200);
      await waitFor('release.completed');
      expect(types().filter((x) => x === 'wave.completed')).toHaveLength(2);
    });

    it('WH-02 sends step skipped and reverted; WH-04 never sends one event twice', async () => {
      expect((await member.post(`${base()}/steps/${step(1, 0)}/revert`, { reason: 'redo it' })).status).toBe(
        200,
      );
      await waitFor('step.reverted');
      expect((await member.post(`${base()}/steps/${step(1, 0)}/skip`, { reason: 'not needed' })).status).toBe(
        200,
      );
      await waitFor('step.skipped');
      const skipped = receiver.at('/events').find((r) => r.json.type === 'step.skipped')!.json;
      expect(skipped).toMatchObject({ reason: 'not needed', step: { id: step(1, 0) } });
      await t.server.webhooks.dispatcher.idle();
      // Re-publishing what was sent (a second relay, a replay) sends nothing new.
      const before = receiver.at('/events').length;
      await t.server.webhooks.dispatcher.publish(receiver.at('/events').map((r) => r.json as never));
      await t.server.webhooks.dispatcher.idle();
      expect(receiver.at('/events').length).toBe(before);
      const ids = receiver.at('/events').map((r) => r.json.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('WH-03 a receiver that never answers does not delay sync between two clients', async () => {
      receiver.script('/hang', ['hang']);
      const slow = await create('/hang', { events: ['rollout.halted', 'rollout.resumed'] });
      const headers = { Cookie: admin.cookie!, Origin: t.url };
      const a = stockClient(t.url, s.releaseId, { headers });
      const b = stockClient(t.url, s.releaseId, { headers });
      try {
        await Promise.all([synced(a), synced(b)]);
        // Events that go to the receiver that hangs: both of its delivery slots are held open (WH-06).
        for (let i = 0; i < 2; i++) {
          await member.post(`${base()}/halt`, { reason: `hold ${i}` });
          await member.post(`${base()}/resume`, { reason: `go ${i}` });
        }
        await receiver.until(() => receiver.hanging.size >= 2);
        const latencies: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          a.doc.getMap('probe').set('n', i);
          await until(b.doc, (doc) => doc.getMap('probe').get('n') === i);
          latencies.push(performance.now() - started);
        }
        expect(receiver.hanging.size).toBeGreaterThanOrEqual(1);
        latencies.sort((x, y) => x - y);
        console.log(
          `WH-03 sync between two clients while the receiver hangs (${receiver.hanging.size} requests held): ` +
            `median ${latencies[10]!.toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms over 20 updates`,
        );
      } finally {
        a.destroy();
        b.destroy();
      }
      // The held requests are cut off after the attempt timeout and logged as such.
      await expect
        .poll(
          async () => (await deliveries(slow.id)).some((d) => d.error === 'timeout' && d.status === null),
          {
            timeout: 5_000,
          },
        )
        .toBe(true);
      await admin.request('DELETE', `/api/webhooks/${slow.id}`);
    });
  });
});
