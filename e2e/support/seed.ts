import type { Page } from '@playwright/test';

// Test data through the app's own write path: the test API (`window.__runsheet`,
// app/src/state/test-api.ts) that a first page load with `?bench=1` installs. Every command is the
// domain command the UI runs.

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * What the test API offers these tests (a copy: the browser tests do not compile app sources). Reached
 * through `testApi()` in the page, not a global declaration, so it does not clash with support/catalog.ts.
 */
export interface TestApi {
  run(name: string, input: unknown): Promise<Result>;
  flush(): Promise<void>;
  otherDevice(releaseId: string): Promise<{ run(name: string, input: unknown): Result; sync(): void }>;
}

export interface TemplateSpec<T extends string = string> {
  key: T;
  name: string;
  category: 'deploy' | 'verify';
  type: 'bash' | 'sql' | 'text';
  content: string;
}

export interface CustomerSpec<C extends string = string, K extends string = string> {
  key: K;
  name: string;
  namespace: string;
  cluster: C;
  metadata?: Record<string, string>;
}

export interface ScenarioSpec<
  C extends string = string,
  K extends string = string,
  T extends string = string,
> {
  clusters: readonly C[];
  customers: readonly CustomerSpec<C, K>[];
  templates: readonly TemplateSpec<T>[];
  release?: { name: string; versionNumber: string; releaseDate?: string };
}

/** Ids by the keys of the spec, so a test names `acme`, not an id. */
export interface Scenario<C extends string = string, K extends string = string, T extends string = string> {
  releaseId: string;
  clusters: Record<C, string>;
  customers: Record<K, string>;
  templates: Record<T, string>;
}

/** Keeps the literal keys of a spec (for typed ids in the scenario). */
export function defineSpec<C extends string, K extends string, T extends string>(
  spec: ScenarioSpec<C, K, T>,
): ScenarioSpec<C, K, T> {
  return spec;
}

export const DEFAULT_SPEC = defineSpec({
  clusters: ['prod-eu', 'prod-us'],
  customers: [
    { key: 'acme', name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu' },
    { key: 'beta', name: 'Beta', namespace: 'beta-prod', cluster: 'prod-eu' },
    { key: 'cobalt', name: 'Cobalt', namespace: 'cobalt-prod', cluster: 'prod-us' },
  ],
  templates: [
    {
      key: 'deploy',
      name: 'Deploy app',
      category: 'deploy',
      type: 'bash',
      content: 'helm upgrade app ./chart -n {{customer.namespace}} --kube-context {{cluster.name}}',
    },
    {
      key: 'migrate',
      name: 'Run migration',
      category: 'deploy',
      type: 'sql',
      content: '-- migration for {{customer.name}}\nALTER TABLE users ADD COLUMN tier TEXT;',
    },
    {
      key: 'config',
      name: 'Update config',
      category: 'deploy',
      type: 'text',
      content: 'Set FEATURE_X=on in {{customer.namespace}}',
    },
    {
      key: 'health',
      name: 'Health check',
      category: 'verify',
      type: 'bash',
      content: 'curl -fsS https://{{customer.namespace}}.example.com/health',
    },
  ],
});

/** Opens the app with the hook and waits until it is there. */
export async function openWithHook(page: Page): Promise<void> {
  await page.goto('/?bench=1');
  await page.waitForFunction(() => '__runsheet' in window);
}

/** Clusters, customers, an active release with the given templates; returns their ids by key. */
export async function seedRelease<C extends string, K extends string, T extends string>(
  page: Page,
  spec: ScenarioSpec<C, K, T>,
): Promise<Scenario<C, K, T>> {
  await openWithHook(page);
  const ids = await page.evaluate(async (s: ScenarioSpec) => {
    const rs = (window as unknown as { __runsheet?: TestApi }).__runsheet;
    if (!rs) throw new Error('test API missing: open the page with ?bench=1');
    const must = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await rs.run(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    const clusters: Record<string, string> = {};
    for (const name of s.clusters) {
      clusters[name] = (await must<{ clusterId: string }>('createCluster', { name })).clusterId;
    }
    const customers: Record<string, string> = {};
    for (const c of s.customers) {
      const input = {
        clusterId: clusters[c.cluster],
        name: c.name,
        namespace: c.namespace,
        metadata: c.metadata,
      };
      customers[c.key] = (await must<{ customerId: string }>('createCustomer', input)).customerId;
    }
    const release = s.release ?? { name: 'v2.5.0', versionNumber: 'v2.5.0', releaseDate: '2026-03-01' };
    const { releaseId } = await must<{ releaseId: string }>('createRelease', { ...release, type: 'release' });
    const templates: Record<string, string> = {};
    for (const t of s.templates) {
      const { key, ...fields } = t;
      templates[key] = (
        await must<{ templateId: string }>('addTemplate', { releaseId, ...fields })
      ).templateId;
    }
    await must('activateRelease', { releaseId });
    await rs.flush();
    return { releaseId, clusters, customers, templates };
  }, spec);
  return ids as Scenario<C, K, T>;
}

/** The usual release: prod-eu (Acme, Beta), prod-us (Cobalt); three deploy steps, one verify step. */
export function seedDefault(page: Page) {
  return seedRelease(page, DEFAULT_SPEC);
}

/** The id of the step a template makes for a customer (ID-02: `step:<customer>.<template>`). */
export function stepIdOf(customerId: string, templateId: string): string {
  const part = (id: string) => id.slice(id.indexOf(':') + 1);
  return `step:${part(customerId)}.${part(templateId)}`;
}

/** Runs one command through the hook and fails loudly when it is refused. */
export async function runCommand(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ name, input }) => {
      const rs = (window as unknown as { __runsheet?: TestApi }).__runsheet;
      if (!rs) throw new Error('test API missing: open the page with ?bench=1');
      const r = await rs.run(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      await rs.flush();
      return r.value;
    },
    { name, input },
  );
}
