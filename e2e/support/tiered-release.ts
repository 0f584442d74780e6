import { defineSpec } from './seed';

/**
 * The release the waves browser tests plan: two clusters, three customers of which two carry a `tier`
 * (canary, standard) and one none, and a deploy and a verify step.
 */
export function tieredRelease(release: { name: string; versionNumber: string; releaseDate: string }) {
  return defineSpec({
    clusters: ['prod-eu', 'prod-us'],
    customers: [
      { key: 'acme', name: 'Acme', namespace: 'acme-prod', cluster: 'prod-eu', metadata: { tier: 'canary' } },
      {
        key: 'globex',
        name: 'Globex',
        namespace: 'globex-prod',
        cluster: 'prod-eu',
        metadata: { tier: 'standard' },
      },
      { key: 'initech', name: 'Initech', namespace: 'initech-prod', cluster: 'prod-us' },
    ],
    templates: [
      { key: 'migrate', name: 'Migrate', category: 'deploy', type: 'sql', content: 'SELECT 1;' },
      {
        key: 'smoke',
        name: 'Smoke test',
        category: 'verify',
        type: 'bash',
        content: 'curl -fsS https://app',
      },
    ],
    release,
  });
}
