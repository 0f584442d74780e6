// WV-13: how the CLI builds a plan from flags, before anything reaches the server.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Members {
  customers: never[];
  clusters: Array<{ id: string; name: string }>;
}
// The CLI is plain JavaScript without declarations: its module is loaded by path, typed here.
const PLAN_FILE: string = pathToFileURL(
  join(import.meta.dirname, '..', '..', 'packages', 'cli', 'src', 'plan-file.mjs'),
).href;
const { planByCluster } = (await import(PLAN_FILE)) as {
  planByCluster: (members: Members, order: string[]) => Array<{ name: string }>;
};

describe('WV-13 plan-waves --by-cluster', () => {
  it('WV-13 refuses to plan when no customer is on a cluster: a plan of no wave would remove the waves', () => {
    expect(() => planByCluster({ customers: [], clusters: [] }, [])).toThrow(
      expect.objectContaining({ code: 'bad-plan' }),
    );
  });

  it('WV-13 one wave per cluster, by name', () => {
    const members = {
      customers: [],
      clusters: [
        { id: 'cluster:b', name: 'prod-us' },
        { id: 'cluster:a', name: 'prod-eu' },
      ],
    };
    expect(planByCluster(members, []).map((w) => w.name)).toEqual(['prod-eu', 'prod-us']);
  });
});
