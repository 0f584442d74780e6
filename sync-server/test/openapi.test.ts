import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/api/api.ts';
import type { ApiDeps } from '../src/api/deps.ts';
import { OPENAPI_DOCUMENT, openApiPath } from '../src/api/openapi.ts';
import { ApiClient } from './helpers/api-client.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

describe('OpenAPI document', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
  });
  afterAll(() => t.dispose());

  it('describes every route the API answers, and no route it does not', () => {
    // Route handlers are never called here: the list is only read for method and path.
    const routes = apiRoutes({} as ApiDeps);
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const served = new Set(routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('is served at /api/openapi.json without credentials, as OpenAPI 3.1', async () => {
    const res = await new ApiClient(t.url).get<{ openapi: string; paths: Record<string, unknown> }>(
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toContain('/api/temporal/releases/{releaseId}');
  });

  it('gives every operation responses and every path parameter a declaration', () => {
    for (const [path, item] of Object.entries(OPENAPI_DOCUMENT.paths)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(item) as Array<{
        responses: object;
        parameters?: Array<{ name: string; in: string }>;
      }>) {
        expect(Object.keys(operation.responses).length, path).toBeGreaterThan(0);
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared.sort(), path).toEqual(params.sort());
      }
    }
  });
});
