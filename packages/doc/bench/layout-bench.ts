/**
 * Release document layouts compared on one release of 1,000 customers x 50 templates, built by the
 * real commands (build-release.ts) and replayed into each layout (alt-layouts.ts). A script, not a
 * test: it prints figures and asserts only that every layout reads back the reference state.
 *
 *   node packages/doc/scripts/run-ts.mjs packages/doc/bench/layout-bench.ts [--json] [--varied]
 *
 * Per layout: encoded size (V1 and V2 encodings) just activated, with 3,000 and with all 50,000 steps
 * done; bytes each done step adds; Node cold apply (Y.applyUpdate) and read (the document back into a
 * ReleaseState) of the 50,000-done document, median of 3. For the log, also what the incremental path
 * costs with the release all done: a local command through a Workspace, and a remote entry that a merge
 * puts in the middle of the log. And the frozen form of the all-done release (size, freeze, thaw),
 * beside the same state as plain JSON (size, JSON.parse).
 */
import { isDeepStrictEqual } from 'node:util';
import {
  type DomainState,
  markDone,
  type ReleaseId,
  type ReleaseState,
  revertStep,
  type StepId,
  testContext,
} from '@runsheet/domain';
import * as Y from 'yjs';
import {
  freezeRelease,
  type ReleaseChanges,
  readRelease,
  receiveUpdate,
  thawRelease,
  Workspace,
} from '../src/index.ts';
import { LAYOUTS, type Layout, logLayout } from './alt-layouts.ts';
import { type BuiltRelease, buildRelease, type Checkpoint } from './build-release.ts';

const json = process.argv.includes('--json');
/** Templates that fill ten different sets of variables (build-release.ts), the log layout only. */
const varied = process.argv.includes('--varied');
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => `${round(bytes / 1e6, 2)} MB`;

function median(runs: number[]): number {
  const sorted = [...runs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function gc() {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The step states and history must read back as the reference has them. */
function check(layout: Layout, read: ReleaseState, reference: ReleaseState) {
  for (const key of ['stepStates', 'events', 'templates', 'participants', 'revisions'] as const) {
    if (!isDeepStrictEqual(read[key], reference[key]))
      throw new Error(`${layout.name}: ${key} differ from the reference`);
  }
}

interface Row {
  layout: string;
  activatedV1: number;
  activatedV2: number;
  done3000V1: number;
  done3000V2: number;
  done50000V1: number;
  done50000V2: number;
  perDoneStepV1: number;
  perDoneStepV2: number;
  writeMs: number;
  applyV1Ms: number;
  applyV2Ms: number;
  readMs: number;
}

function measure(layout: Layout, releaseId: ReleaseId, checkpoints: Checkpoint[]): Row {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const sizes: Record<string, [number, number]> = {};
  let writeMs = 0;
  let last: DomainState | null = null;
  for (const cp of checkpoints) {
    const [, ms] = time(() => {
      for (const change of cp.changes) layout.apply(doc, change);
    });
    writeMs += ms;
    sizes[cp.name] = [Y.encodeStateAsUpdate(doc).length, Y.encodeStateAsUpdateV2(doc).length];
    last = cp.state;
  }
  const v1 = Y.encodeStateAsUpdate(doc);
  const v2 = Y.encodeStateAsUpdateV2(doc);
  doc.destroy();
  const apply1: number[] = [];
  const apply2: number[] = [];
  const reads: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    const a = new Y.Doc();
    apply1.push(time(() => Y.applyUpdate(a, v1))[1]);
    const [read, readMs] = time(() => layout.read(a, releaseId));
    reads.push(readMs);
    if (i === 0) check(layout, read, last?.releases[releaseId] as ReleaseState);
    a.destroy();
    gc();
    const b = new Y.Doc();
    apply2.push(time(() => Y.applyUpdateV2(b, v2))[1]);
    b.destroy();
  }
  const [a0, a1] = sizes.activated as [number, number];
  const [d0, d1] = sizes.done50000 as [number, number];
  const [m0, m1] = sizes.done3000 as [number, number];
  const steps = checkpoints.at(-1)?.doneSteps ?? 1;
  return {
    layout: layout.name,
    activatedV1: a0,
    activatedV2: a1,
    done3000V1: m0,
    done3000V2: m1,
    done50000V1: d0,
    done50000V2: d1,
    perDoneStepV1: round((d0 - a0) / steps),
    perDoneStepV2: round((d1 - a1) / steps),
    writeMs: round(writeMs, 0),
    applyV1Ms: round(median(apply1), 0),
    applyV2Ms: round(median(apply2), 0),
    readMs: round(median(reads), 0),
  };
}

/**
 * The log's incremental path on the all-done release: open it in a Workspace (cold apply + mirror),
 * then time local commands (revert, mark done again) and a remote entry merged into the middle.
 */
function incremental({ releaseId, checkpoints, catalog }: BuiltRelease) {
  const source = new Y.Doc();
  source.clientID = 1;
  for (const cp of checkpoints) for (const change of cp.changes) logLayout.apply(source, change);
  const bytes = Y.encodeStateAsUpdate(source);
  source.destroy();
  const open = (clientID: number) => {
    const catalogDoc = new Y.Doc();
    Y.applyUpdate(catalogDoc, catalog);
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return { ws: new Workspace({ catalog: catalogDoc }), doc };
  };
  gc();
  const { ws, doc } = open(10);
  const [, applyMs] = time(() => Y.applyUpdate(doc, bytes));
  const [, openMs] = time(() => ws.openRelease(releaseId, doc));
  const ctx = testContext({ device: 'bench', start: '2026-12-01T08:00:00.000Z' });
  const release = ws.state.releases[releaseId] as ReleaseState;
  const stepIds = Object.keys(release.stepStates) as StepId[];
  const commands: number[] = [];
  let emitted: ReleaseChanges | null = null;
  ws.subscribe((c) => {
    if (c.kind === 'release') emitted = c;
  });
  for (let i = 0; i < 40; i++) {
    const stepId = stepIds[(i * 977) % stepIds.length] as StepId;
    ctx.tick();
    commands.push(time(() => ws.run(revertStep, { releaseId, stepId, reason: 'bench' }, ctx))[1]);
    ctx.tick();
    commands.push(time(() => ws.run(markDone, { releaseId, stepId }, ctx))[1]);
  }
  commands.sort((a, b) => a - b);
  // A device that was apart (lower client id): its entry lands before this device's newest entries.
  const apart = open(5);
  Y.applyUpdate(apart.doc, bytes);
  apart.ws.openRelease(releaseId, apart.doc);
  const apartCtx = testContext({ device: 'apart', start: '2026-12-01T09:00:00.000Z' });
  const target = stepIds[12345] as StepId;
  const result = apart.ws.run(revertStep, { releaseId, stepId: target, reason: 'apart' }, apartCtx);
  if (!result.ok) throw new Error(result.error.code);
  const update = Y.encodeStateAsUpdate(apart.doc, Y.encodeStateVector(doc));
  const [, mergeMs] = time(() => receiveUpdate(doc, update, 'remote'));
  const merged = emitted as ReleaseChanges | null;
  const position = release.events.findIndex((e) => e.id === merged?.events[0]?.id);
  if (!isDeepStrictEqual(release.stepStates, readRelease(doc, releaseId).stepStates)) {
    throw new Error('the mirror differs from a cold read after the merge');
  }
  return {
    coldApplyMs: round(applyMs, 0),
    coldOpenMs: round(openMs, 0),
    commandP50Ms: round(commands[Math.floor(commands.length * 0.5)] as number),
    commandP95Ms: round(commands[Math.floor(commands.length * 0.95)] as number),
    remoteMidInsertMs: round(mergeMs),
    remoteLandedAt: `${position} of ${release.events.length}`,
    remoteStepsRefolded: merged?.stepStates.length ?? 0,
  };
}

/** The frozen form of the all-done release (ST-15), beside the same state as plain JSON. */
function frozen({ releaseId, checkpoints }: BuiltRelease) {
  const release = checkpoints.at(-1)?.state.releases[releaseId] as ReleaseState;
  const [bytes, freezeMs] = time(() => freezeRelease(release));
  const thaws: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    const [thawed, ms] = time(() => thawRelease(bytes));
    thaws.push(ms);
    if (i === 0 && !isDeepStrictEqual(thawed, release)) throw new Error('the thawed release differs');
  }
  const json = JSON.stringify(release);
  const parses: number[] = [];
  for (let i = 0; i < 3; i++) {
    gc();
    parses.push(time(() => JSON.parse(json))[1]);
  }
  return {
    frozenBytes: bytes.length,
    freezeMs: round(freezeMs, 0),
    thawMs: round(median(thaws), 0),
    jsonBytes: json.length,
    jsonParseMs: round(median(parses), 0),
  };
}

const [built, buildMs] = time(() => buildRelease(1, { varied }));
const rows = (varied ? [logLayout] : LAYOUTS).map((layout) => {
  gc();
  return measure(layout, built.releaseId, built.checkpoints);
});
const log = incremental(built);
const freeze = frozen(built);
const report = { buildMs: round(buildMs, 0), node: process.version, rows, log, frozen: freeze };
if (json) console.log(JSON.stringify(report, null, 2));
else {
  console.log(`Release built by the domain commands in ${report.buildMs} ms (Node ${process.version}).\n`);
  console.log(
    '| layout | activated V1 / V2 | 3,000 done V1 / V2 | 50,000 done V1 / V2 | bytes per done step V1 / V2 | cold apply V1 / V2 | read |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.layout} | ${mb(r.activatedV1)} / ${mb(r.activatedV2)} | ${mb(r.done3000V1)} / ${mb(r.done3000V2)} | ${mb(r.done50000V1)} / ${mb(r.done50000V2)} | ${r.perDoneStepV1} / ${r.perDoneStepV2} | ${r.applyV1Ms} / ${r.applyV2Ms} ms | ${r.readMs} ms |`,
    );
  }
  console.log('\nLog (schema 3), incremental, release all done:');
  console.log(JSON.stringify(log, null, 2));
  console.log('\nFrozen, release all done (beside the same ReleaseState as JSON):');
  console.log(JSON.stringify(freeze, null, 2));
}
