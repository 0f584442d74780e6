import { Workspace } from '@runsheet/doc';
import { cluster, customer, ops, release } from '@runsheet/doc/testing';
import { type ClusterId, type CustomerId, listConflicts, type ReleaseId } from '@runsheet/domain';
import { describe, expect, it } from 'vitest';
import { clashes, describeConflict } from './conflict-list.ts';

describe('SY-08 describeConflict: one sentence per clash, in names', () => {
  it('MR-04 duplicates from another device', () => {
    const workspace = new Workspace();
    workspace.apply({
      ops: [
        ops.cluster(cluster('cluster:a' as ClusterId, 'prod')),
        ops.cluster(cluster('cluster:b' as ClusterId, 'PROD')),
        ops.customer(customer('customer:x' as CustomerId, 'cluster:a' as ClusterId, 'acme')),
        ops.customer(customer('customer:y' as CustomerId, 'cluster:a' as ClusterId, 'acme')),
        ops.release(release('release:r' as ReleaseId, 'Spring')),
      ],
    });
    const sentences = listConflicts(workspace.state).map((c) => describeConflict(c, workspace.state));
    expect(sentences).toEqual([
      '2 clusters are named “prod”.',
      '2 customers use namespace “acme” on one cluster.',
    ]);
  });

  it('counts clashes in words', () => {
    expect(clashes(1)).toBe('1 clash');
    expect(clashes(3)).toBe('3 clashes');
  });
});
