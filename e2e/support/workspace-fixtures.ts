/**
 * Workspaces for the data browser tests, built with the real domain commands (deterministic clock and
 * ids) and written in the real export format, so a test can restore one through the UI and compare what
 * comes back. Imported by path: the domain is plain TypeScript with no DOM.
 */
import {
  activateRelease,
  addCustomStep,
  addTemplate,
  type ClusterId,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyState,
  exportWorkspace,
  markDone,
  overrideStep,
  type ReleaseId,
  revertStep,
  run,
  serializeWorkspace,
  skipStep,
  type TemplateId,
  templateStepId,
  testContext,
} from '../../packages/domain/src/index.ts';

export const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

export interface Fixture {
  state: DomainState;
  releaseId: ReleaseId;
  clusters: { eu: ClusterId; us: ClusterId };
  customers: { acme: CustomerId; beta: CustomerId; cobalt: CustomerId };
  templates: { deploy: TemplateId; migrate: TemplateId; check: TemplateId };
  /** The file's text, as a backup would hold it (with a few fields unknown to this version). */
  text: string;
}

export function buildWorkspace(options: { hostile?: boolean } = {}): Fixture {
  const ctx = testContext({ device: 'e2e', actor: { id: 'user:alice', name: 'Alice' } });
  let state = emptyState();
  function step<T>(result: CommandResult<T>): T {
    const out = run(state, result);
    state = out.state;
    ctx.tick(60_000);
    return out.value;
  }
  const eu = step(
    createCluster(state, { name: 'prod-eu', kubeconfigPath: '~/.kube/prod-eu' }, ctx),
  ).clusterId;
  const us = step(createCluster(state, { name: 'prod-us' }, ctx)).clusterId;
  const acmeName = options.hostile ? `Acme ${HOSTILE_NAME}` : 'Acme';
  const acme = step(
    createCustomer(
      state,
      { clusterId: eu, name: acmeName, namespace: 'acme-prod', metadata: { tier: 'gold' } },
      ctx,
    ),
  ).customerId;
  const beta = step(
    createCustomer(state, { clusterId: eu, name: 'Beta', namespace: 'beta-prod' }, ctx),
  ).customerId;
  const cobalt = step(
    createCustomer(state, { clusterId: us, name: 'Cobalt', namespace: 'cobalt-prod' }, ctx),
  ).customerId;
  const releaseId = step(
    createRelease(
      state,
      {
        name: options.hostile ? `v2.5.0 **bold** ${HOSTILE_NAME}` : 'v2.5.0',
        type: 'release',
        versionNumber: 'v2.5.0',
      },
      ctx,
    ),
  ).releaseId;
  const template = (name: string, category: 'deploy' | 'verify', content: string) =>
    step(addTemplate(state, { releaseId, name, category, type: 'bash', content }, ctx)).templateId;
  const deploy = template('Deploy app', 'deploy', 'helm upgrade app -n {{customer.namespace}}');
  const migrate = template('Migrate', 'deploy', 'psql -c "select 1"');
  const check = template('Health check', 'verify', 'curl https://{{customer.name}}/health');
  step(activateRelease(state, { releaseId }, ctx));
  step(markDone(state, { releaseId, stepId: templateStepId(acme, deploy), notes: 'went fine' }, ctx));
  step(
    skipStep(
      state,
      {
        releaseId,
        stepId: templateStepId(acme, migrate),
        reason: options.hostile ? `no change ${HOSTILE_NAME}` : 'no schema change',
      },
      ctx,
    ),
  );
  step(
    overrideStep(
      state,
      { releaseId, stepId: templateStepId(beta, deploy), content: 'helm upgrade app --atomic -n beta-prod' },
      ctx,
    ),
  );
  step(markDone(state, { releaseId, stepId: templateStepId(cobalt, deploy) }, ctx));
  step(
    revertStep(
      state,
      { releaseId, stepId: templateStepId(cobalt, deploy), reason: 'pods crashlooping' },
      ctx,
    ),
  );
  step(
    addCustomStep(
      state,
      {
        releaseId,
        customerId: acme,
        name: 'Flush cache',
        category: 'deploy',
        type: 'bash',
        content: 'redis-cli flushall',
      },
      ctx,
    ),
  );
  // Fields a newer version of the app would have written: a restore must carry them through (IO-01).
  const file = JSON.parse(
    serializeWorkspace(exportWorkspace(state, { exportedAt: '2026-03-01T12:00:00.000Z' })),
  );
  file.clusters[0].owner = { team: 'platform', pager: ['a', 'b'] };
  file.stepStates[0].approvedBy = 'carol';
  file.events[0].signature = 'sig-1';
  const text = `${JSON.stringify(file, null, 1)}\n`;
  return {
    state,
    releaseId,
    clusters: { eu, us },
    customers: { acme, beta, cobalt },
    templates: { deploy, migrate, check },
    text,
  };
}

/** The collections of a workspace file, without the export stamp, for comparing two files. */
export function collectionsOf(text: string): Record<string, unknown> {
  const { exportedAt: _at, generator: _by, ...rest } = JSON.parse(text) as Record<string, unknown>;
  return rest;
}
