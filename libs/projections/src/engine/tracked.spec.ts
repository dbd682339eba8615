// TrackedTables keeps the digest equal to the hashes of the rows the tables hold, whether the row a
// write replaces is handed back as the array written (its hash kept) or as read back from SQLite.
import Database from 'better-sqlite3';
import { ReadModelDigest, type RowValues } from '../store/digest';
import { TrackedTables, type Row } from './tracked';

const COLUMNS = ['id', 'body'];

function digestOfRows(db: Database.Database, tables: readonly string[]): string {
  const digest = new ReadModelDigest();
  for (const table of tables) {
    for (const row of db.prepare(`SELECT * FROM ${table}`).raw().iterate() as Iterable<RowValues>) digest.addRow(table, row);
  }
  return digest.toHex();
}

describe('TrackedTables', () => {
  let db: Database.Database;
  let tables: TrackedTables;
  beforeEach(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE findings (id TEXT PRIMARY KEY, body TEXT); CREATE TABLE versions (id TEXT PRIMARY KEY, body TEXT)');
    tables = new TrackedTables(db, new ReadModelDigest());
  });
  afterEach(() => db.close());

  it('replaces a row handed back as written, as read back, and as written to another table, with the digest of what is stored', () => {
    const first: Row = ['f-1', 'x'.repeat(9_000)];
    tables.replace('findings', COLUMNS, first, undefined);
    const second: Row = ['f-1', 'grown'];
    tables.replace('findings', COLUMNS, second, first);
    expect(tables.digest.toHex()).toBe(digestOfRows(db, ['findings', 'versions']));

    const readBack = tables.rowWhere('findings', 'id = ?', ['f-1'])!;
    tables.replace('findings', COLUMNS, ['f-1', 'grown again'], readBack);
    expect(tables.digest.toHex()).toBe(digestOfRows(db, ['findings', 'versions']));

    // The same values in two tables are two rows with two hashes: a kept hash is its own table's.
    const shared: Row = ['f-2', 'same'];
    tables.replace('versions', COLUMNS, shared, undefined);
    tables.insert('findings', COLUMNS, ['f-2', 'same']);
    tables.replace('findings', COLUMNS, ['f-2', 'other'], shared);
    expect(tables.digest.toHex()).toBe(digestOfRows(db, ['findings', 'versions']));
  });
});
