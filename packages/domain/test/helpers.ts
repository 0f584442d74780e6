/**
 * A tiny world for tests: plain state, a deterministic context, and shorthands that run commands and
 * apply their changes. Two devices are simulated by running commands against the same base state and
 * applying both changes (in either order) with applyChange: field-level last-writer-wins, like Y.Maps.
 */
import {
  activateRelease,
  addTemplate,
  applyChange,
  type Change,
  type ClusterId,
  type CommandContext,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainError,
  type DomainState,
  emptyState,
  type ReleaseId,
  type ReleaseType,
  run,
  type StepCategory,
  type TemplateId,
  type TestContext,
  testContext,
} from '../src/index.ts';

type Command<I, T> = (state: DomainState, input: I, ctx: CommandContext) => CommandResult<T>;

export class World {
  state: DomainState;
  ctx: TestContext;

  constructor(state: DomainState = emptyState(), ctx: TestContext = testContext()) {
    this.state = state;
    this.ctx = ctx;
  }

  /** Run a command and apply its change; throws if it refused. */
  do<I, T>(command: Command<I, T>, input: I): T {
    const r = run(this.state, command(this.state, input, this.ctx));
    this.state = r.state;
    return r.value;
  }

  /** Run a command that must refuse; returns the error (and fails the test if it did not refuse). */
  refused<I, T>(command: Command<I, T>, input: I): DomainError {
    const r = command(this.state, input, this.ctx);
    if (r.ok) throw new Error(`expected a refusal, got ok with ${JSON.stringify(r.value)}`);
    return r.error;
  }

  /** Run a command without applying it: the change it would make. */
  change<I, T>(command: Command<I, T>, input: I, ctx: CommandContext = this.ctx): Change {
    const r = command(this.state, input, ctx);
    if (!r.ok) throw new Error(`refused: ${r.error.code}`);
    return r.change;
  }

  apply(change: Change): void {
    this.state = applyChange(this.state, change);
  }

  cluster(
    name: string,
    extra: { kubeconfigPath?: string; metadata?: Record<string, string> } = {},
  ): ClusterId {
    return this.do(createCluster, { name, ...extra }).clusterId;
  }

  customer(
    clusterId: ClusterId,
    name: string,
    namespace = name.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    metadata: Record<string, string> = {},
  ): CustomerId {
    return this.do(createCustomer, { clusterId, name, namespace, metadata }).customerId;
  }

  release(
    name = 'Hotfix 1',
    type: ReleaseType = 'hotfix',
    extra: { versionNumber?: string; releaseDate?: string } = {},
  ): ReleaseId {
    return this.do(createRelease, { name, type, ...extra }).releaseId;
  }

  template(
    releaseId: ReleaseId,
    name: string,
    category: StepCategory = 'deploy',
    content = `echo ${name}`,
  ): TemplateId {
    return this.do(addTemplate, { releaseId, name, category, type: 'bash', content }).templateId;
  }

  activate(releaseId: ReleaseId, customerIds?: CustomerId[]): void {
    this.do(activateRelease, customerIds ? { releaseId, customerIds } : { releaseId });
  }
}

/**
 * The usual fixture: two clusters, three customers (a, b on prod-eu; c on prod-us), an active release
 * with deploy templates d1, d2 and verify template v1.
 */
export function activeWorld(ctx: TestContext = testContext()) {
  const w = new World(emptyState(), ctx);
  const eu = w.cluster('prod-eu', { kubeconfigPath: '~/.kube/prod-eu', metadata: { region: 'eu-west-1' } });
  const us = w.cluster('prod-us', { kubeconfigPath: '~/.kube/prod-us', metadata: { region: 'us-east-1' } });
  const a = w.customer(eu, 'Acme', 'acme-prod', { tier: 'gold' });
  const b = w.customer(eu, 'Beta', 'beta-prod');
  const c = w.customer(us, 'Cobalt', 'cobalt-prod');
  const r = w.release('v2.5.0', 'release', { versionNumber: 'v2.5.0', releaseDate: '2026-03-01' });
  const d1 = w.template(r, 'Deploy app', 'deploy', 'helm upgrade app -n {{customer.namespace}}');
  const d2 = w.template(r, 'Migrate', 'deploy', 'psql -c "select 1"');
  const v1 = w.template(r, 'Health check', 'verify', 'curl https://{{customer.name}}/health');
  w.activate(r);
  return { w, eu, us, a, b, c, r, d1, d2, v1 };
}

/** Two changes made apart from `base`, merged in both orders (field-level last-writer-wins, as Y.Maps). */
export function mergedBothWays(base: DomainState, one: Change, two: Change): [string, DomainState][] {
  return [
    ['one then two', applyChange(applyChange(base, one), two)],
    ['two then one', applyChange(applyChange(base, two), one)],
  ];
}
