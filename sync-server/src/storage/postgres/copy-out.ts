import type { PoolClient } from './pool.ts';

/** A row of `COPY … (FORMAT binary)`: each column's bytes as PostgreSQL sends them, or null. */
export type CopyRow = Array<Buffer | null>;

/** The 11 bytes every binary COPY begins with. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Runs `COPY (<select>) TO STDOUT (FORMAT binary)` on `client` and returns its rows.
 *
 * Why COPY: node-postgres (8.x) reads every column as text, so a `bytea` arrives as hex (twice its size),
 * is decoded into a JS string and parsed back into bytes; its `binary: true` mode decodes the column as
 * UTF-8 first, which mangles any byte sequence that is not valid UTF-8 (most Yjs updates). COPY's binary
 * format sends the bytes as they are, and the driver hands CopyData messages over untouched: a 2 MB room
 * snapshot took 15 to 60 ms the first way on the benchmark machine, 9 to 26 ms this way
 * (docs/BENCHMARKS.md, "Several relays", run F).
 *
 * COPY takes no parameters: `select` must carry its values as literals (`client.escapeLiteral`).
 */
export function copyRows(client: PoolClient, select: string): Promise<CopyRow[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failure: Error | null = null;
    // The driver's submittable interface (what `client.query(…)` accepts besides a Query): it calls these
    // as the answer's messages arrive. A COPY answer is CopyOutResponse, CopyData…, CopyDone,
    // CommandComplete, ReadyForQuery, or ErrorResponse then ReadyForQuery.
    client.query({
      submit(connection: { query(text: string): void }) {
        connection.query(`COPY (${select}) TO STDOUT (FORMAT binary)`);
      },
      handleCopyData(message: { chunk: Buffer }) {
        // The chunk is a view of the driver's read buffer, which it reuses: keep a copy.
        chunks.push(Buffer.from(message.chunk));
        size += message.chunk.byteLength;
      },
      handleError(error: Error) {
        // A failed statement (ReadyForQuery follows) or a dropped connection (nothing follows): settle now.
        failure ??= error;
        reject(error);
      },
      handleReadyForQuery() {
        if (failure !== null) return;
        try {
          resolve(parseBinaryCopy(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
        } catch (error) {
          reject(error);
        }
      },
      handleCommandComplete() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
      handleCopyInResponse() {},
    } as unknown as Parameters<PoolClient['query']>[0]);
  });
}

/** The rows of a binary COPY's whole output (PostgreSQL's documented file format). */
export function parseBinaryCopy(data: Buffer): CopyRow[] {
  if (data.byteLength < 19 || !data.subarray(0, 11).equals(SIGNATURE))
    throw new Error('COPY output is not in the binary format');
  // Flags (4 bytes, none we need), then a header extension of the given length.
  let at = 15;
  at += 4 + data.readUInt32BE(at);
  const rows: CopyRow[] = [];
  for (;;) {
    const columns = data.readInt16BE(at);
    at += 2;
    if (columns === -1) return rows;
    const row: CopyRow = new Array(columns);
    for (let i = 0; i < columns; i++) {
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) {
        row[i] = null;
        continue;
      }
      if (at + length > data.byteLength) throw new Error('COPY output ends inside a column');
      row[i] = data.subarray(at, at + length);
      at += length;
    }
    rows.push(row);
  }
}

/** A `bigint` column in binary form (8 bytes, big-endian) as a JS number: our numbers stay below 2^53. */
export function int8(column: Buffer): number {
  return Number(column.readBigInt64BE(0));
}
