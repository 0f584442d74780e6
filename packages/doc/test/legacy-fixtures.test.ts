/**
 * Old documents open (ST-11, ST-13): release documents written by earlier layouts, made by the real
 * commands of that code (fixtures/legacy/make-release-fixture.ts), read exactly as the code of their
 * time read them (fixtures/legacy/*.expected.json, recorded by record-expected.ts at 5afc536).
 */
import { readFileSync } from 'node:fs';
import {
  listConflicts,
  type ReleaseId,
  releaseProgress,
  resolveReleaseSteps,
  type StepId,
  stepHistory,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Workspace } from '../src/index.ts';

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

/** What JSON keeps: the expectations went through JSON, so the reads must too. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

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
});
