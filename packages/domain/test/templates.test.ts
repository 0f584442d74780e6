import { describe, expect, it } from 'vitest';
import {
  addTemplate,
  deleteTemplate,
  markDone,
  moveTemplate,
  overrideStep,
  previewTemplateDelete,
  previewTemplateEdit,
  resolveCustomerSteps,
  resolveStep,
  type StepCategory,
  skipStep,
  templateStepId,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld, World } from './helpers.ts';

/** Template names of a category, in order. */
function names(w: World, r: `release:${string}`, category: StepCategory = 'deploy'): string[] {
  return Object.values(w.state.releases[r]?.templates ?? {})
    .filter((t) => t.category === category && t.deletedAt === null)
    .sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1))
    .map((t) => t.name);
}

describe('templates: add and move', () => {
  it('FS-001 adds at the end of its category by default; before/after a template; at an index', () => {
    const w = new World();
    const r = w.release();
    const a = w.template(r, 'A');
    w.template(r, 'C');
    w.template(r, 'V', 'verify');
    w.do(addTemplate, {
      releaseId: r,
      name: 'B',
      category: 'deploy',
      type: 'sql',
      content: '',
      position: { after: a },
    });
    w.do(addTemplate, {
      releaseId: r,
      name: 'Z',
      category: 'deploy',
      type: 'sql',
      content: '',
      position: { before: a },
    });
    w.do(addTemplate, {
      releaseId: r,
      name: 'Y',
      category: 'deploy',
      type: 'sql',
      content: '',
      position: { index: 1 },
    });
    expect(names(w, r)).toEqual(['Z', 'Y', 'A', 'B', 'C']);
    expect(names(w, r, 'verify')).toEqual(['V']);
  });

  it('BR-S04 positions are per category: a reference in the other category is refused (position-invalid)', () => {
    const w = new World();
    const r = w.release();
    const v = w.template(r, 'V', 'verify');
    const error = w.refused(addTemplate, {
      releaseId: r,
      name: 'B',
      category: 'deploy',
      type: 'sql',
      content: '',
      position: { before: v },
    });
    expect(error).toMatchObject({ code: 'position-invalid', field: 'position' });
  });

  it('FS-003 moveTemplate moves before/after another template or to an index (drag and drop)', () => {
    const w = new World();
    const r = w.release();
    const a = w.template(r, 'A');
    const b = w.template(r, 'B');
    const c = w.template(r, 'C');
    w.do(moveTemplate, { releaseId: r, templateId: c, position: { before: a } });
    expect(names(w, r)).toEqual(['C', 'A', 'B']);
    w.do(moveTemplate, { releaseId: r, templateId: c, position: { after: b } });
    expect(names(w, r)).toEqual(['A', 'B', 'C']);
    w.do(moveTemplate, { releaseId: r, templateId: a, position: { index: 2 } });
    expect(names(w, r)).toEqual(['B', 'C', 'A']);
    w.do(moveTemplate, { releaseId: r, templateId: a, position: { index: 0 } });
    expect(names(w, r)).toEqual(['A', 'B', 'C']);
    expect(w.refused(moveTemplate, { releaseId: r, templateId: a, position: { before: a } }).code).toBe(
      'position-invalid',
    );
  });

  it('ID-03 a move writes one key: the other templates keep theirs', () => {
    const w = new World();
    const r = w.release();
    const a = w.template(r, 'A');
    w.template(r, 'B');
    const c = w.template(r, 'C');
    const change = w.change(moveTemplate, { releaseId: r, templateId: c, position: { before: a } });
    const puts = change.ops.filter((o) => o.op === 'put-template');
    expect(puts.map((o) => o.op === 'put-template' && o.id)).toEqual([c]);
  });

  it('ID-04 two devices inserting at one place get distinct keys or a stable id order, never a throw', () => {
    const w = new World();
    const r = w.release();
    const a = w.template(r, 'A');
    w.template(r, 'B');
    // Two devices each insert after A, apart: same neighbours, so the same key.
    const one = w.change(addTemplate, {
      releaseId: r,
      name: 'X1',
      category: 'deploy',
      type: 'bash',
      content: '',
      position: { after: a },
    });
    const two = w.change(addTemplate, {
      releaseId: r,
      name: 'X2',
      category: 'deploy',
      type: 'bash',
      content: '',
      position: { after: a },
    });
    w.apply(one);
    w.apply(two);
    const order = names(w, r);
    expect(order[0]).toBe('A');
    expect(order[3]).toBe('B');
    expect(order.slice(1, 3).sort()).toEqual(['X1', 'X2']);
    // Inserting between the tied pair re-keys the upper twin instead of failing.
    const tied = Object.values(w.state.releases[r]?.templates ?? {})
      .filter((t) => t.name.startsWith('X'))
      .sort((p, q) => (p.id < q.id ? -1 : 1));
    expect(tied[0]?.order).toBe(tied[1]?.order);
    w.do(addTemplate, {
      releaseId: r,
      name: 'M',
      category: 'deploy',
      type: 'bash',
      content: '',
      position: { after: tied[0]?.id ?? '' },
    });
    expect(names(w, r)).toEqual(['A', tied[0]?.name, 'M', tied[1]?.name, 'B']);
  });
});

describe('templates: edits reach pending steps only', () => {
  function scenario() {
    const f = activeWorld();
    const { w, r, a, b, d1 } = f;
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(overrideStep, { releaseId: r, stepId: templateStepId(b, d1), content: 'custom for b' });
    return f;
  }

  it('BR-R02 editing a template changes only steps still pending (done steps keep their content)', () => {
    const { w, r, a, c, d1 } = scenario();
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'helm upgrade v2', name: 'Deploy v2' });
    expect(resolveStep(w.state, r, templateStepId(c, d1))).toMatchObject({
      content: 'helm upgrade v2',
      name: 'Deploy v2',
    });
    expect(resolveStep(w.state, r, templateStepId(a, d1))).toMatchObject({
      content: 'helm upgrade app -n {{customer.namespace}}',
      name: 'Deploy app',
    });
  });

  it('BR-S07 an edit after activation reaches pending, non-overridden steps only; BR-S08 overrides persist', () => {
    const { w, r, b, c, d1 } = scenario();
    w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'v2' });
    expect(resolveStep(w.state, r, templateStepId(b, d1))).toMatchObject({
      content: 'custom for b',
      isOverridden: true,
    });
    expect(resolveStep(w.state, r, templateStepId(c, d1))?.content).toBe('v2');
  });

  it('BR-R02 / BR-S07 / BR-S08 previewTemplateEdit says what the edit will reach, and the command agrees', () => {
    const { w, r, c, d1 } = scenario();
    w.do(skipStep, { releaseId: r, stepId: templateStepId(c, d1), reason: 'not needed' });
    const preview = previewTemplateEdit(w.state, { releaseId: r, templateId: d1 });
    expect(preview).toEqual({ pendingUpdated: 0, overriddenKept: 1, executedKept: 2 });
    const value = w.do(updateTemplate, { releaseId: r, templateId: d1, content: 'v2' });
    expect(value.impact).toEqual(preview);
    const event = w.state.releases[r]?.events.at(-1);
    expect(event).toMatchObject({
      kind: 'template-edited',
      templateId: d1,
      detail: { fields: 'content', executedKept: '2' },
    });
  });

  it('BR-R02 ST-01 an edit writes the template only, however many customers take part', () => {
    const { w, r, d1 } = scenario();
    const change = w.change(updateTemplate, { releaseId: r, templateId: d1, content: 'v2' });
    // One new content revision (ST-09), the template, its event: nothing per customer.
    expect(change.ops.map((o) => o.op)).toEqual(['put-revision', 'put-template', 'append-event']);
  });

  it('an edit that changes nothing writes nothing; a new category moves it to the end of that category', () => {
    const { w, r, d1, v1 } = activeWorld();
    expect(w.change(updateTemplate, { releaseId: r, templateId: d1, name: 'Deploy app' }).ops).toEqual([]);
    w.do(updateTemplate, { releaseId: r, templateId: d1, category: 'verify' });
    const templates = w.state.releases[r]?.templates ?? {};
    expect((templates[d1]?.order ?? '') > (templates[v1]?.order ?? '')).toBe(true);
    expect(templates[d1]?.category).toBe('verify');
  });

  it('edits of unknown or deleted templates are refused', () => {
    const { w, r, d1 } = activeWorld();
    expect(w.refused(updateTemplate, { releaseId: r, templateId: 'template:nope', name: 'x' }).code).toBe(
      'template-not-found',
    );
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    expect(w.refused(updateTemplate, { releaseId: r, templateId: d1, name: 'x' }).code).toBe(
      'template-deleted',
    );
    expect(w.refused(deleteTemplate, { releaseId: r, templateId: d1 }).code).toBe('template-deleted');
    expect(
      w.refused(updateTemplate, { releaseId: r, templateId: d1, content: 'x'.repeat(200_001) }).code,
    ).toBe('template-deleted');
  });

  it('content over the limit is refused (content-too-long)', () => {
    const { w, r, d2 } = activeWorld();
    expect(
      w.refused(updateTemplate, { releaseId: r, templateId: d2, content: 'x'.repeat(200_001) }),
    ).toMatchObject({
      code: 'content-too-long',
      field: 'content',
    });
  });
});

describe('templates: delete', () => {
  it('ST-03 deleting a template removes its untouched steps and keeps executed ones with their snapshot', () => {
    const { w, r, a, b, c, d1 } = activeWorld();
    w.do(markDone, { releaseId: r, stepId: templateStepId(a, d1) });
    w.do(skipStep, { releaseId: r, stepId: templateStepId(b, d1), reason: 'n/a' });
    expect(previewTemplateDelete(w.state, { releaseId: r, templateId: d1 })).toEqual({
      pendingRemoved: 1,
      executedKept: 2,
    });
    const value = w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    expect(value.impact).toEqual({ pendingRemoved: 1, executedKept: 2 });
    expect(resolveStep(w.state, r, templateStepId(c, d1))).toBeNull();
    expect(resolveStep(w.state, r, templateStepId(a, d1))).toMatchObject({
      status: 'done',
      templateDeleted: true,
      name: 'Deploy app',
    });
    expect(resolveCustomerSteps(w.state, r, b).map((s) => s.name)).toContain('Deploy app');
    expect(resolveCustomerSteps(w.state, r, c).map((s) => s.name)).not.toContain('Deploy app');
    expect(w.state.releases[r]?.templates[d1]?.deletedAt).toBe(w.ctx.now());
  });

  it('ST-03 an overridden but pending step goes with its template', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(overrideStep, { releaseId: r, stepId: templateStepId(a, d1), content: 'mine' });
    expect(previewTemplateDelete(w.state, { releaseId: r, templateId: d1 })).toEqual({
      pendingRemoved: 3,
      executedKept: 0,
    });
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    expect(resolveStep(w.state, r, templateStepId(a, d1))).toBeNull();
  });
});
