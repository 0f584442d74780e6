// @ts-check
/** `runsheet <command>`: argument parsing, configuration, and the exit code of each outcome. */
import { parseArgs } from 'node:util';
import { CliError, Client } from './client.mjs';
import { changeStep, releases, script, WAIT_EXIT, waitGate } from './commands.mjs';
import { loadConfig, saveConfig } from './config.mjs';
import { list } from './plan-file.mjs';
import { addWave, gate, haltOrResume, planWaves, wave, waves } from './waves.mjs';

const USAGE = `Usage: runsheet <command>

  login --server URL --token TOKEN      check the token and remember both (~/.config/runsheet)
  releases [--status active] [--json]   list releases, newest first
  script <release> <customer> <step>    print the step's script filled in for the customer
  done <release> <customer> <step> [--note TEXT]
  skip <release> <customer> <step> --note REASON
  revert <release> <customer> <step> --note REASON
  wait-gate <release> <wave> [--timeout SECONDS] [--interval SECONDS]
                                        exit 0 open, 2 halted, 3 timed out, 1 error

  waves <release> [--json]              the waves in order: state, customers, steps, gate
  wave <release> <wave> [--json]        one wave
  plan-waves <release> --file PLAN.json|PLAN.yaml
  plan-waves <release> --by-cluster [--clusters a,b]
  plan-waves <release> --by-metadata KEY --values v1,v2 [--rest NAME]
                                        the whole plan at once (replaces the waves; before any step ran)
  add-wave <release> <name> [--customers a,b] [--clusters a,b] [--metadata KEY=VALUE]
  sign-off <release> <wave> [--note TEXT]
  open-early <release> <wave> --reason TEXT   (admins)
  halt <release> --reason TEXT
  resume <release> --reason TEXT
  Gate flags for plan-waves and add-wave (every wave after the first):
    [--sign-off] [--soak MINUTES] [--verify-complete] [--no-previous-complete]

A release is its id, name or version; a customer its id, name or namespace; a step its id or name;
a wave its id, name or position (1 is the first).
RUNSHEET_SERVER and RUNSHEET_TOKEN override the saved login.
Errors go to stderr with the server's reason code, e.g. "runsheet: ... [wave-not-open]".`;

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @param {{ out?: (s: string) => void; err?: (s: string) => void }} [io]
 * @returns {Promise<number>}
 */
export async function main(argv, env, io = {}) {
  const out = io.out ?? ((s) => process.stdout.write(s));
  const err = io.err ?? ((s) => process.stderr.write(s));
  const line = (/** @type {string} */ s) => out(`${s}\n`);
  const note = (/** @type {string} */ s) => err(`${s}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        status: { type: 'string' },
        json: { type: 'boolean' },
        note: { type: 'string' },
        reason: { type: 'string' },
        timeout: { type: 'string' },
        interval: { type: 'string' },
        file: { type: 'string' },
        'by-cluster': { type: 'boolean' },
        'by-metadata': { type: 'string' },
        values: { type: 'string' },
        rest: { type: 'string' },
        clusters: { type: 'string' },
        customers: { type: 'string' },
        metadata: { type: 'string' },
        'sign-off': { type: 'boolean' },
        soak: { type: 'string' },
        'verify-complete': { type: 'boolean' },
        'no-previous-complete': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...args] = positionals;
    if (values.help || command === undefined || command === 'help') {
      line(USAGE);
      return command === undefined && !values.help ? 1 : 0;
    }
    if (command === 'login') return await login(values.server, values.token, env, line);

    const config = loadConfig(env);
    if (config === null)
      throw new CliError('not signed in: run `runsheet login --server URL --token TOKEN`', 'no-login');
    const client = new Client(config.server, config.token);
    const needs = (/** @type {number} */ n) => {
      if (args.length !== n) throw new CliError(`${command} takes ${n} arguments\n\n${USAGE}`, 'usage');
    };
    switch (command) {
      case 'releases':
        needs(0);
        await releases(client, { status: values.status, json: values.json === true }, line);
        return 0;
      case 'script':
        needs(3);
        await script(client, args, out);
        return 0;
      case 'done':
      case 'skip':
      case 'revert':
        needs(3);
        await changeStep(client, command, args, values.note ?? values.reason, line);
        return 0;
      case 'wait-gate': {
        needs(2);
        const timeoutSeconds = seconds(values.timeout, 0, 'timeout');
        const intervalSeconds = seconds(values.interval, 10, 'interval');
        return await waitGate(client, args, { timeoutSeconds, intervalSeconds }, note);
      }
      case 'waves':
        needs(1);
        await waves(client, args, { json: values.json === true }, line);
        return 0;
      case 'wave':
        needs(2);
        await wave(client, args, { json: values.json === true }, line);
        return 0;
      case 'plan-waves':
        needs(1);
        await planWaves(
          client,
          args,
          {
            file: values.file,
            byCluster: values['by-cluster'] === true,
            clusters: list(values.clusters),
            byMetadata: values['by-metadata'],
            values: list(values.values),
            rest: values.rest,
            gate: gateOf(values),
          },
          line,
        );
        return 0;
      case 'add-wave':
        needs(2);
        await addWave(
          client,
          args,
          {
            customers: list(values.customers),
            clusters: list(values.clusters),
            metadata: values.metadata,
            gate: gateOf(values),
          },
          line,
        );
        return 0;
      case 'sign-off':
      case 'open-early':
        needs(2);
        await gate(
          client,
          command === 'sign-off' ? 'sign-off' : 'open',
          args,
          values.note ?? values.reason,
          line,
        );
        return 0;
      case 'halt':
      case 'resume':
        needs(1);
        await haltOrResume(client, command, args, values.reason ?? values.note, line);
        return 0;
      default:
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 'usage');
    }
  } catch (error) {
    if (error instanceof CliError) {
      note(`runsheet: ${error.message} [${error.code}]`);
      return error.exitCode;
    }
    // parseArgs refuses unknown options with a TypeError whose message says which.
    note(`runsheet: ${error instanceof Error ? error.message : String(error)} [usage]`);
    return WAIT_EXIT.error;
  }
}

/**
 * @param {string | undefined} value
 * @param {number} fallback
 * @param {string} name
 */
function seconds(value, fallback, name) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new CliError(`--${name} takes seconds (a number ≥ 0)`, 'usage');
  return n;
}

/**
 * The gate the flags ask for; null when none was given (the server's default: the previous wave complete).
 * @param {Record<string, string | boolean | undefined>} values
 * @returns {import('./plan-file.mjs').Gate | null}
 */
function gateOf(values) {
  /** @type {import('./plan-file.mjs').Gate} */
  const gate = {};
  if (values['sign-off'] === true) gate.signOff = true;
  if (values['verify-complete'] === true) gate.verifyComplete = true;
  if (values['no-previous-complete'] === true) gate.previousComplete = false;
  if (typeof values.soak === 'string') {
    const minutes = Number(values.soak);
    if (!Number.isInteger(minutes) || minutes < 0) throw new CliError('--soak takes whole minutes', 'usage');
    gate.soakMinutes = minutes;
  }
  return Object.keys(gate).length > 0 ? gate : null;
}

/**
 * Checks the token against the server (GET /api/session) before saving anything.
 * @param {string | undefined} server
 * @param {string | undefined} token
 * @param {NodeJS.ProcessEnv} env
 * @param {(s: string) => void} line
 */
async function login(server, token, env, line) {
  if (!server || !token) throw new CliError('login needs --server URL and --token TOKEN', 'usage');
  const client = new Client(server, token);
  const session = await client.get('/api/session');
  const user = session.user;
  if (!user) throw new CliError('the server did not accept the token', 'unauthenticated');
  const path = saveConfig(env, { server: client.server, token });
  line(
    `signed in to ${client.server} as ${user.displayName ?? user.username} (${user.role}); saved in ${path}`,
  );
  return 0;
}
