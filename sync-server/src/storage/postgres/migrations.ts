/**
 * PostgreSQL schema migrations, applied in order; `schema_migrations` records which have run. Append only:
 * never edit a migration that has shipped, add a new one. The same tables as the SQLite engine, in
 * PostgreSQL's types: times are Unix milliseconds in bigint, secrets' hashes and Yjs updates are bytea.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: everything the server keeps, as of SQLite migration 4.
  `CREATE TABLE rooms (
     name text PRIMARY KEY,
     last_seq bigint NOT NULL
   );
   CREATE TABLE room_updates (
     room text NOT NULL,
     seq bigint NOT NULL,
     data bytea NOT NULL,
     created_at bigint NOT NULL,
     PRIMARY KEY (room, seq)
   );
   -- Yjs updates are already compressed binary: storing them inline (no TOAST compression attempt) saves
   -- the CPU of trying to compress what does not compress.
   ALTER TABLE room_updates ALTER COLUMN data SET STORAGE EXTERNAL;

   CREATE TABLE users (
     id text PRIMARY KEY,
     username text NOT NULL UNIQUE,
     display_name text NOT NULL,
     password_hash text NOT NULL,
     role text NOT NULL CHECK (role IN ('admin', 'member', 'viewer')),
     created_at bigint NOT NULL,
     disabled_at bigint
   );
   CREATE TABLE sessions (
     id_hash bytea PRIMARY KEY,
     user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     created_at bigint NOT NULL,
     expires_at bigint NOT NULL,
     last_seen_at bigint NOT NULL
   );
   CREATE INDEX sessions_by_user ON sessions (user_id);
   CREATE INDEX sessions_by_expiry ON sessions (expires_at);
   CREATE TABLE api_tokens (
     id text PRIMARY KEY,
     name text NOT NULL,
     user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
     secret_hash bytea NOT NULL UNIQUE,
     created_at bigint NOT NULL,
     last_used_at bigint,
     revoked_at bigint
   );
   CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

   -- The access audit (FR-014). Append only, enforced by the database for every path (psql included):
   -- triggers refuse UPDATE, DELETE and TRUNCATE, and the owner's own right to do them is revoked, so
   -- altering a row takes a change of the schema, which is itself visible.
   CREATE TABLE access_log (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     at bigint NOT NULL,
     user_id text,
     username text,
     auth text NOT NULL,
     action text NOT NULL,
     entity text NOT NULL,
     method text,
     path text,
     status integer,
     ip text NOT NULL,
     user_agent text NOT NULL
   );
   CREATE INDEX access_log_by_at ON access_log (at);
   CREATE INDEX access_log_by_user ON access_log (user_id, id);
   CREATE INDEX access_log_by_username ON access_log (username, id);
   CREATE INDEX access_log_by_entity ON access_log (entity, id);
   CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'access_log is append-only' USING ERRCODE = 'insufficient_privilege';
     END
   $$;
   CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON access_log
     FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
   CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
     FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
   REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM PUBLIC;
   REVOKE UPDATE, DELETE, TRUNCATE ON access_log FROM CURRENT_USER;`,

  // 2: outgoing webhooks, as SQLite migration 5. The ledger's primary key makes a claim atomic across
  // relays (WH-04).
  `CREATE TABLE webhooks (
     id text PRIMARY KEY,
     url text NOT NULL,
     events text NOT NULL,
     description text NOT NULL,
     secret text NOT NULL,
     enabled boolean NOT NULL,
     created_at bigint NOT NULL,
     created_by text
   );
   CREATE TABLE webhook_events (
     webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id text NOT NULL,
     claimed_at bigint NOT NULL,
     PRIMARY KEY (webhook_id, event_id)
   );
   CREATE TABLE webhook_deliveries (
     id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id text NOT NULL,
     event_type text NOT NULL,
     attempt integer NOT NULL,
     status integer,
     error text,
     ok boolean NOT NULL,
     duration_ms integer NOT NULL,
     at bigint NOT NULL
   );
   CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);`,
  // 3: the write audit (SE-11), as SQLite migration 6. ADD COLUMN without a default rewrites no row. The
  // attestations are append-only the same way as the log: triggers and revoked rights.
  `ALTER TABLE access_log ADD COLUMN bytes integer, ADD COLUMN sha256 text, ADD COLUMN detail text;
   CREATE TABLE history_attestations (
     id bigint GENERATED ALWAYS AS IDENTITY,
     room text NOT NULL,
     entry_id text NOT NULL,
     user_id text,
     username text,
     claimed_by text NOT NULL,
     at bigint NOT NULL,
     PRIMARY KEY (room, entry_id)
   );
   CREATE TRIGGER history_attestations_no_update_or_delete BEFORE UPDATE OR DELETE ON history_attestations
     FOR EACH ROW EXECUTE FUNCTION access_log_append_only();
   CREATE TRIGGER history_attestations_no_truncate BEFORE TRUNCATE ON history_attestations
     FOR EACH STATEMENT EXECUTE FUNCTION access_log_append_only();
   REVOKE UPDATE, DELETE, TRUNCATE ON history_attestations FROM PUBLIC;
   REVOKE UPDATE, DELETE, TRUNCATE ON history_attestations FROM CURRENT_USER;`,
  // 4: the webhook delivery queue (WH-10, WH-11), as SQLite migration 7. Every relay takes due rows from
  // it; the lease (a conditional UPDATE, re-checked under the row lock) gives each row to one relay.
  `CREATE TABLE webhook_jobs (
     seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     delivery_id text NOT NULL UNIQUE,
     webhook_id text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
     event_id text NOT NULL,
     event_type text NOT NULL,
     body text NOT NULL,
     attempt integer NOT NULL,
     due_at bigint NOT NULL,
     lease_owner text,
     lease_until bigint,
     created_at bigint NOT NULL
   );
   CREATE INDEX webhook_jobs_by_due ON webhook_jobs (due_at, seq);
   CREATE INDEX webhook_jobs_by_webhook ON webhook_jobs (webhook_id);`,
  // 5: the frozen snapshot of each archived release (FZ-06), as SQLite migration 8.
  `CREATE TABLE frozen_releases (
     release_id text PRIMARY KEY,
     hash text NOT NULL,
     bytes bytea NOT NULL,
     seq bigint NOT NULL,
     frozen_at bigint NOT NULL
   );`,
];
