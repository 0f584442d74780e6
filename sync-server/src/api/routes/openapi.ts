import { OPENAPI_DOCUMENT } from '../openapi.ts';
import { route } from '../router.ts';

/** GET /api/openapi.json : public, so a developer can read it before having a token (SC-010). */
export function openApiRoutes() {
  return [route('GET', '/api/openapi.json', 'public', (ctx) => ctx.json(200, OPENAPI_DOCUMENT))];
}
