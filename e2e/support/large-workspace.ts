/**
 * A large workspace file, built with the real domain commands and written in the real export format
 * (version 2): `clusters` clusters, `customers` customers spread over them, and one release of
 * `templates` template steps (four in five deploy, the rest verify) activated for every customer, with
 * the first `done` customer steps marked done (customer by customer). At 1,000 x 50 with 50,000 done it
 * is the backup of a finished release of the size the benchmarks use (about 47 MB of JSON).
 *
 * Ids are as long as the app's (16 characters after the type) but come from a seeded generator, so a
 * file is the same every time and its sizes are real. Imported by path from the browser tests and the
 * restore benchmark: the domain is plain TypeScript with no DOM.
 */
import {
  activateRelease,
  addTemplate,
  bulkMarkDone,
  type ClusterId,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type DomainState,
  emptyState,
  exportWorkspace,
  type Id,
  type IdType,
  type ReleaseId,
  randomPart,
  run,
  type StepId,
  serializeWorkspace,
  type TemplateId,
  templateStepId,
  testContext,
} from '../../packages/domain/src/index.ts';

export interface LargeWorkspaceOptions {
  clusters?: number;
  customers?: number;
  templates?: number;
  /** How many customer steps are done (at most customers x templates). */
  done?: number;
  /** Whether the release is activated (default true); a draft has no participants and nothing done. */
  activate?: boolean;
  /** Seed of the id generator. */
  seed?: number;
}

export interface LargeWorkspace {
  text: string;
  releaseId: ReleaseId;
  releaseName: string;
  customerIds: CustomerId[];
  templateIds: TemplateId[];
  counts: { clusters: number; customers: number; templates: number; done: number };
}

/** Steps marked done per command: one change per batch keeps the plain-state copies few. */
const DONE_BATCH = 5000;

/** xorshift32: a tiny deterministic byte source for ids. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x & 0xff;
    }
    return out;
  };
}

export function buildLargeWorkspace(options: LargeWorkspaceOptions = {}): LargeWorkspace {
  const clusterCount = options.clusters ?? 50;
  const customerCount = options.customers ?? 1000;
  const templateCount = options.templates ?? 50;
  const activate = options.activate ?? true;
  const done = activate ? Math.min(options.done ?? 0, customerCount * templateCount) : 0;
  const bytes = seededBytes(options.seed ?? 20261206);
  const ctx = testContext({ device: 'large', actor: { id: 'user:alice', name: 'Alice' } });
  ctx.newId = <T extends IdType>(type: T) => `${type}:${randomPart(bytes(16))}` as Id<T>;

  let state: DomainState = emptyState();
  const step = <T>(result: CommandResult<T>): T => {
    const out = run(state, result);
    state = out.state;
    ctx.tick(1000);
    return out.value;
  };

  const clusters: ClusterId[] = [];
  for (let i = 0; i < clusterCount; i++) {
    const name = `prod-${String(i).padStart(3, '0')}`;
    clusters.push(step(createCluster(state, { name, kubeconfigPath: `~/.kube/${name}` }, ctx)).clusterId);
  }
  const customerIds: CustomerId[] = [];
  for (let i = 0; i < customerCount; i++) {
    const clusterId = clusters[i % clusterCount] as ClusterId;
    const n = String(i).padStart(4, '0');
    customerIds.push(
      step(createCustomer(state, { clusterId, name: `Customer ${n}`, namespace: `customer-${n}` }, ctx))
        .customerId,
    );
  }
  const releaseName = `v9.${customerCount}.${done}`;
  const releaseId = step(
    createRelease(state, { name: releaseName, type: 'release', versionNumber: releaseName }, ctx),
  ).releaseId;
  const templateIds: TemplateId[] = [];
  const deployCount = Math.ceil((templateCount * 4) / 5);
  for (let i = 0; i < templateCount; i++) {
    const category = i < deployCount ? 'deploy' : 'verify';
    // About 260 characters of content, like the benchmarks' templates.
    const content = `kubectl --context {{cluster.name}} -n {{customer.namespace}} rollout status deploy/service-${i} --timeout=300s && kubectl -n {{customer.namespace}} get pods -l app=service-${i} -o wide && echo "step ${i} of release {{release.version}} checked for {{customer.name}}"`;
    templateIds.push(
      step(addTemplate(state, { releaseId, name: `Step ${i + 1}`, category, type: 'bash', content }, ctx))
        .templateId,
    );
  }
  if (activate) step(activateRelease(state, { releaseId }, ctx));

  const doneIds: StepId[] = [];
  for (const customerId of customerIds) {
    for (const templateId of templateIds) {
      if (doneIds.length === done) break;
      doneIds.push(templateStepId(customerId, templateId));
    }
  }
  for (let i = 0; i < doneIds.length; i += DONE_BATCH)
    step(bulkMarkDone(state, { releaseId, stepIds: doneIds.slice(i, i + DONE_BATCH) }, ctx));

  const text = serializeWorkspace(
    exportWorkspace(state, { exportedAt: '2026-12-01T12:00:00.000Z', generator: 'large-workspace' }),
  );
  return {
    text,
    releaseId,
    releaseName,
    customerIds,
    templateIds,
    counts: { clusters: clusterCount, customers: customerCount, templates: templateCount, done },
  };
}
