// @ts-check
/** What each command does; main.mjs parses the arguments and turns errors into exit codes. */
import { CliError } from './client.mjs';
import { findCustomer, findRelease, findStep, pick } from './resolve.mjs';

/** Exit codes of `wait-gate`, as the README documents them. */
export const WAIT_EXIT = { open: 0, error: 1, halted: 2, timeout: 3 };

/**
 * @param {import('./client.mjs').Client} client
 * @param {{ status?: string | undefined; json?: boolean }} options
 * @param {(line: string) => void} out
 */
export async function releases(client, options, out) {
  const query = options.status ? `?status=${encodeURIComponent(options.status)}` : '';
  const items = await client.all(`/api/releases${query}`, (p) => p.items);
  if (options.json) return out(JSON.stringify(items, null, 2));
  for (const r of items) out([r.id, r.type, r.status, r.versionNumber ?? '-', r.name].join('\t'));
}

/**
 * The step of one customer in a release, in full.
 * @param {import('./client.mjs').Client} client
 * @param {string} releaseArg
 * @param {string} customerArg
 * @param {string} stepArg
 */
async function resolveStep(client, releaseArg, customerArg, stepArg) {
  const release = await findRelease(client, releaseArg);
  const customer = await findCustomer(client, release.id, customerArg);
  const step = findStep(customer, stepArg);
  return { releaseId: release.id, stepId: /** @type {string} */ (step.id) };
}

/**
 * Prints the step's content filled in for the customer, as it runs now, with nothing around it: it is
 * meant to be piped into bash. A variable that could not be filled is an error (exit 1), not a script
 * with `{{customer.namespace}}` left in it.
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args release, customer, step
 * @param {(text: string) => void} write
 */
export async function script(client, [releaseArg, customerArg, stepArg], write) {
  const { releaseId, stepId } = await resolveStep(client, releaseArg ?? '', customerArg ?? '', stepArg ?? '');
  const { step } = await client.get(
    `/api/releases/${encodeURIComponent(releaseId)}/steps/${encodeURIComponent(stepId)}`,
  );
  if (step.unfilledVariables.length > 0)
    throw new CliError(
      `the script still has variables with no value for this customer: ${step.unfilledVariables.join(', ')}`,
      'unfilled-variables',
    );
  write(step.filledContent.endsWith('\n') ? step.filledContent : `${step.filledContent}\n`);
}

/**
 * done | skip | revert: the same commands as the app; skip and revert need a reason (`--note`).
 * @param {import('./client.mjs').Client} client
 * @param {'done' | 'skip' | 'revert'} action
 * @param {string[]} args release, customer, step
 * @param {string | undefined} note
 * @param {(line: string) => void} out
 */
export async function changeStep(client, action, [releaseArg, customerArg, stepArg], note, out) {
  if (action !== 'done' && !note?.trim())
    throw new CliError(`${action} needs a reason: --note "why"`, `${action}-needs-reason`);
  const { releaseId, stepId } = await resolveStep(client, releaseArg ?? '', customerArg ?? '', stepArg ?? '');
  const body = action === 'done' ? (note === undefined ? {} : { notes: note }) : { reason: note };
  const { step } = await client.post(
    `/api/releases/${encodeURIComponent(releaseId)}/steps/${encodeURIComponent(stepId)}/${action}`,
    body,
  );
  out(`${step?.name ?? stepId}: ${step?.status ?? 'gone'}`);
}

/**
 * Waits until the wave's gate is open (0), the rollout is halted (2) or the time is up (3).
 * @param {import('./client.mjs').Client} client
 * @param {string[]} args release, wave
 * @param {{ timeoutSeconds: number; intervalSeconds: number }} options timeout 0: no limit
 * @param {(line: string) => void} err
 * @returns {Promise<number>}
 */
export async function waitGate(client, [releaseArg, waveArg], options, err) {
  const release = await findRelease(client, releaseArg ?? '');
  const deadline = options.timeoutSeconds > 0 ? Date.now() + options.timeoutSeconds * 1000 : Infinity;
  let said = '';
  for (;;) {
    const { rollout } = await client.get(`/api/releases/${encodeURIComponent(release.id)}/rollout`);
    const wave = pick(
      'wave',
      waveArg ?? '',
      rollout.waves,
      (w) => w.id,
      (w) => [w.name, String(w.index + 1)],
    );
    if (rollout.halted) {
      err(`halted by ${rollout.halted.byName}: ${rollout.halted.reason}`);
      return WAIT_EXIT.halted;
    }
    if (wave.open) {
      err(`${wave.name} is open`);
      return WAIT_EXIT.open;
    }
    const waiting = `${wave.name} waits for ${wave.gate?.waitingFor.join(', ') || 'the wave before it'}`;
    if (waiting !== said) err(waiting);
    said = waiting;
    if (Date.now() >= deadline) {
      err(`timed out after ${options.timeoutSeconds} s`);
      return WAIT_EXIT.timeout;
    }
    const wait = Math.min(options.intervalSeconds * 1000, Math.max(0, deadline - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
