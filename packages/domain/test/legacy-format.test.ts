/**
 * ST-11: release documents written before content revisions keep copies in their step states
 * (`snapshot*`, `executedContent`, `overrideContent`, `overrideName`) and have no `revisions` and no
 * `contentRev`. They must read exactly as they did, and commands must work on them, replacing the
 * copies of the steps they touch by revisions.
 */
import { describe, expect, it } from 'vitest';
import {
  applyChange,
  type DomainState,
  eventContent,
  markDone,
  overrideStep,
  type ReleaseId,
  type ReleaseState,
  releaseProgress,
  reopenStep,
  resetToTemplate,
  resolveStep,
  type StepId,
  type StepState,
  skipStep,
  templateStepId,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

const T = '2026-01-15T10:00:00.000Z';

/** The fixture as a document from before revisions: no revisions, no contentRev, copies in states. */
function legacyWorld() {
  const f = activeWorld();
  const { w, r, a, b, c, d1, d2 } = f;
  const doc = w.state.releases[r] as ReleaseState;
  const templates = Object.fromEntries(
    Object.entries(doc.templates).map(([id, { contentRev: _rev, ...t }]) => [id, t]),
  ) as ReleaseState['templates'];
  const states: Record<StepId, StepState> = {
    [templateStepId(a, d1)]: {
      status: 'done',
      statusAt: T,
      statusBy: 'user:old',
      snapshotName: 'Deploy app (then)',
      snapshotCategory: 'verify',
      snapshotType: 'bash',
      snapshotContent: 'helm upgrade app -n {{customer.namespace}} --then',
      executedContent: 'helm upgrade app -n acme-prod --then',
      executedAt: T,
      executedBy: 'Old Timer',
    },
    [templateStepId(b, d1)]: {
      status: 'skipped',
      statusAt: T,
      skipReason: 'not licensed',
      snapshotName: 'Deploy app (then)',
      snapshotCategory: 'deploy',
      snapshotType: 'bash',
      snapshotContent: 'helm upgrade app -n {{customer.namespace}} --then',
    },
    [templateStepId(c, d1)]: { overrideContent: 'echo own {{customer.name}}', overrideName: 'Own name' },
    [templateStepId(a, d2)]: {
      status: 'reverted',
      statusAt: T,
      revertReason: 'broke',
      snapshotName: 'Migrate',
      snapshotCategory: 'deploy',
      snapshotType: 'sql',
      snapshotContent: 'psql -c "select 0"',
      executedContent: 'psql -c "select 0"',
      executedAt: T,
      executedBy: 'Old Timer',
    },
  };
  const legacy: ReleaseState = { ...doc, templates, revisions: {}, stepStates: states };
  w.state = { ...w.state, releases: { ...w.state.releases, [r]: legacy } };
  return f;
}

const docOf = (state: DomainState, r: ReleaseId) => state.releases[r] as ReleaseState;
const LEGACY_KEYS = [
  'snapshotName',
  'snapshotCategory',
  'snapshotType',
  'snapshotContent',
  'executedContent',
  'overrideContent',
  'overrideName',
];

describe('documents written before revisions (ST-11)', () => {
  it('ST-11 steps read from their copies exactly as before', () => {
    const { w, r, a, b, c, d1, d2 } = legacyWorld();
    expect(resolveStep(w.state, r, templateStepId(a, d1))).toMatchObject({
      status: 'done',
      name: 'Deploy app (then)',
      category: 'verify',
      content: 'helm upgrade app -n {{customer.namespace}} --then',
      executedContent: 'helm upgrade app -n acme-prod --then',
      executedBy: 'Old Timer',
    });
    expect(resolveStep(w.state, r, templateStepId(b, d1))).toMatchObject({
      status: 'skipped',
      content: 'helm upgrade app -n {{customer.namespace}} --then',
      executedContent: null,
    });
    expect(resolveStep(w.state, r, templateStepId(c, d1))).toMatchObject({
      status: 'pending',
      name: 'Own name',
      content: 'echo own {{customer.name}}',
      isOverridden: true,
    });
    expect(resolveStep(w.state, r, templateStepId(a, d2))).toMatchObject({
      status: 'reverted',
      type: 'sql',
      executedContent: 'psql -c "select 0"',
    });
    // PR-07: a step counts in the category it was executed in, read from the copy.
    expect(releaseProgress(w.state, r).byCustomer[a]?.byCategory.verify).toMatchObject({ done: 1, total: 2 });
  });

  it('ST-11 marking a legacy skipped step done runs its copy, then keeps a revision instead', () => {
    const { w, r, b, d1 } = legacyWorld();
    const stepId = templateStepId(b, d1);
    const value = w.do(markDone, { releaseId: r, stepId });
    expect(value.executedContent).toBe('helm upgrade app -n beta-prod --then');
    const state = docOf(w.state, r).stepStates[stepId] ?? {};
    for (const key of LEGACY_KEYS) expect(Object.keys(state)).not.toContain(key);
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      status: 'done',
      name: 'Deploy app (then)',
      content: 'helm upgrade app -n {{customer.namespace}} --then',
      executedContent: 'helm upgrade app -n beta-prod --then',
    });
  });

  it('ST-11 HI-03 reopening a legacy run moves it into the event as revisions', () => {
    const { w, r, a, d2 } = legacyWorld();
    const stepId = templateStepId(a, d2);
    w.do(reopenStep, { releaseId: r, stepId, reason: 'again' });
    const doc = docOf(w.state, r);
    expect(doc.stepStates[stepId]).toMatchObject({ status: 'pending' });
    for (const key of LEGACY_KEYS) expect(Object.keys(doc.stepStates[stepId] ?? {})).not.toContain(key);
    const event = doc.events.at(-1);
    expect(event?.kind).toBe('reopened');
    expect(event && eventContent(doc.revisions, event)).toEqual({
      content: null,
      previousContent: 'psql -c "select 0"',
      previousExecutedContent: 'psql -c "select 0"',
    });
  });

  it('ST-11 a legacy override: reset names it by revision, a new override replaces the copies', () => {
    const { w, r, c, d1 } = legacyWorld();
    const stepId = templateStepId(c, d1);
    const base = w.state;
    w.do(resetToTemplate, { releaseId: r, stepId });
    const doc = docOf(w.state, r);
    expect(doc.stepStates[stepId]?.overrideContent).toBeUndefined();
    const reset = doc.events.at(-1);
    expect(reset && eventContent(doc.revisions, reset).previousContent).toBe('echo own {{customer.name}}');
    expect(resolveStep(w.state, r, stepId)?.content).toBe('helm upgrade app -n {{customer.namespace}}');

    w.state = base;
    w.do(overrideStep, { releaseId: r, stepId, content: 'echo newer' });
    const state = docOf(w.state, r).stepStates[stepId] ?? {};
    for (const key of LEGACY_KEYS) expect(Object.keys(state)).not.toContain(key);
    // The own name came with the legacy override; a new override without a name keeps it.
    expect(resolveStep(w.state, r, stepId)).toMatchObject({ name: 'Own name', content: 'echo newer' });
  });

  it('ST-11 ST-09 templates without contentRev get one at their first run, shared by the next', () => {
    const { w, r, b, c, v1 } = legacyWorld();
    const first = w.change(markDone, { releaseId: r, stepId: templateStepId(b, v1) });
    expect(first.ops.map((o) => o.op)).toEqual([
      'put-revision',
      'put-template',
      'put-step-state',
      'append-event',
    ]);
    w.state = applyChange(w.state, first);
    const second = w.change(markDone, { releaseId: r, stepId: templateStepId(c, v1) });
    expect(second.ops.map((o) => o.op)).toEqual(['put-step-state', 'append-event']);
    w.do(skipStep, { releaseId: r, stepId: templateStepId(c, v1), reason: 'n/a' });
    expect(resolveStep(w.state, r, templateStepId(c, v1))?.content).toBe(
      'curl https://{{customer.name}}/health',
    );
  });
});
