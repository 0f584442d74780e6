import { describe, expect, it } from 'vitest';
import {
  archiveCustomer,
  inventory,
  inventoryCsv,
  markDone,
  parseCsv,
  revertStep,
  skipStep,
  type TemplateId,
  templateStepId,
} from '../src/index.ts';
import { activeWorld } from './helpers.ts';

/** Marks every given template's step done for `customer` in `release`. */
function complete(
  w: ReturnType<typeof activeWorld>['w'],
  release: ReturnType<typeof activeWorld>['r'],
  customer: ReturnType<typeof activeWorld>['a'],
  templates: TemplateId[],
) {
  for (const t of templates) w.do(markDone, { releaseId: release, stepId: templateStepId(customer, t) });
}

function rowOf(inv: ReturnType<typeof inventory>, id: string) {
  const row = inv.rows.find((r) => r.customer.id === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

describe('inventory: what runs where (IV-01..IV-05)', () => {
  it('IV-01 lists every active customer by cluster then name; archived customers are left out', () => {
    const { w, a, b, c } = activeWorld();
    expect(inventory(w.state).rows.map((r) => r.customer.name)).toEqual(['Acme', 'Beta', 'Cobalt']);
    w.do(archiveCustomer, { customerId: b });
    expect(inventory(w.state).rows.map((r) => r.customer.id)).toEqual([a, c]);
  });

  it('IV-02 a customer runs the last release of type release whose steps are all complete for it (skipped counts)', () => {
    const { w, r, a, b, d1, d2, v1 } = activeWorld();
    expect(rowOf(inventory(w.state), a).runs).toBeNull();
    complete(w, r, a, [d1, d2]);
    w.do(skipStep, { releaseId: r, stepId: templateStepId(a, v1), reason: 'no endpoint' });
    const inv = inventory(w.state);
    expect(rowOf(inv, a).runs).toMatchObject({ releaseId: r, versionNumber: 'v2.5.0' });
    expect(rowOf(inv, a).runs?.completedAt).not.toBeNull();
    expect(rowOf(inv, b).runs).toBeNull();
    // A revert makes it incomplete again: it no longer runs that version.
    w.do(revertStep, { releaseId: r, stepId: templateStepId(a, d1), reason: 'rolled back' });
    expect(rowOf(inventory(w.state), a).runs).toBeNull();
  });

  it('IV-03 hotfixes complete after the release it runs show on top; a newer release clears them', () => {
    const { w, r, a, d1, d2, v1 } = activeWorld();
    complete(w, r, a, [d1, d2, v1]);
    w.ctx.tick(); // each release is activated a second after the one before
    const hotfix = w.release('Hotfix 2.5.1', 'hotfix', { versionNumber: 'v2.5.1' });
    const h1 = w.template(hotfix, 'Patch');
    w.activate(hotfix, [a]);
    complete(w, hotfix, a, [h1]);
    expect(rowOf(inventory(w.state), a).hotfixes.map((h) => h.versionNumber)).toEqual(['v2.5.1']);
    w.ctx.tick();
    const next = w.release('v2.6.0', 'release', { versionNumber: 'v2.6.0' });
    const n1 = w.template(next, 'Deploy');
    w.activate(next, [a]);
    complete(w, next, a, [n1]);
    const row = rowOf(inventory(w.state), a);
    expect(row.runs?.versionNumber).toBe('v2.6.0');
    expect(row.hotfixes).toEqual([]);
  });

  it('IV-04 the version in progress says how far; IV-05 behind counts newer activated releases', () => {
    const { w, r, a, b, c, d1, d2, v1 } = activeWorld();
    complete(w, r, a, [d1, d2, v1]);
    complete(w, r, b, [d1, d2, v1]);
    w.ctx.tick();
    const next = w.release('v2.6.0', 'release', { versionNumber: 'v2.6.0' });
    const n1 = w.template(next, 'Deploy');
    const n2 = w.template(next, 'Verify', 'verify');
    w.release('v2.7.0 draft', 'release', { versionNumber: 'v2.7.0' }); // a draft: never counted
    w.activate(next, [a, b]);
    complete(w, next, a, [n1]);
    const inv = inventory(w.state);
    expect(inv.newest?.versionNumber).toBe('v2.6.0');
    expect(rowOf(inv, a)).toMatchObject({
      runs: { versionNumber: 'v2.5.0' },
      inProgress: { versionNumber: 'v2.6.0', total: 2, complete: 1, completePercent: 50 },
      behind: 1,
    });
    expect(rowOf(inv, b)).toMatchObject({ inProgress: { completePercent: 0 }, behind: 1 });
    // Cobalt completed nothing: behind by every activated release.
    expect(rowOf(inv, c)).toMatchObject({ runs: null, inProgress: { versionNumber: 'v2.5.0' }, behind: 2 });
    complete(w, next, a, [n2]);
    expect(rowOf(inventory(w.state), a)).toMatchObject({
      runs: { versionNumber: 'v2.6.0' },
      inProgress: null,
      behind: 0,
    });
  });

  it('IV-05 exports the rows as CSV, one line per customer, formula-safe', () => {
    const { w, r, a, d1, d2, v1 } = activeWorld();
    complete(w, r, a, [d1, d2, v1]);
    const csv = inventoryCsv(inventory(w.state).rows, w.state.catalog);
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error('unparseable');
    expect(parsed.rows[0]).toEqual([
      'cluster',
      'customer',
      'namespace',
      'runs',
      'hotfixes',
      'in_progress',
      'in_progress_percent',
      'behind',
    ]);
    expect(parsed.rows[1]).toEqual(['prod-eu', 'Acme', 'acme-prod', 'v2.5.0', '', '', '', '0']);
    expect(parsed.rows[3]).toEqual(['prod-us', 'Cobalt', 'cobalt-prod', '', '', 'v2.5.0', '0', '1']);
  });
});
