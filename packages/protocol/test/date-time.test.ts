import { describe, expect, it } from 'vitest';
import { parseDateTime } from '../src/date-time.ts';

describe('RFC 3339 date-times (the `since` and `until` of the audit log)', () => {
  it('reads what RFC 3339 allows, offsets, fractions, lower case and leap seconds included', () => {
    expect(parseDateTime('2030-01-31T12:00:00Z')).toBe(Date.UTC(2030, 0, 31, 12));
    expect(parseDateTime('2030-01-31t12:00:00z')).toBe(Date.UTC(2030, 0, 31, 12));
    expect(parseDateTime('2030-01-31T14:30:00+02:30')).toBe(Date.UTC(2030, 0, 31, 12));
    expect(parseDateTime('2030-01-31T09:00:00.250-03:00')).toBe(Date.UTC(2030, 0, 31, 12, 0, 0, 250));
    expect(parseDateTime('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseDateTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDateTime('0001-01-01T00:00:00Z')).toBe(-62_135_596_800_000);
  });

  it('refuses what Date.parse would take but RFC 3339 does not, and impossible dates', () => {
    for (const text of [
      '0.5',
      'March 7',
      '2030-01-31',
      '2030-01-31 12:00:00Z',
      '2030-01-31T12:00Z',
      '2030-01-31T12:00:00',
      '2023-02-29T00:00:00Z',
      '2030-04-31T00:00:00Z',
      '2030-13-01T00:00:00Z',
      '2030-01-31T24:00:00Z',
      '2030-01-31T12:00:61Z',
      '2030-01-31T12:00:00+24:00',
      '\u0662030-01-31T12:00:00Z',
    ]) {
      expect(parseDateTime(text), text).toBeNull();
    }
  });
});
