import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { freePort } from '../../scripts/engines.mjs';
import { ENV_VARIABLES, loadConfig } from '../src/config.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { stockClient, synced } from './helpers/y-client.ts';

/** deploy/: the Kubernetes manifests set only variables the server reads; the nginx config routes rooms. */
const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));
const K8S = path.join(DEPLOY, 'kubernetes');

interface Manifest {
  kind: string;
  metadata?: { name: string };
  [key: string]: unknown;
}

function manifests(): Manifest[] {
  return readdirSync(K8S)
    .filter((file) => file.endsWith('.yaml'))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((doc) => doc.toJS() as Manifest),
    )
    .filter((m) => m?.kind !== undefined);
}

interface Container {
  name: string;
  env?: Array<{ name: string; value?: string }>;
  envFrom?: Array<{ secretRef?: { name: string }; configMapRef?: { name: string } }>;
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
}

const relayContainer = (all: Manifest[]) => {
  const deployment = all.find((m) => m.kind === 'Deployment') as unknown as {
    spec: { replicas: number; template: { spec: { containers: Container[] } } };
  };
  return { deployment, container: deployment.spec.template.spec.containers[0]! };
};

describe('deploy/kubernetes', () => {
  it('CL-04 every environment variable the manifests set is one the server reads, and the result is valid', () => {
    const all = manifests();
    const { container } = relayContainer(all);
    const set = new Map<string, string>();
    for (const { name, value } of container.env ?? []) set.set(name, value ?? '');
    for (const from of container.envFrom ?? []) {
      const ref = from.secretRef ?? from.configMapRef;
      const source = all.find(
        (m) => m.metadata?.name === ref?.name && m.kind === (from.secretRef ? 'Secret' : 'ConfigMap'),
      ) as { stringData?: Record<string, string>; data?: Record<string, string> } | undefined;
      expect(
        source,
        `the ${ref?.name} ${from.secretRef ? 'Secret' : 'ConfigMap'} is in deploy/`,
      ).toBeDefined();
      for (const [name, value] of Object.entries({ ...source?.data, ...source?.stringData }))
        set.set(name, value);
    }
    expect(set.size).toBeGreaterThan(0);
    const unknown = [...set.keys()].filter((name) => !ENV_VARIABLES.includes(name));
    expect(unknown, 'variables the server does not read').toEqual([]);
    // What several relays need is there, and the server accepts the values as written.
    for (const needed of ['DATABASE_URL', 'REDIS_URL', 'TRUST_PROXY']) expect(set.has(needed)).toBe(true);
    const config = loadConfig(Object.fromEntries(set));
    expect(config.redisUrl).not.toBeNull();
    expect(config.databaseUrl).not.toBeNull();
  });

  it('CL-04 several replicas, ready on /healthz (PostgreSQL and Redis reachable), alive on /livez', () => {
    const { deployment, container } = relayContainer(manifests());
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(container.readinessProbe?.httpGet?.path).toBe('/healthz');
    expect(container.livenessProbe?.httpGet?.path).toBe('/livez');
    const kinds = manifests().map((m) => m.kind);
    for (const kind of ['Service', 'Secret', 'Ingress', 'PodDisruptionBudget']) expect(kinds).toContain(kind);
  });
});

/**
 * deploy/nginx/runsheet.conf run by a real nginx in front of two relays: each room always reaches the
 * same relay (consistent hash), rooms spread over both, and the rest is round-robin.
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(
  (candidate) => spawnSync(candidate, ['-v']).status === 0,
);
if (NGINX === undefined) console.warn('\n!!! deploy/nginx routing test: NOT RUN, nginx is not installed\n');

describe.skipIf(NGINX === undefined)('deploy/nginx/runsheet.conf', () => {
  const relays: TestServer[] = [];
  let nginx: ChildProcess;
  let front = '';
  const dir = makeTempDir('nginx');

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) relays.push(await startTestServer());
    const port = await freePort();
    const servers = relays
      .map((r) => `    server 127.0.0.1:${r.port} max_fails=1 fail_timeout=5s;`)
      .join('\n');
    // The shipped file, with these relays in its upstreams and a loopback port to listen on.
    const conf = readFileSync(path.join(DEPLOY, 'nginx', 'runsheet.conf'), 'utf8')
      .replace(
        /(upstream runsheet_\w+ \{[^}]*?)((?:\s*server [^;]+;)+)/g,
        (_, head: string) => `${head}\n${servers}`,
      )
      .replace('listen 80;', `listen 127.0.0.1:${port};`);
    writeFileSync(path.join(dir.path, 'runsheet.conf'), conf);
    const isRoot = process.getuid?.() === 0;
    writeFileSync(
      path.join(dir.path, 'nginx.conf'),
      `${isRoot ? 'user root;\n' : ''}pid ${dir.path}/nginx.pid;\nerror_log stderr warn;\nworker_processes 1;\n` +
        `events { worker_connections 256; }\nhttp {\n  access_log off;\n` +
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
          .map((t) => `  ${t}_temp_path ${dir.path}/${t};\n`)
          .join('') +
        `  include ${dir.path}/runsheet.conf;\n}\n`,
    );
    const check = spawnSync(NGINX!, ['-t', '-p', dir.path, '-c', path.join(dir.path, 'nginx.conf')], {
      encoding: 'utf8',
    });
    expect(check.status, check.stderr).toBe(0);
    nginx = spawn(NGINX!, ['-p', dir.path, '-c', path.join(dir.path, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    front = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${front}/livez`).catch(() => null))?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await exited;
    }
    for (const r of relays) await r.dispose();
    dir.remove();
  });

  /** Which relay the next connection to `room` through nginx lands on. */
  async function relayFor(room: string): Promise<number> {
    const counts = relays.map((r) => r.server.relay.stats().connections);
    const c = stockClient(front, room);
    try {
      await synced(c);
      const now = relays.map((r) => r.server.relay.stats().connections);
      return now.findIndex((n, i) => n > counts[i]!);
    } finally {
      c.destroy();
      // Let the relay see the close before the next count.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('a room always reaches the same relay; rooms spread over the relays', async () => {
    const rooms = Array.from({ length: 12 }, (_, i) => `release:r${i}`);
    const first = new Map<string, number>();
    for (const room of rooms) first.set(room, await relayFor(room));
    for (const room of rooms.slice(0, 4)) expect(await relayFor(room)).toBe(first.get(room));
    expect(new Set(first.values())).toEqual(new Set([0, 1]));
  });

  it('everything else goes round-robin', async () => {
    const served = relays.map(() => 0);
    const listeners = relays.map((r, i) => {
      const listener = () => served[i]!++;
      r.server.http.on('request', listener);
      return listener;
    });
    for (let i = 0; i < 10; i++) expect((await fetch(`${front}/healthz`)).status).toBe(200);
    for (const [i, r] of relays.entries()) r.server.http.off('request', listeners[i]!);
    expect(served.every((n) => n >= 3)).toBe(true);
  });
});
