/**
 * The release every layout is measured on, made by the real domain commands through a Workspace, in
 * the shape of the app's data-core benchmark: 50 clusters, 1,000 customers, 50 templates (40 deploy,
 * 10 verify), ids as long as the app's. The changes are recorded, so each layout replays exactly the
 * same ones, and the state at each checkpoint is kept (a copy) to check every layout's read against.
 *
 * Checkpoints: `activated` (no step done), `done3000` (every deploy step of 75 customers, by "Mark all"
 * per customer and category), `done50000` (50 steps marked one by one, then every other step by
 * "Mark all").
 */
import {
  activateRelease,
  addTemplate,
  bulkMarkDone,
  type Change,
  type CommandContext,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  type Id,
  type IdType,
  markDone,
  type ReleaseId,
  type TemplateId,
  templateStepId,
} from '@runsheet/domain';
import * as Y from 'yjs';
import { type Command, Workspace } from '../src/index.ts';

export const CUSTOMERS = 1000;
const CLUSTERS = 50;
const DEPLOY_TEMPLATES = 40;
const VERIFY_TEMPLATES = 10;

export interface Checkpoint {
  name: 'activated' | 'done3000' | 'done50000';
  /** Changes since the previous checkpoint, in command order. */
  changes: Change[];
  /** The state at this checkpoint (a copy). */
  state: DomainState;
  doneSteps: number;
}

/** mulberry32 */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

export interface BuiltRelease {
  releaseId: ReleaseId;
  checkpoints: Checkpoint[];
  /** The catalog document (clusters, customers, the release), encoded. */
  catalog: Uint8Array;
}

/**
 * Variables the templates use. The app benchmark's shape fills the same two in every template, so
 * each customer's runs share one set of values; `varied` gives templates ten different sets (with
 * customer metadata), so each customer's runs have up to ten.
 */
const VARIED = [
  '{{customer.namespace}}',
  '{{customer.namespace}} {{cluster.name}}',
  '{{customer.name}}',
  '{{release.version}} {{customer.namespace}}',
  '{{customer.region}}',
  '{{customer.db_host}} {{customer.namespace}}',
  '{{customer.tier}} {{customer.name}} {{release.version}}',
  '{{cluster.name}}',
  '{{customer.region}} {{customer.tier}}',
  '{{customer.db_host}}',
];

export function buildRelease(seed = 1, { varied = false } = {}): BuiltRelease {
  const random = prng(seed);
  const word = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i++) out += ALPHABET[Math.floor(random() * 62)];
    return out;
  };
  let now = Date.parse('2026-11-02T08:00:00.000Z');
  const ctx: CommandContext = {
    now: () => new Date(now).toISOString(),
    newId: <T extends IdType>(type: T) => `${type}:${word(16)}` as Id<T>,
    actor: { id: `user:${word(16)}`, name: 'Release Manager' },
    device: `device-${word(8)}`,
  };
  const ws = new Workspace();
  let changes: Change[] = [];
  const attempt = <I, T>(command: Command<I, T>, input: I): CommandResult<T> => {
    const result = ws.run(command, input, ctx);
    if (result.ok && result.change.ops.length > 0) changes.push(result.change);
    now += 500 + Math.floor(random() * 4000);
    return result;
  };
  const run = <I, T>(command: Command<I, T>, input: I): T => {
    const result = attempt(command, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };

  const clusterIds = Array.from(
    { length: CLUSTERS },
    (_, i) => run(createCluster, { name: `cluster-${i}` }).clusterId,
  );
  const customers: CustomerId[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const clusterId = clusterIds[i % CLUSTERS] as (typeof clusterIds)[number];
    customers.push(
      run(createCustomer, {
        clusterId,
        name: `Customer ${i}`,
        namespace: `tenant-${i}`,
        metadata: varied
          ? {
              region: `region-${i % 7}`,
              tier: i % 10 === 0 ? 'canary' : 'standard',
              db_host: `db-${i}.internal`,
            }
          : {},
      }).customerId,
    );
  }
  const releaseId = run(createRelease, {
    name: 'Big release',
    type: 'release',
    versionNumber: '9.0.0',
  }).releaseId;
  const deploy: TemplateId[] = [];
  const verify: TemplateId[] = [];
  for (let i = 0; i < DEPLOY_TEMPLATES + VERIFY_TEMPLATES; i++) {
    const category = i < DEPLOY_TEMPLATES ? 'deploy' : 'verify';
    const variables = varied
      ? VARIED[i % VARIED.length]
      : '{{customer.namespace}} --context {{cluster.name}}';
    const content = `kubectl -n ${variables} apply -f step-${i}.yaml\n# ${'x'.repeat(200)}`;
    const { templateId } = run(addTemplate, {
      releaseId,
      name: `Step ${i}`,
      category,
      type: 'bash',
      content,
    });
    (category === 'deploy' ? deploy : verify).push(templateId);
  }
  run(activateRelease, { releaseId });
  const checkpoints: Checkpoint[] = [];
  const mark = (name: Checkpoint['name'], doneSteps: number) => {
    checkpoints.push({ name, changes, state: structuredClone(ws.state), doneSteps });
    changes = [];
  };
  mark('activated', 0);

  for (let c = 0; c < 75; c++) {
    run(bulkMarkDone, { releaseId, customerId: customers[c] as CustomerId, category: 'deploy' });
  }
  mark('done3000', 75 * DEPLOY_TEMPLATES);

  for (let i = 0; i < 50; i++) {
    const stepId = templateStepId(
      customers[(i * 17) % CUSTOMERS] as CustomerId,
      verify[i % verify.length] as TemplateId,
    );
    run(markDone, { releaseId, stepId });
  }
  for (let c = 0; c < CUSTOMERS; c++) {
    for (const category of ['deploy', 'verify'] as const) {
      attempt(bulkMarkDone, { releaseId, customerId: customers[c] as CustomerId, category });
    }
  }
  mark('done50000', CUSTOMERS * (DEPLOY_TEMPLATES + VERIFY_TEMPLATES));
  const catalog = Y.encodeStateAsUpdate(ws.catalog);
  ws.destroy();
  return { releaseId, checkpoints, catalog };
}
