// @ts-check
/**
 * Where the CLI finds its server and token: RUNSHEET_SERVER / RUNSHEET_TOKEN when set (a pipeline's
 * secrets), else the file `runsheet login` wrote ($XDG_CONFIG_HOME or ~/.config, then runsheet/config.json,
 * readable by its owner only, since it holds a token).
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** @typedef {{ server: string; token: string }} Config */

/** @param {NodeJS.ProcessEnv} env */
export function configPath(env) {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'runsheet', 'config.json');
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {Partial<Config>}
 */
function readFile(env) {
  try {
    const parsed = JSON.parse(readFileSync(configPath(env), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {Config | null}
 */
export function loadConfig(env) {
  const file = readFile(env);
  const server = env.RUNSHEET_SERVER || file.server;
  const token = env.RUNSHEET_TOKEN || file.token;
  return server && token ? { server: server.replace(/\/+$/, ''), token } : null;
}

/**
 * @param {NodeJS.ProcessEnv} env
 * @param {Config} config
 */
export function saveConfig(env, config) {
  const path = configPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}
