/**
 * Making clusters, customers and releases for the catalog tests. Clusters and customers are made
 * through their forms (what a user does); releases, whose screens are not part of these tests, through
 * the app's own domain commands via `window.__runsheet` (installed only with ?bench=1, see
 * app/src/state/test-api.ts), so they take the same write path as a click.
 */
import { expect, type Page } from '@playwright/test';
import {
  ClusterDetailPage,
  ClusterFormPage,
  type ClusterInput,
  CustomerDetailPage,
  CustomerFormPage,
  type CustomerInput,
} from '../pages';

/** Creates a cluster through its form and returns its id (from the detail page's URL). */
export async function createCluster(page: Page, input: ClusterInput): Promise<string> {
  const form = new ClusterFormPage(page);
  await form.goto();
  await form.fill(input);
  await form.createButton.click();
  await new ClusterDetailPage(page, input.name.trim()).expectLoaded();
  return idFromUrl(page, 'clusters');
}

/** Creates a customer through its form and returns its id. */
export async function createCustomer(page: Page, input: CustomerInput): Promise<string> {
  const form = new CustomerFormPage(page);
  await form.goto();
  await form.fill(input);
  await form.createButton.click();
  await new CustomerDetailPage(page, input.name.trim()).expectLoaded();
  return idFromUrl(page, 'customers');
}

function idFromUrl(page: Page, list: 'clusters' | 'customers'): string {
  const match = new RegExp(`/${list}/([^/?#]+)`).exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`no ${list} id in ${page.url()}`);
  return decodeURIComponent(match[1]);
}

/** Opens a page with the test API installed (the query parameter is read once, when the app opens). */
export async function openWithTestApi(page: Page, path = '/'): Promise<void> {
  await page.goto(`${path}${path.includes('?') ? '&' : '?'}bench=1`);
  await page.waitForFunction(() => window.__runsheet !== undefined);
}

type Value = Record<string, unknown>;

/** The page's test API as this side sees it (app/src/state/test-api.ts has the real one). */
interface PageTestApi {
  run(
    name: string,
    input: unknown,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string } }>;
  flush(): Promise<void>;
}

declare global {
  interface Window {
    __runsheet?: PageTestApi;
  }
}

/** Runs one domain command in the page; fails the test with the reason code when it is refused. */
/** The release the input names is opened by the page itself (the command registry knows it). */
export async function command(page: Page, name: string, input: unknown): Promise<Value> {
  const result = await page.evaluate(
    async ([n, i]) => {
      const api = window.__runsheet;
      if (!api) throw new Error('window.__runsheet is missing: open the page with ?bench=1');
      const out = await api.run(n, i);
      await api.flush();
      return out.ok
        ? { ok: true as const, value: out.value as Value }
        : { ok: false as const, code: out.error.code };
    },
    [name, input] as const,
  );
  if (!result.ok) throw new Error(`${name} was refused: ${result.code}`);
  return result.value;
}

export interface ReleaseSeed {
  name: string;
  /** Deploy templates to add; customers get template steps for each. */
  templates: string[];
  /** customer id -> how many of the templates (in order) are done for it. */
  done: Record<string, number>;
  /** Participants; all usable customers when left out (BR-R01). */
  customerIds?: string[];
}

/** An active release with some steps done, made through the domain commands. Returns its id. */
export async function seedRelease(page: Page, seed: ReleaseSeed): Promise<string> {
  const { releaseId } = (await command(page, 'createRelease', { name: seed.name, type: 'hotfix' })) as {
    releaseId: string;
  };
  const templateIds: string[] = [];
  for (const name of seed.templates) {
    const { templateId } = (await command(page, 'addTemplate', {
      releaseId,
      name,
      category: 'deploy',
      type: 'text',
      content: name,
    })) as { templateId: string };
    templateIds.push(templateId);
  }
  await command(
    page,
    'activateRelease',
    seed.customerIds ? { releaseId, customerIds: seed.customerIds } : { releaseId },
  );
  const part = (id: string) => id.slice(id.indexOf(':') + 1);
  for (const [customerId, count] of Object.entries(seed.done)) {
    for (const templateId of templateIds.slice(0, count)) {
      const stepId = `step:${part(customerId)}.${part(templateId)}`;
      await command(page, 'markDone', { releaseId, stepId });
    }
  }
  return releaseId;
}

/** Waits until the page shows `n` customer rows (the projection has caught up). */
export async function expectCustomerCount(page: Page, n: number): Promise<void> {
  await expect(page.getByTestId('customer-row')).toHaveCount(n);
}

/** Many clusters and customers in one go, in the page (`Customer 0000` ... on `cluster-00` ...). */
export async function seedMany(page: Page, clusters: number, customers: number): Promise<void> {
  await page.evaluate(
    async ([clusterCount, customerCount]) => {
      const api = window.__runsheet;
      if (!api) throw new Error('window.__runsheet is missing: open the page with ?bench=1');
      const ok = async (name: string, input: unknown) => {
        const result = await api.run(name, input);
        if (!result.ok) throw new Error(`${name}: ${result.error.code}`);
        return result.value as Record<string, string>;
      };
      const ids: string[] = [];
      for (let i = 0; i < clusterCount; i++) {
        ids.push(
          (await ok('createCluster', { name: `cluster-${String(i).padStart(2, '0')}` })).clusterId ?? '',
        );
      }
      for (let i = 0; i < customerCount; i++) {
        const n = String(i).padStart(4, '0');
        await ok('createCustomer', {
          clusterId: ids[i % clusterCount],
          name: `Customer ${n}`,
          namespace: `customer-${n}`,
        });
      }
      await api.flush();
    },
    [clusters, customers] as const,
  );
}
