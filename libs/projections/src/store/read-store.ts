// The read models' own SQLite file: opened for reading by queries, and written by exactly one
// projector, which holds its lock (lock.ts).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFERRED_INDEXES, DROP_ALL, SCHEMA, SCHEMA_VERSION } from './schema';

/** How often the projector keeps the Merkle frontier: a tree head costs at most this many hashes. */
export const FRONTIER_EVERY = 512;

/** The part of the file read through a memory map: a read store of a million events fits. */
const MMAP_BYTES_MAX = 1024 * 1024 * 1024;

const META = 'CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID';

export interface SavedCheckpoint {
  readonly position: number;
  readonly frontier: string;
  readonly digest: string;
}

export interface ReadStoreOptions {
  /** Open without writing anything (a reader beside the projector, or a comparison). */
  readonly readonly?: boolean;
}

export class ReadStore {
  readonly db: Database.Database;

  private constructor(
    readonly path: string,
    options: ReadStoreOptions,
  ) {
    if (options.readonly) {
      this.db = new Database(path, { readonly: true, fileMustExist: true });
      this.db.pragma(`mmap_size = ${MMAP_BYTES_MAX}`);
      return;
    }
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    // Read models are rebuilt from the log at will, so they are written without fsync: a crash
    // of the process loses nothing committed (WAL), and after a crash of the machine verify finds
    // what does not match the journal, and a rebuild makes it anew.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -131072');
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma(`mmap_size = ${MMAP_BYTES_MAX}`);
    this.db.exec(META);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get() as string | undefined;
    // Written by another version: its tables go, and the projector rebuilds them from the log.
    if (version !== undefined && version !== SCHEMA_VERSION) this.db.exec(DROP_ALL);
    this.db.exec(SCHEMA);
    // Opened, a read store always has its indexes, also after a crash in the middle of a rebuild.
    this.createDeferredIndexes();
    this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(SCHEMA_VERSION);
  }

  static open(path: string, options: ReadStoreOptions = {}): ReadStore {
    return new ReadStore(path, options);
  }

  checkpoint(): SavedCheckpoint | undefined {
    return this.db.prepare('SELECT position, frontier, digest FROM checkpoint WHERE id = 1').get() as SavedCheckpoint | undefined;
  }

  /**
   * Drops every read model; the projector then rebuilds them from the log, and the indexes once
   * it has caught up (deleting a million indexed rows one by one costs more than a rebuild).
   */
  reset(): void {
    this.dropDeferredIndexes();
    this.db.exec(DROP_ALL);
    this.db.exec(SCHEMA);
    this.dropDeferredIndexes();
  }

  /** Only while the projector rebuilds from nothing; it builds them again once caught up. */
  dropDeferredIndexes(): void {
    for (const name of Object.keys(DEFERRED_INDEXES)) this.db.exec(`DROP INDEX IF EXISTS ${name}`);
  }

  createDeferredIndexes(): void {
    for (const [name, on] of Object.entries(DEFERRED_INDEXES)) this.db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON ${on}`);
  }

  hasDeferredIndexes(): boolean {
    const names = Object.keys(DEFERRED_INDEXES);
    const present = this.db
      .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name IN (${names.map(() => '?').join(', ')})`)
      .pluck()
      .get(...names) as number;
    return present === names.length;
  }

  close(): void {
    this.db.close();
  }
}
