/**
 * Frozen releases (ST-15): the frozen form holds the whole release, and every view reads it exactly as
 * it reads the live one.
 */
import {
  activateRelease,
  addTemplate,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyReleaseState,
  eventIdOf,
  listConflicts,
  markDone,
  overrideStep,
  type ReleaseId,
  type ReleaseState,
  releaseProgress,
  resolveReleaseSteps,
  revertStep,
  type StepId,
  setNotes,
  skipStep,
  stepHistory,
  stepStatusMatrix,
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  type Command,
  FrozenReleaseError,
  freezeRelease,
  frozenHash,
  readRelease,
  type ThawStage,
  thawParts,
  thawRelease,
  Workspace,
} from '../src/index.ts';
import legacy from './fixtures/legacy/schema-1.expected.json' with { type: 'json' };
import current from './fixtures/legacy/schema-2.expected.json' with { type: 'json' };

/** A release with everything the tests of the log throw at it: the legacy fixtures, read by today's code. */
function fixture(expected: typeof current): { state: DomainState; releaseId: ReleaseId } {
  const releaseId = expected.releaseId as ReleaseId;
  return {
    releaseId,
    state: {
      catalog: expected.catalog as DomainState['catalog'],
      // A release of the recorded shape, with the collections a later domain added, empty.
      releases: {
        [releaseId]: { ...emptyReleaseState(releaseId), ...(expected.release as object) } as ReleaseState,
      },
    },
  };
}

function odd(): ReleaseState {
  const releaseId = 'release:odd' as ReleaseId;
  const content = {
    releaseId,
    kind: 'wave-opened' as never,
    at: 'not a time',
    by: 'user:x',
    byName: 'X',
    device: 'd',
    stepId: null,
    customerId: 'customer:c1' as never,
    templateId: null,
    after: 'event:legacy-1' as never,
    from: null,
    to: 'halted' as never,
    detail: { waveId: 'w1', nested: 'x' },
  };
  const state = {
    releaseId,
    templates: {},
    participants: {},
    customSteps: {},
    revisions: {},
    waves: {},
    waveMembers: {},
    futureCollection: { x: { y: [1, 'two', null] } },
    stepStates: {
      ['step:c1.t1' as StepId]: {
        status: 'done',
        waveState: { open: true, since: '2026-01-01T00:00:00.000Z', count: 3, ratio: 0.5 } as never,
        statusAt: '2026-01-01T00:00:00Z',
        execution: {
          rev: 'rev:1',
          vars: {},
          at: '2026-01-01T00:00:00.000Z',
          by: 'X',
          extra: [1, null],
        } as never,
      },
      ['step:custom1' as StepId]: { notes: '' },
    } as unknown as ReleaseState['stepStates'],
    events: [
      { id: eventIdOf(content), ...content },
      {
        id: 'event:not-derived' as never,
        ...content,
        at: '2026-01-01T00:00:00.000Z',
        releaseId: 'release:other' as never,
        signature: 'a field of a newer app',
      },
    ],
  };
  return state as unknown as ReleaseState;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describe('frozen releases', () => {
  it.each([
    ['schema 1', legacy],
    ['schema 2', current],
  ])('ST-15 the %s fixture thaws deep-equal, and every view reads it as the live release', (_, expected) => {
    const { state, releaseId } = fixture(expected as typeof current);
    const live = state.releases[releaseId] as ReleaseState;
    const thawed = thawRelease(freezeRelease(live));
    expect(thawed).toEqual(live);
    const frozen: DomainState = { ...state, releases: { [releaseId]: thawed } };
    expect(resolveReleaseSteps(frozen, releaseId)).toEqual(resolveReleaseSteps(state, releaseId));
    expect(stepStatusMatrix(frozen, releaseId)).toEqual(stepStatusMatrix(state, releaseId));
    expect(releaseProgress(frozen, releaseId)).toEqual(releaseProgress(state, releaseId));
    expect(listConflicts(frozen)).toEqual(listConflicts(state));
    for (const stepId of new Set(
      live.events.map((e) => e.stepId).filter((id): id is StepId => id !== null),
    )) {
      expect(stepHistory(frozen, releaseId, stepId)).toEqual(stepHistory(state, releaseId, stepId));
    }
  });

  it('ST-15 keeps what newer apps add: unknown fields, kinds, statuses, odd times, ids that are not derived', () => {
    const state = odd();
    expect(thawRelease(freezeRelease(state))).toEqual(state);
  });

  it('ST-15 a release worked on through commands freezes from its document and thaws to the same state', () => {
    const ws = new Workspace();
    const ctx = testContext({ device: 'frozen' });
    const run = <I, T>(command: Command<I, T>, input: I): T => {
      ctx.tick(1234);
      const result = ws.run(command, input, ctx);
      if (!result.ok) throw new Error(result.error.code);
      return result.value;
    };
    const clusterId = run(createCluster, { name: 'eu' }).clusterId;
    const customers = ['a', 'b', 'c'].map(
      (n) => run(createCustomer, { clusterId, name: n, namespace: n }).customerId,
    );
    const releaseId = run(createRelease, { name: 'R', type: 'release', versionNumber: '1' }).releaseId;
    const templates = ['one', 'two'].map(
      (name) =>
        run(addTemplate, {
          releaseId,
          name,
          category: 'deploy',
          type: 'bash',
          content: `${name} {{customer.namespace}}`,
        }).templateId,
    );
    run(activateRelease, { releaseId });
    const step = (c: number, t: number) =>
      templateStepId(customers[c] as CustomerId, templates[t] as TemplateId);
    run(markDone, { releaseId, stepId: step(0, 0), notes: 'ok' });
    run(skipStep, { releaseId, stepId: step(1, 0), reason: 'later' });
    run(overrideStep, { releaseId, stepId: step(2, 1), content: 'two --special' });
    run(setNotes, { releaseId, stepId: step(2, 0), notes: 'call first' });
    run(revertStep, { releaseId, stepId: step(0, 0), reason: 'broke' });
    const live = readRelease(ws.doc(releaseId) as Y.Doc, releaseId);
    expect(thawRelease(freezeRelease(live))).toEqual(live);
    expect(thawRelease(freezeRelease(live))).toEqual(ws.state.releases[releaseId]);
  });

  it('ST-15 the same release gives the same bytes; a change gives another hash', () => {
    const { state, releaseId } = fixture(current);
    const live = state.releases[releaseId] as ReleaseState;
    const a = freezeRelease(live);
    expect(freezeRelease(clone(live))).toEqual(a);
    expect(frozenHash(a)).toMatch(/^[0-9a-f]{64}$/);
    const changed = clone(live);
    const first = Object.keys(changed.stepStates)[0] as StepId;
    changed.stepStates[first] = { ...changed.stepStates[first], notes: 'one more word' };
    expect(frozenHash(freezeRelease(changed))).not.toBe(frozenHash(a));
  });

  it('ST-15 refuses bytes that are not a frozen release, are damaged, or come from a newer format', () => {
    const bytes = freezeRelease(odd());
    const code = (b: Uint8Array) => {
      try {
        thawRelease(b);
        return 'read';
      } catch (e) {
        return e instanceof FrozenReleaseError ? e.code : 'crash';
      }
    };
    expect(code(new Uint8Array([1, 2, 3]))).toBe('frozen-not-a-release');
    const flipped = bytes.slice();
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0xff;
    expect(code(flipped)).toBe('frozen-damaged');
    const newer = bytes.slice();
    newer[4] = 9;
    expect(code(newer)).toBe('frozen-newer-format');
    expect(code(bytes.slice(0, 40))).toBe('frozen-damaged');
  });

  it('ST-15 thaws in parts: the steps are all read before the history, and the end equals thawRelease', () => {
    const { state, releaseId } = fixture(current);
    const live = state.releases[releaseId] as ReleaseState;
    const bytes = freezeRelease(live);
    const parts = thawParts(bytes, 7);
    const stages: ThawStage[] = [];
    let next = parts.next();
    while (!next.done) {
      stages.push(next.value.stage);
      // From the history on, the release read so far holds every step state.
      if (next.value.stage === 'history') expect(next.value.release?.stepStates).toEqual(live.stepStates);
      next = parts.next();
    }
    expect(next.value).toEqual(live);
    // The hash, then a part per 7 step rows, then a part per 7 events: never a step after the history.
    expect(stages.indexOf('history')).toBe(1 + Math.floor((Object.keys(live.stepStates).length - 1) / 7));
    expect(stages.slice(stages.indexOf('history')).every((s) => s === 'history')).toBe(true);
    expect(stages.length).toBeGreaterThan(3);
    const flipped = bytes.slice();
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] as number) ^ 0xff;
    expect(() => thawParts(flipped).next()).toThrow(FrozenReleaseError);
  });
});
