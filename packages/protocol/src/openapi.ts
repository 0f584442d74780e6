/**
 * The OpenAPI 3.1 document of the JSON API, made from the operations and their zod schemas
 * (`z.toJSONSchema`): what the server validates with is what the document says, by construction.
 */
import { z } from 'zod';
import { API_ERRORS, type ErrorCode, statusOfCode } from './errors.ts';
import { type Operation, openApiPath } from './operation.ts';
import { OPERATIONS } from './operations/index.ts';
import { ErrorBody } from './schemas/common.ts';

type Json = Record<string, unknown>;

const COMPONENTS = '#/components/schemas/';
const ref = (id: string): Json => ({ $ref: `${COMPONENTS}${id}` });

const DESCRIPTION = [
  "Read Runsheet's tracked releases and the Temporal-driven ones, and drive steps from automation.",
  '**Authentication**: `Authorization: Bearer rst_…` (create a token in Settings or with POST /api/tokens), ' +
    "or the browser's session cookie. Without either, every operation but setup, sign-in and this document " +
    'answers 401 with `{"error": {"code": "unauthenticated", ...}}`.',
  '**Ids** are `entity-type:id`. Runsheet has `release:`, `cluster:`, `customer:`, `step:`; Temporal has ' +
    '`release:`, `wave:`, `cluster:`, `bundle:`, `app:`. Because `release:` and `cluster:` exist in both, ' +
    'Temporal entities are addressed under `/api/temporal/`; `/api/entities/{id}` answers Runsheet releases, ' +
    'clusters and customers and the Temporal-only types (`wave:`, `bundle:`, `app:`); a step is read under its ' +
    'release. Every entity carries `source`: `runsheet` or `temporal`.',
  '**Pagination**: `?limit=` and `?cursor=`; a page has `nextCursor` (null on the last page). A cursor is ' +
    'the sort key of the last item: any text its pattern allows is a place in the list, so a page always answers.',
  '**Text lengths** (`maxLength`) count UTF-16 code units, as JavaScript does: a character outside the ' +
    'Basic Multilingual Plane (most emoji) counts two.',
  '**Errors** answer `{"error": {"code", "message", "field"?}}`; each operation lists its codes by status.',
  '**Audit**: every read of release information is logged (who, what, when, IP, user agent).',
].join('\n\n');

/** Every error code an operation can answer: its own, and those that follow from its shape. */
export function errorCodesOf(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(op.errors ?? []);
  if (op.access !== 'public')
    for (const c of ['unauthenticated', 'session-expired', 'setup-required'] as const) codes.add(c);
  if (op.access === 'admin') codes.add('forbidden');
  // Writes from another site are refused before anything else (the cross-origin guard).
  if (op.method !== 'GET') codes.add('cross-origin');
  if (op.body !== undefined)
    for (const c of ['invalid-json', 'invalid-body', 'body-too-large', 'unsupported-media-type'] as const)
      codes.add(c);
  if (op.params !== undefined) codes.add('invalid-id');
  if (op.query !== undefined) {
    codes.add('invalid-query');
    if ('cursor' in op.query.shape) codes.add('invalid-cursor');
  }
  return [...codes];
}

function errorAnswers(op: Operation): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(op)) {
    const status = statusOfCode(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, Json> = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    const lines = codes.map((code) => {
      const note =
        op.errorNotes?.[code] ??
        (code in API_ERRORS ? API_ERRORS[code as keyof typeof API_ERRORS].message : '');
      return `\`${code}\`${note ? `: ${note}` : ''}`;
    });
    out[String(status)] = {
      description: lines.join('\n'),
      content: {
        'application/json': {
          schema: {
            allOf: [
              ref('Error'),
              {
                type: 'object',
                properties: { error: { type: 'object', properties: { code: { enum: codes } } } },
              },
            ],
          },
        },
      },
    };
  }
  return out;
}

/** The JSON Schema of one parameter: what its text must spell (a number for `limit`). */
function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): Json[] {
  if (schema === undefined) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { io: 'output', unrepresentable: 'any' }) as Json;
    const { $schema: _, description, ...rest } = json;
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(description === undefined ? {} : { description }),
      schema: rest,
    };
  });
}

function schemaRef(schema: z.ZodType, ids: Map<z.ZodType, string>): Json {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('Every request and answer schema needs .meta({ id })');
  ids.set(schema, id);
  return ref(id);
}

function operationObject(
  op: Operation,
  requestIds: Map<z.ZodType, string>,
  answerIds: Map<z.ZodType, string>,
) {
  const answers: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(op.answers)) {
    answers[status] = {
      description: answer.description,
      ...(answer.schema && {
        content: { 'application/json': { schema: schemaRef(answer.schema, answerIds) } },
      }),
      ...(answer.binary && {
        content: { [answer.binary]: { schema: { type: 'string', contentMediaType: answer.binary } } },
      }),
      ...(answer.headers && {
        headers: Object.fromEntries(
          Object.entries(answer.headers).map(([name, description]) => [
            name,
            { description, schema: { type: 'string' } },
          ]),
        ),
      }),
    };
  }
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description && { description: op.description }),
    tags: [op.tag],
    ...(op.access === 'public' && { security: [] }),
    parameters: [...parameters(op.params, 'path'), ...parameters(op.query, 'query')],
    ...(op.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schemaRef(op.body, requestIds) } },
      },
    }),
    responses: { ...answers, ...errorAnswers(op) },
  };
}

/** Component ids a JSON value refers to. */
function refsIn(value: unknown, out: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith(COMPONENTS))
        out.add(v.slice(COMPONENTS.length));
      else refsIn(v, out);
    }
  }
}

function clean(schema: unknown): Json {
  const { $schema: _s, $id: _i, ...rest } = schema as Json;
  return rest;
}

export function buildOpenApiDocument(version: string, operations: readonly Operation[] = OPERATIONS) {
  const requestIds = new Map<z.ZodType, string>();
  const answerIds = new Map<z.ZodType, string>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op, requestIds, answerIds) };
  }
  schemaRef(ErrorBody, answerIds);

  // Requests are described as the client sends them (before transforms), answers as the server sends them.
  const uri = (id: string) => `${COMPONENTS}${id}`;
  const inputs = z.toJSONSchema(z.globalRegistry, { io: 'input', unrepresentable: 'any', uri }).schemas;
  const outputs = z.toJSONSchema(z.globalRegistry, { io: 'output', unrepresentable: 'any', uri }).schemas;
  const requestNames = new Set(requestIds.values());
  for (const name of requestNames)
    if ([...answerIds.values()].includes(name)) throw new Error(`${name} is both a request and an answer`);
  const schemas: Record<string, Json> = {};
  const pending = [...requestNames, ...answerIds.values()];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (schemas[id] !== undefined) continue;
    const source = requestNames.has(id) ? inputs[id] : outputs[id];
    if (source === undefined) throw new Error(`No schema with id ${id}`);
    schemas[id] = clean(source);
    const refs = new Set<string>();
    refsIn(schemas[id], refs);
    pending.push(...refs);
  }

  const tags = [...new Set(operations.map((op) => op.tag))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: { title: 'Runsheet API', version, description: DESCRIPTION },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }, { session: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`rst_…`)' },
        session: { type: 'apiKey', in: 'cookie', name: 'runsheet_session' },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
