import type { ApiContext, SignedInContext } from './context.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
/** public: anyone; signed-in: any valid session, token or open mode; admin: role admin. */
export type Access = 'public' | 'signed-in' | 'admin';

/**
 * Routes that read or change release information declare what they touch; the API records one row in the
 * access audit (FR-014) for every such request that got past sign-in, before its answer is sent.
 */
export interface AuditSpec {
  action: 'api.read' | 'api.write';
  /** The entity or collection, e.g. `release:…` from the path, or `releases`. */
  entity(ctx: ApiContext): string;
}

export interface Route {
  method: Method;
  path: string;
  access: Access;
  handle(ctx: ApiContext): Promise<void> | void;
  audit?: AuditSpec;
}

type Handler<A extends Access> = (
  ctx: A extends 'public' ? ApiContext : SignedInContext,
) => Promise<void> | void;

/** Declares a route; the handler's context type follows from `access`. */
export function route<A extends Access>(
  method: Method,
  path: string,
  access: A,
  handle: Handler<A>,
  audit?: AuditSpec,
): Route {
  return { method, path, access, handle: handle as Route['handle'], ...(audit && { audit }) };
}

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
}

export type Match = { route: Route; params: Record<string, string> } | 'method-not-allowed' | null;

/** Matches `/api/users/:id`-style paths; parameters are percent-decoded once. */
export function createRouter(routes: Route[]): (method: string, pathname: string) => Match {
  const compiled: Compiled[] = routes.map((r) => {
    const names: string[] = [];
    const source = r.path
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
    let pathMatched = false;
    for (const { route: r, pattern, names } of compiled) {
      const match = pattern.exec(pathname);
      if (match === null) continue;
      pathMatched = true;
      if (r.method !== method && !(method === 'HEAD' && r.method === 'GET')) continue;
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
    return pathMatched ? 'method-not-allowed' : null;
  };
}
