import { describe, expect, it } from 'vitest';
import { parseCustomersSearch } from './customers-search';

describe('customers list search params', () => {
  it('keeps what is valid and leaves defaults out of the URL', () => {
    expect(parseCustomersSearch({})).toEqual({});
    expect(
      parseCustomersSearch({
        q: ' acme ',
        clusters: ['cluster:a', 'cluster:b'],
        sort: 'progress',
        dir: 'desc',
        archived: true,
      }),
    ).toEqual({
      q: 'acme',
      clusters: ['cluster:a', 'cluster:b'],
      sort: 'progress',
      dir: 'desc',
      archived: true,
    });
    expect(parseCustomersSearch({ sort: 'cluster', dir: 'asc' })).toEqual({});
  });

  it('takes one cluster id typed by hand as a plain string', () => {
    expect(parseCustomersSearch({ clusters: 'cluster:abc' })).toEqual({ clusters: ['cluster:abc'] });
  });

  it('drops malformed values instead of refusing the page', () => {
    expect(
      parseCustomersSearch({
        q: '   ',
        clusters: ['customer:x', 42, 'nope'],
        sort: 'sideways',
        dir: 'up',
        archived: 'maybe',
      }),
    ).toEqual({});
    expect(parseCustomersSearch({ clusters: ['cluster:a', 'cluster:a', 'junk'] })).toEqual({
      clusters: ['cluster:a'],
    });
    expect(parseCustomersSearch({ q: 7 })).toEqual({});
  });
});
