/**
 * A small release for unit tests of the views: plain domain state built by running the real commands
 * (never hand-made records), with a deterministic clock and ids.
 */
import {
  activateRelease,
  addCustomStep,
  addTemplate,
  type CommandContext,
  type CommandResult,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyState,
  run,
  testContext,
} from '@runsheet/domain';

type Command<I, T> = (state: DomainState, input: I, ctx: CommandContext) => CommandResult<T>;

export function testWorld() {
  let state = emptyState();
  const ctx = testContext();
  const act = <I, T>(command: Command<I, T>, input: I): T => {
    const r = run(state, command(state, input, ctx));
    state = r.state;
    ctx.tick();
    return r.value;
  };
  const eu = act(createCluster, { name: 'prod-eu' }).clusterId;
  const us = act(createCluster, { name: 'prod-us' }).clusterId;
  const acme = act(createCustomer, { clusterId: eu, name: 'Acme', namespace: 'acme-prod' }).customerId;
  const beta = act(createCustomer, { clusterId: eu, name: 'Beta', namespace: 'beta-prod' }).customerId;
  const cobalt = act(createCustomer, { clusterId: us, name: 'Cobalt', namespace: 'cobalt-prod' }).customerId;
  const releaseId = act(createRelease, {
    name: 'v2.5.0',
    type: 'release',
    versionNumber: 'v2.5.0',
  }).releaseId;
  const step = (name: string, category: 'deploy' | 'verify', content = `echo ${name}`) =>
    act(addTemplate, { releaseId, name, category, type: 'bash', content }).templateId;
  const deployApp = step('Deploy app', 'deploy', 'helm upgrade app -n {{customer.namespace}}');
  const migrate = step('Migrate', 'deploy');
  const health = step('Health check', 'verify');
  act(activateRelease, { releaseId });
  const custom = act(addCustomStep, {
    releaseId,
    customerId: beta,
    name: 'Warm cache',
    category: 'deploy',
    type: 'bash',
    content: 'echo warm',
    position: { after: `step:${beta.slice('customer:'.length)}.${deployApp.slice('template:'.length)}` },
  }).stepId;
  return {
    get state() {
      return state;
    },
    act,
    ctx,
    ids: { eu, us, acme, beta, cobalt, releaseId, deployApp, migrate, health, custom },
  };
}
