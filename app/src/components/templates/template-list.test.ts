import { describe, expect, it } from 'vitest';
import { positionAt } from './template-list';

describe('positionAt', () => {
  const ids = ['template:a', 'template:b', 'template:c'] as const;

  it('ID-03: a moved step is placed after its new predecessor', () => {
    expect(positionAt(ids, 2)).toEqual({ after: 'template:b' });
    expect(positionAt(ids, 1)).toEqual({ after: 'template:a' });
  });

  it('a step moved to the top is placed before its new successor', () => {
    expect(positionAt(ids, 0)).toEqual({ before: 'template:b' });
  });

  it('the only step is at index 0', () => {
    expect(positionAt(['template:a'], 0)).toEqual({ index: 0 });
  });
});
