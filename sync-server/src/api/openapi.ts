/**
 * The OpenAPI 3.1 description of the JSON API, served at GET /api/openapi.json. Written by hand in this one
 * module; a test checks that every route the server answers is described here, and nothing more.
 */
import { VERSION } from '../version.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): Schema => ({ type: 'string', ...(description && { description }) });
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const obj = (properties: Record<string, Schema>, required: string[] = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ref('Error') } },
});
const ok = (description: string, schema: Schema) => ({
  description,
  content: { 'application/json': { schema } },
});
const body = (schema: Schema) => ({ required: true, content: { 'application/json': { schema } } });

const query = (name: string, description: string, schema: Schema = str()) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: str(),
});
const LIMIT = (max: number, fallback: number) =>
  query('limit', `Page size, 1 to ${max} (default ${fallback}).`, {
    type: 'integer',
    minimum: 1,
    maximum: max,
  });
const CURSOR = query('cursor', 'The `nextCursor` of the previous page, as given (opaque).');

const COMMON_ERRORS = {
  '400': errorResponse(
    'Malformed id, query or body (`invalid-id`, `invalid-query`, `invalid-cursor`, `invalid-body`)',
  ),
  '401': errorResponse('Not signed in (`unauthenticated`, `session-expired`, `setup-required`)'),
};

function op(summary: string, responses: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { summary, ...extra, responses: { ...responses, ...COMMON_ERRORS } };
}

const stepWrite = (verb: string, bodySchema: Schema) =>
  op(
    `Mark a step ${verb} (members and admins). Runs the same domain command as the app; every connected device sees it.`,
    {
      '200': ok('The step after the change', obj({ step: ref('Step') })),
      '403': errorResponse('Viewers cannot change steps (`forbidden`)'),
      '404': errorResponse('Unknown release or step (`not-found`, `step-not-found`)'),
      '409': errorResponse(
        "The step's status forbids it (`step-already-done`, `step-locked`, `step-not-done`, ...)",
      ),
    },
    {
      tags: ['Runsheet releases'],
      parameters: [pathParam('releaseId', 'A `release:` id'), pathParam('stepId', 'A `step:` id')],
      requestBody: body(bodySchema),
    },
  );

const anyJson = (description: string) => ok(description, { type: 'object' });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Runsheet API',
    version: VERSION,
    description:
      "Read Runsheet's tracked releases and the Temporal-driven ones, and drive steps from automation.\n\n" +
      '**Authentication**: `Authorization: Bearer rst_…` (create a token in Settings or with POST /api/tokens), ' +
      "or the browser's session cookie. Without either, every endpoint but setup, sign-in and this document " +
      'answers 401 with `{"error": {"code": "unauthenticated", ...}}`.\n\n' +
      '**Ids** are `entity-type:id`. Runsheet has `release:`, `cluster:`, `customer:`, `step:`; Temporal has ' +
      '`release:`, `wave:`, `cluster:`, `bundle:`, `app:`. Because `release:` and `cluster:` exist in both, ' +
      'Temporal entities are addressed under `/api/temporal/`; `/api/entities/{id}` answers Runsheet ids and ' +
      'the Temporal-only types (`wave:`, `bundle:`, `app:`). Every entity carries `source`: `runsheet` or `temporal`.\n\n' +
      '**Pagination**: `?limit=` and `?cursor=`; a page has `nextCursor` (null on the last page).\n\n' +
      '**Audit**: every read of release information is logged (who, what, when, IP, user agent).',
  },
  servers: [{ url: '/' }],
  security: [{ bearer: [] }, { session: [] }],
  tags: [
    { name: 'Runsheet releases' },
    { name: 'Temporal releases' },
    { name: 'Entities' },
    { name: 'Audit' },
    { name: 'Accounts' },
  ],
  paths: {
    '/api/openapi.json': {
      get: { summary: 'This document', security: [], responses: { '200': anyJson('OpenAPI 3.1') } },
    },
    '/api/releases': {
      get: op(
        'Tracked releases, newest first',
        {
          '200': ok(
            'A page of releases',
            obj({ items: { type: 'array', items: ref('Release') }, nextCursor: nullable(str()) }),
          ),
        },
        {
          tags: ['Runsheet releases'],
          parameters: [
            LIMIT(500, 50),
            CURSOR,
            query('status', 'draft, active or archived', { enum: ['draft', 'active', 'archived'] }),
          ],
        },
      ),
    },
    '/api/releases/{releaseId}': {
      get: op(
        'One release: progress, and a page of its customers grouped by cluster, each with its steps',
        {
          '200': ok(
            'The release hierarchy',
            obj({
              release: ref('Release'),
              clusters: {
                type: 'array',
                items: obj({
                  cluster: nullable({ type: 'object' }),
                  customers: {
                    type: 'array',
                    items: {
                      type: 'object',
                      properties: { steps: { type: 'array', items: ref('StepSummary') } },
                    },
                  },
                }),
              },
              customerCount: { type: 'integer' },
              nextCursor: nullable(str()),
            }),
          ),
          '404': errorResponse('No such release (`not-found`)'),
        },
        {
          tags: ['Runsheet releases'],
          parameters: [pathParam('releaseId', 'A `release:` id'), LIMIT(500, 50), CURSOR],
        },
      ),
    },
    '/api/releases/{releaseId}/steps/{stepId}/done': {
      post: stepWrite('done', obj({ notes: str('Optional, at most 20,000 characters') }, [])),
    },
    '/api/releases/{releaseId}/steps/{stepId}/skip': {
      post: stepWrite('skipped', obj({ reason: str('Required, at most 5,000 characters') })),
    },
    '/api/releases/{releaseId}/steps/{stepId}/revert': {
      post: stepWrite('reverted (a done step)', obj({ reason: str('Required, at most 5,000 characters') })),
    },
    '/api/entities/{id}': {
      get: op(
        'One entity by typed id: `release:`, `cluster:`, `customer:`, `step:` (Runsheet; a step needs `?release=`), or `wave:`, `bundle:`, `app:` (Temporal)',
        {
          '200': anyJson(
            '`{entity}` with `source`; Temporal entities also `path`, `children`, `nextCursor`, `mirror`',
          ),
          '404': errorResponse('No such entity (`not-found`; the message names it)'),
          '409': errorResponse('A Temporal id found in several releases (`ambiguous-entity`)'),
          '503': errorResponse('Temporal ids while the bridge is off (`temporal-not-configured`)'),
        },
        {
          tags: ['Entities'],
          parameters: [
            pathParam('id', 'entity-type:id'),
            query('release', 'The release of a `step:`, or to choose among Temporal releases'),
            LIMIT(5000, 500),
            CURSOR,
          ],
        },
      ),
    },
    '/api/temporal/releases': {
      get: op(
        'Temporal-driven releases (from the mirror of the release workflows), newest first',
        {
          '200': ok(
            'A page',
            obj({
              items: { type: 'array', items: ref('TemporalRelease') },
              nextCursor: nullable(str()),
              mirror: ref('Mirror'),
            }),
          ),
          '503': errorResponse('TEMPORAL_ADDRESS is not set (`temporal-not-configured`)'),
        },
        { tags: ['Temporal releases'], parameters: [LIMIT(500, 50), CURSOR] },
      ),
    },
    '/api/temporal/releases/{releaseId}': {
      get: op(
        'One Temporal release: its whole hierarchy depth-first (Release → Wave → Cluster → Bundle → App), paginated',
        {
          '200': ok(
            'The hierarchy',
            obj({
              release: ref('TemporalRelease'),
              entities: { type: 'array', items: ref('TemporalEntity') },
              nextCursor: nullable(str()),
              mirror: ref('Mirror'),
            }),
          ),
          '404': errorResponse('No such Temporal release (`not-found`)'),
          '503': errorResponse('TEMPORAL_ADDRESS is not set'),
        },
        {
          tags: ['Temporal releases'],
          parameters: [pathParam('releaseId', 'A Temporal `release:` id'), LIMIT(5000, 1000), CURSOR],
        },
      ),
    },
    '/api/temporal/entities/{id}': {
      get: op(
        'One Temporal entity (any of the five types) with its ancestors and a page of its children',
        {
          '200': anyJson('`{entity, path, children, nextCursor, mirror}`'),
          '404': errorResponse('No such entity (`not-found`)'),
          '409': errorResponse('Found in several releases (`ambiguous-entity`): add ?release='),
          '503': errorResponse('TEMPORAL_ADDRESS is not set'),
        },
        {
          tags: ['Temporal releases'],
          parameters: [
            pathParam('id', 'entity-type:id'),
            query('release', 'A Temporal `release:` id'),
            LIMIT(5000, 500),
            CURSOR,
          ],
        },
      ),
    },
    '/api/audit': {
      get: op(
        'The access log (admins): who read or changed release information, when, and from where',
        {
          '200': ok(
            'Newest first',
            obj({ items: { type: 'array', items: ref('AuditEntry') }, nextCursor: nullable(str()) }),
          ),
          '403': errorResponse('Admins only'),
        },
        {
          tags: ['Audit'],
          parameters: [
            query('user', 'A user id or username'),
            query('entity', 'An entity id or collection (`releases`, `audit`, a room name)'),
            query('since', 'ISO 8601, inclusive'),
            query('until', 'ISO 8601, exclusive'),
            LIMIT(500, 100),
            CURSOR,
          ],
        },
      ),
    },
    '/api/session': {
      get: op('Who am I', { '200': anyJson('`{user, auth, expiresAt}`') }, { tags: ['Accounts'] }),
    },
    '/api/setup': {
      get: {
        summary: 'Whether the first admin must be created',
        tags: ['Accounts'],
        security: [],
        responses: { '200': anyJson('`{setupRequired, setupCodeRequired}`') },
      },
      post: {
        summary: 'Create the first admin',
        tags: ['Accounts'],
        security: [],
        responses: { '201': anyJson('`{user, expiresAt}` + cookie'), '409': errorResponse('Already set up') },
      },
    },
    '/api/auth/login': {
      post: {
        summary: 'Sign in',
        tags: ['Accounts'],
        security: [],
        requestBody: body(obj({ username: str(), password: str() })),
        responses: {
          '200': anyJson('`{user, expiresAt}` + cookie'),
          '401': errorResponse('`invalid-credentials`'),
          '429': errorResponse('`too-many-attempts`'),
        },
      },
    },
    '/api/auth/logout': {
      post: {
        summary: 'Sign out',
        tags: ['Accounts'],
        security: [],
        responses: { '204': { description: 'Signed out' } },
      },
    },
    '/api/auth/renew': {
      post: op('Extend the session', { '200': anyJson('`{expiresAt}`') }, { tags: ['Accounts'] }),
    },
    '/api/auth/password': {
      post: op('Change your password', { '204': { description: 'Changed' } }, { tags: ['Accounts'] }),
    },
    '/api/users': {
      get: op(
        'Users (admins)',
        { '200': anyJson('`{users}`'), '403': errorResponse('Admins only') },
        { tags: ['Accounts'] },
      ),
      post: op(
        'Create a user (admins)',
        { '201': anyJson('`{user}`'), '409': errorResponse('`username-taken`') },
        { tags: ['Accounts'] },
      ),
    },
    '/api/users/{id}': {
      patch: op(
        'Change role, disabled, display name (admins)',
        { '200': anyJson('`{user}`') },
        { tags: ['Accounts'], parameters: [pathParam('id', 'A user id')] },
      ),
    },
    '/api/users/{id}/password': {
      post: op(
        "Set a user's password (admins)",
        { '204': { description: 'Set' } },
        { tags: ['Accounts'], parameters: [pathParam('id', 'A user id')] },
      ),
    },
    '/api/tokens': {
      get: op(
        "Your API tokens (admins: everyone's with ?all=1)",
        { '200': anyJson('`{tokens}`') },
        { tags: ['Accounts'] },
      ),
      post: op(
        'Create an API token; the secret is shown once',
        { '201': anyJson('`{token, secret}`') },
        { tags: ['Accounts'], requestBody: body(obj({ name: str() })) },
      ),
    },
    '/api/tokens/{id}': {
      delete: op(
        'Revoke a token',
        { '204': { description: 'Revoked' } },
        { tags: ['Accounts'], parameters: [pathParam('id', 'A token id')] },
      ),
    },
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`rst_…`)' },
      session: { type: 'apiKey', in: 'cookie', name: 'runsheet_session' },
    },
    schemas: {
      Error: obj({
        error: obj({ code: str('Stable, for programs'), message: str('For people'), field: str() }, [
          'code',
          'message',
        ]),
      }),
      Release: obj(
        {
          id: str('release:…'),
          source: { const: 'runsheet' },
          name: str(),
          type: { enum: ['onboarding', 'release', 'hotfix'] },
          status: { enum: ['draft', 'active', 'archived'] },
          versionNumber: nullable(str()),
          releaseDate: nullable(str()),
          createdAt: str(),
          updatedAt: str(),
          activatedAt: nullable(str()),
        },
        ['id', 'source', 'name', 'type', 'status'],
      ),
      StepSummary: obj(
        {
          id: str('step:…'),
          name: str(),
          category: { enum: ['deploy', 'verify'] },
          status: { enum: ['pending', 'done', 'skipped', 'reverted'] },
          executedAt: nullable(str()),
          executedBy: nullable(str()),
          notes: nullable(str()),
        },
        ['id', 'name', 'category', 'status'],
      ),
      Step: {
        allOf: [
          ref('StepSummary'),
          obj({
            source: { const: 'runsheet' },
            releaseId: str(),
            customerId: str(),
            content: str(),
            executedContent: nullable(str()),
          }),
        ],
      },
      TemporalRelease: obj(
        {
          id: str("release:… from the workflow's query"),
          source: { const: 'temporal' },
          workflowId: str(),
          runId: str(),
          workflowStatus: {
            enum: [
              'RUNNING',
              'COMPLETED',
              'FAILED',
              'CANCELLED',
              'TERMINATED',
              'CONTINUED_AS_NEW',
              'TIMED_OUT',
              'PAUSED',
              'UNKNOWN',
            ],
          },
          state: nullable(str()),
          entityCount: { type: 'integer' },
          queriedAt: nullable(str()),
          queryError: nullable(str()),
          problems: { type: 'array', items: str() },
        },
        ['id', 'source', 'workflowId', 'workflowStatus', 'state'],
      ),
      TemporalEntity: obj({
        id: str(),
        type: { enum: ['release', 'wave', 'cluster', 'bundle', 'app'] },
        state: str(),
        parentId: nullable(str()),
        depth: { type: 'integer' },
        since: nullable(str()),
      }),
      Mirror: obj({
        lastSuccessAt: nullable(str()),
        lastAttemptAt: nullable(str()),
        error: nullable(str()),
        stale: { type: 'boolean' },
        ageMs: nullable({ type: 'integer' }),
      }),
      AuditEntry: obj({
        id: { type: 'integer' },
        at: str(),
        userId: nullable(str()),
        username: nullable(str()),
        auth: str(),
        action: { enum: ['api.read', 'api.write', 'sync.join'] },
        entity: str(),
        method: nullable(str()),
        path: nullable(str()),
        status: nullable({ type: 'integer' }),
        ip: str(),
        userAgent: str(),
      }),
    },
  },
} as const;

/** `/api/users/:id` -> `/api/users/{id}`, the OpenAPI form of a route path. */
export function openApiPath(routePath: string): string {
  return routePath.replace(/:([A-Za-z]+)/g, '{$1}');
}
