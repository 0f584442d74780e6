import { markDone, resolveStep, templateStepId, updateCustomer } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { testWorld } from '@/test-support/test-world';
import { shownContent, slug, stepFileName } from './rendered-content';

describe('content shown, copied and downloaded for one customer', () => {
  it('names the file after the customer and the step, with the extension of its type', () => {
    expect(stepFileName('Acme Corp', 'Run migration (v2)', 'sql')).toBe('acme-corp_run-migration-v2.sql');
    expect(stepFileName('Beta', 'Deploy', 'bash')).toBe('beta_deploy.sh');
    expect(stepFileName('Beta', 'Check', 'text')).toBe('beta_check.txt');
    expect(slug('../../etc/passwd')).toBe('etc-passwd');
    expect(slug('***')).toBe('step');
  });

  it('fills in the variables for that customer and says where it runs', () => {
    const w = testWorld();
    const { releaseId, acme, deployApp } = w.ids;
    const step = resolveStep(w.state, releaseId, templateStepId(acme, deployApp));
    if (!step) throw new Error('no step');
    const shown = shownContent(w.state.catalog, step);
    expect(shown.text).toBe('helm upgrade app -n acme-prod');
    expect(shown.target).toBe('prod-eu / acme-prod');
    expect(shown.fileName).toBe('acme_deploy-app.sh');
    expect(shown.marks).toEqual([
      expect.objectContaining({ kind: 'filled', note: 'customer.namespace = acme-prod' }),
    ]);
  });

  it('shows a done step as executed, not filled in again with later values (BR-R03)', () => {
    const w = testWorld();
    const { releaseId, acme, deployApp } = w.ids;
    const stepId = templateStepId(acme, deployApp);
    w.act(markDone, { releaseId, stepId });
    w.act(updateCustomer, { customerId: acme, namespace: 'acme-new' });
    const step = resolveStep(w.state, releaseId, stepId);
    if (!step) throw new Error('no step');
    const shown = shownContent(w.state.catalog, step);
    expect(shown.executed).toBe(true);
    expect(shown.text).toBe('helm upgrade app -n acme-prod');
  });
});
