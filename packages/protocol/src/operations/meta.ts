import { z } from 'zod';
import { defineOperation } from '../operation.ts';

export const metaOperations = {
  openApi: defineOperation({
    id: 'getOpenApiDocument',
    method: 'GET',
    path: '/api/openapi.json',
    access: 'public',
    tag: 'Meta',
    summary: 'This document (OpenAPI 3.1), readable before having a token',
    answers: {
      200: {
        description: 'OpenAPI 3.1',
        schema: z.object({ openapi: z.string() }).loose().meta({ id: 'OpenApiDocument' }),
      },
    },
  }),
};
