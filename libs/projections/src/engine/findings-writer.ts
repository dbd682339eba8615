// Keeps the findings as now known, and every version of them: after each event the subjects it
// touched (its budget, contract, entity, supplier, the spending event itself after a programme's
// end, or the event when flagged) have their findings derived again, and whatever changed gets a
// new version, known from this position on. A finding as of an earlier position is the version
// known then. What went past a budget's or contract's limit is kept walked (BeyondTrackers), so a
// budget that is overrun costs the same per event at its 100,000th event as at its tenth.
import type { Flag } from '@geldstroom/ledger';
import type { LedgerFact } from '../model/ledger-fact';
import { isSpendingKind } from '../model/movement';
import type { Movement } from '../model/movement';
import { linkFieldsOf, linksOf, type LinkedFinding, type LinkLookup } from '../findings/links';
import { deriveFindings, subjects, type Subject } from '../findings/derive';
import { PROCURED_KINDS } from '../findings/split-purchases';
import type { Finding } from '../findings/finding';
import { keptBody, type KeptFinding } from '../findings/finding-versions';
import { LIMIT_EVENT_TYPES, SqlFindingInputs, type InputsView } from '../findings/inputs';
import type { FindingRules } from '../findings/rules';
import { BeyondTrackers } from './beyond-trackers';
import { sortTexts } from './sorted';
import { SplitOrders } from './split-orders';
import { BoundedMap } from '../store/bounded-map';
import { DEFERRED_INDEXES } from '../store/schema';
import type { Row, TrackedTables } from './tracked';
import { FLAG_CATEGORY, FLAG_EXCESS, figuresOfState, flagsOf, ownCents, type EntityFigures } from '../findings/excess';

/** The payments of a grant or purchase: what a flag above a limit is mostly on (see backDated). */
const PAYMENTS: ReadonlySet<string> = new Set(['GrantAdvancePaid', 'PurchasePaid']);

const FINDING_COLUMNS = ['id', 'kind', 'subject', 'stream_id', 'date', 'since', 'body'];
const VERSION_COLUMNS = ['id', 'known_from', 'subject', 'body'];
const END_COLUMNS = ['id', 'known_from', 'known_to'];
const LINK_COLUMNS = ['entity', 'id', 'linked_from', 'linked_to'];
/** The open links of this many findings are kept: a finding that grows mostly touches what it touched. */
const OPEN_LINKS_CACHED_MAX = 4_096;
/** The current findings' rows of this many subjects are kept. */
const STORED_ROWS_CACHED_MAX = 4_096;
/**
 * Events' data kept (the fields links read) for the links of findings that name them again at their
 * next version: as many as the references SqlFindingInputs keeps.
 */
const EVENT_DATA_CACHED_MAX = 32_768;
const LIMIT_KINDS: ReadonlySet<string> = new Set(['budget-overrun', 'call-off-above-ceiling', 'line-overrun']);

function limitSubject(on: 'budget' | 'contract' | 'line', id: string): Subject {
  if (on === 'line') return subjects.line(id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1));
  return on === 'budget' ? subjects.budget(id) : subjects.contract(id);
}

/** A set's members in order (a copy: the set may grow while they are derived again). */
function sortedOf<T extends string>(set: ReadonlySet<T>): readonly T[] {
  return sortTexts([...set]);
}

export class FindingsWriter {
  private readonly touched = new Set<Subject>();
  /** Budgets whose owner came or went at this position: who the findings naming them touch as buyer. */
  private readonly owners = new Set<string>();
  private readonly inputs: SqlFindingInputs;
  private readonly trackers: BeyondTrackers;
  private readonly links: LinkLookup;
  private readonly splitOrders: SplitOrders;
  /** Per finding, its open links as last written, by the entity they name. */
  private readonly openLinks = new BoundedMap<string, Map<string, Row>>(OPEN_LINKS_CACHED_MAX);
  /**
   * Per subject, the rows of its current findings as last written: a subject derived again at
   * every event (the budget an import charges each line to) does not read its findings back, and
   * the digest takes the replaced row out by the hash it was written with.
   */
  private readonly storedRows = new BoundedMap<Subject, Row[]>(STORED_ROWS_CACHED_MAX);
  /**
   * Per subject derived again in this batch: its current findings' rows as the file holds them and
   * as now known. The current findings are written once, at the end of the batch (flush): a finding
   * that grows at every event of a batch (the overrun of the budget an import charges every line
   * to) is written and hashed once per batch, not once per event. Its versions are still written
   * at every position, as an answer as of any position needs them.
   */
  private readonly pending = new Map<Subject, { readonly written: readonly Row[]; rows: Row[] }>();
  /**
   * The subjects that have had current findings since a findings table without any (a rebuild
   * from nothing), or undefined when it had some. Most subjects derived again have none (every
   * spending event is one of its own): one not among these is not looked up.
   */
  private readonly subjectsFound: Set<Subject> | undefined;
  /** Whether movements_programme is known to be there (see touchSpendingOf). */
  private programmeIndexed = false;

  constructor(
    private readonly tables: TrackedTables,
    private readonly rules: FindingRules,
    private readonly view: Omit<InputsView, 'beyond'> & { budgetLines(budgetId: string): string[] },
  ) {
    this.trackers = new BeyondTrackers(tables);
    this.subjectsFound = tables.statement('SELECT 1 FROM findings LIMIT 1').get() === undefined ? new Set() : undefined;
    this.inputs = new SqlFindingInputs(tables.db, { position: null, on: null }, {
      ...view,
      beyond: (on, id, limitCents, walk, window) => this.trackers.beyond(limitSubject(on, id), limitCents, walk, window),
      orderParts: (supplierPartyId, key, threshold) => this.splitOrders.parts(supplierPartyId, key, threshold),
    });
    this.splitOrders = new SplitOrders(tables, { unit: (unitId) => view.unit(unitId), budgetOwner: (budgetId) => this.links.budgetOwner(budgetId) }, rules.procurement);
    // An event's data never changes: a finding that grows names the same events at every version.
    const eventData = new BoundedMap<number, Readonly<Record<string, unknown>> | undefined>(EVENT_DATA_CACHED_MAX);
    this.links = {
      eventData: (position) => {
        if (eventData.has(position)) return eventData.get(position);
        const text = tables.statement('SELECT data FROM facts WHERE position = ?').pluck().get(position) as string | undefined;
        const data = text === undefined ? undefined : linkFieldsOf(JSON.parse(text) as Record<string, unknown>);
        eventData.set(position, data);
        return data;
      },
      budgetOwner: (budgetId) => {
        const unit = view.unit(`budget-${budgetId}`);
        return unit.kind === 'budget' && unit.state.opened ? unit.state.ownerPartyId : null;
      },
    };
  }

  moved(movement: Movement): void {
    const { kind, budgetId, lineId, contractId, programmeId, partyId } = movement.dims;
    const { committedCents = 0, entities = 0, realisedCents = 0, allocatedCents = 0 } = movement.measures;
    const spending = isSpendingKind(kind);
    if (budgetId) {
      this.touched.add(subjects.budget(budgetId));
      if (committedCents !== 0) this.trackers.step(subjects.budget(budgetId), movement);
      if (!spending) this.trackers.limitChanged(subjects.budget(budgetId));
    }
    if (budgetId && lineId && (committedCents !== 0 || allocatedCents !== 0)) {
      const line = subjects.line(budgetId, lineId);
      this.touched.add(line);
      if (committedCents !== 0) this.trackers.step(line, movement);
      if (allocatedCents !== 0) this.trackers.limitChanged(line);
    }
    if (contractId) {
      this.touched.add(subjects.contract(contractId));
      if (committedCents !== 0) this.trackers.step(subjects.contract(contractId), movement);
    }
    // An order whose figures moved: its supplier's findings are derived again if it changed as an order.
    if (PROCURED_KINDS.includes(kind as never) && partyId) this.splitOrders.touch(movement.unitId);
    if (!spending) return;
    if (programmeId) this.touched.add(subjects.spent(programmeId, movement.eventPosition));
    // Paid or opened: payments without a commitment (an expense's every fact is touched, touchedByFact).
    if (realisedCents !== 0 || entities !== 0) this.touched.add(subjects.entity(movement.unitId));
  }

  reversed(fact: LedgerFact): void {
    this.inputs.forgetFacts();
    this.touched.add(subjects.event(fact.position));
    // Once taken back the contract names its supplier no more: the award itself does.
    if (fact.type === 'ContractAwarded') this.touched.add(subjects.supplier(fact.data.supplierPartyId));
  }

  /** After every event (`mirrors`: how many second sides its outbox names): the subjects it touched, derived again. */
  endOfPosition(q: number, fact: LedgerFact, mirrors: number): void {
    this.touchedByFact(fact, mirrors);
    for (const supplier of this.splitOrders.flush()) this.touched.add(subjects.supplier(supplier));
    for (const subject of sortedOf(this.touched)) this.recompute(subject, q);
    for (const budgetId of sortedOf(this.owners)) this.relinkNaming(`budget-${budgetId}`, q);
    this.inputs.forgetFlagParts();
    this.touched.clear();
    this.owners.clear();
    this.trackers.endOfPosition();
  }

  /** At the end of a batch: the current findings of the subjects derived again, as now known. */
  flush(): void {
    // Those gone first: a finding's id written anew under another subject is then not deleted.
    for (const { written, rows } of this.pending.values()) {
      const ids = new Set(rows.map((row) => row[0]));
      for (const row of written) if (!ids.has(row[0])) this.tables.deleteWhere('findings', 'id = ?', [row[0]]);
    }
    for (const [subject, { written, rows }] of this.pending) {
      const before = new Map(written.map((row) => [row[0], row]));
      for (const row of rows) {
        const old = before.get(row[0]);
        if (old !== row) this.tables.replace('findings', FINDING_COLUMNS, row, old);
      }
      this.storedRows.set(subject, rows);
      if (rows.length > 0) this.subjectsFound?.add(subject);
    }
    this.pending.clear();
    this.trackers.flush();
  }

  forget(): void {
    this.pending.clear();
    this.touched.clear();
    this.owners.clear();
    this.inputs.forgetFacts();
    this.inputs.forgetFlagParts();
    this.openLinks.clear();
    this.storedRows.clear();
    this.splitOrders.forget();
    this.trackers.forget();
  }

  private touchedByFact(fact: LedgerFact, mirrors: number): void {
    if ((fact.data as { flags?: unknown }).flags) this.touched.add(subjects.event(fact.position));
    if (LIMIT_EVENT_TYPES.has(fact.type)) this.inputs.forgetLimitEvents();
    this.touchMirrors(fact, mirrors);
    // An expense's findings against its commitment read its facts, not its sums: every fact of it
    // counts (a commitment on one already cancelled moves no sum, and changes what went past).
    if (fact.streamId.startsWith('expense-')) this.touched.add(subjects.entity(fact.streamId));
    this.touchFlagsOf(fact.streamId, fact);
    switch (fact.type) {
      case 'ContractAwarded':
      case 'ContractAmended':
      case 'ContractEnded':
        this.touchContract(fact.data.contractId);
        break;
      case 'ProgrammeEnded':
        this.touchSpendingOf(fact.data.programmeId);
        break;
      case 'BudgetOpened':
        this.touchBudget(fact.data.budgetId);
        break;
      case 'EntryReversed':
        this.touchedByReversal(fact);
        break;
      default:
        break;
    }
  }

  /** What a reversal changed reaches most subjects through its movements; not an end or an award. */
  private touchedByReversal(reversal: LedgerFact): void {
    const units = this.tables
      .statement('SELECT DISTINCT f.unit_id FROM facts f JOIN reversals r ON r.position = f.position WHERE r.reversed_at = ?')
      .pluck()
      .all(reversal.position) as (string | null)[];
    for (const unitId of units) {
      if (unitId?.startsWith('contract-')) this.touchContract(unitId.slice('contract-'.length));
      if (unitId?.startsWith('programme-')) this.touchSpendingOf(unitId.slice('programme-'.length));
      if (unitId?.startsWith('budget-')) this.touchBudget(unitId.slice('budget-'.length));
      if (unitId) this.touchFlagsOf(unitId);
    }
  }

  /**
   * A grant's or purchase's flagged events, whose findings hold only while the entity is past the
   * flag's limit (findings/excess.ts): any of its facts (an invoice, a reclaim, a settlement) can
   * take the excess away or bring it back. Its stream is small, and read by its index.
   */
  private touchFlagsOf(unitId: string, fact?: LedgerFact): void {
    if (!unitId.startsWith('grant-') && !unitId.startsWith('purchase-')) return;
    const flagged = (limit: string) => this.tables.statement(`SELECT position FROM facts WHERE unit_id = ? AND json_extract(data, '$.flags') IS NOT NULL ${limit}`).pluck();
    // Most entities have none; of those that have, a fact of their own may leave them as they are.
    if (flagged('LIMIT 1').get(unitId) === undefined || (fact !== undefined && !this.movesEarlierFlags(fact))) return;
    for (const position of flagged('').all(unitId) as number[]) this.touched.add(subjects.event(position));
  }

  /**
   * Whether a fact can change the part of an earlier flag of its entity (excess.ts spreads each
   * kind's excess from the latest flagged event back). A payment dated last cannot, for a kind whose
   * excess it leaves as it was, nor for a kind it carries the flag of: its own flag takes what it
   * added, up to its amount, and the flags before it keep theirs. Its own flag is derived again as
   * every flagged event is. An entity of thousands of payments would else derive every flag again
   * at each.
   */
  private movesEarlierFlags(fact: LedgerFact): boolean {
    if (!PAYMENTS.has(fact.type)) return true;
    const later = this.tables.statement('SELECT 1 FROM facts WHERE unit_id = ? AND effective_date > ? LIMIT 1').pluck().get(fact.streamId, fact.effectiveDate);
    const unit = this.view.unit(fact.streamId);
    if (later !== undefined || unit.kind !== 'spending') return true;
    const after = figuresOfState(unit.state);
    const before = { ...after, paidCents: after.paidCents - ownCents(fact) };
    const carried = flagsOf(fact);
    return (Object.entries(FLAG_EXCESS) as [Flag, (f: EntityFigures) => number][]).some(
      ([flag, excess]) => FLAG_CATEGORY[flag] === unit.state.category && !carried.includes(flag) && Math.max(0, excess(after)) !== Math.max(0, excess(before)),
    );
  }

  /** A decision's first side opens the question whether its second is there; the second closes it. */
  private touchMirrors(fact: LedgerFact, mirrors: number): void {
    // A first side is the only fact with its event id as origin (ids are unique in the journal):
    // its own row answers, without a look-up at every event.
    if (!fact.mirrorOf) {
      if (mirrors > 0) this.touched.add(subjects.mirror(fact.position));
      return;
    }
    const origin = this.tables
      .statement('SELECT position FROM facts WHERE origin_id = ? AND mirror = 0 AND mirrors > 0')
      .pluck()
      .get(fact.mirrorOf) as number | undefined;
    if (origin !== undefined) this.touched.add(subjects.mirror(origin));
  }

  /** A contract whose ceiling, term or award changed: its own findings and its supplier's splits. */
  private touchContract(contractId: string): void {
    this.touched.add(subjects.contract(contractId));
    this.trackers.limitChanged(subjects.contract(contractId));
    const supplier = this.inputs.contract(contractId)?.supplierPartyId;
    if (supplier) this.touched.add(subjects.supplier(supplier));
  }

  /** A budget whose owner came or went: its own and its lines' findings, and who the buyer is of what it bought. */
  private touchBudget(budgetId: string): void {
    this.owners.add(budgetId);
    this.touched.add(subjects.budget(budgetId));
    this.splitOrders.touchBudget(budgetId);
    for (const lineId of this.view.budgetLines(budgetId)) this.touched.add(subjects.line(budgetId, lineId));
    const kinds = PROCURED_KINDS.map((kind) => `'${kind}'`).join(', ');
    const suppliers = this.tables.statement(`SELECT DISTINCT party_id FROM movements WHERE budget_id = ? AND kind IN (${kinds}) AND party_id IS NOT NULL`).pluck().all(budgetId) as string[];
    for (const partyId of suppliers) this.touched.add(subjects.supplier(partyId));
  }

  /** Every spending event of a programme whose end moved, and every one that had a finding. */
  private touchSpendingOf(programmeId: string): void {
    // A rebuild leaves this index out until it is done (DEFERRED_INDEXES); without it every
    // programme's end would read all movements. Made at the first end, kept up from there.
    if (!this.programmeIndexed) {
      this.tables.db.exec(`CREATE INDEX IF NOT EXISTS movements_programme ON ${DEFERRED_INDEXES.movements_programme}`);
      this.programmeIndexed = true;
    }
    const positions = this.tables.statement('SELECT DISTINCT event_position FROM movements WHERE programme_id = ?').pluck().all(programmeId) as number[];
    for (const position of positions) this.touched.add(subjects.spent(programmeId, position));
  }

  private recompute(subject: Subject, q: number): void {
    const derived = deriveFindings(subject, this.inputs, this.rules);
    const limited = subject.startsWith('budget:') || subject.startsWith('contract:') || subject.startsWith('line:');
    const pending = this.pending.get(subject);
    const stored = pending?.rows ?? this.storedRows.get(subject) ?? this.storedFindings(subject);
    if (derived.length === 0 && stored.length === 0) {
      // None found, none before (most subjects, at most events): nothing to compare or write.
      if (limited) this.trackers.drop(subject);
      this.pending.set(subject, { written: pending?.written ?? stored, rows: [] });
      return;
    }
    const found = new Map(derived.map((f) => [f.id, f]));
    if (limited && ![...found.values()].some((f) => LIMIT_KINDS.has(f.kind))) this.trackers.drop(subject);
    const kept: Row[] = [];
    const bodies = new Map<string, string>();
    for (const row of stored) {
      const id = row[0] as string;
      const now = found.get(id);
      const body = now && keptBody(now);
      if (body === row[6]) {
        found.delete(id);
        kept.push(row);
        continue;
      }
      this.tables.insert('finding_version_ends', END_COLUMNS, [id, row[5] as number, q]);
      if (body) {
        bodies.set(id, body);
      } else {
        this.relink(id, [], q);
      }
    }
    for (const finding of found.values()) {
      const body = bodies.get(finding.id) ?? keptBody(finding);
      kept.push(this.write(finding, body, subject, q));
    }
    this.pending.set(subject, { written: pending?.written ?? stored, rows: kept });
  }

  private storedFindings(subject: Subject): Row[] {
    if (this.subjectsFound && !this.subjectsFound.has(subject)) return [];
    return this.tables.statement('SELECT * FROM findings WHERE subject = ?').raw().all(subject) as Row[];
  }

  /** The finding's row as now known (written at the end of the batch), its version from q (the same body), and its links. */
  private write(finding: Finding, body: string, subject: Subject, q: number): Row {
    const row: Row = [finding.id, finding.kind, subject, finding.entity.streamId, finding.date, q, body];
    this.tables.insert('finding_versions', VERSION_COLUMNS, [finding.id, q, subject, body]);
    this.relink(finding.id, linksOf(finding, this.links), q);
    return row;
  }

  /**
   * The findings as now known that touch `entity`, linked again: a finding touches the owner of a
   * budget it names as the buyer, and the owner can change without the finding changing.
   */
  private relinkNaming(entity: string, q: number): void {
    const ids = this.tables.statement('SELECT id FROM finding_links WHERE entity = ? AND linked_to IS NULL').pluck().all(entity) as string[];
    if (ids.length === 0) return;
    // As now known: a finding derived again in this batch is written at its end (gone: undefined).
    const pendingRows = new Map<unknown, Row | undefined>();
    for (const { written } of this.pending.values()) for (const row of written) pendingRows.set(row[0], undefined);
    for (const { rows } of this.pending.values()) for (const row of rows) pendingRows.set(row[0], row);
    for (const id of ids) {
      const body = pendingRows.has(id) ? pendingRows.get(id)?.[6] : this.tables.statement('SELECT body FROM findings WHERE id = ?').pluck().get(id);
      if (typeof body === 'string') this.relink(id, linksOf(this.linkedOf(JSON.parse(body) as KeptFinding), this.links), q);
    }
  }

  /** A kept finding's events with their streams, reversed or not (the finding names them). */
  private linkedOf(kept: KeptFinding): LinkedFinding {
    const streamOf = this.tables.statement('SELECT stream_id FROM facts WHERE position = ?').pluck();
    return { ...kept, events: kept.events.map((position) => ({ position, streamId: streamOf.get(position) as string })) };
  }

  /** From position q the finding touches `entities`: links it no longer has end, new ones begin. */
  private relink(id: string, entities: readonly string[], q: number): void {
    const open = this.openLinks.get(id) ?? this.storedOpenLinks(id);
    const wanted = new Set(entities);
    for (const [entity, row] of open) {
      if (wanted.delete(entity)) continue;
      this.tables.replace('finding_links', LINK_COLUMNS, [row[0], row[1], row[2], q], row);
      open.delete(entity);
    }
    for (const entity of wanted) {
      const row: Row = [entity, id, q, null];
      this.tables.insert('finding_links', LINK_COLUMNS, row);
      open.set(entity, row);
    }
    // Used last, kept longest.
    this.openLinks.set(id, open);
  }

  private storedOpenLinks(id: string): Map<string, Row> {
    const rows = this.tables.statement('SELECT * FROM finding_links WHERE id = ? AND linked_to IS NULL').raw().all(id) as Row[];
    return new Map(rows.map((row) => [row[0] as string, row]));
  }
}
