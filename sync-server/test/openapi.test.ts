import { type Operation, openApiPath } from '@runsheet/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../src/api/api.ts';
import type { ApiDeps } from '../src/api/deps.ts';
import { ApiClient, setUpAdmin, signedInUser } from './helpers/api-client.ts';
import { type Seeded, seedRelease } from './helpers/seed.ts';
import { startTestServer, type TestServer } from './helpers/test-server.ts';

type Json = Record<string, unknown>;
interface ErrorAnswer {
  error: { code: string };
}
interface DocumentOperation {
  parameters: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<
    string,
    {
      content: Record<
        string,
        {
          schema: {
            allOf: [unknown, { properties: { error: { properties: { code: { enum: string[] } } } } }];
          };
        }
      >;
    }
  >;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, DocumentOperation>>;
  components: { schemas: Record<string, unknown> };
}

// Route handlers are never called here: the list is only read for its operations.
const routes = apiRoutes({} as ApiDeps);

function described(document: Document, op: Operation): DocumentOperation {
  return document.paths[openApiPath(op.path)]![op.method.toLowerCase()]!;
}

/** The codes the document lists for an operation's answers of `status`. */
function documentedCodes(document: Document, op: Operation, status: number): string[] {
  const answer = described(document, op).responses[String(status)];
  if (answer === undefined) return [];
  return answer.content['application/json']!.schema.allOf[1].properties.error.properties.code.enum;
}

describe('OpenAPI document, made from the contract (@runsheet/protocol)', () => {
  let t: TestServer;
  let document: Document;
  let admin: ApiClient;
  let member: ApiClient & { userId: string };
  let seeded: Seeded;
  /** A path of `op` with real ids (a seeded release and step, the member's id), so only the input is wrong. */
  let realPath: (op: Operation) => string;

  beforeAll(async () => {
    t = await startTestServer({ env: { RUNSHEET_OPEN: '0' } });
    document = (await new ApiClient(t.url).get<Document>('/api/openapi.json')).body;
  });
  afterAll(() => t.dispose());

  it('is served at /api/openapi.json without credentials, as OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/api/temporal/releases/{releaseId}');
  });

  it('describes every route the API serves, and no route it does not', () => {
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(document.paths))
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    const served = new Set(routes.map((r) => `${r.operation.method} ${openApiPath(r.operation.path)}`));
    expect(served.size).toBe(routes.length);
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
  });

  it('names a request schema for every route that reads a body, and declares every path parameter', () => {
    for (const { operation: op } of routes) {
      const operation = described(document, op);
      const bodyRef = operation.requestBody?.content['application/json']?.schema.$ref;
      if (op.body === undefined) expect(bodyRef, op.id).toBeUndefined();
      else
        expect(document.components.schemas[bodyRef?.split('/').at(-1) ?? ''], op.id).toMatchObject({
          type: 'object',
        });
      const inPath = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      const declared = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort(), op.id).toEqual(inPath);
    }
  });

  it('refuses a body with a field the document does not allow, on every route that reads one, with a listed code', async () => {
    // First, while no account exists: setup refuses any body once someone has signed up.
    const setup = routes.find((r) => r.operation.id === 'setUp')!.operation;
    const res = await new ApiClient(t.url).post<ErrorAnswer>('/api/setup', { notInTheDocument: 1 });
    expect(res.status).toBe(400);
    expect(documentedCodes(document, setup, 400)).toContain(res.body.error.code);

    admin = await setUpAdmin(t.url);
    member = await signedInUser(admin, 'mo', 'member');
    seeded = await seedRelease(t.server, { clusters: 1, customersPerCluster: 1, templates: 1 });
    realPath = (op) =>
      op.path
        .replace(':releaseId', seeded.releaseId)
        .replace(':stepId', seeded.firstStep)
        .replace('/api/entities/:id', `/api/entities/${seeded.releaseId}`)
        .replace('/api/temporal/entities/:id', '/api/temporal/entities/wave:w1')
        .replace(':id', member.userId);
    const withBody = routes.filter((r) => r.operation.body !== undefined && r.operation.id !== 'setUp');
    expect(withBody.length).toBeGreaterThanOrEqual(9);
    for (const { operation: op } of withBody) {
      const answer = await admin.request<ErrorAnswer>(op.method, realPath(op), { notInTheDocument: 1 });
      expect(answer.status, op.id).toBe(400);
      expect(documentedCodes(document, op, 400), op.id).toContain(answer.body.error.code);
    }
  });

  it('refuses a path parameter the document does not allow, on every route that has one, with invalid-id', async () => {
    const withParams = routes.filter((r) => r.operation.params !== undefined);
    expect(withParams.length).toBeGreaterThanOrEqual(8);
    for (const { operation: op } of withParams) {
      // Too long for every id parameter the document states, and not of any id form.
      const bad = encodeURIComponent(`not an id ${'x'.repeat(300)}`);
      const path = op.path.replace(/:(\w+)/g, bad);
      const body = op.body === undefined ? undefined : {};
      const answer = await admin.request<ErrorAnswer>(op.method, path, body);
      expect(answer.status, op.id).toBe(400);
      expect(answer.body.error.code, op.id).toBe('invalid-id');
      expect(documentedCodes(document, op, 400), op.id).toContain('invalid-id');
    }
  });

  it('refuses a query parameter the document does not allow, on every route that reads them, with a listed code', async () => {
    const withQuery = routes.filter((r) => r.operation.query !== undefined);
    expect(withQuery.length).toBeGreaterThanOrEqual(7);
    for (const { operation: op } of withQuery) {
      const shape = op.query!.shape;
      const query = 'limit' in shape ? 'limit=0' : 'all' in shape ? 'all=yes' : 'since=yesterday';
      const answer = await admin.request<ErrorAnswer>(op.method, `${realPath(op)}?${query}`);
      // Temporal routes answer 404 first on a server without Temporal, before reading their query.
      if (answer.status === 404) {
        expect(answer.body.error.code, op.id).toBe('temporal-not-configured');
        continue;
      }
      expect(answer.status, op.id).toBe(400);
      expect(answer.body.error.code, op.id).toBe('invalid-query');
      expect(documentedCodes(document, op, 400), op.id).toContain('invalid-query');
    }
  });

  it('answers every read with the shape its operation states', async () => {
    const byId = new Map(routes.map((r) => [r.operation.id, r.operation]));
    const reads: Array<[string, string]> = [
      ['getSession', '/api/session'],
      ['getSignInStatus', '/api/auth/status'],
      ['getSetupStatus', '/api/setup'],
      ['listUsers', '/api/users'],
      ['listTokens', '/api/tokens?all=1'],
      ['listReleases', '/api/releases'],
      ['getRelease', `/api/releases/${seeded.releaseId}`],
      ['getEntity', `/api/entities/${seeded.releaseId}`],
      ['getEntity', `/api/entities/${seeded.clusterIds[0]}`],
      ['getEntity', `/api/entities/${seeded.customerIds[0]}`],
      ['getStep', `/api/releases/${seeded.releaseId}/steps/${seeded.firstStep}`],
      ['listAccesses', '/api/audit'],
      ['getOpenApiDocument', '/api/openapi.json'],
    ];
    for (const [id, path] of reads) {
      const answer = await admin.get<Json>(path);
      expect(answer.status, path).toBe(200);
      const schema = byId.get(id)!.answers[200]!.schema!;
      const parsed = schema.safeParse(answer.body);
      expect(parsed.error?.issues, path).toBeUndefined();
    }
  });

  it('says which methods a path has when another one is used (405 with Allow)', async () => {
    const res = await admin.request<Json>('PUT', '/api/users');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
  });
});
