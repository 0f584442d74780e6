import { describe, expect, it } from 'vitest';
import { DUPLICATE_KEY, metadataFromRows, rowForField, rowsFromMetadata, sameRows } from './metadata-rows';

const row = (id: string, key: string, value: string) => ({ id, key, value });

describe('metadata rows', () => {
  it('round-trips metadata, sorted by key, ignoring empty rows', () => {
    const rows = rowsFromMetadata({ region: 'eu-west-1', apiEndpoint: 'https://x' });
    expect(rows.map((r) => r.key)).toEqual(['apiEndpoint', 'region']);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
    expect(metadataFromRows([...rows, row('e', ' ', '')])).toEqual({
      ok: true,
      value: { apiEndpoint: 'https://x', region: 'eu-west-1' },
    });
  });

  it('refuses a repeated key on its second row (a plain object could not carry both)', () => {
    expect(metadataFromRows([row('1', 'region', 'a'), row('2', ' region', 'b')])).toEqual({
      ok: false,
      rowId: '2',
      field: 'metadata.region',
      message: DUPLICATE_KEY,
    });
  });

  it('VA-05 finds the row a domain refusal names, as typed or trimmed', () => {
    const rows = [row('1', 'ok', 'x'), row('2', ' 9bad', 'y')];
    expect(rowForField(rows, 'metadata. 9bad')?.id).toBe('2');
    expect(rowForField(rows, 'metadata.9bad')?.id).toBe('2');
    expect(rowForField(rows, 'name')).toBeNull();
    expect(rowForField(rows, undefined)).toBeNull();
  });

  it('compares what rows mean, not their ids', () => {
    expect(sameRows([row('1', 'a', 'x')], [row('2', 'a', 'x'), row('3', '', '')])).toBe(true);
    expect(sameRows([row('1', 'a', 'x')], [row('2', 'a', 'y')])).toBe(false);
  });
});
