// Reads the read models for the queries. A cut is what a question sees: knowledge time (`asOf`:
// the events recorded by then, reversals included) and business time (`on`: the events dated by
// then). "Now" is read from the scopes' rows; `on` from their rows up to the date; `asOf` from the
// snapshot before it plus the movements since; both from the rows up to the date less the
// movements learnt after. A reversal hides its event for every answer whose knowledge includes
// the reversal, whatever `on` asks: a record found wrong was never true on any date.
import { BoundedMap } from '../store/bounded-map';
import type { Statement } from 'better-sqlite3';
import { MerkleFrontier } from '@geldstroom/event-store';
import { datePrecisionOf, dutchDateOf, isIsoDate } from '@geldstroom/ledger';
import { evolveUnit, initialUnit, type UnitState } from '../folds/units';
import type { BudgetHeader, PartyHeader } from '../folds/headers';
import type { LedgerFact } from '../model/ledger-fact';
import { referenceOf, type EventReference } from './evidence';
import { MEASURES, zeroMeasures, type Dims, type Measure, type Movement, type MovementKind } from '../model/movement';
import { FACT_SELECT, factOfRow, NOT_REVERSED_AT, type FactTuple } from '../engine/fact-rows';
import { dayRowOf, totalRowOf } from '../engine/scope-rows';
import { groupValue, MEASURE_COLUMNS, SCOPE_BY_NAME, type GroupColumn, type ScopeName, type ScopeRow } from '../engine/scopes';
import { fundersFromJson, type Row } from '../engine/tracked';
import { addInto } from '../who-paid/split';
import type { ReadStore } from '../store/read-store';

export interface JournalHead {
  /** The last journal position the answer includes (0 for an empty journal). */
  readonly position: number;
  readonly treeSize: number;
  /** RFC 6962 tree head over the first `treeSize` events: compare with a digest kept earlier. */
  readonly rootHash: string;
  readonly recordedAt: string | null;
}

export interface CutRequest {
  /** Knowledge time: a journal position, a date (its whole day, until midnight in the Netherlands) or an ISO instant. */
  readonly asOf?: string;
  /** Business time: YYYY-MM-DD. */
  readonly on?: string;
}

/** A cut a question cannot be answered at: a caller's mistake, not the reader's (a 400). */
export class InvalidCutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCutError';
  }
}

/** An `asOf` that names no journal position, calendar date or instant. */
export class InvalidAsOfError extends InvalidCutError {
  constructor(readonly asOf: string) {
    super(`${JSON.stringify(asOf.slice(0, 64))} is not a journal position, a calendar date YYYY-MM-DD or an ISO instant`);
    this.name = 'InvalidAsOfError';
  }
}

const AS_OF_DATE = /^\d{4}-\d{2}-\d{2}$/;
const AS_OF_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The UTC instant an `asOf` date (its whole day) or instant names. The API and the CLI let only
 * real ones through; one that still is none is refused, not thrown as Date's RangeError (25:00,
 * +99:00) nor rolled over by Date into the next month (2024-02-30 would be read as 1 March).
 */
function instantOf(asOf: string): string {
  const date = asOf.slice(0, 10);
  if (!isIsoDate(date)) throw new InvalidAsOfError(asOf);
  if (AS_OF_DATE.test(asOf)) return endOfDutchDay(date);
  const time = AS_OF_INSTANT.test(asOf) ? Date.parse(asOf) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidAsOfError(asOf);
  return new Date(time).toISOString();
}

/**
 * The last millisecond of a date in the Netherlands, whose municipalities keep these books: what was
 * recorded by the end of 8 July there (21:59:59.999Z in summer, 22:59:59.999Z in winter), not by
 * the end of the day in UTC, two hours later in summer. Found by halving, as the zone's rules say
 * (its offset was not whole hours before 1940), within a day and a half of UTC's midnight.
 */
function endOfDutchDay(date: string): string {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`) + DAY_MS;
  let [lo, hi] = [midnightUtc - 1.5 * DAY_MS, midnightUtc + 1.5 * DAY_MS];
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (dutchDateOf(mid) <= date) lo = mid;
    else hi = mid;
  }
  return new Date(lo).toISOString();
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Cut {
  /** The journal position the answer is computed at. */
  readonly position: number;
  readonly on: string | null;
  readonly asOf: string | null;
  readonly journal: JournalHead;
  /** The read models the answer was read from: their checkpoint and digest. */
  readonly readModels: { readonly position: number; readonly digest: string };
}

/** What every answer names: when, as what was known and effective, it was computed. */
export interface AnswerCut {
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: JournalHead;
  readonly readModels: Cut['readModels'];
}

export function answerCut(cut: Cut): AnswerCut {
  return { asOf: cut.asOf, on: cut.on, journal: cut.journal, readModels: cut.readModels };
}

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const ROOTS_CACHED_MAX = 256;

/** An event's reference as read: position, id, type, stream, date, its precision, recorded, hash, source. */
type ReferenceTuple = [number, string, LedgerFact['type'], string, string, unknown, string, string, string | null];

const UNITS_CACHED_MAX = 10_000;

export class LedgerReader {
  private readonly roots = new BoundedMap<number, string>(ROOTS_CACHED_MAX);
  private readonly statements: Record<string, Statement>;
  private readonly prepared = new Map<string, Statement>();
  /** Entities as now known, parsed once per checkpoint: names and owners are asked for again and again. */
  private readonly units = new Map<string, UnitState>();
  private unitsAt = -1;

  constructor(readonly readStore: ReadStore) {
    const db = readStore.db;
    this.statements = {
      checkpoint: db.prepare('SELECT position, digest FROM checkpoint WHERE id = 1'),
      atPosition: db.prepare('SELECT position, tree_size AS treeSize, recorded_at AS recordedAt FROM facts WHERE position <= ? ORDER BY position DESC LIMIT 1'),
      recordedMaxAt: db.prepare('SELECT recorded_max FROM facts WHERE position <= ? ORDER BY position DESC LIMIT 1').pluck(),
      frontierBefore: db.prepare('SELECT position, frontier FROM frontiers WHERE tree_size <= ? ORDER BY tree_size DESC LIMIT 1'),
      hashesAfter: db.prepare('SELECT hash FROM facts WHERE position > ? AND position <= ? ORDER BY position').pluck(),
      unit: db.prepare('SELECT state FROM units WHERE unit_id = ?').pluck(),
      unitsOfKind: db.prepare("SELECT unit_id, state FROM units WHERE kind = ? AND unit_id LIKE ? || '-%'").raw(),
      references: db.prepare(`SELECT ${FACT_SELECT} FROM facts f WHERE f.position = ?`).raw(),
      referenceColumns: db
        .prepare(
          `SELECT position, event_id, type, stream_id, effective_date, json_extract(data, '$.effectiveDatePrecision'), recorded_at, hash, source_reference
           FROM facts WHERE position IN (SELECT value FROM json_each(?)) ORDER BY position`,
        )
        .raw(),
    };
  }

  /** The checkpoint of the read models: the position every "now" answer is computed at. */
  head(): { position: number; digest: string } {
    const row = this.statements.checkpoint.get() as { position: number; digest: string } | undefined;
    return row ?? { position: 0, digest: '0'.repeat(64) };
  }

  /** The journal position, tree head and read models an `asOf`/`on` pair means. */
  resolveCut(request: CutRequest = {}): Cut {
    const head = this.head();
    if (request.asOf !== undefined && /^\d+$/.test(request.asOf) && Number(request.asOf) > head.position) {
      // A letter that cites a position the journal does not (yet) hold: never answered as "now".
      throw new InvalidCutError(`journal position ${request.asOf} is beyond the last one the answers hold (${head.position})`);
    }
    const position = request.asOf === undefined ? head.position : Math.min(this.positionOf(request.asOf), head.position);
    const row = this.statements.atPosition.get(position) as Omit<JournalHead, 'rootHash'> | undefined;
    const journal = row ? this.withRoot(row) : { position: 0, treeSize: 0, rootHash: EMPTY_ROOT, recordedAt: null };
    return { position: journal.position, on: request.on ?? null, asOf: request.asOf ?? null, journal, readModels: { position: head.position, digest: head.digest } };
  }

  /** True when the cut sees everything the read models hold: "now". */
  isNow(cut: Cut): boolean {
    return cut.on === null && cut.position >= cut.readModels.position;
  }

  /** The sums of one entity of a scope at the cut, by group. */
  scopeRows(scopeName: ScopeName, key: string, cut: Cut): ScopeRow[] {
    const scope = SCOPE_BY_NAME[scopeName];
    const sums = new Sums(scopeName, key);
    if (cut.position >= cut.readModels.position) {
      if (cut.on === null) {
        for (const row of this.all(`SELECT * FROM ${scope.name}_totals WHERE ${scope.keyColumn} = ?`, [key])) sums.addRow(totalRowOf(scope, row));
      } else {
        this.addDaysUpTo(sums, scopeName, key, cut.on);
      }
      return sums.rows();
    }
    if (cut.on === null) {
      const snapshot = this.all(`SELECT position FROM ${scope.name}_snapshots WHERE ${scope.keyColumn} = ? AND position <= ? ORDER BY position DESC LIMIT 1`, [key, cut.position]);
      const since = (snapshot[0]?.[0] as number | undefined) ?? 0;
      if (since > 0) {
        for (const row of this.all(`SELECT * FROM ${scope.name}_snapshots WHERE ${scope.keyColumn} = ? AND position = ?`, [key, since])) sums.addRow(dayRowOf(scope, row));
      }
      for (const movement of this.movements(scope.keyColumn, key, 'q > ? AND q <= ?', [since, cut.position])) sums.addMovement(movement, 1);
      return sums.rows();
    }
    // Both: what is dated by `on`, less what of it was learnt after `asOf`.
    this.addDaysUpTo(sums, scopeName, key, cut.on);
    for (const movement of this.movements(scope.keyColumn, key, 'q > ? AND date <= ?', [cut.position, cut.on])) sums.addMovement(movement, -1);
    return sums.rows();
  }

  /**
   * An entity's day rows up to a date, added up by SQLite itself: a programme busy on every day of
   * two years has thousands of them, and summing in SQL costs a fraction of reading each one out.
   */
  private addDaysUpTo(sums: Sums, scopeName: ScopeName, key: string, on: string): void {
    const scope = SCOPE_BY_NAME[scopeName];
    const groups = scope.groupColumns.join(', ');
    const measures = MEASURE_COLUMNS.map((c) => `sum(${c})`).join(', ');
    const where = `${scope.keyColumn} = ? AND day <= ?`;
    for (const row of this.all(`SELECT ${scope.keyColumn}, ${groups}, ${measures}, '[]' FROM ${scope.name}_days WHERE ${where} GROUP BY ${groups}`, [key, on])) {
      sums.addRow(totalRowOf(scope, row));
    }
    const funders = this.all(
      `SELECT ${groups}, json_extract(f.value, '$[0]'), sum(json_extract(f.value, '$[1]')) FROM ${scope.name}_days d, json_each(d.funders) f
       WHERE ${where} GROUP BY ${groups}, json_extract(f.value, '$[0]')`,
      [key, on],
    );
    for (const row of funders) sums.addFunder(row.slice(0, scope.groupColumns.length) as (string | number)[], row[row.length - 2] as string, row[row.length - 1] as number);
  }

  /** The movements of one entity of a scope the cut sees, in journal order (for the evidence). */
  movementsAt(scopeName: ScopeName, key: string, cut: Cut): Movement[] {
    const scope = SCOPE_BY_NAME[scopeName];
    return cut.on === null
      ? this.movements(scope.keyColumn, key, 'q <= ?', [cut.position])
      : this.movements(scope.keyColumn, key, 'q <= ? AND date <= ?', [cut.position, cut.on]);
  }

  /** An entity as the cut sees it: folded from its visible events (the kept state for "now"). */
  unit(unitId: string, cut: Cut, knowledgeOnly = false): UnitState {
    if (cut.position >= cut.readModels.position && (cut.on === null || knowledgeOnly)) return this.currentUnit(unitId, cut.readModels.position);
    return this.visibleFacts(unitId, cut, knowledgeOnly).reduce(evolveUnit, initialUnit(unitId));
  }

  private currentUnit(unitId: string, checkpoint: number): UnitState {
    if (checkpoint !== this.unitsAt || this.units.size >= UNITS_CACHED_MAX) {
      this.units.clear();
      this.unitsAt = checkpoint;
    }
    let unit = this.units.get(unitId);
    if (!unit) {
      const state = this.statements.unit.get(unitId) as string | undefined;
      unit = state ? (JSON.parse(state) as UnitState) : initialUnit(unitId);
      this.units.set(unitId, unit);
    }
    return unit;
  }

  /** The events of an entity the cut sees, in business order. */
  visibleFacts(unitId: string, cut: Cut, knowledgeOnly = false): LedgerFact[] {
    const on = knowledgeOnly ? null : cut.on;
    const rows = this
      .prepare(
        `SELECT ${FACT_SELECT} FROM facts f WHERE f.unit_id = @unit AND f.position <= @at ${on === null ? '' : 'AND f.effective_date <= @on'} AND ${NOT_REVERSED_AT}
         ORDER BY f.effective_date, f.position`,
      )
      .raw()
      .all({ unit: unitId, at: cut.position, ...(on === null ? {} : { on }) }) as FactTuple[];
    return rows.map(factOfRow);
  }

  /**
   * A budget as known at the cut: its opening (owner, name, fiscal year, taakveld) is knowledge, not
   * bound by `on`, as a party's registration is. Money moves into next year's budget before it opens
   * (a transfer on 31 December, an order placed in December): on those dates it is the owner's
   * budget of that year all the same, and its figures are what the date sees of them.
   */
  budget(budgetId: string, cut: Cut): BudgetHeader | undefined {
    const unit = this.budgetUnit(`budget-${budgetId}`, cut);
    return unit.kind === 'budget' && unit.state.opened ? unit.state : undefined;
  }

  /** A budget's unit as known at the cut (see budget), its allocation lines those the date sees. */
  budgetUnit(unitId: string, cut: Cut): UnitState {
    const known = this.unit(unitId, cut, true);
    if (cut.on === null || known.kind !== 'budget' || !known.state.opened) return known;
    const dated = this.unit(unitId, cut);
    return { kind: 'budget', state: { ...known.state, lines: dated.kind === 'budget' ? dated.state.lines : {} } };
  }

  /** A party as the register knew it then: its registration is knowledge, not bound by `on`. */
  party(partyId: string, cut: Cut): PartyHeader | undefined {
    const unit = this.unit(`party-${partyId}`, cut, true);
    return unit.kind === 'party' && unit.state.opened ? unit.state : undefined;
  }

  partyName(partyId: string, cut: Cut): string | null {
    return this.party(partyId, cut)?.name ?? null;
  }

  /** The budgets known at the cut, each once (for the questions that sum a party's budgets; see budget). */
  budgets(cut: Cut): BudgetHeader[] {
    return this.unitIdsOf('budget').flatMap((id) => {
      const unit = this.budgetUnit(id, cut);
      return unit.kind === 'budget' && unit.state.opened ? [unit.state] : [];
    });
  }

  /** Every entity of a kind the cut sees (folded at the cut; the kept states for "now"). */
  unitsOf(kind: UnitState['kind'], cut: Cut, knowledgeOnly = false): UnitState[] {
    return this.unitIdsOf(kind).map((id) => this.unit(id, cut, knowledgeOnly));
  }

  private unitIdsOf(kind: UnitState['kind']): string[] {
    // A review is kept on its finding's stream; spending on a grant's, purchase's or expense's.
    const category = kind === 'spending' ? '%' : kind === 'review' ? 'finding' : kind;
    return (this.statements.unitsOfKind.all(kind, category) as [string, string][]).map(([id]) => id);
  }

  /**
   * The parties named as a supplier, grant recipient or payee (own staff aside) by an award, order,
   * contract or expense the cut knows.
   */
  providers(cut: Cut): Set<string> {
    const rows = this
      .prepare(
        `SELECT DISTINCT coalesce(json_extract(f.data, '$.supplierPartyId'), json_extract(f.data, '$.recipientPartyId'), json_extract(f.data, '$.payeePartyId')) FROM facts f
         WHERE (f.type IN ('GrantAwarded', 'TrajectoriesPurchased', 'ContractAwarded')
                OR (f.type IN ('ExpenseCommitted', 'ExpenseBooked') AND json_extract(f.data, '$.kind') <> 'personnel'))
           AND f.position <= @at AND ${NOT_REVERSED_AT}`,
      )
      .pluck()
      .all({ at: cut.position }) as (string | null)[];
    return new Set(rows.filter((id): id is string => id !== null));
  }

  /** The parties an expense the cut knows was committed to or booked for (for the split findings). */
  payees(cut: Cut): Set<string> {
    const rows = this
      .prepare(
        `SELECT DISTINCT json_extract(f.data, '$.payeePartyId') FROM facts f
         WHERE f.type IN ('ExpenseCommitted', 'ExpenseBooked') AND f.position <= @at AND ${NOT_REVERSED_AT}`,
      )
      .pluck()
      .all({ at: cut.position }) as (string | null)[];
    return new Set(rows.filter((id): id is string => id !== null));
  }

  /**
   * Where imports recorded these booking lines (by the id each made of its line's natural key), as
   * now known and not reversed since: each one's stream and fact type. One statement for them all.
   */
  bookingLines(bookingLineIds: readonly string[]): Map<string, { readonly streamId: string; readonly type: string }> {
    const rows = this.prepare(
      `SELECT f.booking_line_id, f.stream_id, f.type FROM json_each(?) j JOIN facts f ON f.booking_line_id = j.value
       WHERE NOT EXISTS (SELECT 1 FROM reversals r WHERE r.position = f.position) ORDER BY f.position DESC`,
    )
      .raw()
      .all(JSON.stringify(bookingLineIds)) as [string, string, string][];
    // The earliest fact of a line last: it is the one kept.
    return new Map(rows.map(([id, streamId, type]) => [id, { streamId, type }]));
  }

  /** For mirrors among these events, the events they mirror. */
  originsOf(positions: Iterable<number>): number[] {
    const origin = this.prepare('SELECT o.position FROM facts f JOIN facts o ON o.origin_id = f.origin_id AND o.mirror = 0 WHERE f.position = ? AND f.mirror = 1').pluck();
    return [...positions].flatMap((p) => (origin.all(p) as number[]));
  }

  /** The facts at these positions, for the evidence behind a figure. */
  facts(positions: Iterable<number>): LedgerFact[] {
    return [...new Set(positions)].sort((a, b) => a - b).flatMap((position) => (this.statements.references.all(position) as FactTuple[]).map(factOfRow));
  }

  /**
   * The references of the facts at these positions, in position order: the events the findings on
   * a page name, read in one statement and without the facts' data (the date's precision apart).
   */
  references(positions: Iterable<number>): EventReference[] {
    const rows = this.statements.referenceColumns.all(JSON.stringify([...new Set(positions)])) as ReferenceTuple[];
    return rows.map(([position, eventId, type, streamId, effectiveDate, precision, recordedAt, hash, sourceReference]) =>
      referenceOf({ position, eventId, type, streamId, effectiveDate, recordedAt, hash, sourceReference }, datePrecisionOf({ effectiveDatePrecision: precision })),
    );
  }

  /** The position an `asOf` means: a journal position, or the last event recorded by an instant. */
  private positionOf(asOf: string): number {
    if (/^\d+$/.test(asOf)) return Number(asOf);
    const instant = instantOf(asOf);
    // recorded_max never decreases along the log, whatever each writer's clock did: a binary
    // search over positions finds the last event recorded by the instant through the primary key.
    const head = this.head().position;
    if (head === 0 || ((this.statements.recordedMaxAt.get(head) as string | undefined) ?? '') <= instant) return head;
    let [low, high] = [0, head];
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      const recorded = this.statements.recordedMaxAt.get(middle) as string | undefined;
      if (recorded === undefined || recorded <= instant) low = middle;
      else high = middle;
    }
    return low;
  }

  /** The tree head at a journal row: the nearest kept frontier plus the hashes after it. */
  private withRoot(row: Omit<JournalHead, 'rootHash'>): JournalHead {
    const cached = this.roots.get(row.position);
    if (cached) return { ...row, rootHash: cached };
    const kept = this.statements.frontierBefore.get(row.treeSize) as { position: number; frontier: string } | undefined;
    const frontier = kept ? MerkleFrontier.fromJSON(JSON.parse(kept.frontier)) : new MerkleFrontier();
    for (const hash of this.statements.hashesAfter.all(kept?.position ?? 0, row.position) as string[]) frontier.append(Buffer.from(hash, 'hex'));
    const rootHash = frontier.root().toString('hex');
    this.roots.set(row.position, rootHash);
    return { ...row, rootHash };
  }

  private all(sql: string, params: readonly unknown[]): Row[] {
    return this.prepare(sql).raw().all(...params) as Row[];
  }

  /** A statement prepared once for this reader and kept (the same SQL text is always the same statement). */
  statement(sql: string): Statement {
    return this.prepare(sql);
  }

  private prepare(sql: string): Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.readStore.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  private movements(keyColumn: string, key: string, where: string, params: readonly unknown[]): Movement[] {
    return this.all(`SELECT ${MOVEMENT_SELECT} FROM movements WHERE ${keyColumn} = ? AND ${where} ORDER BY id`, [key, ...params]).map(movementOfRow);
  }
}

const MOVEMENT_SELECT = [
  'q',
  'event_position',
  'date',
  'event_type',
  'unit_id',
  'kind',
  'budget_id',
  'line_id',
  'programme_id',
  'party_id',
  'contract_id',
  'counter_budget_id',
  'unit',
  ...MEASURES.map((m) => m.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)),
  'funders',
].join(', ');

function movementOfRow(row: Row): Movement {
  const dims: Dims = {
    kind: row[5] as MovementKind,
    budgetId: row[6] as string | null,
    lineId: row[7] as string | null,
    programmeId: row[8] as string | null,
    partyId: row[9] as string | null,
    contractId: row[10] as string | null,
    counterBudgetId: row[11] as string | null,
    unit: row[12] as Dims['unit'],
  };
  const measures: Partial<Record<Measure, number>> = {};
  MEASURES.forEach((m, i) => {
    const value = row[13 + i] as number;
    if (value !== 0) measures[m] = value;
  });
  return {
    q: row[0] as number,
    eventPosition: row[1] as number,
    date: row[2] as string,
    eventType: row[3] as Movement['eventType'],
    unitId: row[4] as string,
    dims,
    measures,
    funders: row[13 + MEASURES.length] === null ? null : fundersFromJson(row[13 + MEASURES.length] as string),
  };
}

/** Rows and movements added up by group. */
class Sums {
  private readonly byGroup = new Map<string, ScopeRow>();

  constructor(
    private readonly scopeName: ScopeName,
    private readonly key: string,
  ) {}

  addRow(row: { groups: readonly (string | number)[]; measures: Record<Measure, number>; funders: Map<string, number> }): void {
    const target = this.group(row.groups);
    for (const m of MEASURES) target.measures[m] += row.measures[m];
    addInto(target.funders, row.funders);
  }

  addFunder(groups: readonly (string | number)[], party: string, cents: number): void {
    addInto(this.group(groups).funders, new Map([[party, cents]]));
  }

  addMovement(movement: Movement, sign: 1 | -1): void {
    const scope = SCOPE_BY_NAME[this.scopeName];
    const target = this.group(scope.groupColumns.map((c) => groupValue(c, movement)));
    for (const [m, value] of Object.entries(movement.measures)) target.measures[m as Measure] += sign * (value ?? 0);
    if (movement.funders) addInto(target.funders, movement.funders, sign);
  }

  /** The groups that add up to something: one whose events were all reversed (or not seen) is not there. */
  rows(): ScopeRow[] {
    return [...this.byGroup.values()].filter((row) => MEASURES.some((m) => row.measures[m] !== 0) || [...row.funders.values()].some((c) => c !== 0));
  }

  private group(groups: readonly (string | number)[]): ScopeRow {
    const id = JSON.stringify(groups);
    let row = this.byGroup.get(id);
    if (!row) {
      const columns = SCOPE_BY_NAME[this.scopeName].groupColumns;
      const group = Object.fromEntries(columns.map((c, i) => [c, groups[i]])) as Partial<Record<GroupColumn, string | number>>;
      row = { key: this.key, group, measures: zeroMeasures(), funders: new Map() };
      this.byGroup.set(id, row);
    }
    return row;
  }
}
