// A read store written by another version of the read models is not read as if it were this
// one: its tables are dropped and made anew, and the projector rebuilds them from the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReadStore } from './read-store';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'geldstroom-read-store-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('makes the tables of an older schema anew, empty, so the projector rebuilds them', () => {
  const path = join(dir, 'projections.sqlite');
  const old = new Database(path);
  old.exec(`
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('schema', '4');
    CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, position INTEGER NOT NULL, frontier TEXT NOT NULL);
    INSERT INTO checkpoint VALUES (1, 512, '{"size":512,"hashes":[]}');
    CREATE TABLE frontiers (tree_size INTEGER PRIMARY KEY, frontier TEXT NOT NULL);
    INSERT INTO frontiers VALUES (512, '{}');`);
  old.close();

  const readStore = ReadStore.open(path);
  const columns = readStore.db.prepare("SELECT name FROM pragma_table_info('frontiers')").pluck().all();
  expect(columns).toEqual(['tree_size', 'position', 'frontier']);
  expect(readStore.db.prepare('SELECT count(*) FROM checkpoint').pluck().get()).toBe(0);
  expect(readStore.db.prepare('SELECT count(*) FROM frontiers').pluck().get()).toBe(0);
  expect(readStore.db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get()).not.toBe('4');
  expect(readStore.hasFactIndexes()).toBe(true);
  readStore.close();
});
