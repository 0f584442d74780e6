import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATIONS, openApiPath } from '../src/index.ts';
import { buildOpenApiDocument, errorCodesOf } from '../src/openapi.ts';

type Json = Record<string, unknown>;

describe('operations of the JSON API', () => {
  it('have unique ids and unique method + path', () => {
    expect(new Set(OPERATIONS.map((op) => op.id)).size).toBe(OPERATIONS.length);
    expect(new Set(OPERATIONS.map((op) => `${op.method} ${op.path}`)).size).toBe(OPERATIONS.length);
  });

  it('declare a schema for exactly the parameters their path names', () => {
    for (const op of OPERATIONS) {
      const inPath = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
      expect(Object.keys(op.params?.shape ?? {}).sort(), op.id).toEqual(inPath);
    }
  });

  it('name every body and answer schema, so the document can refer to it', () => {
    for (const op of OPERATIONS) {
      const schemas = [op.body, ...Object.values(op.answers).map((a) => a.schema)].filter(
        (s) => s !== undefined,
      );
      for (const schema of schemas)
        expect(z.globalRegistry.get(schema)?.id, op.id).toEqual(expect.any(String));
      expect(
        Object.keys(op.answers).every((s) => Number(s) >= 200 && Number(s) < 300),
        op.id,
      ).toBe(true);
    }
  });
});

describe('the OpenAPI document made from them', () => {
  const document = buildOpenApiDocument('1.2.3');
  const operationsIn = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op: op as Json })),
  );

  it('lists every operation once, under its OpenAPI path', () => {
    expect(operationsIn).toHaveLength(OPERATIONS.length);
    for (const op of OPERATIONS)
      expect(document.paths[openApiPath(op.path)]?.[op.method.toLowerCase()], op.id).toMatchObject({
        operationId: op.id,
      });
  });

  it('resolves every reference to a component', () => {
    const refs = JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      const id = ref.slice('"$ref":"#/components/schemas/'.length, -1);
      expect(document.components.schemas, ref).toHaveProperty([id]);
    }
  });

  it('describes request bodies as strict objects: a field it does not name is refused', () => {
    for (const { op } of operationsIn) {
      const body = op.requestBody as
        | { content: { 'application/json': { schema: { $ref: string } } } }
        | undefined;
      if (body === undefined) continue;
      const id = body.content['application/json'].schema.$ref.split('/').at(-1)!;
      expect(document.components.schemas[id], id).toMatchObject({
        type: 'object',
        additionalProperties: false,
      });
    }
  });

  it('lists each operation’s error codes under the status the error table gives them', () => {
    for (const op of OPERATIONS) {
      const described = document.paths[openApiPath(op.path)]![op.method.toLowerCase()] as {
        responses: Record<
          string,
          { content?: { 'application/json'?: { schema: { allOf?: [unknown, Json] } } } }
        >;
      };
      const responses = described.responses;
      const listed = Object.entries(responses).flatMap(([status, answer]) => {
        // A binary answer (a frozen release) has no JSON content.
        const codes = (answer.content?.['application/json']?.schema.allOf?.[1] as Json | undefined)
          ?.properties as { error: { properties: { code: { enum: string[] } } } } | undefined;
        return (codes?.error.properties.code.enum ?? []).map((code) => `${status} ${code}`);
      });
      expect(listed.length, op.id).toBe(errorCodesOf(op).length);
      if (op.access !== 'public') expect(listed, op.id).toContain('401 unauthenticated');
      if (op.access === 'admin') expect(listed, op.id).toContain('403 forbidden');
      if (op.body !== undefined)
        expect(listed, op.id).toEqual(
          expect.arrayContaining(['400 invalid-body', '415 unsupported-media-type']),
        );
    }
  });

  it('states the query parameters as what their text must spell: a limit is a bounded integer', () => {
    const list = document.paths['/api/releases']!.get as { parameters: Json[] };
    expect(list.parameters.find((p) => p.name === 'limit')).toMatchObject({
      in: 'query',
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 500 },
    });
    const release = document.paths['/api/releases/{releaseId}']!.get as { parameters: Json[] };
    expect(release.parameters.find((p) => p.name === 'releaseId')).toMatchObject({
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: expect.stringContaining('release:') },
    });
  });
});
