// @ts-check
/**
 * A whole rollout plan for `runsheet plan-waves` (WV-13): read from a JSON or YAML file, or made from flags
 * (one wave per cluster, one per value of a metadata key), then turned into the body of
 * `POST /api/releases/{id}/waves`, the route the app's "Plan waves…" saves through too (`planWaves`).
 * People write names (Acme, prod-eu); the API takes ids, so names are looked up in the release here.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { CliError } from './client.mjs';
import { pick } from './resolve.mjs';

/**
 * @typedef {{ previousComplete?: boolean; verifyComplete?: boolean; soakMinutes?: number; signOff?: boolean }} Gate
 * @typedef {{ customerIds?: string[]; clusterIds?: string[]; metadata?: { key: string; value: string } }} Select
 * @typedef {{ name: string; select?: Select; gate?: Gate }} PlannedWave
 * @typedef {{ customers: Array<{ id: string; name: string; namespace: string; clusterName: string }>; clusters: Array<{ id: string; name: string }> }} ReleaseMembers
 */

/**
 * The release's customers and their clusters, as GET /api/releases/{id} groups them.
 * @param {import('./client.mjs').Client} client
 * @param {string} releaseId
 * @returns {Promise<ReleaseMembers>}
 */
export async function releaseMembers(client, releaseId) {
  /** @type {ReleaseMembers['clusters']} */
  const clusters = [];
  /** @type {ReleaseMembers['customers']} */
  const customers = [];
  await client.all(`/api/releases/${encodeURIComponent(releaseId)}`, (page) => {
    for (const group of page.clusters) {
      const cluster = group.cluster ? { id: group.cluster.id, name: group.cluster.name } : null;
      if (cluster && !clusters.some((c) => c.id === cluster.id)) clusters.push(cluster);
      for (const c of group.customers)
        customers.push({ id: c.id, name: c.name, namespace: c.namespace, clusterName: cluster?.name ?? '' });
    }
    return [];
  });
  return { clusters, customers };
}

/**
 * @param {unknown} value
 * @param {string} where
 * @returns {string[]}
 */
function names(value, where) {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string'))
    throw new CliError(`${where} is a list of names`, 'bad-plan');
  return list.map((v) => v.trim()).filter((v) => v !== '');
}

/**
 * @param {ReleaseMembers} members
 * @param {string} given
 */
function customerId(members, given) {
  if (given.startsWith('customer:')) return given;
  return pick(
    'customer in this release',
    given,
    members.customers,
    (c) => c.id,
    (c) => [c.name, c.namespace, `${c.clusterName}/${c.namespace}`],
  ).id;
}

/**
 * @param {ReleaseMembers} members
 * @param {string} given
 */
function clusterId(members, given) {
  if (given.startsWith('cluster:')) return given;
  return pick(
    'cluster in this release',
    given,
    members.clusters,
    (c) => c.id,
    (c) => [c.name],
  ).id;
}

/**
 * One wave of a plan file: `{ name, customers?, clusters?, metadata?: { key: value }, gate? }`, or the
 * API's own `{ name, select, gate }`.
 * @param {unknown} raw
 * @param {number} n
 * @param {ReleaseMembers} members
 * @returns {PlannedWave}
 */
function fileWave(raw, n, members) {
  const where = `waves[${n}]`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new CliError(`${where} is not a wave ({ name, customers, clusters, metadata, gate })`, 'bad-plan');
  const w = /** @type {Record<string, unknown>} */ (raw);
  if (typeof w.name !== 'string') throw new CliError(`${where}.name is missing`, 'bad-plan');
  /** @type {Select} */
  const select = w.select && typeof w.select === 'object' ? { .../** @type {Select} */ (w.select) } : {};
  const customers = names(w.customers, `${where}.customers`).map((c) => customerId(members, c));
  const clusters = names(w.clusters, `${where}.clusters`).map((c) => clusterId(members, c));
  if (customers.length > 0) select.customerIds = [...(select.customerIds ?? []), ...customers];
  if (clusters.length > 0) select.clusterIds = [...(select.clusterIds ?? []), ...clusters];
  if (w.metadata !== undefined) {
    const entries = typeof w.metadata === 'object' && w.metadata !== null ? Object.entries(w.metadata) : [];
    const [entry] = entries;
    if (entries.length !== 1 || !entry || typeof entry[1] !== 'string')
      throw new CliError(`${where}.metadata is one key and its value, e.g. { tier: canary }`, 'bad-plan');
    select.metadata = { key: entry[0], value: entry[1] };
  }
  return {
    name: w.name,
    ...(Object.keys(select).length > 0 && { select }),
    ...(w.gate !== undefined && { gate: /** @type {Gate} */ (w.gate) }),
  };
}

/**
 * A plan file: `{ waves: [...] }` or just the list; YAML when the name ends in .yaml/.yml, else JSON.
 * @param {string} path
 * @param {ReleaseMembers} members
 * @returns {PlannedWave[]}
 */
export function planFromFile(path, members) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${error instanceof Error ? error.message : error}`, 'bad-plan');
  }
  /** @type {unknown} */
  let parsed;
  try {
    parsed = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid: ${error instanceof Error ? error.message : error}`, 'bad-plan');
  }
  const list =
    Array.isArray(parsed) || typeof parsed !== 'object' || parsed === null
      ? parsed
      : /** @type {{ waves?: unknown }} */ (parsed).waves;
  if (!Array.isArray(list)) throw new CliError(`${path} has no list of waves`, 'bad-plan');
  return planFromEntries(list, members);
}

/**
 * Waves written as in a plan file, with names looked up in the release.
 * @param {unknown[]} entries
 * @param {ReleaseMembers} members
 * @returns {PlannedWave[]}
 */
export function planFromEntries(entries, members) {
  return entries.map((raw, n) => fileWave(raw, n, members));
}

/**
 * One wave per cluster of the release: in the order given, else by cluster name.
 * @param {ReleaseMembers} members
 * @param {string[]} order cluster names or ids; empty: every cluster
 * @returns {PlannedWave[]}
 */
export function planByCluster(members, order) {
  // No cluster would plan no wave, and planning no wave removes the plan: that is never what was asked.
  if (members.clusters.length === 0)
    throw new CliError(
      '--by-cluster: no customer of this release is on a cluster, so there is no wave to plan',
      'bad-plan',
    );
  const chosen =
    order.length > 0
      ? order.map((given) => clusterId(members, given))
      : [...members.clusters].sort((a, b) => a.name.localeCompare(b.name)).map((c) => c.id);
  return chosen.map((id) => ({
    name: members.clusters.find((c) => c.id === id)?.name ?? id,
    select: { clusterIds: [id] },
  }));
}

/**
 * One wave per value of a metadata key, in the order given (the API does not show customers' metadata,
 * so the values are named); customers with none of them go to the last wave, or to `rest` when named.
 * @param {string} key
 * @param {string[]} values
 * @param {string | undefined} rest
 * @returns {PlannedWave[]}
 */
export function planByMetadata(key, values, rest) {
  if (values.length === 0)
    throw new CliError('--by-metadata needs --values v1,v2,… (the waves, in order)', 'usage');
  /** @type {PlannedWave[]} */
  const waves = values.map((value) => ({ name: value, select: { metadata: { key, value } } }));
  if (rest !== undefined) waves.push({ name: rest });
  return waves;
}

/**
 * The gate the flags ask for, put on every wave after the first that has none of its own.
 * @param {PlannedWave[]} waves
 * @param {Gate | null} gate
 */
export function withGate(waves, gate) {
  if (gate === null) return waves;
  return waves.map((w, i) => (i === 0 || w.gate !== undefined ? w : { ...w, gate }));
}

/** @param {string | undefined} value */
export function list(value) {
  return names(value, 'the list');
}
