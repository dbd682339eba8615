// The read models' own SQLite file. One table of facts (every ledger event, flattened to the
// columns queries select on), one of journal heads (the tree head after each event, so any
// answer can name the digest it was computed at), the entities' charges, and the checkpoint.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const SCHEMA_VERSION = '1';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL,
  frontier TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS journal (
  position    INTEGER PRIMARY KEY,
  recorded_at TEXT    NOT NULL,
  tree_size   INTEGER NOT NULL,
  root_hash   TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS journal_recorded_at ON journal (recorded_at);
CREATE TABLE IF NOT EXISTS facts (
  position       INTEGER PRIMARY KEY,
  event_id       TEXT    NOT NULL,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  type           TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  effective_date TEXT    NOT NULL,
  budget_id      TEXT,
  programme_id   TEXT,
  party_id       TEXT,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  hash           TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_budget ON facts (budget_id) WHERE budget_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_programme ON facts (programme_id) WHERE programme_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_party ON facts (party_id) WHERE party_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS facts_stream ON facts (stream_id);
CREATE INDEX IF NOT EXISTS facts_type ON facts (type);
CREATE TABLE IF NOT EXISTS entities (
  stream_id    TEXT PRIMARY KEY,
  budget_id    TEXT,
  programme_id TEXT,
  party_id     TEXT
) WITHOUT ROWID;
`;

export class ReadStore {
  readonly db: Database.Database;

  private constructor(readonly path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Read models are rebuilt from the log at will: losing the last commits on power loss is
    // harmless (the checkpoint is lost with them), so they do not pay for an fsync per batch.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('cache_size = -65536');
    this.db.exec(SCHEMA);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as string | undefined;
    if (version !== undefined && version !== SCHEMA_VERSION) this.reset();
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  }

  static open(path: string): ReadStore {
    return new ReadStore(path);
  }

  /** Drops every read model; the projector then rebuilds them from the log. */
  reset(): void {
    this.db.exec('DELETE FROM checkpoint; DELETE FROM journal; DELETE FROM facts; DELETE FROM entities;');
  }

  close(): void {
    this.db.close();
  }
}
