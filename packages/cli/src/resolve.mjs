// @ts-check
/**
 * Names on the command line: a release, customer, step or wave may be given by its id or by what people
 * call it (a release's name or version number, a customer's name or namespace, a step's name, a wave's
 * name; ignoring case). More than one match is an error that lists them, never a guess.
 */
import { CliError } from './client.mjs';

/**
 * @template T
 * @param {string} kind
 * @param {string} given
 * @param {T[]} items
 * @param {(item: T) => string} idOf
 * @param {(item: T) => Array<string | null | undefined>} namesOf
 * @returns {T}
 */
export function pick(kind, given, items, idOf, namesOf) {
  const byId = items.find((item) => idOf(item) === given);
  if (byId) return byId;
  const key = given.trim().toLowerCase();
  const found = items.filter((item) => namesOf(item).some((n) => n != null && n.toLowerCase() === key));
  if (found.length === 1) return /** @type {T} */ (found[0]);
  if (found.length === 0) throw new CliError(`no ${kind} "${given}"`, 'not-found');
  throw new CliError(
    `"${given}" names ${found.length} ${kind}s: ${found.map(idOf).join(', ')}; give the id`,
    'ambiguous',
  );
}

/**
 * @param {import('./client.mjs').Client} client
 * @param {string} given
 */
export async function findRelease(client, given) {
  if (given.startsWith('release:')) return { id: given };
  const releases = await client.all('/api/releases', (p) => p.items);
  return pick(
    'release',
    given,
    releases,
    (r) => r.id,
    (r) => [r.name, r.versionNumber],
  );
}

/**
 * A customer of a release and its steps (summaries).
 * @param {import('./client.mjs').Client} client
 * @param {string} releaseId
 * @param {string} given
 */
export async function findCustomer(client, releaseId, given) {
  const customers = await client.all(`/api/releases/${encodeURIComponent(releaseId)}`, (page) =>
    page.clusters.flatMap((/** @type {any} */ group) =>
      group.customers.map((/** @type {any} */ c) => ({ ...c, clusterName: group.cluster?.name ?? '' })),
    ),
  );
  return pick(
    'customer in this release',
    given,
    customers,
    (c) => c.id,
    (c) => [c.name, c.namespace, c.namespace && `${c.clusterName}/${c.namespace}`],
  );
}

/**
 * @param {any} customer
 * @param {string} given
 * @returns {any}
 */
export function findStep(customer, given) {
  return pick(
    'step for this customer',
    given,
    customer.steps,
    (s) => s.id,
    (s) => [s.name],
  );
}
