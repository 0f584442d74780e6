import type { IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessAudit } from '../src/audit/access-audit.ts';
import type { Principal } from '../src/auth/auth.ts';
import type { AuditEntry, AuditStore } from '../src/storage/contract.ts';
import type { Db } from '../src/storage/sqlite/database.ts';
import { openSqliteStorage, type SqliteStorage } from '../src/storage/sqlite/index.ts';
import { makeTempDir } from './helpers/temp-dir.ts';

/** The group commit of access-audit rows, on a real SQLite file. */
describe('Access audit group commit', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let storage: SqliteStorage;
  let db: Db;
  let store: AuditStore;
  /** The size of every batch the store was asked to write. */
  let batches: number[];
  let audit: AccessAudit;

  const principal = {
    kind: 'token',
    user: { id: 'user:bea', username: 'bea' },
  } as unknown as Principal;
  const facts = (path: string) => ({
    principal,
    action: 'api.read' as const,
    entity: 'releases',
    ip: '127.0.0.1',
    req: { method: 'GET', url: path, headers: { 'user-agent': 'test' } } as unknown as IncomingMessage,
    status: 200,
  });
  const paths = () =>
    (db.prepare('SELECT path FROM access_log ORDER BY id').all() as Array<{ path: string }>).map(
      (r) => r.path,
    );

  beforeEach(() => {
    dir = makeTempDir('audit');
    storage = openSqliteStorage(dir.path);
    db = storage.db;
    const real = storage.audit;
    batches = [];
    store = {
      ...real,
      appendMany(entries: readonly AuditEntry[]) {
        batches.push(entries.length);
        return real.appendMany(entries);
      },
    };
    audit = new AccessAudit(store);
  });
  afterEach(async () => {
    await storage.close();
    dir.remove();
  });

  it('writes every row of one turn, in order, in one transaction, before any caller goes on', async () => {
    const settled: string[] = [];
    const all = Array.from({ length: 50 }, (_, i) =>
      audit.commit(facts(`/api/releases?n=${i}`)).then(() => settled.push(`/api/releases?n=${i}`)),
    );
    // Nothing is written (or answered) before the end of the turn.
    expect(paths()).toEqual([]);
    await Promise.all(all);
    const expected = Array.from({ length: 50 }, (_, i) => `/api/releases?n=${i}`);
    expect(paths()).toEqual(expected);
    expect(settled).toEqual(expected);
    expect(batches).toEqual([50]);
    const row = db.prepare('SELECT * FROM access_log ORDER BY id LIMIT 1').get();
    expect(row).toMatchObject({
      user_id: 'user:bea',
      username: 'bea',
      auth: 'token',
      action: 'api.read',
      entity: 'releases',
      method: 'GET',
      status: 200,
      ip: '127.0.0.1',
      user_agent: 'test',
    });
  });

  it('fails the whole batch when its commit fails: every caller is refused and no row of it is kept', async () => {
    db.exec(
      "CREATE TRIGGER test_poison BEFORE INSERT ON access_log WHEN NEW.path = '/poison' BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    const outcomes = await Promise.allSettled(
      ['/a', '/b', '/poison', '/c'].map((path) => audit.commit(facts(path))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(paths()).toEqual([]);
    // The next turn starts a fresh batch: it is not stuck behind the failed one.
    await Promise.all([audit.commit(facts('/d')), audit.commit(facts('/e'))]);
    expect(paths()).toEqual(['/d', '/e']);
  });

  it('records a room join after the rows already queued, and rejects when it cannot', async () => {
    const queued = audit.commit(facts('/queued'));
    const joined = audit.record({ ...facts('/ignored'), action: 'sync.join', entity: 'release:r' });
    await Promise.all([queued, joined]);
    expect(paths()).toEqual(['/queued', null]);
    db.exec(
      "CREATE TRIGGER test_full BEFORE INSERT ON access_log BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
    await expect(audit.record({ ...facts('/x'), action: 'sync.join', entity: 'release:r' })).rejects.toThrow(
      /disk full/,
    );
  });

  it('writes one batch at a time: rows that arrive while a batch commits form the next one, in order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const real = store.appendMany;
    const calls: number[] = [];
    store.appendMany = async (entries) => {
      calls.push(entries.length);
      if (calls.length === 1) await gate;
      return real(entries);
    };
    const a = audit.commit(facts('/a'));
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch is in flight (a slow commit); these gather meanwhile.
    const later = ['/b', '/c', '/d'].map((path) => audit.commit(facts(path)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([1]);
    release();
    await Promise.all([a, ...later]);
    expect(calls).toEqual([1, 3]);
    expect(paths()).toEqual(['/a', '/b', '/c', '/d']);
  });
});
