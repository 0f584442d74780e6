/**
 * Webhook benchmark (a script, not a test: it measures and reports, it asserts nothing). Run with
 * `pnpm --filter @runsheet/sync-server bench:webhooks`; results go to docs/BENCHMARKS.md, "Webhooks".
 *
 * 1. Sync while a receiver hangs (WH-03): two stock y-websocket clients on one release room of a real
 *    server (in this process, SQLite in a temp dir, port 0); client A writes, the time until client B
 *    sees it is the latency. Measured three ways: no webhooks; a webhook whose receiver never answers
 *    while the rollout is halted and resumed every 50 ms (events queue, every attempt held open until the
 *    5 s timeout); the same with events flowing to a receiver that answers at once.
 * 2. The cost of deriving events (read the room's document + releaseEvents), which runs on the server's
 *    thread once per debounced burst of changes of a release: timed on releases of growing size.
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Command, readRelease } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  bulkMarkDone,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  type ReleaseId,
  testContext,
} from '@runsheet/domain';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { loadConfig } from '../src/config.ts';
import { createRunsheetServer, type RunsheetServer } from '../src/server.ts';
import { releaseEvents } from '../src/webhooks/events.ts';

const UPDATES = Number(process.env.BENCH_UPDATES ?? 300);

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function seed(server: RunsheetServer, customers: number, templates: number): Promise<ReleaseId> {
  const ctx = testContext({ device: `bench${customers}x${templates}` });
  const run = async <I, T>(command: Command<I, T>, input: I) =>
    must(await server.workspace.run(command, input, ctx));
  const { clusterId } = await run(createCluster, { name: `cluster ${customers}x${templates}` });
  const ids: CustomerId[] = [];
  for (let c = 0; c < customers; c++) {
    const { customerId } = await run(createCustomer, { clusterId, name: `C ${c}`, namespace: `ns-${c}` });
    ids.push(customerId);
  }
  const { releaseId } = await run(createRelease, {
    name: `R ${customers}x${templates}`,
    type: 'release',
    versionNumber: '1',
  });
  for (let t = 0; t < templates; t++)
    await run(addTemplate, {
      releaseId,
      name: `Step ${t}`,
      category: 'deploy',
      type: 'bash',
      content: `echo ${t}`,
    });
  await run(activateRelease, { releaseId, customerIds: ids });
  // Half the customers done: history to read, completion to count.
  for (const customerId of ids.slice(0, customers / 2))
    await run(bulkMarkDone, { releaseId, customerId, category: 'deploy' });
  return releaseId;
}

function client(url: string, room: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => provider.on('sync', (s: boolean) => s && resolve()));
  return { doc, provider, synced };
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms`;
}

async function receiver(
  mode: 'hang' | 'fast',
): Promise<{ server: Server; url: string; count: () => number }> {
  let n = 0;
  const server = createServer((req, res) => {
    n++;
    req.resume();
    if (mode === 'fast') req.on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, count: () => n };
}

async function latency(
  server: RunsheetServer,
  url: string,
  room: string,
  churn: (() => Promise<void>) | null,
) {
  const a = client(url, room);
  const b = client(url, room);
  await Promise.all([a.synced, b.synced]);
  let stop = false;
  const churning = (async () => {
    while (churn && !stop) {
      await churn();
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  await new Promise((r) => setTimeout(r, 500));
  const out: number[] = [];
  for (let i = 0; i < UPDATES; i++) {
    const started = performance.now();
    const seen = new Promise<void>((resolve) => {
      const check = () => {
        if (b.doc.getMap('probe').get('n') !== i) return;
        b.doc.off('afterTransaction', check);
        resolve();
      };
      b.doc.on('afterTransaction', check);
    });
    a.doc.getMap('probe').set('n', i);
    await seen;
    out.push(performance.now() - started);
  }
  stop = true;
  await churning;
  // Let the last burst be read (debounce) and its events queued before counting.
  await new Promise((r) => setTimeout(r, 1_500));
  a.provider.destroy();
  b.provider.destroy();
  void server;
  return out;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'runsheet-bench-webhooks-'));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dir,
    STATIC_DIR: dir,
    RUNSHEET_OPEN: '1',
  });
  const server = await createRunsheetServer(config, { log: { log() {}, warn() {}, error() {} } });
  const { port } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  try {
    const small = await seed(server, 4, 4);
    const ctx = testContext({ device: 'bench-churn' });
    let flip = false;
    const churn = async () => {
      flip = !flip;
      const result = await server.workspace.runNamed(
        flip ? 'haltRollout' : 'resumeRollout',
        { releaseId: small, reason: 'bench' },
        ctx,
      );
      if (!result.ok) throw new Error(`churn refused: ${result.error.code}`);
    };
    console.log(`Sync latency A → B, ${UPDATES} updates each (one release room, two stock clients)`);
    console.log(`  no webhooks:                       ${stats(await latency(server, url, small, null))}`);
    const hang = await receiver('hang');
    const slow = await server.webhooks.create(
      { url: hang.url, events: ['rollout.halted', 'rollout.resumed'], createdBy: null },
      Date.now(),
    );
    const held = await latency(server, url, small, churn);
    console.log(
      `  receiver never answers, halt/resume every 50 ms: ${stats(held)} (${hang.count()} requests held, ${(await server.webhooks.store.queued()).count} deliveries queued)`,
    );
    await server.webhooks.store.delete(slow.webhook.id);
    const fast = await receiver('fast');
    await server.webhooks.create(
      { url: fast.url, events: ['rollout.halted', 'rollout.resumed'], createdBy: null },
      Date.now(),
    );
    const flowing = await latency(server, url, small, churn);
    console.log(
      `  receiver answers 204, halt/resume every 50 ms:    ${stats(flowing)} (${fast.count()} delivered)`,
    );

    console.log('Deriving events once (full read of the document + releaseEvents), 20 runs each');
    for (const [customers, templates] of [
      [20, 10],
      [100, 20],
      [200, 50],
    ] as const) {
      const releaseId = await seed(server, customers, templates);
      const room = server.relay.loadedRoom(releaseId);
      if (!room) throw new Error('room not loaded');
      const times: number[] = [];
      let count = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const state: DomainState = {
          catalog: server.workspace.state.catalog,
          releases: { [releaseId]: readRelease(room.doc, releaseId) } as DomainState['releases'],
        };
        count = releaseEvents(state, releaseId, new Date().toISOString()).length;
        times.push(performance.now() - t0);
      }
      console.log(
        `  ${customers * templates} steps (${customers} customers × ${templates}): ${stats(times)}, ${count} facts`,
      );
      // WH-12: what the watcher does now: derive from the mirror it keeps current, no document read.
      const incremental: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        count = server.webhooks.watcher.read(releaseId)?.length ?? -1;
        incremental.push(performance.now() - t0);
      }
      console.log(`    incremental (mirror + releaseEvents): ${stats(incremental)}, ${count} facts`);
    }
    for (const s of [hang.server, fast.server]) {
      s.closeAllConnections();
      s.close();
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
