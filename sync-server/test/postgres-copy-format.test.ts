import { describe, expect, it } from 'vitest';
import { int8, parseBinaryCopy } from '../src/storage/postgres/copy-out.ts';

/** A binary COPY's output as PostgreSQL writes it: signature, flags, no header extension, rows, trailer. */
function copyOutput(rows: Array<Array<Buffer | null>>): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const column of row) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(column === null ? -1 : column.byteLength);
      parts.push(length);
      if (column !== null) parts.push(column);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const seq = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(BigInt(n));
  return b;
};

describe('PostgreSQL binary COPY reading (the room load, DB-01)', () => {
  it('DB-01 reads rows of bytes, nulls and bigints as PostgreSQL sends them', () => {
    const data = Buffer.from([0, 255, 10, 13, 0xc3, 0x28]);
    const rows = parseBinaryCopy(
      copyOutput([
        [seq(2 ** 40), data],
        [seq(7), null],
        [seq(8), Buffer.alloc(0)],
      ]),
    );
    expect(rows.map((row) => int8(row[0]!))).toEqual([2 ** 40, 7, 8]);
    expect([...rows[0]![1]!]).toEqual([...data]);
    expect(rows[1]![1]).toBeNull();
    expect(rows[2]![1]!.byteLength).toBe(0);
  });

  it('DB-01 output that is cut short or not binary COPY is an error, never a room with rows missing', () => {
    const whole = copyOutput([[seq(1), Buffer.alloc(1000, 7)]]);
    // Cut inside the column, and just before the trailer.
    expect(() => parseBinaryCopy(whole.subarray(0, whole.byteLength - 500))).toThrow();
    expect(() => parseBinaryCopy(whole.subarray(0, whole.byteLength - 2))).toThrow();
    expect(() => parseBinaryCopy(Buffer.from('1\t\\\\x00\n'))).toThrow(/binary format/);
  });
});
