import { describe, expect, it } from 'vitest';
import {
  activateRelease,
  addCustomersToRelease,
  addTemplate,
  archiveCustomer,
  archiveRelease,
  cloneRelease,
  createRelease,
  customersAvailableToAdd,
  deleteTemplate,
  markDone,
  resolveCustomerSteps,
  templateStepId,
  unarchiveRelease,
  updateRelease,
  updateTemplate,
} from '../src/index.ts';
import { activeWorld, World } from './helpers.ts';

describe('releases: create and edit', () => {
  it('FR-001 creates a draft release', () => {
    const w = new World();
    const r = w.release('v2.5.0', 'release', { versionNumber: ' v2.5.0 ', releaseDate: '2026-03-01' });
    expect(w.state.catalog.releases[r]).toMatchObject({
      name: 'v2.5.0',
      type: 'release',
      status: 'draft',
      versionNumber: 'v2.5.0',
      releaseDate: '2026-03-01',
      activatedAt: null,
      clonedFrom: null,
    });
  });

  it.each([
    ['VA-04 a release without version', { name: 'R', type: 'release' }, 'version-required', 'versionNumber'],
    [
      'VA-04 a release with a blank version',
      { name: 'R', type: 'release', versionNumber: '  ' },
      'version-required',
      'versionNumber',
    ],
    [
      'VA-03 an impossible date',
      { name: 'R', type: 'hotfix', releaseDate: '2026-02-30' },
      'date-invalid',
      'releaseDate',
    ],
    [
      'VA-03 a date with time',
      { name: 'R', type: 'hotfix', releaseDate: '2026-02-01T10:00' },
      'date-invalid',
      'releaseDate',
    ],
    ['VA-06 an unknown type', { name: 'R', type: 'patch' }, 'invalid-input', 'type'],
    ['VA-02 no name', { name: '', type: 'hotfix' }, 'name-required', 'name'],
  ])('refuses %s', (_t, input, code, field) => {
    const w = new World();
    expect(w.refused(createRelease, input as never)).toMatchObject({ code, field });
  });

  it('VA-04 hotfix and onboarding releases need no version; 2028-02-29 is a real date', () => {
    const w = new World();
    expect(() => w.release('H', 'hotfix', { releaseDate: '2028-02-29' })).not.toThrow();
    expect(() => w.release('O', 'onboarding')).not.toThrow();
  });

  it('VA-04 updateRelease checks the version against the resulting type', () => {
    const w = new World();
    const r = w.release('H', 'hotfix');
    expect(w.refused(updateRelease, { releaseId: r, type: 'release' }).code).toBe('version-required');
    expect(
      w.do(updateRelease, { releaseId: r, type: 'release', versionNumber: 'v1' }).changed.sort(),
    ).toEqual(['type', 'versionNumber']);
    expect(w.refused(updateRelease, { releaseId: r, versionNumber: null }).code).toBe('version-required');
  });
});

describe('releases: activation', () => {
  it('BR-R01 activation makes every active customer of every active cluster a participant', () => {
    const w = new World();
    const eu = w.cluster('prod-eu');
    const us = w.cluster('prod-us');
    const a = w.customer(eu, 'A', 'a');
    const c = w.customer(us, 'C', 'c');
    const gone = w.customer(us, 'Gone', 'gone');
    w.do(archiveCustomer, { customerId: gone });
    const r = w.release();
    const t = w.template(r, 'step');
    const value = w.do(activateRelease, { releaseId: r });
    expect(value.customerIds.sort()).toEqual([a, c].sort());
    expect(Object.keys(w.state.releases[r]?.participants ?? {}).sort()).toEqual([a, c].sort());
    expect(w.state.catalog.releases[r]).toMatchObject({ status: 'active', activatedAt: w.ctx.now() });
    // ST-01: no step records are written; every participant has the template step by construction.
    expect(w.state.releases[r]?.stepStates).toEqual({});
    expect(resolveCustomerSteps(w.state, r, c).map((s) => s.id)).toEqual([templateStepId(c, t)]);
    expect(w.state.releases[r]?.events.map((e) => e.kind)).toContain('release-activated');
  });

  it('BR-R01 activation touches two documents: the catalog and the release', () => {
    const w = new World();
    w.customer(w.cluster('eu'), 'A', 'a');
    const r = w.release();
    const change = w.change(activateRelease, { releaseId: r });
    expect(new Set(change.ops.map((o) => (o.doc === 'catalog' ? 'catalog' : o.releaseId)))).toEqual(
      new Set(['catalog', r]),
    );
  });

  it('FR-003 activation with chosen customers; they must exist and be active (customer-archived)', () => {
    const w = new World();
    const eu = w.cluster('eu');
    const a = w.customer(eu, 'A', 'a');
    const b = w.customer(eu, 'B', 'b');
    const r = w.release();
    w.do(archiveCustomer, { customerId: b });
    expect(w.refused(activateRelease, { releaseId: r, customerIds: [a, b] })).toMatchObject({
      code: 'customer-archived',
      field: 'customerIds',
    });
    expect(w.refused(activateRelease, { releaseId: r, customerIds: ['customer:nope'] }).code).toBe(
      'customer-not-found',
    );
    expect(w.refused(activateRelease, { releaseId: r, customerIds: [] })).toMatchObject({
      code: 'no-customers-selected',
      field: 'customerIds',
    });
    w.do(activateRelease, { releaseId: r, customerIds: [a, a] });
    expect(Object.keys(w.state.releases[r]?.participants ?? {})).toEqual([a]);
  });

  it('FR-003 activation with no active customer at all is refused (no-customers-selected)', () => {
    const w = new World();
    const r = w.release();
    expect(w.refused(activateRelease, { releaseId: r }).code).toBe('no-customers-selected');
  });

  it('LC-01 only a draft can be activated (release-not-draft, release-archived)', () => {
    const { w, r } = activeWorld();
    expect(w.refused(activateRelease, { releaseId: r }).code).toBe('release-not-draft');
    w.do(archiveRelease, { releaseId: r });
    expect(w.refused(activateRelease, { releaseId: r }).code).toBe('release-archived');
    expect(w.refused(activateRelease, { releaseId: 'release:nope' }).code).toBe('release-not-found');
  });

  it('LC-02 customers are added to an active release only, and only those not in it yet', () => {
    const { w, a, eu, r } = activeWorld();
    const d = w.customer(eu, 'Delta', 'delta');
    expect(customersAvailableToAdd(w.state, r)).toEqual([d]);
    expect(w.refused(addCustomersToRelease, { releaseId: r, customerIds: [a] })).toMatchObject({
      code: 'customers-already-in-release',
      field: 'customerIds',
    });
    const value = w.do(addCustomersToRelease, { releaseId: r, customerIds: [a, d] });
    expect(value).toEqual({ added: [d], alreadyIn: [a] });
    expect(resolveCustomerSteps(w.state, r, d)).toHaveLength(3);
    expect(customersAvailableToAdd(w.state, r)).toEqual([]);

    const draft = w.release('draft');
    expect(w.refused(addCustomersToRelease, { releaseId: draft, customerIds: [d] }).code).toBe(
      'release-not-active',
    );
  });

  it('BR-R01 a customer of an archived cluster (a merge leftover) is not offered', () => {
    const w = new World();
    const eu = w.cluster('eu');
    const a = w.customer(eu, 'A', 'a');
    const r = w.release();
    // Simulate a merge: cluster archived elsewhere while the customer stayed active.
    w.apply({ ops: [{ doc: 'catalog', op: 'put-cluster', id: eu, fields: { isActive: false } }] });
    expect(w.refused(activateRelease, { releaseId: r }).code).toBe('no-customers-selected');
    expect(w.refused(activateRelease, { releaseId: r, customerIds: [a] }).code).toBe('cluster-archived');
  });
});

describe('releases: clone and archive', () => {
  it('FR-004 / LC-03 clone: new draft, same type/description/version, templates copied with new ids and same keys', () => {
    const { w, r, d1 } = activeWorld();
    w.do(deleteTemplate, { releaseId: r, templateId: d1 });
    const { releaseId, templateCount } = w.do(cloneRelease, { releaseId: r });
    const clone = w.state.catalog.releases[releaseId];
    expect(clone).toMatchObject({
      name: 'v2.5.0 (copy)',
      type: 'release',
      status: 'draft',
      versionNumber: 'v2.5.0',
      clonedFrom: r,
      releaseDate: null,
    });
    expect(templateCount).toBe(2);
    const copied = Object.values(w.state.releases[releaseId]?.templates ?? {});
    const source = Object.values(w.state.releases[r]?.templates ?? {}).filter((t) => t.deletedAt === null);
    expect(copied.map((t) => [t.name, t.order]).sort()).toEqual(source.map((t) => [t.name, t.order]).sort());
    expect(copied.every((t) => t.releaseId === releaseId && !source.some((s) => s.id === t.id))).toBe(true);
    expect(w.state.releases[releaseId]?.participants).toEqual({});
    const named = w.do(cloneRelease, { releaseId: r, name: 'v2.6.0', versionNumber: 'v2.6.0' });
    expect(w.state.catalog.releases[named.releaseId]).toMatchObject({
      name: 'v2.6.0',
      versionNumber: 'v2.6.0',
    });
  });

  it('LC-04 archive remembers the status it came from; unarchive returns there', () => {
    const { w, r } = activeWorld();
    const draft = w.release('draft');
    w.do(archiveRelease, { releaseId: r });
    w.do(archiveRelease, { releaseId: draft });
    expect(w.state.catalog.releases[r]).toMatchObject({ status: 'archived', archivedFrom: 'active' });
    expect(w.refused(archiveRelease, { releaseId: r }).code).toBe('release-archived');
    expect(w.do(unarchiveRelease, { releaseId: r }).status).toBe('active');
    expect(w.do(unarchiveRelease, { releaseId: draft }).status).toBe('draft');
    expect(w.refused(unarchiveRelease, { releaseId: r }).code).toBe('release-not-archived');
  });

  it('LC-04 unarchive of imported data without archivedFrom goes by activatedAt', () => {
    const { w, r } = activeWorld();
    w.apply({
      ops: [{ doc: 'catalog', op: 'put-release', id: r, fields: { status: 'archived', archivedFrom: null } }],
    });
    expect(w.do(unarchiveRelease, { releaseId: r }).status).toBe('active');
  });

  it.each([
    ['updateRelease', (r: string) => [updateRelease, { releaseId: r, name: 'x' }]],
    [
      'addTemplate',
      (r: string) => [
        addTemplate,
        { releaseId: r, name: 'x', category: 'deploy', type: 'bash', content: '' },
      ],
    ],
    [
      'addCustomersToRelease',
      (r: string) => [addCustomersToRelease, { releaseId: r, customerIds: ['customer:x'] }],
    ],
  ] as const)('LC-05 an archived release refuses %s (release-archived)', (_name, make) => {
    const { w, r } = activeWorld();
    w.do(archiveRelease, { releaseId: r });
    const [command, input] = make(r);
    expect(w.refused(command as never, input as never).code).toBe('release-archived');
  });

  it('LC-05 an archived release refuses step and template changes (release-archived)', () => {
    const { w, r, a, d1 } = activeWorld();
    w.do(archiveRelease, { releaseId: r });
    expect(w.refused(markDone, { releaseId: r, stepId: templateStepId(a, d1) }).code).toBe(
      'release-archived',
    );
    expect(w.refused(updateTemplate, { releaseId: r, templateId: d1, content: 'x' }).code).toBe(
      'release-archived',
    );
  });
});
