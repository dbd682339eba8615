// The raw limit: plain better-sqlite3 doing the store's work by hand, at the same durability
// (WAL, synchronous=FULL), with no port, no queue and no validation.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export class RawJournal {
  private readonly db: Database.Database;
  private readonly head: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS events (
      position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
      body BLOB NOT NULL, hash BLOB NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision))`);
    this.head = this.db.prepare(
      'SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
    );
    this.insert = this.db.prepare('INSERT INTO events (event_id, stream_id, revision, body, hash, recorded_at) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** One event, one transaction, one fsync: what a naive store does per command. */
  appendOne(streamId: string, data: { id: string }): void {
    this.db.transaction(() => this.write(streamId, data)).immediate();
  }

  /** Many events in one transaction: the best plain SQLite can do at this durability. */
  appendMany(items: readonly { streamId: string; data: { id: string } }[]): void {
    this.db.transaction(() => items.forEach((item) => this.write(item.streamId, item.data))).immediate();
  }

  /** Reads every body in order and parses it: the floor under any replay. */
  replay(onEvent: (event: unknown) => void): number {
    let count = 0;
    for (const row of this.db.prepare('SELECT body FROM events ORDER BY position').pluck().iterate()) {
      onEvent(JSON.parse((row as Buffer).toString('utf8')));
      count += 1;
    }
    return count;
  }

  /** Recomputes every chain hash and an RFC 6962 tree head, straight off the rows. */
  verify(): number {
    const tips = new Map<string, Buffer>();
    const stack: Buffer[] = [];
    let count = 0;
    const rows = this.db.prepare('SELECT stream_id, body, hash FROM events ORDER BY position').raw().iterate();
    for (const row of rows as Iterable<[string, Buffer, Buffer]>) {
      const previous = tips.get(row[0]) ?? Buffer.alloc(32);
      const hash = createHash('sha256').update(previous).update(row[1]).digest();
      if (!hash.equals(row[2])) throw new Error(`raw verify: hash mismatch at ${count + 1}`);
      tips.set(row[0], hash);
      let node = createHash('sha256').update(Buffer.of(0)).update(hash).digest();
      count += 1;
      for (let size = count; size % 2 === 0; size /= 2) {
        node = createHash('sha256').update(Buffer.of(1)).update(stack.pop() as Buffer).update(node).digest();
      }
      stack.push(node);
    }
    return count;
  }

  close(): void {
    this.db.close();
  }

  private write(streamId: string, data: { id: string }): void {
    const head = this.head.get(streamId) as { revision: number; hash: Buffer } | undefined;
    const body = Buffer.from(JSON.stringify({ streamId, revision: (head?.revision ?? -1) + 1, data }));
    const hash = createHash('sha256')
      .update(head?.hash ?? Buffer.alloc(32))
      .update(body)
      .digest();
    this.insert.run(data.id, streamId, (head?.revision ?? -1) + 1, body, hash, new Date().toISOString());
  }
}
