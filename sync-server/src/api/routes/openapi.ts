import { operations } from '@runsheet/protocol';
import { buildOpenApiDocument } from '@runsheet/protocol/openapi';
import { VERSION } from '../../version.ts';
import { route } from '../router.ts';

let document: string | null = null;

/** GET /api/openapi.json : public, so a developer can read it before having a token (SC-010). */
export function openApiRoutes() {
  return [
    route(operations.meta.openApi, (ctx) => {
      // Made from the contract's schemas once, on first request: nothing changes it while the server runs.
      document ??= JSON.stringify(buildOpenApiDocument(VERSION));
      ctx.jsonText(200, document);
    }),
  ];
}
