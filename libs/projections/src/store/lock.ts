// One writer per read-model file. The writer holds an exclusive SQLite lock on a small file beside
// the read models for as long as it lives: the operating system drops it when the process ends, so
// a crash leaves no stale lock, and a second writer (another process, or another thread) is told
// who holds it instead of colliding with it.
import Database from 'better-sqlite3';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LockHolder {
  readonly pid: number;
  readonly since: string;
  /** The API's base URL when the holder is an API: where a command line can send its commands. */
  readonly url?: string;
}

export class ReadModelsLockedError extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | undefined,
  ) {
    super(
      `the read models in ${path} are kept by another process${holder ? ` (pid ${holder.pid}${holder.url ? `, the API at ${holder.url}` : ''}, since ${holder.since})` : ''}; ` +
        'one process writes them at a time',
    );
    this.name = 'ReadModelsLockedError';
  }
}

export class ReadModelLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly ownerPath: string,
  ) {}

  /** Takes the lock of the read models at `path`, or throws ReadModelsLockedError at once. */
  static acquire(path: string, holder: Omit<LockHolder, 'pid' | 'since'> = {}): ReadModelLock {
    const db = new Database(`${path}.lock`, { timeout: 0 });
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma('locking_mode = EXCLUSIVE');
      // The first write takes the exclusive lock; in this locking mode it is never given back.
      db.exec('CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY); INSERT OR REPLACE INTO held (id) VALUES (1)');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw new ReadModelsLockedError(path, ReadModelLock.holderOf(path));
      throw error;
    }
    const ownerPath = `${path}.owner.json`;
    writeFileSync(ownerPath, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString(), ...holder })}\n`);
    return new ReadModelLock(db, ownerPath);
  }

  /** Who holds the lock, as it said when it took it; undefined when nobody said. */
  static holderOf(path: string): LockHolder | undefined {
    try {
      return JSON.parse(readFileSync(`${path}.owner.json`, 'utf8')) as LockHolder;
    } catch {
      return undefined;
    }
  }

  /** Whether some process holds the lock now (without taking it). */
  static isHeld(path: string): boolean {
    if (!existsSync(dirname(path))) return false;
    try {
      ReadModelLock.acquire(path).release();
      return false;
    } catch (error) {
      if (error instanceof ReadModelsLockedError) return true;
      throw error;
    }
  }

  /** Tells a later reader where this holder can be reached (an API, once it listens). */
  announce(holder: Omit<LockHolder, 'pid' | 'since'>): void {
    const current = JSON.parse(readFileSync(this.ownerPath, 'utf8')) as LockHolder;
    writeFileSync(this.ownerPath, `${JSON.stringify({ ...current, ...holder })}\n`);
  }

  release(): void {
    rmSync(this.ownerPath, { force: true });
    this.db.close();
  }
}
