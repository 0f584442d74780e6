import type { FrozenReleaseRow, FrozenStore } from '../contract.ts';
import type { Pool } from './pool.ts';

interface Row {
  release_id: string;
  hash: string;
  bytes: Buffer;
  frozen_at: number;
}

const fromRow = (row: Row): FrozenReleaseRow => ({
  releaseId: row.release_id,
  hash: row.hash,
  bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
  frozenAt: Number(row.frozen_at),
});

export function createFrozenStore(pool: Pool): FrozenStore {
  return {
    async put(row) {
      await pool.query(
        `INSERT INTO frozen_releases (release_id, hash, bytes, frozen_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (release_id) DO UPDATE SET hash = EXCLUDED.hash, bytes = EXCLUDED.bytes, frozen_at = EXCLUDED.frozen_at`,
        [
          row.releaseId,
          row.hash,
          Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
          row.frozenAt,
        ],
      );
    },
    async get(releaseId) {
      const { rows } = await pool.query<Row>('SELECT * FROM frozen_releases WHERE release_id = $1', [
        releaseId,
      ]);
      return rows[0] && fromRow(rows[0]);
    },
    async hash(releaseId) {
      const { rows } = await pool.query<{ hash: string }>(
        'SELECT hash FROM frozen_releases WHERE release_id = $1',
        [releaseId],
      );
      return rows[0]?.hash;
    },
    async delete(releaseId) {
      const { rowCount } = await pool.query('DELETE FROM frozen_releases WHERE release_id = $1', [releaseId]);
      return (rowCount ?? 0) > 0;
    },
    async list() {
      const { rows } = await pool.query<{ release_id: string; hash: string }>(
        'SELECT release_id, hash FROM frozen_releases ORDER BY release_id',
      );
      return rows.map((r) => ({ releaseId: r.release_id, hash: r.hash }));
    },
  };
}
