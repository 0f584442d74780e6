import type { IncomingMessage, ServerResponse } from 'node:http';
import { VERSION } from '../version.ts';
import { sendJson } from './respond.ts';

/** `GET /healthz`: liveness for load balancers and `docker HEALTHCHECK`; `uptime` is in seconds. */
export function createHealthHandler(startedAt: number = Date.now()) {
  return (_req: IncomingMessage, res: ServerResponse): void => {
    sendJson(res, 200, {
      status: 'ok',
      version: VERSION,
      uptime: Math.round((Date.now() - startedAt) / 1000),
    });
  };
}
