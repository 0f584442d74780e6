/**
 * One seeded run: a shared starting point, then random commands on random replicas interleaved with
 * message deliveries, link drops and reconnects; finally every link heals and the invariants are
 * checked. Same seed, same run.
 */
import {
  activateRelease,
  addTemplate,
  type CommandResult,
  createCluster,
  createCustomer,
  createRelease,
  planWaves,
} from '@runsheet/domain';
import type { Command } from '../../src/index.ts';
import { Prng } from '../support/prng.ts';
import { randomCommand } from './actions.ts';
import {
  checkConverged,
  checkDoneLocked,
  checkEventsKept,
  checkOrdering,
  checkProjections,
  checkUniqueOrListed,
} from './invariants.ts';
import { SimLog } from './log.ts';
import { Network } from './network.ts';
import { Replica } from './replica.ts';
import { randomGate } from './rollout-actions.ts';
import { checkRollout } from './rollout-invariants.ts';

export interface SimOptions {
  /** Random steps after the shared start (commands, deliveries, drops, reconnects). */
  steps?: number;
  /** Called after every random step (for investigating a failing seed). */
  onStep?: (step: number, replicas: readonly Replica[], log: SimLog) => void;
}

export interface SimResult {
  seed: number;
  replicas: number;
  problems: string[];
  log: SimLog;
  network: Network;
}

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`baseline command refused: ${result.error.code}`);
  return result.value;
}

/**
 * Two clusters, three customers, one active release with three templates, known to every replica; in
 * most runs the release rolls out in waves (Acme, then the eu cluster, then the rest) behind random
 * gates, so gates, halts and locks meet every other command.
 */
function baseline(first: Replica, rng: Prng): void {
  const run = <I, T>(command: Command<I, T>, input: I) => must(first.ws.run(command, input, first.ctx));
  const eu = run(createCluster, { name: 'eu' }).clusterId;
  const us = run(createCluster, { name: 'us' }).clusterId;
  const acme = run(createCustomer, { clusterId: eu, name: 'Acme', namespace: 'acme' }).customerId;
  run(createCustomer, { clusterId: eu, name: 'Globex', namespace: 'globex' });
  run(createCustomer, { clusterId: us, name: 'Initech', namespace: 'initech' });
  const releaseId = run(createRelease, { name: 'Spring', type: 'release', versionNumber: '1.0' }).releaseId;
  for (const [name, category] of [
    ['Migrate', 'deploy'],
    ['Deploy', 'deploy'],
    ['Smoke', 'verify'],
  ] as const) {
    run(addTemplate, {
      releaseId,
      name,
      category,
      type: 'bash',
      content: `echo ${name} {{customer.namespace}}`,
    });
  }
  run(activateRelease, { releaseId });
  if (rng.bool(0.7)) {
    run(planWaves, {
      releaseId,
      waves: [
        { name: 'Canary', select: { customerIds: [acme] } },
        { name: 'EU', select: { clusterIds: [eu] }, gate: randomGate(rng) },
        { name: 'Rest', gate: randomGate(rng) },
      ],
    });
  }
}

export function runSim(seed: number, options: SimOptions = {}): SimResult {
  const rng = new Prng(seed);
  const count = rng.int(3, 5);
  const replicas = Array.from({ length: count }, (_, i) => new Replica(i, '2026-03-01T09:00:00.000Z'));
  const network = new Network(replicas, rng);
  const log = new SimLog();
  baseline(replicas[0] as Replica, rng);
  network.settle();

  const steps = options.steps ?? 60;
  for (let i = 0; i < steps; i++) {
    const roll = rng.next();
    if (roll < 0.45) randomCommand(rng, rng.pick(replicas), log);
    else if (roll < 0.85) network.deliverOne();
    else if (roll < 0.92) {
      const link = rng.pick(network.links);
      if (link.up) network.drop(link);
      else network.reconnect(link);
      log.trace.push(`link ${link.a.name}-${link.b.name} ${link.up ? 'up' : 'down'}`);
    } else rng.pick(replicas).flushProjection();
    options.onStep?.(i, replicas, log);
  }
  network.settle();

  const state = (replicas[0] as Replica).ws.state;
  const problems = [
    ...checkConverged(replicas),
    ...checkProjections(replicas),
    ...checkDoneLocked(state, log),
    ...checkUniqueOrListed(state),
    ...checkEventsKept(state, log),
    ...checkOrdering(replicas, log),
    ...checkRollout(state, log),
  ];
  return { seed, replicas: count, problems, log, network };
}
