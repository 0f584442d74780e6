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
  readWorkspaceFile,
  run,
  serializeWorkspace,
  skipStep,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalData } from '@/data';
import { freshIndexedDB, openTestData } from '@/data/test-db';
import { backupWorkspace, openAllReleases, releasesOf } from './workspace-backup.ts';

const open: LocalData[] = [];
afterEach(async () => {
  for (const data of open.splice(0)) await data.close();
});

async function start(idb: ReturnType<typeof freshIndexedDB>) {
  const data = await openTestData(idb);
  open.push(data);
  return data;
}

/** A small workspace as a file, with fields a newer app version would have written. */
function fileText(): string {
  const ctx = testContext();
  let state = emptyState();
  const step = <T>(result: CommandResult<T>): T => {
    const out = run(state, result);
    state = out.state;
    ctx.tick();
    return out.value;
  };
  const { clusterId } = step(createCluster(state, { name: 'prod-eu' }, ctx));
  const { customerId } = step(
    createCustomer(state, { clusterId, name: 'Acme', namespace: 'acme-prod' }, ctx),
  );
  const { releaseId } = step(createRelease(state, { name: 'Hotfix', type: 'hotfix' }, ctx));
  const a = step(
    addTemplate(state, { releaseId, name: 'A', category: 'deploy', type: 'bash', content: 'a' }, ctx),
  );
  const b = step(
    addTemplate(state, { releaseId, name: 'B', category: 'verify', type: 'text', content: 'b' }, ctx),
  );
  step(activateRelease(state, { releaseId }, ctx));
  step(markDone(state, { releaseId, stepId: templateStepId(customerId, a.templateId), notes: 'ok' }, ctx));
  step(skipStep(state, { releaseId, stepId: templateStepId(customerId, b.templateId), reason: 'n/a' }, ctx));
  const file = JSON.parse(
    serializeWorkspace(exportWorkspace(state, { exportedAt: '2026-03-01T00:00:00.000Z' })),
  );
  file.clusters[0].owner = { team: 'platform', oncall: ['a', 'b'] };
  file.stepStates[0].approvedBy = 'carol';
  file.events[0].signature = 'sig';
  file.participants[0].wave = 2;
  return JSON.stringify(file);
}

const collections = (text: string) => {
  const { exportedAt: _a, generator: _g, ...rest } = JSON.parse(text);
  return rest;
};

describe('IO-01 restore through the documents and IndexedDB', () => {
  it('IO-01 a restored workspace, reopened from storage, backs up to the same file (unknown fields too)', async () => {
    const text = fileText();
    const idb = freshIndexedDB();
    const first = await start(idb);
    const read = readWorkspaceFile(text, { now: '2026-03-02T00:00:00.000Z' });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    await openAllReleases(first, releasesOf(read.file));
    const result = first.run(importWorkspace, read.file, testContext({ device: 'restore' }));
    expect(result.ok).toBe(true);
    await first.close();
    open.splice(open.indexOf(first), 1);

    const second = await start(idb);
    const backup = await backupWorkspace(second, new Date(2026, 2, 5));
    expect(backup.fileName).toBe('runsheet-backup-2026-03-05.json');
    expect(collections(backup.text)).toEqual(collections(text));
  });

  it('IO-05 a refused import leaves the documents and the stored data as they were', async () => {
    const idb = freshIndexedDB();
    const data = await start(idb);
    const good = readWorkspaceFile(fileText(), { now: 'x' });
    if (!good.ok) throw new Error('unreadable');
    data.run(importWorkspace, good.file, testContext());
    await data.flush();
    const before = (await backupWorkspace(data)).text;

    const bad = JSON.parse(fileText());
    bad.customers[0].clusterId = 'cluster:nowhere';
    bad.clusters = [];
    const read = readWorkspaceFile(JSON.stringify(bad), { now: 'x' });
    if (!read.ok) throw new Error('unreadable');
    const result = data.run(importWorkspace, read.file, testContext());
    expect(!result.ok && result.error.code).toBe('import-invalid');
    expect(collections((await backupWorkspace(data)).text)).toEqual(collections(before));
  });
});
