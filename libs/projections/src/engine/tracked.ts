// Writes to the read models that keep the digest in step: every row written is added to it, every
// row replaced or deleted taken out of it, with its values exactly as SQLite hands them back.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { ReadModelDigest, rowHash, type RowValues } from '../store/digest';

export type Row = (string | number | null)[];

export class TrackedTables {
  private readonly statements = new Map<string, Statement>();
  private readonly writes = new Map<string, WeakMap<readonly string[], Statement>>();
  /**
   * The hash of each row array a replace wrote, for as long as a caller keeps the array: a kept row
   * written over again is taken out of the digest without hashing it again (a finding's row is
   * several kilobytes, and the one a growing finding replaces was written one event earlier).
   * Inserts are not remembered: they are seldom replaced, and a rebuild inserts millions of rows.
   */
  private readonly written = new WeakMap<RowValues, { readonly table: string; readonly hash: Buffer }>();

  constructor(
    readonly db: Database.Database,
    readonly digest: ReadModelDigest,
  ) {}

  /** A statement prepared once and kept. */
  statement(sql: string): Statement {
    let prepared = this.statements.get(sql);
    if (!prepared) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  insert(table: string, columns: readonly string[], values: Row): void {
    this.write('INSERT', table, columns).run(values);
    this.digest.addRow(table, values);
  }

  /**
   * Writes the row over its older version (whose values the caller kept, or undefined if new).
   * The older values are what is stored: an array written here is never changed afterwards.
   */
  replace(table: string, columns: readonly string[], values: Row, old: RowValues | undefined): void {
    this.write('INSERT OR REPLACE', table, columns).run(values);
    if (old) this.digest.remove(this.hashOf(table, old));
    this.added(table, values);
  }

  private added(table: string, values: Row): void {
    const hash = rowHash(table, values);
    this.digest.add(hash);
    this.written.set(values, { table, hash });
  }

  private hashOf(table: string, values: RowValues): Buffer {
    const kept = this.written.get(values);
    return kept?.table === table ? kept.hash : rowHash(table, values);
  }

  /** The insert of a table's columns, prepared once per column list (a list is a module constant). */
  private write(verb: string, table: string, columns: readonly string[]): Statement {
    let byColumns = this.writes.get(verb + table);
    if (!byColumns) {
      byColumns = new WeakMap();
      this.writes.set(verb + table, byColumns);
    }
    let prepared = byColumns.get(columns);
    if (!prepared) {
      prepared = this.db.prepare(`${verb} INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      byColumns.set(columns, prepared);
    }
    return prepared;
  }

  /** Deletes the rows a WHERE clause selects, taking each out of the digest. */
  deleteWhere(table: string, where: string, params: readonly unknown[]): void {
    const rows = this.statement(`SELECT * FROM ${table} WHERE ${where}`).raw().all(...params) as Row[];
    if (rows.length === 0) return;
    this.statement(`DELETE FROM ${table} WHERE ${where}`).run(...params);
    for (const row of rows) this.digest.removeRow(table, row);
  }

  /** One row as stored, in column order, or undefined. */
  rowWhere(table: string, where: string, params: readonly unknown[]): Row | undefined {
    return this.statement(`SELECT * FROM ${table} WHERE ${where}`).raw().get(...params) as Row | undefined;
  }
}

/** A composition as stored: [party, cents] pairs sorted by party, zeros left out. */
export function fundersJson(funders: ReadonlyMap<string, number> | null): string {
  if (!funders) return '[]';
  return JSON.stringify([...funders].filter(([, cents]) => cents !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function fundersFromJson(json: string | null): Map<string, number> {
  return new Map(json ? (JSON.parse(json) as [string, number][]) : []);
}

export function sameFunders(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return fundersJson(a) === fundersJson(b);
}
