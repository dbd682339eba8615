// Writes to the read models that keep the digest in step: every row written is added to it, every
// row replaced or deleted taken out of it, with its values exactly as SQLite hands them back.
import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import { ReadModelDigest, rowHash, type RowHash, type RowValues } from '../store/digest';
import { sortTexts } from './sorted';

export type Row = (string | number | null)[];

/**
 * The hash a replace wrote a row array with, kept on the array itself for as long as a caller keeps
 * it: a kept row written over again is taken out of the digest without hashing it again (a finding's
 * row is several kilobytes, and the one a growing finding replaces was written one event earlier).
 * A property rather than a WeakMap: a rebuild replaces millions of rows, and every WeakMap entry
 * costs an insert into its table and work for the garbage collector. Inserts are not marked: they
 * are seldom replaced. SQLite binds an array's elements only.
 */
const WRITTEN = Symbol('written');

type WrittenRow = RowValues & { [WRITTEN]?: { readonly table: string; readonly hash: RowHash } };

export class TrackedTables {
  private readonly statements = new Map<string, Statement>();
  private readonly writes = new Map<string, WeakMap<readonly string[], Statement>>();
  /** The select of one row, by table and WHERE clause: no SQL text is put together per look-up. */
  private readonly selects = new Map<string, Map<string, Statement>>();

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
    (values as WrittenRow)[WRITTEN] = { table, hash };
  }

  private hashOf(table: string, values: RowValues): RowHash {
    const kept = (values as WrittenRow)[WRITTEN];
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
    let byWhere = this.selects.get(table);
    if (!byWhere) {
      byWhere = new Map();
      this.selects.set(table, byWhere);
    }
    let prepared = byWhere.get(where);
    if (!prepared) {
      prepared = this.db.prepare(`SELECT * FROM ${table} WHERE ${where}`).raw();
      byWhere.set(where, prepared);
    }
    return prepared.get(...params) as Row | undefined;
  }
}

/** A composition as stored: [party, cents] pairs sorted by party, zeros left out. */
export function fundersJson(funders: ReadonlyMap<string, number> | null): string {
  if (!funders || funders.size === 0) return '[]';
  // Written out pair by pair: a rebuild writes this for every movement, draw and sum row, and
  // JSON.stringify of [party, cents] pairs costs an array per pair.
  const parties: string[] = [];
  funders.forEach((cents, party) => {
    if (cents !== 0) parties.push(party);
  });
  sortTexts(parties);
  let json = '[';
  for (let i = 0; i < parties.length; i += 1) json += `${i === 0 ? '' : ','}[${JSON.stringify(parties[i])},${JSON.stringify(funders.get(parties[i]))}]`;
  return `${json}]`;
}

export function fundersFromJson(json: string | null): Map<string, number> {
  return new Map(json ? (JSON.parse(json) as [string, number][]) : []);
}

export function sameFunders(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  return fundersJson(a) === fundersJson(b);
}
