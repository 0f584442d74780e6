import { releaseFromRows } from '@runsheet/doc';
import { cluster, customer, ops, release, template } from '@runsheet/doc/testing';
import type { CustomerId, ReleaseId, StepId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { readReleaseRows, releaseFromRowsPacked } from './stored-release.ts';
import { freshIndexedDB, openTestData } from './test-db.ts';

const R = 'release:r1' as ReleaseId;

describe('stored release', () => {
  it('RM-04 RM-09 parsed a few rows at a time with its step states packed, then built a few buckets at a time, it equals the release unpacked at once', async () => {
    const data = await openTestData(freshIndexedDB());
    const customers = Array.from({ length: 40 }, (_, i) => `customer:c${i}` as CustomerId);
    data.workspace.apply({
      ops: [
        ops.cluster(cluster('cluster:k1', 'prod')),
        ...customers.map((id) => ops.customer(customer(id, 'cluster:k1', id))),
        ops.release(release(R, 'Spring')),
      ],
    });
    data.workspace.apply({
      ops: [
        ops.template(R, template('template:t1', R, 'migrate', 'a0')),
        ...customers.map((id) => ops.participant(R, id)),
        ...customers.map((id) => ops.stepState(R, `step:${id.slice(9)}.t1` as StepId, { status: 'done' })),
      ],
    });
    await data.flush();
    const rows = await readReleaseRows(data.db, R, { events: false });
    expect(rows.steps.length).toBeGreaterThan(4);
    let pauses = 0;
    const { release: sliced, buildSteps } = await releaseFromRowsPacked(
      R,
      rows,
      async () => {
        pauses++;
      },
      2,
    );
    expect(pauses).toBe(Math.ceil(rows.steps.length / 2) - 1);
    // Built a bucket per call, as the read model does once the page is idle.
    let calls = 1;
    while (!buildSteps(1)) calls++;
    expect(calls).toBe(rows.steps.length);
    expect(sliced).toEqual(releaseFromRows(R, rows));
    expect(Object.keys(sliced.stepStates)).toHaveLength(40);
    await data.close();
  });
});
