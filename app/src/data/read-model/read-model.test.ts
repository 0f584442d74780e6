import type { Command } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  markDone,
  packedStepStatesOf,
  type ReleaseId,
  resolveStep,
  setNotes,
  stepHistory,
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalData } from '../local-data.ts';
import { freshIndexedDB, openTestData } from '../test-db.ts';
import { ReadModel, type ReleaseRead, type ReleaseView } from './read-model.ts';

const open: Array<{ data: LocalData; model?: ReadModel }> = [];

afterEach(async () => {
  for (const { data, model } of open.splice(0)) {
    model?.destroy();
    await data.close();
  }
});

async function start(idb: ReturnType<typeof freshIndexedDB>) {
  const data = await openTestData(idb);
  const entry: { data: LocalData; model?: ReadModel } = { data };
  open.push(entry);
  return entry;
}

function runner(data: LocalData) {
  const ctx = testContext({ device: 'rm' });
  return <I, T>(command: Command<I, T>, input: I): T => {
    ctx.tick();
    const result: CommandResult<T> = data.run(command, input, ctx);
    if (!result.ok) throw new Error(result.error.code);
    return result.value;
  };
}

/** A release of two customers x two templates, one step done, stored; the device then closes. */
async function storedRelease(idb: ReturnType<typeof freshIndexedDB>) {
  const { data } = await start(idb);
  const run = runner(data);
  const clusterId = run(createCluster, { name: 'prod' }).clusterId;
  const acme = run(createCustomer, { clusterId, name: 'Acme', namespace: 'acme' }).customerId;
  const beta = run(createCustomer, { clusterId, name: 'Beta', namespace: 'beta' }).customerId;
  const releaseId = run(createRelease, { name: 'Spring', type: 'release', versionNumber: '1.0.0' }).releaseId;
  const tpl = (name: string) =>
    run(addTemplate, { releaseId, name, category: 'deploy', type: 'bash', content: `echo ${name}` })
      .templateId;
  const migrate = tpl('Migrate');
  const deploy = tpl('Deploy');
  run(activateRelease, { releaseId });
  run(markDone, { releaseId, stepId: templateStepId(acme, migrate) });
  const expected = structuredClone(data.state.releases[releaseId]);
  await data.close();
  open.splice(0);
  return { releaseId, acme, beta, migrate, deploy, expected };
}

/** Resolves with the first read of `releaseId` that `accept` takes. */
function nextRead(model: ReadModel, releaseId: ReleaseId, accept: (read: ReleaseRead) => boolean) {
  return new Promise<ReleaseRead>((resolve) => {
    const check = () => {
      const read = model.release(releaseId);
      if (!accept(read)) return;
      off();
      resolve(read);
    };
    const off = model.subscribeRelease(releaseId, check);
    check();
  });
}

/** Holds every document `data` opens back until the returned function is called. */
function holdDocuments(data: LocalData): () => void {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const openRelease = data.openRelease.bind(data);
  data.openRelease = async (id) => {
    await held;
    return openRelease(id);
  };
  return release;
}

const ready = (read: ReleaseRead): ReleaseView => {
  if (read.status !== 'ready') throw new Error(`release is ${read.status}`);
  return read;
};

describe('the read model', () => {
  it('RM-01: paints a release from its stored copy while the document loads, then follows the document', async () => {
    const idb = freshIndexedDB();
    const s = await storedRelease(idb);
    const entry = await start(idb);
    const { data } = entry;
    // Hold the document back, as a large one would be while it is applied.
    const release = holdDocuments(data);
    const model = new ReadModel(data);
    entry.model = model;

    const first = ready(await nextRead(model, s.releaseId, (r) => r.status === 'ready'));
    expect(first.source).toBe('stored');
    // The steps come first; the history follows, and the copy is then the whole release.
    expect(first.state.releases[s.releaseId]?.stepStates).toEqual(s.expected?.stepStates);
    expect(first.release.name).toBe('Spring');
    const stored = ready(
      await nextRead(model, s.releaseId, (r) => r.status === 'ready' && r.history === 'ready'),
    );
    expect(stored.source).toBe('stored');
    expect(stored.state.releases[s.releaseId]).toEqual(s.expected);

    release();
    const live = ready(
      await nextRead(model, s.releaseId, (r) => r.status === 'ready' && r.source === 'document'),
    );
    expect(live.state.releases[s.releaseId]).toEqual(s.expected);
    expect(live.version).toBeGreaterThan(stored.version);
    expect(data.isLoaded(s.releaseId)).toBe(true);
  });

  it('RM-09 a live release paints from its stored copy with the step states packed, and builds them once the page is idle', async () => {
    const idb = freshIndexedDB();
    const s = await storedRelease(idb);
    const idle: Array<() => void> = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    try {
      const entry = await start(idb);
      const { data } = entry;
      // The document held back, as a large one is while it is applied in slices.
      const release = holdDocuments(data);
      const model = new ReadModel(data);
      entry.model = model;
      const stored = ready(
        await nextRead(model, s.releaseId, (r) => r.status === 'ready' && r.history === 'ready'),
      );
      expect(stored.source).toBe('stored');
      const copy = stored.state.releases[s.releaseId];
      // Packed for the first paint: the matrix reads the columns, no step state is built.
      expect(packedStepStatesOf(copy)?.size).toBe(Object.keys(s.expected?.stepStates ?? {}).length);
      for (let i = 0; i < 200 && idle.length === 0; i++) await new Promise((r) => setTimeout(r, 0));
      expect(packedStepStatesOf(copy)).toBeDefined();
      // Idle: built a few buckets per task, the same states as the document's.
      for (const callback of idle.splice(0)) callback();
      for (let i = 0; i < 200 && packedStepStatesOf(copy); i++) await new Promise((r) => setTimeout(r, 0));
      expect(packedStepStatesOf(copy)).toBeUndefined();
      expect(copy?.stepStates).toEqual(s.expected?.stepStates);
      release();
      await nextRead(model, s.releaseId, (r) => r.status === 'ready' && r.source === 'document');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('RM-02: shows a command in the same tick, status, notes and history from one release state', async () => {
    const idb = freshIndexedDB();
    const s = await storedRelease(idb);
    const entry = await start(idb);
    const model = new ReadModel(entry.data);
    entry.model = model;
    await model.loaded(s.releaseId);
    const before = ready(model.release(s.releaseId));
    expect(before.source).toBe('document');

    const run = runner(entry.data);
    const stepId = templateStepId(s.beta, s.deploy);
    run(markDone, { releaseId: s.releaseId, stepId });
    run(setNotes, { releaseId: s.releaseId, stepId, notes: 'after 18:00' });
    // No await: the view moved with the command.
    const after = ready(model.release(s.releaseId));
    expect(after.version).toBeGreaterThan(before.version);
    const step = resolveStep(after.state, s.releaseId, stepId);
    expect([step?.status, step?.notes]).toEqual(['done', 'after 18:00']);
    const history = stepHistory(after.state, s.releaseId, stepId).map((e) => e.event.kind);
    expect(history).toEqual(['done', 'notes']);
  });

  it('RM-03: follows the catalog, and a release hears its own changes and the catalog, not others', async () => {
    const idb = freshIndexedDB();
    const s = await storedRelease(idb);
    const entry = await start(idb);
    const model = new ReadModel(entry.data);
    entry.model = model;
    const run = runner(entry.data);
    await model.loaded(s.releaseId);
    const other = run(createRelease, { name: 'Autumn', type: 'hotfix' }).releaseId;
    await model.loaded(other);

    const catalogBefore = model.catalog().version;
    const releaseBefore = model.release(s.releaseId).version;
    run(addTemplate, { releaseId: other, name: 'X', category: 'deploy', type: 'text', content: 'x' });
    expect(model.release(s.releaseId).version).toBe(releaseBefore);
    expect(model.catalog().version).toBe(catalogBefore);

    const clusterId = Object.keys(model.catalog().catalog.clusters)[0] as never;
    run(createCustomer, { clusterId, name: 'Cobalt', namespace: 'cobalt' });
    expect(model.catalog().version).toBeGreaterThan(catalogBefore);
    expect(Object.values(model.catalog().catalog.customers).map((c) => c.name)).toContain('Cobalt');
    expect(model.release(s.releaseId).version).toBeGreaterThan(releaseBefore);
  });

  it('RM-03: says a release is missing until the catalog has it', async () => {
    const entry = await start(freshIndexedDB());
    const model = new ReadModel(entry.data);
    entry.model = model;
    const unknown = 'release:none' as ReleaseId;
    expect(model.release(unknown).status).toBe('missing');
    const run = runner(entry.data);
    const releaseId = run(createRelease, { name: 'New', type: 'release', versionNumber: '2.0.0' }).releaseId;
    const read = await nextRead(model, releaseId, (r) => r.status === 'ready');
    expect(ready(read).state.releases[releaseId]?.templates).toEqual({});
  });

  it('RM-01: the stored copy equals the document for every customer and step', async () => {
    const idb = freshIndexedDB();
    const s = await storedRelease(idb);
    const entry = await start(idb);
    const model = new ReadModel(entry.data);
    entry.model = model;
    await model.loaded(s.releaseId);
    const doc = entry.data.state.releases[s.releaseId];
    const { readStoredRelease } = await import('../stored-release.ts');
    const stored = await readStoredRelease(entry.data.db, s.releaseId, { lazyEvents: true });
    expect(stored).toEqual(doc);
    for (const customerId of [s.acme, s.beta] as CustomerId[]) {
      for (const templateId of [s.migrate, s.deploy] as TemplateId[]) {
        const id = templateStepId(customerId, templateId);
        expect(stored.stepStates[id]).toEqual(doc?.stepStates[id]);
      }
    }
  });
});
