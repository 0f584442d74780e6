import type { FrozenStore } from '../contract.ts';
import { frozenFromRow as fromRow, type FrozenDbRow as Row } from '../rows.ts';
import type { Db } from './database.ts';
import type { Sync } from './sync.ts';

export function createFrozenStore(db: Db): Sync<FrozenStore> {
  const put = db.prepare<[string, string, Buffer, number, number]>(
    `INSERT INTO frozen_releases (release_id, hash, bytes, seq, frozen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (release_id) DO UPDATE
       SET hash = excluded.hash, bytes = excluded.bytes, seq = excluded.seq, frozen_at = excluded.frozen_at
       WHERE excluded.seq >= frozen_releases.seq`,
  );
  const get = db.prepare<[string], Row>('SELECT * FROM frozen_releases WHERE release_id = ?');
  const hash = db.prepare<[string], { hash: string }>(
    'SELECT hash FROM frozen_releases WHERE release_id = ?',
  );
  const remove = db.prepare<[string]>('DELETE FROM frozen_releases WHERE release_id = ?');
  const list = db.prepare<[], { release_id: string; hash: string; seq: number }>(
    'SELECT release_id, hash, seq FROM frozen_releases ORDER BY release_id',
  );
  return {
    put: (row) =>
      put.run(
        row.releaseId,
        row.hash,
        Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
        row.seq,
        row.frozenAt,
      ).changes > 0,
    get: (releaseId) => {
      const row = get.get(releaseId);
      return row && fromRow(row);
    },
    hash: (releaseId) => hash.get(releaseId)?.hash,
    delete: (releaseId) => remove.run(releaseId).changes > 0,
    list: () => list.all().map((r) => ({ releaseId: r.release_id, hash: r.hash, seq: r.seq })),
  };
}
