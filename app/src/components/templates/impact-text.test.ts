import { describe, expect, it } from 'vitest';
import { deleteImpactText, editImpactText } from './impact-text';

describe('template impact in words', () => {
  it('BR-S07: an edit says how many pending steps it updates and how many keep their content', () => {
    expect(editImpactText({ pendingUpdated: 12, overriddenKept: 2, executedKept: 5 })).toBe(
      'Saving updates 12 pending steps; 2 overridden and 5 done or skipped keep their content.',
    );
    expect(editImpactText({ pendingUpdated: 1, overriddenKept: 0, executedKept: 0 })).toBe(
      'Saving updates 1 pending step; 0 overridden and 0 done or skipped keep their content.',
    );
    expect(editImpactText({ pendingUpdated: 2, overriddenKept: 1, executedKept: 1 }, 'done')).toBe(
      'Updated 2 pending steps; 1 overridden and 1 done or skipped keep their content.',
    );
  });

  it('ST-03: a delete says how many customer steps go and how many executed ones stay', () => {
    expect(deleteImpactText({ pendingRemoved: 3, executedKept: 1 })).toBe(
      '3 pending customer steps go; 1 executed step stays in the history.',
    );
    expect(deleteImpactText({ pendingRemoved: 1, executedKept: 2 })).toBe(
      '1 pending customer step goes; 2 executed steps stay in the history.',
    );
    expect(deleteImpactText({ pendingRemoved: 0, executedKept: 0 })).toBe('No customer has this step yet.');
  });
});
