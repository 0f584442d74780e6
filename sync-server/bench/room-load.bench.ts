/**
 * Cold room read, storage alone (a script, not a test): how long `rooms.load` takes for a compacted room of
 * 2 MB and 10 MB on PostgreSQL (a real server from scripts/engines.mjs, fsync on) and on SQLite, and what a
 * relay then does with it (apply to a fresh document, encode the copy a new client is sent). The engines
 * take turns, run by run. `pnpm --filter @runsheet/sync-server bench:room-load`; BENCH_RUNS (default 15).
 * Results: docs/BENCHMARKS.md, "Several relays".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { startPostgres } from '../../scripts/engines.mjs';
import type { Storage } from '../src/storage/contract.ts';
import { openPostgresStorage } from '../src/storage/postgres/index.ts';
import { openSqliteStorage } from '../src/storage/sqlite/index.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const round = (n: number) => Math.round(n * 10) / 10;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.floor(sorted.length / 2)]!);
};

/** A document of about `bytes`: entries of 1,000 characters, as in bench:cluster's cold phase. */
function bigUpdate(bytes: number): Uint8Array {
  const doc = new Y.Doc();
  const map = doc.getMap('steps');
  doc.transact(() => {
    for (let i = 0; i < Math.round(bytes / 1030); i++)
      map.set(`step-${i}`, `${i}:${Math.random().toString(36).repeat(80)}`.slice(0, 1000));
  });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

async function main() {
  const postgres = await startPostgres({ durable: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'runsheet-bench-load-'));
  const engines: Array<[string, Storage]> = [
    ['postgres', await openPostgresStorage(postgres.url, { log: console })],
    ['sqlite', openSqliteStorage(dataDir)],
  ];
  const report: Record<string, unknown> = { loadavgAtStart: loadavg().map(round) };
  try {
    for (const [label, size] of [
      ['2MB', 2 * 1024 * 1024],
      ['10MB', 10 * 1024 * 1024],
    ] as const) {
      const update = bigUpdate(size);
      const room = `release:load-${label}`;
      for (const [, storage] of engines) {
        // Stored and compacted as the relay leaves it: one row holding the whole document.
        const last = await storage.rooms.append(room, [update]);
        await storage.rooms.compact(room, update, last);
      }
      const read = new Map(engines.map(([name]) => [name, [] as number[]]));
      const whole = new Map(engines.map(([name]) => [name, [] as number[]]));
      for (let run = 0; run < RUNS; run++) {
        for (const [name, storage] of engines) {
          const started = performance.now();
          const loaded = await storage.rooms.load(room);
          const readAt = performance.now();
          const doc = new Y.Doc();
          Y.applyUpdate(doc, loaded.updates[0]!);
          Y.encodeStateAsUpdate(doc);
          doc.destroy();
          read.get(name)!.push(readAt - started);
          whole.get(name)!.push(performance.now() - started);
          if (loaded.updates[0]!.byteLength !== update.byteLength) throw new Error(`${name}: wrong size`);
        }
      }
      for (const [name] of engines) {
        report[`${label} ${name}`] = {
          bytes: update.byteLength,
          readP50Ms: median(read.get(name)!),
          readAndApplyP50Ms: median(whole.get(name)!),
        };
      }
    }
    report.loadavgAtEnd = loadavg().map(round);
  } finally {
    for (const [, storage] of engines) await storage.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(report, null, 2));
}

await main();
