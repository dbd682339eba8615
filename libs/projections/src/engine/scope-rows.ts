// Adds every movement into the day rows of the scopes it belongs to, counts the movements of each
// entity, and every `snapshotEvery` of them keeps that entity's sums as known at that position.
import { addMeasures, MEASURES, zeroMeasures, type Measure, type Movement } from '../model/movement';
import { addInto } from '../who-paid/split';
import { groupValue, MEASURE_COLUMNS, SCOPES, type ScopeDefinition } from './scopes';
import { fundersFromJson, fundersJson, type Row, type TrackedTables } from './tracked';

interface DayRow {
  readonly scope: ScopeDefinition;
  readonly key: string;
  readonly day: string;
  readonly groups: readonly (string | number)[];
  readonly measures: Record<Measure, number>;
  readonly funders: Map<string, number>;
  stored: Row | undefined;
  dirty: boolean;
}

interface Count {
  readonly id: string;
  movements: number;
  stored: Row | undefined;
  dirty: boolean;
}

const CACHED_ROWS_MAX = 200_000;
const COUNT_COLUMNS = ['scope', 'key', 'movements'];
const CACHED_TOTALS_MAX = 20_000;

/** An entity's sums over all days, by group. */
export interface GroupTotal {
  readonly groups: readonly (string | number)[];
  readonly measures: Record<Measure, number>;
  readonly funders: Map<string, number>;
}

export class ScopeRows {
  private readonly rows = new Map<string, DayRow>();
  private readonly dirtyRows = new Set<DayRow>();
  private readonly counts = new Map<string, Count>();
  private readonly dirtyCounts = new Set<Count>();
  private readonly due = new Map<string, { scope: ScopeDefinition; key: string }>();
  private readonly totalsByKey = new Map<string, Map<string, GroupTotal>>();

  constructor(
    private readonly tables: TrackedTables,
    private readonly snapshotEvery?: number,
  ) {}

  add(movement: Movement): void {
    for (const scope of SCOPES) {
      const key = scope.keyOf(movement);
      if (key === null) continue;
      const row = this.row(scope, key, movement.date, scope.groupColumns.map((c) => groupValue(c, movement)));
      addMeasures(row.measures, movement.measures);
      if (movement.funders) addInto(row.funders, movement.funders);
      row.dirty = true;
      this.dirtyRows.add(row);
      const totals = this.totalsByKey.get(`${scope.name}\u0000${key}`);
      if (totals) addGroup(totals, row.groups, movement.measures, movement.funders);
      const count = this.count(scope, key);
      count.movements += 1;
      count.dirty = true;
      this.dirtyCounts.add(count);
      if (count.movements % (this.snapshotEvery ?? scope.snapshotEvery) === 0) this.due.set(`${scope.name}\u0000${key}`, { scope, key });
    }
  }

  /** An entity's sums over all days, by group, as now known (kept up to date once asked for). */
  totals(scope: ScopeDefinition, key: string): ReadonlyMap<string, GroupTotal> {
    const id = `${scope.name}\u0000${key}`;
    let totals = this.totalsByKey.get(id);
    if (totals) return totals;
    this.writeDirty(scope, key);
    totals = new Map();
    for (const values of this.tables.statement(`SELECT * FROM ${scope.name}_days WHERE ${scope.keyColumn} = ?`).raw().all(key) as Row[]) {
      const row = dayRowOf(scope, values, undefined);
      addGroup(totals, row.groups, row.measures, row.funders);
    }
    if (this.totalsByKey.size >= CACHED_TOTALS_MAX) this.totalsByKey.clear();
    this.totalsByKey.set(id, totals);
    return totals;
  }

  /** After every movement of position q: the snapshots that fell due, as known at q. */
  endOfPosition(q: number): void {
    for (const { scope, key } of this.due.values()) this.snapshot(scope, key, q);
    this.due.clear();
  }

  flush(): void {
    for (const row of this.dirtyRows) this.write(row);
    this.dirtyRows.clear();
    for (const count of this.dirtyCounts) {
      const [scope, key] = count.id.split('\u0000');
      const values: Row = [scope, key, count.movements];
      this.tables.replace('scope_counts', COUNT_COLUMNS, values, count.stored);
      count.stored = values;
      count.dirty = false;
    }
    this.dirtyCounts.clear();
    if (this.rows.size > CACHED_ROWS_MAX) this.rows.clear();
    if (this.counts.size > CACHED_ROWS_MAX) this.counts.clear();
  }

  forget(): void {
    this.rows.clear();
    this.dirtyRows.clear();
    this.counts.clear();
    this.dirtyCounts.clear();
    this.due.clear();
    this.totalsByKey.clear();
  }

  private row(scope: ScopeDefinition, key: string, day: string, groups: (string | number)[]): DayRow {
    const id = `${scope.name}\u0000${key}\u0000${day}\u0000${groups.join('\u0000')}`;
    let row = this.rows.get(id);
    if (row) return row;
    const where = [scope.keyColumn, 'day', ...scope.groupColumns].map((c) => `${c} = ?`).join(' AND ');
    const stored = this.tables.rowWhere(`${scope.name}_days`, where, [key, day, ...groups]);
    row = stored ? dayRowOf(scope, stored, stored) : { scope, key, day, groups, measures: zeroMeasures(), funders: new Map(), stored: undefined, dirty: false };
    this.rows.set(id, row);
    return row;
  }

  private count(scope: ScopeDefinition, key: string): Count {
    const id = `${scope.name}\u0000${key}`;
    let count = this.counts.get(id);
    if (count) return count;
    const stored = this.tables.rowWhere('scope_counts', 'scope = ? AND key = ?', [scope.name, key]);
    count = { id, movements: stored ? (stored[2] as number) : 0, stored, dirty: false };
    this.counts.set(id, count);
    return count;
  }

  private writeDirty(scope: ScopeDefinition, key: string): void {
    for (const row of this.dirtyRows) {
      if (row.scope !== scope || row.key !== key) continue;
      this.write(row);
      this.dirtyRows.delete(row);
    }
  }

  private write(row: DayRow): void {
    const values: Row = [row.key, row.day, ...row.groups, ...MEASURES.map((m) => row.measures[m]), fundersJson(row.funders)];
    this.tables.replace(`${row.scope.name}_days`, dayColumns(row.scope), values, row.stored);
    row.stored = values;
    row.dirty = false;
  }

  /** The entity's sums over all days, by group, written as known at q. */
  private snapshot(scope: ScopeDefinition, key: string, q: number): void {
    this.writeDirty(scope, key);
    const stored = this.tables.statement(`SELECT * FROM ${scope.name}_days WHERE ${scope.keyColumn} = ?`).raw().all(key) as Row[];
    const byGroup = new Map<string, { groups: (string | number)[]; measures: Record<Measure, number>; funders: Map<string, number> }>();
    for (const values of stored) {
      const row = dayRowOf(scope, values, undefined);
      const id = JSON.stringify(row.groups);
      let sum = byGroup.get(id);
      if (!sum) {
        sum = { groups: [...row.groups], measures: zeroMeasures(), funders: new Map() };
        byGroup.set(id, sum);
      }
      addMeasures(sum.measures, row.measures);
      addInto(sum.funders, row.funders);
    }
    const columns = snapshotColumns(scope);
    for (const id of [...byGroup.keys()].sort()) {
      const sum = byGroup.get(id)!;
      this.tables.insert(`${scope.name}_snapshots`, columns, [key, q, ...sum.groups, ...MEASURES.map((m) => sum.measures[m]), fundersJson(sum.funders)]);
    }
  }
}

function addGroup(totals: Map<string, GroupTotal>, groups: readonly (string | number)[], measures: Partial<Record<Measure, number>>, funders: ReadonlyMap<string, number> | null): void {
  const id = JSON.stringify(groups);
  let total = totals.get(id);
  if (!total) {
    total = { groups: [...groups], measures: zeroMeasures(), funders: new Map() };
    totals.set(id, total);
  }
  addMeasures(total.measures, measures);
  if (funders) addInto(total.funders, funders);
}

const DAY_COLUMNS = new Map<ScopeDefinition, string[]>();
const SNAPSHOT_COLUMNS = new Map<ScopeDefinition, string[]>();

export function dayColumns(scope: ScopeDefinition): string[] {
  let columns = DAY_COLUMNS.get(scope);
  if (!columns) {
    columns = [scope.keyColumn, 'day', ...scope.groupColumns, ...MEASURE_COLUMNS, 'funders'];
    DAY_COLUMNS.set(scope, columns);
  }
  return columns;
}

function snapshotColumns(scope: ScopeDefinition): string[] {
  let columns = SNAPSHOT_COLUMNS.get(scope);
  if (!columns) {
    columns = [scope.keyColumn, 'position', ...scope.groupColumns, ...MEASURE_COLUMNS, 'funders'];
    SNAPSHOT_COLUMNS.set(scope, columns);
  }
  return columns;
}

/** A stored day (or snapshot) row read back: [key, day or position, ...groups, ...measures, funders]. */
export function dayRowOf(scope: ScopeDefinition, values: Row, stored: Row | undefined): DayRow {
  const groupCount = scope.groupColumns.length;
  const measures = zeroMeasures();
  MEASURES.forEach((m, i) => (measures[m] = values[2 + groupCount + i] as number));
  return {
    scope,
    key: values[0] as string,
    day: String(values[1]),
    groups: values.slice(2, 2 + groupCount) as (string | number)[],
    measures,
    funders: fundersFromJson(values[2 + groupCount + MEASURES.length] as string),
    stored,
    dirty: false,
  };
}
