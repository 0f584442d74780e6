// @ts-check
/**
 * The rollout from the command line (WV-13): a release's waves and gates, one wave, the whole plan, a wave
 * added at the end, a sign-off, an early opening, halt and resume. Each is the REST route the server has
 * for it (WV-11 and the rollout routes), so the refusals are the domain's, with their reason codes.
 */
import { CliError } from './client.mjs';
import {
  planByCluster,
  planByMetadata,
  planFromEntries,
  planFromFile,
  releaseMembers,
  withGate,
} from './plan-file.mjs';
import { findRelease, pick } from './resolve.mjs';

/** @param {string} id */
const path = (id) => `/api/releases/${encodeURIComponent(id)}`;

/**
 * @param {number} n
 * @param {string} noun
 */
const count = (n, noun) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * A wave's state as the app says it: Halted, Complete, Open or Closed.
 * @param {any} wave
 */
function stateOf(wave) {
  if (wave.lock === 'rollout-halted') return 'halted';
  if (wave.complete) return 'complete';
  return wave.open ? 'open' : 'closed';
}

/**
 * What a wave's gate says: none on the first wave; how it opened; or what it waits for.
 * @param {any} wave
 */
function gateText(wave) {
  const gate = wave.gate;
  if (!gate) return 'first wave';
  const signed = gate.signOffs
    .filter((/** @type {any} */ s) => !s.voided)
    .map((/** @type {any} */ s) => `signed off by ${s.byName}${s.text ? ` (${s.text})` : ''}`);
  const early = gate.openedEarly
    ? [`opened early by ${gate.openedEarly.byName}: ${gate.openedEarly.text}`]
    : [];
  if (wave.open) return [`opened by ${wave.openedBy ?? 'its conditions'}`, ...signed, ...early].join('; ');
  const waits = gate.waitingFor.length > 0 ? gate.waitingFor.join(', ') : 'the wave before it';
  return `waits for ${waits}${gate.soakEndsAt ? ` (soak ends ${gate.soakEndsAt})` : ''}`;
}

/**
 * One line per wave: position, name, state, customers, steps complete, gate.
 * @param {any} wave
 */
function waveLine(wave) {
  const c = wave.completion;
  return [
    wave.index + 1,
    wave.name,
    stateOf(wave),
    count(wave.customerIds.length, 'customer'),
    `${c.complete}/${c.total} steps complete`,
    gateText(wave),
  ].join('\t');
}

/**
 * Prints the rollout: the halt first when there is one, then each wave.
 * @param {any} rollout
 * @param {(line: string) => void} out
 */
function printRollout(rollout, out) {
  if (rollout.halted) out(`halted by ${rollout.halted.byName}: ${rollout.halted.reason}`);
  if (rollout.waves.length === 0) out('no waves: the release goes to every customer at once');
  for (const wave of rollout.waves) out(waveLine(wave));
}

/**
 * @param {import('./client.mjs').Client} client
 * @param {string} releaseArg
 */
async function rolloutOf(client, releaseArg) {
  const release = await findRelease(client, releaseArg);
  const { rollout } = await client.get(`${path(release.id)}/rollout`);
  return { releaseId: release.id, rollout };
}

/**
 * @param {any} rollout
 * @param {string} waveArg
 * @returns {any}
 */
function findWave(rollout, waveArg) {
  return pick(
    'wave',
    waveArg,
    rollout.waves,
    (w) => w.id,
    (w) => [w.name, String(w.index + 1)],
  );
}

/**
 * `runsheet waves <release>`: every wave with its gate.
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args
 * @param {{ json: boolean }} options
 * @param {(line: string) => void} out
 */
export async function waves(client, [releaseArg], options, out) {
  const { rollout } = await rolloutOf(client, releaseArg ?? '');
  if (options.json) return out(JSON.stringify(rollout, null, 2));
  printRollout(rollout, out);
}

/**
 * `runsheet wave <release> <wave>`: one wave, through the one-wave route (WV-11).
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args
 * @param {{ json: boolean }} options
 * @param {(line: string) => void} out
 */
export async function wave(client, [releaseArg, waveArg], options, out) {
  const { releaseId, rollout } = await rolloutOf(client, releaseArg ?? '');
  const found = findWave(rollout, waveArg ?? '');
  const answer = await client.get(`${path(releaseId)}/waves/${encodeURIComponent(found.id)}`);
  if (options.json) return out(JSON.stringify(answer, null, 2));
  if (answer.halted) out(`halted by ${answer.halted.byName}: ${answer.halted.reason}`);
  out(waveLine(answer.wave));
}

/**
 * @typedef {{ file?: string | undefined; byCluster: boolean; clusters?: string[]; byMetadata?: string | undefined;
 *   values: string[]; rest?: string | undefined; gate: import('./plan-file.mjs').Gate | null }} PlanOptions
 */

/**
 * `runsheet plan-waves <release>`: the whole plan at once, from a file or the flags; replaces the waves.
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args
 * @param {PlanOptions} options
 * @param {(line: string) => void} out
 */
export async function planWaves(client, [releaseArg], options, out) {
  const ways = [options.file !== undefined, options.byCluster, options.byMetadata !== undefined];
  if (ways.filter(Boolean).length !== 1)
    throw new CliError('plan-waves takes one of --file PATH, --by-cluster, --by-metadata KEY', 'usage');
  const release = await findRelease(client, releaseArg ?? '');
  let planned;
  if (options.file !== undefined)
    planned = planFromFile(options.file, await releaseMembers(client, release.id));
  else if (options.byCluster)
    planned = planByCluster(await releaseMembers(client, release.id), options.clusters ?? []);
  else planned = planByMetadata(options.byMetadata ?? '', options.values, options.rest);
  const { rollout } = await client.post(`${path(release.id)}/waves`, {
    waves: withGate(planned, options.gate),
  });
  printRollout(rollout, out);
}

/**
 * `runsheet add-wave <release> <name>`: one wave at the end, with the customers the flags pick.
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args
 * @param {{ customers: string[]; clusters: string[]; metadata?: string | undefined; gate: import('./plan-file.mjs').Gate | null }} options
 * @param {(line: string) => void} out
 */
export async function addWave(client, [releaseArg, name], options, out) {
  const release = await findRelease(client, releaseArg ?? '');
  /** @type {Record<string, unknown>} */
  const entry = { name: name ?? '', customers: options.customers, clusters: options.clusters };
  if (options.metadata !== undefined) {
    const at = options.metadata.indexOf('=');
    if (at <= 0) throw new CliError('--metadata takes KEY=VALUE, e.g. tier=canary', 'usage');
    entry.metadata = { [options.metadata.slice(0, at)]: options.metadata.slice(at + 1) };
  }
  if (options.gate !== null) entry.gate = options.gate;
  const needsMembers = options.customers.length > 0 || options.clusters.length > 0;
  const members = needsMembers ? await releaseMembers(client, release.id) : { customers: [], clusters: [] };
  const [body] = planFromEntries([entry], members);
  const { rollout } = await client.post(`${path(release.id)}/add-wave`, body);
  printRollout(rollout, out);
}

/**
 * sign-off | open-early: a gate, by wave name or id.
 * @param {import('./client.mjs').Client} client
 * @param {'sign-off' | 'open'} action
 * @param {string[]} args
 * @param {string | undefined} text the sign-off's note or the early opening's reason
 * @param {(line: string) => void} out
 */
export async function gate(client, action, [releaseArg, waveArg], text, out) {
  if (action === 'open' && !text?.trim())
    throw new CliError('open-early needs a reason: --reason "why"', 'open-needs-reason');
  const { releaseId, rollout } = await rolloutOf(client, releaseArg ?? '');
  const found = findWave(rollout, waveArg ?? '');
  const body = action === 'open' ? { reason: text } : text === undefined ? {} : { note: text };
  const answer = await client.post(
    `${path(releaseId)}/waves/${encodeURIComponent(found.id)}/${action}`,
    body,
  );
  printRollout(answer.rollout, out);
}

/**
 * halt | resume, with the reason both need.
 * @param {import('./client.mjs').Client} client
 * @param {'halt' | 'resume'} action
 * @param {string[]} args
 * @param {string | undefined} reason
 * @param {(line: string) => void} out
 */
export async function haltOrResume(client, action, [releaseArg], reason, out) {
  if (!reason?.trim())
    throw new CliError(`${action} needs a reason: --reason "why"`, `${action}-needs-reason`);
  const release = await findRelease(client, releaseArg ?? '');
  const { rollout } = await client.post(`${path(release.id)}/${action}`, { reason });
  printRollout(rollout, out);
}
