import type { Method, Operation } from '@runsheet/protocol';
import type { ApiContext, SignedInContext } from './context.ts';

export type { Method };

/**
 * Routes that read or change release information declare what they touch; the API records one row in the
 * access audit (FR-014) for every such request that got past sign-in, before its answer is sent.
 */
export interface AuditSpec {
  action: 'api.read' | 'api.write';
  /** The entity or collection, e.g. `release:…` from the path, or `releases`. */
  entity(ctx: ApiContext): string;
}

/** A route serves one operation of the contract: its method, path, access and schemas come from there. */
export interface Route {
  operation: Operation;
  handle(ctx: ApiContext): Promise<void> | void;
  audit?: AuditSpec;
}

type Handler<O extends Operation> = (
  ctx: O['access'] extends 'public' ? ApiContext<O> : SignedInContext<O>,
) => Promise<void> | void;

/** Serves `operation`; the handler's context knows its body, parameters and whether someone signed in. */
export function route<O extends Operation>(operation: O, handle: Handler<O>, audit?: AuditSpec): Route {
  return { operation, handle: handle as unknown as Route['handle'], ...(audit && { audit }) };
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export type Match =
  | { route: Route; params: Record<string, string> }
  | { notAllowed: true; allow: string[] }
  | null;

/** Matches `/api/users/:id`-style paths; parameters are percent-decoded once. */
export function createRouter(routes: Route[]): (method: string, pathname: string) => Match {
  const compiled: Compiled[] = routes.map((r) => {
    const names: string[] = [];
    const source = r.operation.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { route: r, pattern: new RegExp(`^${source}/?$`), names };
  });
  return (method, pathname) => {
    const allow = new Set<string>();
    for (const { route: r, pattern, names } of compiled) {
      const match = pattern.exec(pathname);
      if (match === null) continue;
      const served = r.operation.method;
      allow.add(served);
      if (served === 'GET') allow.add('HEAD');
      if (served !== method && !(method === 'HEAD' && served === 'GET')) continue;
      const params: Record<string, string> = {};
      try {
        names.forEach((name, i) => {
          params[name] = decodeURIComponent(match[i + 1]!);
        });
      } catch {
        return null;
      }
      return { route: r, params };
    }
    return allow.size > 0 ? { notAllowed: true, allow: [...allow] } : null;
  };
}
