import type { FrozenStore } from '../contract.ts';
import { frozenFromRow as fromRow, type FrozenDbRow as Row } from '../rows.ts';
import type { Pool } from './pool.ts';

export function createFrozenStore(pool: Pool): FrozenStore {
  return {
    async put(row) {
      const { rowCount } = await pool.query(
        `INSERT INTO frozen_releases (release_id, hash, bytes, seq, frozen_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (release_id) DO UPDATE
           SET hash = EXCLUDED.hash, bytes = EXCLUDED.bytes, seq = EXCLUDED.seq, frozen_at = EXCLUDED.frozen_at
           WHERE EXCLUDED.seq >= frozen_releases.seq`,
        [
          row.releaseId,
          row.hash,
          Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
          row.seq,
          row.frozenAt,
        ],
      );
      return (rowCount ?? 0) > 0;
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
      const { rows } = await pool.query<{ release_id: string; hash: string; seq: number }>(
        'SELECT release_id, hash, seq FROM frozen_releases ORDER BY release_id',
      );
      return rows.map((r) => ({ releaseId: r.release_id, hash: r.hash, seq: Number(r.seq) }));
    },
  };
}
