// Compares two read-model files table by table, in primary-key order, and names the first row that
// differs; and recomputes a file's digest from its rows (not from the digest it kept).
import type Database from 'better-sqlite3';
import { ReadModelDigest, type RowValues } from '../store/digest';
import { TABLES } from '../store/schema';

export interface RowDifference {
  readonly table: string;
  /** The primary key of the first row that differs, column by column. */
  readonly key: Readonly<Record<string, unknown>>;
  /** The row in the live read models, and as derived from the journal (null: no such row). */
  readonly live: Readonly<Record<string, unknown>> | null;
  readonly derived: Readonly<Record<string, unknown>> | null;
}

/** The live file's rows up to a checkpoint both files have reached. */
export function firstDifference(live: Database.Database, derived: Database.Database): RowDifference | undefined {
  for (const table of TABLES) {
    const difference = firstInTable(live, derived, table);
    if (difference) return difference;
  }
  return undefined;
}

/** The digest of a file's rows, hashed as the writer hashes them. */
export function digestOfRows(db: Database.Database): string {
  const digest = new ReadModelDigest();
  for (const table of TABLES) {
    for (const row of db.prepare(`SELECT * FROM ${table}`).raw().iterate() as Iterable<RowValues>) digest.addRow(table, row);
  }
  return digest.toHex();
}

function primaryKey(db: Database.Database, table: string): string[] {
  const columns = db.prepare(`SELECT name, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).raw().all(table) as [string, number][];
  return columns.map(([name]) => name);
}

function firstInTable(live: Database.Database, derived: Database.Database, table: string): RowDifference | undefined {
  const key = primaryKey(live, table);
  const columns = (live.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]);
  const order = key.join(', ');
  const [a, b] = [live, derived].map((db) => (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).raw().iterate() as IterableIterator<unknown[]>)[Symbol.iterator]());
  const record = (row: unknown[] | undefined) => (row ? Object.fromEntries(columns.map((c, i) => [c, row[i]])) : null);
  const keyOf = (row: unknown[]) => Object.fromEntries(key.map((c) => [c, row[columns.indexOf(c)]]));
  try {
    for (;;) {
      const [x, y] = [a.next(), b.next()];
      if (x.done && y.done) return undefined;
      const [left, right] = [x.done ? undefined : x.value, y.done ? undefined : y.value];
      if (left && right && JSON.stringify(left) === JSON.stringify(right)) continue;
      // The row that comes first in key order is the one missing on the other side.
      const first = !left ? right! : !right ? left : compareKeys(keyOf(left), keyOf(right)) <= 0 ? left : right;
      const sameKey = left && right && compareKeys(keyOf(left), keyOf(right)) === 0;
      return {
        table,
        key: keyOf(first),
        live: sameKey || first === left ? record(left) : null,
        derived: sameKey || first === right ? record(right) : null,
      };
    }
  } finally {
    a.return?.();
    b.return?.();
  }
}

function compareKeys(a: Record<string, unknown>, b: Record<string, unknown>): number {
  for (const column of Object.keys(a)) {
    const [x, y] = [a[column], b[column]];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}
