import { describe, expect, it } from 'vitest';
import {
  addCustomersToRelease,
  addCustomStep,
  archiveCustomer,
  deleteCustomStep,
  editCustomStep,
  markDone,
  resolveCustomerSteps,
  resolveStep,
  skipStep,
  templateStepId,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

const step = {
  name: 'Flush cache',
  category: 'deploy',
  type: 'bash',
  content: 'redis-cli flushall',
} as const;

describe('custom steps', () => {
  it('BR-S01 a custom step belongs to one customer: no other customer and no template gets it', () => {
    const { w, r, a, b } = activeWorld();
    const before = Object.keys(w.state.releases[r]?.templates ?? {}).length;
    const { stepId, templateId } = w.do(addCustomStep, { releaseId: r, customerId: a, ...step });
    expect(templateId).toBeNull();
    expect(resolveStep(w.state, r, stepId)).toMatchObject({
      isCustom: true,
      templateId: null,
      customerId: a,
    });
    expect(resolveCustomerSteps(w.state, r, a).map((s) => s.name)).toContain('Flush cache');
    expect(resolveCustomerSteps(w.state, r, b).map((s) => s.name)).not.toContain('Flush cache');
    expect(Object.keys(w.state.releases[r]?.templates ?? {})).toHaveLength(before);
    expect(w.state.releases[r]?.events.at(-1)).toMatchObject({ kind: 'custom-added', stepId, customerId: a });
  });

  it('BR-S05 / FCS-008 a custom step goes between two template steps of its customer', () => {
    const { w, r, a, d1, d2 } = activeWorld();
    w.do(addCustomStep, { releaseId: r, customerId: a, ...step, position: { after: templateStepId(a, d1) } });
    expect(resolveCustomerSteps(w.state, r, a).map((s) => s.name)).toEqual([
      'Deploy app',
      'Flush cache',
      'Migrate',
      'Health check',
    ]);
    w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      ...step,
      name: 'First',
      position: { before: templateStepId(a, d1) },
    });
    w.do(addCustomStep, { releaseId: r, customerId: a, ...step, name: 'Last' });
    expect(
      resolveCustomerSteps(w.state, r, a)
        .filter((s) => s.category === 'deploy')
        .map((s) => s.name),
    ).toEqual(['First', 'Deploy app', 'Flush cache', 'Migrate', 'Last']);
    w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      ...step,
      name: 'Before migrate',
      position: { before: templateStepId(a, d2) },
    });
    expect(
      resolveCustomerSteps(w.state, r, a)
        .filter((s) => s.category === 'deploy')
        .map((s) => s.name),
    ).toEqual(['First', 'Deploy app', 'Flush cache', 'Before migrate', 'Migrate', 'Last']);
  });

  it('BR-S04 the position must be a step of the same customer and category (position-invalid)', () => {
    const { w, r, a, b, d1, v1 } = activeWorld();
    expect(
      w.refused(addCustomStep, {
        releaseId: r,
        customerId: a,
        ...step,
        position: { after: templateStepId(b, d1) },
      }),
    ).toMatchObject({ code: 'position-invalid', field: 'position' });
    expect(
      w.refused(addCustomStep, {
        releaseId: r,
        customerId: a,
        ...step,
        position: { after: templateStepId(a, v1) },
      }).code,
    ).toBe('position-invalid');
  });

  it('BR-S06 with "add to template" every participant gets the step now, and customers added later too', () => {
    const { w, r, a, b, c, eu, d1 } = activeWorld();
    const value = w.do(addCustomStep, {
      releaseId: r,
      customerId: a,
      ...step,
      position: { after: templateStepId(a, d1) },
      addToTemplate: true,
    });
    expect(value.templateId).not.toBeNull();
    expect(value.stepId).toBe(templateStepId(a, value.templateId ?? 'template:x'));
    for (const customer of [a, b, c]) {
      expect(
        resolveCustomerSteps(w.state, r, customer)
          .map((s) => s.name)
          .slice(0, 3),
      ).toEqual(['Deploy app', 'Flush cache', 'Migrate']);
    }
    const late = w.customer(eu, 'Late', 'late');
    w.do(addCustomersToRelease, { releaseId: r, customerIds: [late] });
    expect(resolveCustomerSteps(w.state, r, late).map((s) => s.name)).toContain('Flush cache');
    expect(w.state.releases[r]?.events.at(-2)).toMatchObject({
      kind: 'template-added',
      detail: { fromCustomer: a },
    });
  });

  it('custom steps need a participant that is not archived', () => {
    const { w, r, a, eu } = activeWorld();
    const outsider = w.customer(eu, 'Outsider', 'outsider');
    expect(w.refused(addCustomStep, { releaseId: r, customerId: outsider, ...step })).toMatchObject({
      code: 'customer-not-in-release',
      field: 'customerId',
    });
    w.do(archiveCustomer, { customerId: a });
    expect(w.refused(addCustomStep, { releaseId: r, customerId: a, ...step }).code).toBe('customer-archived');
  });

  it('FCS-006 edit and delete work on custom steps only (not-custom)', () => {
    const { w, r, a, d1 } = activeWorld();
    const templateStep = templateStepId(a, d1);
    expect(w.refused(editCustomStep, { releaseId: r, stepId: templateStep, name: 'x' }).code).toBe(
      'not-custom',
    );
    expect(w.refused(deleteCustomStep, { releaseId: r, stepId: templateStep }).code).toBe('not-custom');
    const { stepId } = w.do(addCustomStep, { releaseId: r, customerId: a, ...step });
    const edited = w.do(editCustomStep, {
      releaseId: r,
      stepId,
      content: 'redis-cli flushdb',
      name: 'Flush db',
    });
    expect(edited.changed.sort()).toEqual(['content', 'name']);
    expect(resolveStep(w.state, r, stepId)).toMatchObject({ content: 'redis-cli flushdb', name: 'Flush db' });
    w.do(deleteCustomStep, { releaseId: r, stepId });
    expect(resolveStep(w.state, r, stepId)).toBeNull();
    expect(w.state.releases[r]?.customSteps[stepId]?.deletedAt).not.toBeNull();
    expect(w.state.releases[r]?.events.slice(-2).map((e) => e.kind)).toEqual([
      'custom-edited',
      'custom-deleted',
    ]);
  });

  it('BR-R03 a done custom step can be neither edited nor deleted (step-locked)', () => {
    const { w, r, a } = activeWorld();
    const { stepId } = w.do(addCustomStep, { releaseId: r, customerId: a, ...step });
    w.do(markDone, { releaseId: r, stepId });
    expect(w.refused(editCustomStep, { releaseId: r, stepId, content: 'x' }).code).toBe('step-locked');
    expect(w.refused(deleteCustomStep, { releaseId: r, stepId }).code).toBe('step-locked');
  });

  it('ST-04 editing a skipped custom step shows the edit (its snapshot follows)', () => {
    const { w, r, a } = activeWorld();
    const { stepId } = w.do(addCustomStep, { releaseId: r, customerId: a, ...step });
    w.do(skipStep, { releaseId: r, stepId, reason: 'not today' });
    w.do(editCustomStep, { releaseId: r, stepId, content: 'echo later' });
    expect(resolveStep(w.state, r, stepId)).toMatchObject({ status: 'skipped', content: 'echo later' });
  });

  it('ST-04 a new category puts the custom step at the end of that category', () => {
    const { w, r, a } = activeWorld();
    const { stepId } = w.do(addCustomStep, { releaseId: r, customerId: a, ...step, position: { index: 0 } });
    w.do(editCustomStep, { releaseId: r, stepId, category: 'verify' });
    expect(resolveCustomerSteps(w.state, r, a).map((s) => s.name)).toEqual([
      'Deploy app',
      'Migrate',
      'Health check',
      'Flush cache',
    ]);
  });
});
