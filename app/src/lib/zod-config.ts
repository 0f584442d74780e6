/**
 * Zod's settings for the browser, set before zod loads: main.tsx imports this module, and zod arrives
 * later with the app proper. Schemas are built while their modules load (the domain's, the routes'), so
 * calling `z.config()` from the app would come too late: zod reads the setting when it builds each object
 * schema. Zod keeps its settings in `globalThis.__zod_globalConfig` (created on load if absent, shared by
 * every copy of zod; `z.config()` writes the same object), so seeding that object here is enough.
 *
 * jitless: the server's Content-Security-Policy (SE-09) has no 'unsafe-eval', so zod's compiled fast path
 * can never run here. Without jitless zod still probes for it with `new Function('')`; the browser refuses
 * and reports a CSP violation (Lighthouse's best-practices "issues" audit) although zod swallows the error.
 * Parsing is what it already was: the interpreted path.
 */
const scope = globalThis as { __zod_globalConfig?: Record<string, unknown> };
scope.__zod_globalConfig = { ...scope.__zod_globalConfig, jitless: true };
