// Adds every movement into the rows of the scopes it belongs to: the entity's totals by group (what
// a question "now" reads) and its sums by group and business date (what `on` reads); counts the
// movements of each entity, and every `snapshotEvery` of them keeps its totals as known at that
// position (what `asOf` starts from).
import { addMeasures, MEASURES, zeroMeasures, type Measure, type Movement } from '../model/movement';
import { addInto } from '../who-paid/split';
import { groupValue, MEASURE_COLUMNS, SCOPES, type ScopeDefinition } from './scopes';
import { fundersFromJson, fundersJson, type Row, type TrackedTables } from './tracked';

/** One row of sums: an entity's group, on a day (days rows) or over all days (totals rows). */
interface SumRow {
  readonly scope: ScopeDefinition;
  readonly table: 'days' | 'totals';
  readonly key: string;
  readonly day: string | null;
  readonly groups: readonly (string | number)[];
  readonly measures: Record<Measure, number>;
  readonly funders: Map<string, number>;
  stored: Row | undefined;
}

interface EntityTotals {
  readonly rows: Map<string, SumRow>;
  readonly measures: Record<Measure, number>;
}

interface Count {
  readonly id: string;
  movements: number;
  stored: Row | undefined;
}

/** An entity's sums over all days, by group. */
export interface GroupTotal {
  readonly groups: readonly (string | number)[];
  readonly measures: Record<Measure, number>;
  readonly funders: Map<string, number>;
}

const CACHED_ROWS_MAX = 200_000;
const COUNT_COLUMNS = ['scope', 'key', 'movements'];

export class ScopeRows {
  private readonly rows = new Map<string, SumRow>();
  private readonly dirty = new Set<SumRow>();
  /** Entities whose totals rows are all in the cache, with their sums over all groups. */
  private readonly loaded = new Map<string, EntityTotals>();
  private readonly counts = new Map<string, Count>();
  private readonly dirtyCounts = new Set<Count>();
  private readonly due = new Map<string, { scope: ScopeDefinition; key: string }>();
  /**
   * Whether every days row the tables hold is in the cache: from tables without any (a rebuild
   * from nothing) until the cache is first let go. A days row not cached is then known not to be
   * there, without a look-up: a rebuild adds hundreds of thousands of them.
   */
  private daysAllCached: boolean;

  constructor(
    private readonly tables: TrackedTables,
    private readonly snapshotEvery?: number,
  ) {
    this.daysAllCached = SCOPES.every((scope) => tables.statement(`SELECT 1 FROM ${scope.name}_days LIMIT 1`).get() === undefined);
  }

  add(movement: Movement): void {
    for (const scope of SCOPES) {
      const key = scope.keyOf(movement);
      if (key === null) continue;
      const groups = scope.groupColumns.map((c) => groupValue(c, movement));
      // The group's id is the key of its row among the entity's totals and within its days' ids.
      const groupsId = groups.join('\u0000');
      const entity = this.entityTotals(scope, key);
      this.addInto(this.dayRow(scope, key, movement.date, groups, groupsId), movement);
      this.addInto(this.totalRow(entity, scope, key, groups, groupsId), movement);
      addMeasures(entity.measures, movement.measures);
      const count = this.count(scope, key);
      count.movements += 1;
      this.dirtyCounts.add(count);
      if (count.movements % (this.snapshotEvery ?? scope.snapshotEvery) === 0) this.due.set(`${scope.name}\u0000${key}`, { scope, key });
    }
  }

  /** An entity's sums over all days, by group, as they stand now (within the batch being written). */
  totals(scope: ScopeDefinition, key: string): readonly GroupTotal[] {
    return [...this.totalRows(scope, key).values()];
  }

  /**
   * An entity's sums over all its groups, as they stand now: kept as movements are added, so a
   * budget charged for a thousand suppliers answers without adding a thousand rows up. Read only.
   */
  measures(scope: ScopeDefinition, key: string): Readonly<Record<Measure, number>> {
    return this.entityTotals(scope, key).measures;
  }

  /** After every movement of position q: the snapshots that fell due, as known at q. */
  endOfPosition(q: number): void {
    for (const { scope, key } of this.due.values()) this.snapshot(scope, key, q);
    this.due.clear();
  }

  flush(): void {
    for (const row of this.dirty) this.write(row);
    this.dirty.clear();
    for (const count of this.dirtyCounts) {
      const [scope, key] = count.id.split('\u0000');
      const values: Row = [scope, key, count.movements];
      this.tables.replace('scope_counts', COUNT_COLUMNS, values, count.stored);
      count.stored = values;
    }
    this.dirtyCounts.clear();
    if (this.rows.size > CACHED_ROWS_MAX) {
      this.rows.clear();
      this.loaded.clear();
      this.daysAllCached = false;
    }
    if (this.counts.size > CACHED_ROWS_MAX) this.counts.clear();
  }

  forget(): void {
    this.daysAllCached = false;
    this.rows.clear();
    this.dirty.clear();
    this.loaded.clear();
    this.counts.clear();
    this.dirtyCounts.clear();
    this.due.clear();
  }

  private addInto(row: SumRow, movement: Movement): void {
    addMeasures(row.measures, movement.measures);
    if (movement.funders) addInto(row.funders, movement.funders);
    this.dirty.add(row);
  }

  private totalRow(entity: EntityTotals, scope: ScopeDefinition, key: string, groups: (string | number)[], groupsId: string): SumRow {
    let row = entity.rows.get(groupsId);
    if (!row) {
      row = this.newRow(scope, 'totals', key, null, groups);
      entity.rows.set(groupsId, row);
    }
    return row;
  }

  private dayRow(scope: ScopeDefinition, key: string, day: string, groups: (string | number)[], groupsId: string): SumRow {
    const id = `${scope.name}\u0000${key}\u0000${day}\u0000${groupsId}`;
    let row = this.rows.get(id);
    if (row) return row;
    const stored = this.daysAllCached ? undefined : this.tables.rowWhere(`${scope.name}_days`, dayWhere(scope), [key, day, ...groups]);
    row = stored ? sumRowOf(scope, 'days', stored, stored) : this.newRow(scope, 'days', key, day, groups);
    this.rows.set(id, row);
    return row;
  }

  /** All of an entity's totals rows, read once and kept. */
  private totalRows(scope: ScopeDefinition, key: string): Map<string, SumRow> {
    return this.entityTotals(scope, key).rows;
  }

  private entityTotals(scope: ScopeDefinition, key: string): EntityTotals {
    const id = `${scope.name}\u0000${key}`;
    let totals = this.loaded.get(id);
    if (totals) return totals;
    totals = { rows: new Map(), measures: zeroMeasures() };
    for (const values of this.tables.statement(`SELECT * FROM ${scope.name}_totals WHERE ${scope.keyColumn} = ?`).raw().all(key) as Row[]) {
      const row = sumRowOf(scope, 'totals', values, values);
      totals.rows.set(row.groups.join('\u0000'), row);
      addMeasures(totals.measures, row.measures);
    }
    this.loaded.set(id, totals);
    return totals;
  }

  private newRow(scope: ScopeDefinition, table: SumRow['table'], key: string, day: string | null, groups: (string | number)[]): SumRow {
    return { scope, table, key, day, groups, measures: zeroMeasures(), funders: new Map(), stored: undefined };
  }

  private count(scope: ScopeDefinition, key: string): Count {
    const id = `${scope.name}\u0000${key}`;
    let count = this.counts.get(id);
    if (count) return count;
    const stored = this.tables.rowWhere('scope_counts', 'scope = ? AND key = ?', [scope.name, key]);
    count = { id, movements: stored ? (stored[2] as number) : 0, stored };
    this.counts.set(id, count);
    return count;
  }

  private write(row: SumRow): void {
    const values: Row = [row.key, ...(row.table === 'days' ? [row.day] : []), ...row.groups, ...MEASURES.map((m) => row.measures[m]), fundersJson(row.funders)];
    this.tables.replace(`${row.scope.name}_${row.table}`, columnsOf(row.scope, row.table), values, row.stored);
    row.stored = values;
  }

  /** The entity's totals, by group, written as known at q. */
  private snapshot(scope: ScopeDefinition, key: string, q: number): void {
    const columns = columnsOf(scope, 'snapshots');
    const rows = [...this.totalRows(scope, key).values()].sort((a, b) => (a.groups.join('\u0000') < b.groups.join('\u0000') ? -1 : 1));
    for (const row of rows) {
      this.tables.insert(`${scope.name}_snapshots`, columns, [key, q, ...row.groups, ...MEASURES.map((m) => row.measures[m]), fundersJson(row.funders)]);
    }
  }
}

const COLUMNS = new Map<string, string[]>();
const DAY_WHERES = new Map<ScopeDefinition, string>();

/** What selects one days row of a scope: built once, the same text at every look-up. */
function dayWhere(scope: ScopeDefinition): string {
  let where = DAY_WHERES.get(scope);
  if (!where) {
    where = [scope.keyColumn, 'day', ...scope.groupColumns].map((c) => `${c} = ?`).join(' AND ');
    DAY_WHERES.set(scope, where);
  }
  return where;
}

/** A scope table's columns: the key, the day or position, the groups, the sums. */
export function columnsOf(scope: ScopeDefinition, table: 'days' | 'totals' | 'snapshots'): string[] {
  const id = `${scope.name}_${table}`;
  let columns = COLUMNS.get(id);
  if (!columns) {
    const extra = table === 'days' ? ['day'] : table === 'snapshots' ? ['position'] : [];
    columns = [scope.keyColumn, ...extra, ...scope.groupColumns, ...MEASURE_COLUMNS, 'funders'];
    COLUMNS.set(id, columns);
  }
  return columns;
}

/** A stored row read back: [key, (day | position)?, ...groups, ...measures, funders]. */
function sumRowOf(scope: ScopeDefinition, table: SumRow['table'], values: Row, stored: Row | undefined): SumRow {
  const offset = table === 'days' ? 2 : 1;
  const groupCount = scope.groupColumns.length;
  const measures = zeroMeasures();
  MEASURES.forEach((m, i) => (measures[m] = values[offset + groupCount + i] as number));
  return {
    scope,
    table,
    key: values[0] as string,
    day: table === 'days' ? (values[1] as string) : null,
    groups: values.slice(offset, offset + groupCount) as (string | number)[],
    measures,
    funders: fundersFromJson(values[offset + groupCount + MEASURES.length] as string),
    stored,
  };
}

/** A stored days or snapshot row read back, as the reader sums them. */
export function dayRowOf(scope: ScopeDefinition, values: Row): GroupTotal {
  return sumRowOf(scope, 'days', values, undefined);
}

/** A stored totals row read back. */
export function totalRowOf(scope: ScopeDefinition, values: Row): GroupTotal {
  return sumRowOf(scope, 'totals', values, undefined);
}
