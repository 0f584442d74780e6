import { describe, expect, it } from 'vitest';
import {
  addCustomStep,
  eventContent,
  markDone,
  overrideStep,
  resetToTemplate,
  resolveStep,
  setNotes,
  skipStep,
  templateStepId,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

describe('customer steps: override, reset, notes', () => {
  it('FCS-002 / BR-S02 an override gives the step its own content and keeps the link to its template', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(overrideStep, {
      releaseId: r,
      stepId,
      content: 'helm upgrade app --set x=1',
      name: 'Deploy (acme)',
    });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      templateId: d1,
      content: 'helm upgrade app --set x=1',
      name: 'Deploy (acme)',
      isOverridden: true,
      isCustom: false,
      status: 'pending',
    });
    // The template's own content is still there for "View original".
    expect(w.state.releases[r]?.templates[d1]?.content).toBe('helm upgrade app -n {{customer.namespace}}');
    const doc = w.state.releases[r];
    const event = doc?.events.at(-1);
    expect(event).toMatchObject({ kind: 'overridden', stepId, customerId: a, templateId: d1 });
    // HI-03: the event names the override's revision instead of carrying its content.
    expect(event?.detail.content).toBeUndefined();
    expect(event && eventContent(doc?.revisions ?? {}, event).content).toBe('helm upgrade app --set x=1');
  });

  it('ST-01 an override writes that one step state only; other customers stay sparse', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(overrideStep, { releaseId: r, stepId: templateStepId(a, d1), content: 'x' });
    expect(Object.keys(w.state.releases[r]?.stepStates ?? {})).toEqual([templateStepId(a, d1)]);
  });

  it('SS-02 override needs a pending step: done is locked (step-locked), skipped is not pending', () => {
    const { w, r, a, b, d1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(skipStep, { releaseId: r, stepId: templateStepId(b, d1), reason: 'n/a' });
    expect(w.refused(overrideStep, { releaseId: r, stepId: templateStepId(a, d1), content: 'x' }).code).toBe(
      'step-locked',
    );
    expect(w.refused(overrideStep, { releaseId: r, stepId: templateStepId(b, d1), content: 'x' }).code).toBe(
      'step-not-pending',
    );
  });

  it('SS-02 a custom step is edited, not overridden (custom-step-not-overridable)', () => {
    const { w, r, a } = activeWorld();
    const { stepId } = w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      name: 'X',
      category: 'deploy',
      type: 'bash',
      content: '',
    });
    expect(w.refused(overrideStep, { releaseId: r, stepId, content: 'x' }).code).toBe(
      'custom-step-not-overridable',
    );
    expect(w.refused(resetToTemplate, { releaseId: r, stepId }).code).toBe('not-overridden');
  });

  it('FCS-005 reset to template drops the override; the step follows template edits again', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    expect(w.refused(resetToTemplate, { releaseId: r, stepId }).code).toBe('not-overridden');
    w.do(overrideStep, { releaseId: r, stepId, content: 'mine' });
    w.do(resetToTemplate, { releaseId: r, stepId });
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'v2' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({ content: 'v2', isOverridden: false });
    expect(w.state.releases[r]?.stepStates[stepId]?.overrideContent).toBeUndefined();
    expect(w.state.releases[r]?.events.map((e) => e.kind)).toContain('reset-to-template');
  });

  it('BR-R03 reset of a done step is refused (step-locked)', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(overrideStep, { releaseId: r, stepId, content: 'mine' });
    w.do(markDone, { releaseId: r, stepId });
    expect(w.refused(resetToTemplate, { releaseId: r, stepId }).code).toBe('step-locked');
  });

  it('SS-04 notes can be set in any status and removed with empty text', () => {
    const { w, r, a, d1 } = activeWorld();
    const stepId = templateStepId(a, d1);
    w.do(markDone, { releaseId: r, stepId });
    w.do(setNotes, { releaseId: r, stepId, notes: '  took 5 min  ' });
    expect(resolveStep(w.state, r, stepId)?.notes).toBe('took 5 min');
    expect(w.change(setNotes, { releaseId: r, stepId, notes: 'took 5 min' }).ops).toEqual([]);
    w.do(setNotes, { releaseId: r, stepId, notes: '' });
    expect(resolveStep(w.state, r, stepId)?.notes).toBeNull();
    expect(w.state.releases[r]?.events.filter((e) => e.kind === 'notes')).toHaveLength(2);
  });

  it('steps of non-participants or unknown steps are not found (step-not-found)', () => {
    const { w, r, eu, d1 } = activeWorld();
    const outsider = w.customer(eu, 'Outsider', 'outsider');
    expect(
      w.refused(setNotes, { releaseId: r, stepId: templateStepId(outsider, d1), notes: 'x' }),
    ).toMatchObject({
      code: 'step-not-found',
      field: 'stepId',
    });
    expect(w.refused(setNotes, { releaseId: r, stepId: 'step:nope', notes: 'x' }).code).toBe(
      'step-not-found',
    );
    expect(w.refused(setNotes, { releaseId: r, stepId: 'template:nope', notes: 'x' })).toMatchObject({
      code: 'invalid-input',
      field: 'stepId',
    });
  });
});
