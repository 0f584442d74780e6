/**
 * The import as the worker builds it and the page applies it: the same documents, the same stored data
 * and the same projection as the one-command import (IO-05), in a restore and in a merge, stored whole.
 */
import { readCatalog, readRelease } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  type CommandResult,
  createCluster,
  createCustomer,
  createRelease,
  emptyState,
  exportWorkspace,
  importWorkspace,
  markDone,
  planImport,
  type ReleaseId,
  run,
  serializeWorkspace,
  skipStep,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { LocalData } from '@/data';
import { loadDoc } from '@/data/doc-storage';
import { readStoredRelease } from '@/data/stored-release';
import { freshIndexedDB, openTestData } from '@/data/test-db';
import { backupWorkspace, openAllReleases } from '@/data/workspace-backup';
import { applyImport, snapshotDocs } from './apply-import.ts';
import { buildUpdates, type ImportProgress, planAndBuild, readImportFile } from './import-pipeline.ts';

const open: LocalData[] = [];
afterEach(async () => {
  for (const data of open.splice(0)) await data.close();
});

async function start(idb = freshIndexedDB()) {
  const data = await openTestData(idb);
  open.push(data);
  return { data, idb };
}

/** A workspace as a file: two customers, a release with every step state kind, an unknown field. */
function fileText(customers = 2): { text: string; customerIds: string[] } {
  const ctx = testContext({ device: 'file' });
  let state = emptyState();
  const step = <T>(result: CommandResult<T>): T => {
    const out = run(state, result);
    state = out.state;
    ctx.tick();
    return out.value;
  };
  const { clusterId } = step(createCluster(state, { name: 'prod-eu' }, ctx));
  const customerIds: string[] = [];
  for (let i = 0; i < customers; i++) {
    const name = `Customer ${i}`;
    customerIds.push(step(createCustomer(state, { clusterId, name, namespace: `c-${i}` }, ctx)).customerId);
  }
  const { releaseId } = step(createRelease(state, { name: 'Hotfix', type: 'hotfix' }, ctx));
  const a = step(
    addTemplate(state, { releaseId, name: 'A', category: 'deploy', type: 'bash', content: 'a' }, ctx),
  ).templateId;
  const b = step(
    addTemplate(state, { releaseId, name: 'B', category: 'verify', type: 'text', content: 'b' }, ctx),
  ).templateId;
  step(activateRelease(state, { releaseId }, ctx));
  for (const id of customerIds) {
    step(markDone(state, { releaseId, stepId: templateStepId(id as never, a), notes: 'ok' }, ctx));
    step(skipStep(state, { releaseId, stepId: templateStepId(id as never, b), reason: 'n/a' }, ctx));
  }
  const file = JSON.parse(
    serializeWorkspace(exportWorkspace(state, { exportedAt: '2026-03-01T00:00:00.000Z' })),
  );
  file.clusters[0].owner = { team: 'platform' };
  return { text: JSON.stringify(file), customerIds };
}

const collections = (text: string) => {
  const { exportedAt: _a, generator: _g, ...rest } = JSON.parse(text);
  return rest;
};

function readFile(text: string) {
  const read = readImportFile(text, '2026-03-02T00:00:00.000Z');
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read;
}

/** The worker's work and the page's, in one process: plan on snapshots, build, apply, store. */
async function importThroughWorker(data: LocalData, text: string, progress: ImportProgress[] = []) {
  const read = readFile(text);
  const built = planAndBuild(read.file, await snapshotDocs(data, read.releaseIds), {
    onProgress: (p) => progress.push(p),
    opsPerTransaction: 3,
    pieceBytes: 2_000,
  });
  if (!built.ok) throw new Error(built.message);
  await applyImport(data, built.docs, (p) => progress.push(p));
  return built;
}

describe('IO-19 an import built off the page', () => {
  it('IO-19 a restore built in slices is stored when applying resolves: reopened, it backs up to the same file', async () => {
    const { text } = fileText(3);
    const { data, idb } = await start();
    const progress: ImportProgress[] = [];
    const built = await importThroughWorker(data, text, progress);
    expect(built.plan.mode).toBe('restore');
    // Many slices and pieces, and by the time applying resolved, storage holds every one of them.
    expect(built.docs.find((d) => d.name !== 'catalog')?.pieces.length).toBeGreaterThan(1);
    for (const { name } of built.docs) {
      const stored = new Y.Doc();
      await loadDoc(data.db, name, stored, null);
      const live = data.workspace.doc(name) as Y.Doc;
      if (name === 'catalog') expect(readCatalog(stored)).toEqual(readCatalog(live));
      else expect(readRelease(stored, name)).toEqual(readRelease(live, name));
    }
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['planning', 'building', 'applying', 'saving']),
    );
    const building = progress.filter((p) => p.phase === 'building');
    expect(building.at(-1)?.done).toBe(building.at(-1)?.total);

    await data.close();
    open.splice(open.indexOf(data), 1);
    const { data: again } = await start(idb);
    expect(collections((await backupWorkspace(again)).text)).toEqual(collections(text));
    // The projection has it too: what the lists and the matrix read.
    const releases = await again.db.releases.toArray();
    expect(releases.map((r) => r.name)).toEqual(['Hotfix']);
    const [hotfix] = releases;
    const stored = await readStoredRelease(again.db, hotfix!.id);
    expect(Object.keys(stored.stepStates)).toHaveLength(6);
  });

  it('IO-19 a merge built on snapshots of the documents gives what the import command gives', async () => {
    const { text, customerIds } = fileText(2);
    // Two workspaces that hold the same data, then change alike: one imports through the command, one
    // through the worker's path.
    const { data: byCommand } = await start();
    const { data: byWorker } = await start();
    for (const data of [byCommand, byWorker]) {
      const read = readFile(text);
      expect(data.run(importWorkspace, read.file, testContext({ device: 'first' })).ok).toBe(true);
      await openAllReleases(data);
    }
    const newer = JSON.parse(text);
    newer.customers[0].name = 'Renamed';
    newer.customers[0].updatedAt = '2027-01-01T00:00:00.000Z';
    newer.customers.push({ ...newer.customers[1], id: 'customer:added', namespace: 'added', name: 'Added' });
    const newerText = JSON.stringify(newer);

    const read = readFile(newerText);
    expect(byCommand.run(importWorkspace, read.file, testContext({ device: 'second' })).ok).toBe(true);
    const built = await importThroughWorker(byWorker, newerText);
    expect(built.plan.mode).toBe('merge');
    expect(built.plan.totals).toMatchObject({ added: 1, changed: 1 });

    const a = collections((await backupWorkspace(byCommand)).text);
    const b = collections((await backupWorkspace(byWorker)).text);
    expect(b).toEqual(a);
    expect(b.customers.find((c: { id: string }) => c.id === customerIds[0]).name).toBe('Renamed');
  });

  it('IO-19 the pieces of a document stay under the piece size unless one slice alone is larger', () => {
    const { change } = planImport(emptyState(), readFile(fileText(40).text).file);
    const releasePieces = (pieceBytes: number) =>
      buildUpdates(new Map(), change, { opsPerTransaction: 1, pieceBytes }).find((d) => d.name !== 'catalog')
        ?.pieces ?? [];
    // A piece size of one byte leaves every slice's update a piece of its own.
    const largestSlice = Math.max(...releasePieces(1).map((p) => p.length));
    const pieces = releasePieces(4_000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(Math.max(4_000, largestSlice));
    // Together they are the whole document: the same as the one-byte pieces, applied.
    const releaseId = change.ops.find((op) => op.doc === 'release')?.releaseId as ReleaseId;
    const read = (list: Uint8Array[]) => {
      const doc = new Y.Doc();
      for (const piece of list) Y.applyUpdate(doc, piece);
      return readRelease(doc, releaseId);
    };
    expect(read(pieces)).toEqual(read(releasePieces(1)));
    expect(Object.keys(read(pieces).stepStates)).toHaveLength(80);
  });

  it('IO-19 a file with a dangling reference builds nothing and says why', async () => {
    const bad = JSON.parse(fileText(1).text);
    bad.clusters = [];
    const read = readFile(JSON.stringify(bad));
    const built = planAndBuild(read.file, []);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.message).toMatch(/problem/);
    expect(built.plan.totalProblems).toBeGreaterThan(0);
  });

  it('IO-19 building applies the change in slices of the given size, in order, and says how far it got', () => {
    const read = readFile(fileText(2).text);
    const { change } = planImport(emptyState(), read.file);
    const seen: number[] = [];
    const built = buildUpdates(new Map(), change, {
      opsPerTransaction: 5,
      onProgress: (p) => seen.push(p.done ?? -1),
    });
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(change.ops.length);
    expect(seen).toHaveLength(1 + Math.ceil(change.ops.length / 5));
    expect(built.map((d) => d.name).sort()).toEqual(['catalog', ...read.releaseIds].sort());
  });
});
