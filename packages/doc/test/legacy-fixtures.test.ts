/**
 * Old documents open (ST-11, ST-13): release documents written by earlier layouts, made by the real
 * commands of that code (fixtures/legacy/make-release-fixture.ts), read exactly as the code of their
 * time read them (fixtures/legacy/*.expected.json, recorded by record-expected.ts at 5afc536).
 */
import { readFileSync } from 'node:fs';
import {
  applyChange,
  type CommandContext,
  type CommandResult,
  type DomainState,
  emptyReleaseState,
  listConflicts,
  markDone,
  overrideStep,
  type ReleaseId,
  type ReleaseState,
  releaseProgress,
  reopenStep,
  resolveReleaseSteps,
  revertStep,
  reviewConflict,
  type StepId,
  setNotes,
  skipStep,
  stepHistory,
  testContext,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Command, readRelease, Workspace } from '../src/index.ts';

const DIR = new URL('./fixtures/legacy/', import.meta.url);

function load(schema: number) {
  const file = (ext: string) => readFileSync(new URL(`schema-${schema}.${ext}`, DIR));
  const expected = JSON.parse(file('expected.json').toString('utf8'));
  const catalog = new Y.Doc();
  Y.applyUpdate(catalog, file('catalog.bin'), 'storage');
  const release = new Y.Doc();
  Y.applyUpdate(release, file('release.bin'), 'storage');
  const releaseId = expected.releaseId as ReleaseId;
  const ws = new Workspace({ catalog });
  ws.openRelease(releaseId, release);
  return { ws, releaseId, expected, release };
}

/**
 * What JSON keeps: the expectations went through JSON, so the reads must too. Collections a later
 * domain added to a release (waves) are left out while empty: the old code had nothing to say of them.
 */
const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value), (key, v) =>
    NEW_COLLECTIONS.has(key) && v && typeof v === 'object' && Object.keys(v).length === 0 ? undefined : v,
  );
const NEW_COLLECTIONS = new Set(['waves', 'waveMembers']);

describe.each([1, 2])('a schema-%i release document from before the step-state log', (schema) => {
  it('ST-11 reads the same plain state, steps, history, conflicts and progress as the code that wrote it', () => {
    const { ws, releaseId, expected, release } = load(schema);
    expect(release.getMap('meta').get('schemaVersion')).toBe(expected.schemaVersion);
    const state = ws.state;
    expect(plain(state.catalog)).toEqual(expected.catalog);
    expect(plain(state.releases[releaseId])).toEqual(expected.release);
    expect(plain(listConflicts(state))).toEqual(expected.conflicts);
    expect(plain(resolveReleaseSteps(state, releaseId))).toEqual(expected.steps);
    for (const [stepId, history] of Object.entries(expected.histories)) {
      expect(plain(stepHistory(state, releaseId, stepId as StepId))).toEqual(history);
    }
    expect(plain(releaseProgress(state, releaseId))).toEqual(expected.progress);
    // The fixture is what it claims: several hundred steps in every state, clashes included.
    expect(expected.steps.length).toBeGreaterThan(240);
    const statuses = new Set(expected.steps.map((s: { status: string }) => s.status));
    expect([...statuses].sort()).toEqual(['done', 'pending', 'reverted', 'skipped']);
    const kinds = new Set(expected.conflicts.map((c: { kind: string }) => c.kind));
    expect(kinds).toEqual(new Set(['status-conflict', 'edit-vs-done', 'edit-of-deleted-template']));
  });

  it('ST-11 / ST-13 goes on being edited: commands append to the log, reads merge the old keys with it', () => {
    const { ws, releaseId, expected, release } = load(schema);
    // The reference: the domain's own reducer over the state the old code read.
    let reference: DomainState = {
      catalog: expected.catalog,
      // Collections a later domain added (waves) start empty, as in a document that never had them.
      releases: { [releaseId]: { ...emptyReleaseState(releaseId), ...expected.release } as ReleaseState },
    };
    // Two equal contexts: each side draws the same ids at the same times.
    const context = (): CommandContext =>
      testContext({ device: 'new-app', start: '2026-12-01T08:00:00.000Z' });
    const [refCtx, docCtx] = [context(), context()];
    const logBefore = release.getArray('log').length;
    let runs = 0;
    const both = <I, T>(command: Command<I, T>, input: I) => {
      const onReference: CommandResult<T> = command(reference, input, refCtx);
      const onDocs = ws.run(command, input, docCtx);
      // Equal states: the commands decide the same, on the old code's reading and on ours.
      expect(plain(onDocs)).toEqual(plain(onReference));
      if (onReference.ok) {
        reference = applyChange(reference, onReference.change);
        runs++;
      }
    };
    const steps = expected.steps as Array<{
      id: StepId;
      status: string;
      isOverridden: boolean;
      notes: string | null;
    }>;
    const of = (status: string) => steps.filter((s) => s.status === status).map((s) => s.id);
    for (const stepId of of('pending').slice(0, 5))
      both(markDone, { releaseId, stepId, notes: 'after the upgrade' });
    for (const stepId of of('done').slice(0, 5))
      both(revertStep, { releaseId, stepId, reason: 'rolled back' });
    for (const stepId of of('skipped')) both(reopenStep, { releaseId, stepId });
    for (const stepId of of('reverted').slice(0, 3)) both(markDone, { releaseId, stepId });
    for (const s of steps.filter((x) => x.notes !== null).slice(0, 4))
      both(setNotes, { releaseId, stepId: s.id, notes: 'edited' });
    for (const s of steps.filter((x) => x.isOverridden && x.status === 'pending').slice(0, 2)) {
      both(overrideStep, { releaseId, stepId: s.id, content: 'echo overridden again' });
    }
    both(skipStep, { releaseId, stepId: of('pending')[7] as StepId, reason: 'not needed' });
    const open = listConflicts(ws.state).find((c) => c.id.startsWith('status-conflict:'));
    if (open) both(reviewConflict, { releaseId, conflictId: open.id, note: 'seen after the upgrade' });
    expect(runs).toBeGreaterThan(15);
    expect(release.getArray('log').length).toBeGreaterThan(logBefore);
    expect(release.getMap('meta').get('schemaVersion')).toBe(3);
    expect(plain(ws.state.releases[releaseId])).toEqual(plain(reference.releases[releaseId]));
    expect(plain(listConflicts(ws.state))).toEqual(plain(listConflicts(reference)));
    // And a device that loads the edited document from its bytes reads the same.
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(release));
    expect(plain(readRelease(reloaded, releaseId))).toEqual(plain(reference.releases[releaseId]));
  });
});
