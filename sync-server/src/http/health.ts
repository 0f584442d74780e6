import type { IncomingMessage, ServerResponse } from 'node:http';
import { VERSION } from '../version.ts';
import { sendJson } from './respond.ts';

/** A dependency `/healthz` checks: resolves when it answers, rejects when it cannot be reached. */
export type HealthCheck = () => Promise<void>;

/** A check that has not answered by then counts as down: a readiness probe must not hang. */
const CHECK_TIMEOUT_MS = 2_000;

function settle(check: HealthCheck): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    check().then(() => 'ok' as const),
    new Promise<'unreachable'>((resolve) => {
      timer = setTimeout(() => resolve('unreachable'), CHECK_TIMEOUT_MS);
    }),
  ])
    .catch(() => 'unreachable' as const)
    .finally(() => clearTimeout(timer));
}

/**
 * `GET /healthz`: readiness, for load balancers, Kubernetes and `docker HEALTHCHECK`. 200 while every
 * dependency answers (storage; Redis with REDIS_URL), 503 while one does not, so a relay that cannot reach
 * PostgreSQL or Redis is taken out of rotation until it can. `checks` says which; `uptime` is in seconds.
 * `GET /livez`: liveness, the process answers (a relay waiting for its database must not be restarted).
 */
export function createHealthHandler(checks: Record<string, HealthCheck>, startedAt: number = Date.now()) {
  const names = Object.keys(checks);
  return {
    async ready(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      const results = await Promise.all(names.map((name) => settle(checks[name]!)));
      const report = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
      const ok = results.every((result) => result === 'ok');
      sendJson(res, ok ? 200 : 503, {
        status: ok ? 'ok' : 'unavailable',
        version: VERSION,
        uptime: Math.round((Date.now() - startedAt) / 1000),
        checks: report,
      });
    },
    live(_req: IncomingMessage, res: ServerResponse): void {
      sendJson(res, 200, { status: 'ok', version: VERSION });
    },
  };
}
