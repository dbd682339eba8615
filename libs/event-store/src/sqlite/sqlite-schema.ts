// The on-disk layout of the embedded store: one file, WAL, fsync on every commit.
import type Database from 'better-sqlite3';

/** 2: each event's hash scheme (`hash_scheme`), and kept digests with a head position and signature. */
export const SCHEMA_VERSION = 2;

/**
 * `body` holds the canonical JSON of the whole envelope (id, stream, revision, type, data,
 * metadata, recordedAt) and the only place readers take an event's content from. The other
 * columns are indexes into it, and hash scheme 2 covers them as stored (see event-hash.ts).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS events (
  position      INTEGER PRIMARY KEY,
  event_id      TEXT    NOT NULL UNIQUE,
  stream_id     TEXT    NOT NULL,
  revision      INTEGER NOT NULL,
  body          BLOB    NOT NULL,
  hash          BLOB    NOT NULL,
  previous_hash BLOB    NOT NULL,
  recorded_at   TEXT    NOT NULL,
  hash_scheme   INTEGER NOT NULL,
  UNIQUE (stream_id, revision)
);
CREATE TABLE IF NOT EXISTS kept_digests (
  tree_size     INTEGER PRIMARY KEY,
  root_hash     TEXT    NOT NULL,
  kept_at       TEXT    NOT NULL,
  head_position INTEGER,
  signature     TEXT
);
CREATE TABLE IF NOT EXISTS store_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Durability is set explicitly rather than trusted to defaults: WAL with synchronous=FULL
 * fsyncs the log on every commit, so a commit that returned survives a crash or power loss.
 */
export function openSchema(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const mode = db.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') throw new Error(`event store needs WAL journal mode, got ${String(mode)}`);
  db.transaction(() => {
    const version = schemaVersionOf(db);
    if (version === 1) migrateFromVersion1(db);
    db.exec(DDL);
    if (version === undefined) {
      db.prepare("INSERT INTO store_meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    } else if (version !== 1 && version !== SCHEMA_VERSION) {
      throw new Error(`event store file has schema version ${version}, this build reads ${SCHEMA_VERSION}`);
    }
  }).immediate();
}

function schemaVersionOf(db: Database.Database): number | undefined {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'store_meta'").pluck().get();
  if (!hasMeta) return undefined;
  const version = db.prepare("SELECT value FROM store_meta WHERE key = 'schema_version'").pluck().get() as string | undefined;
  return version === undefined ? undefined : Number(version);
}

/**
 * A file written before hash schemes: its events are all of scheme 1, and its kept digests are
 * unsigned. Nothing is rehashed; verify checks each event under the scheme it was written with.
 */
function migrateFromVersion1(db: Database.Database): void {
  db.exec(`
    ALTER TABLE events ADD COLUMN hash_scheme INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE kept_digests ADD COLUMN head_position INTEGER;
    ALTER TABLE kept_digests ADD COLUMN signature TEXT;
  `);
  db.prepare("UPDATE store_meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION));
}
