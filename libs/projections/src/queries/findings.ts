// Findings: the real but irregular facts an accountant must see, each naming its events and the
// entity it is about, with where its review stands. "Now" and `asOf` are read from the findings
// the projector kept (and their versions); `on` derives them again at the cut, from every subject
// that could have one then. The list filters by kind, entity (what a finding touches: see
// findings/links.ts), party, year and review state, and pages.
import type { ReviewState } from '@geldstroom/ledger';
import { calledOffOf, deriveFindings, subjects, type Subject } from '../findings/derive';
import { compareFindings, type Finding, type FindingKind } from '../findings/finding';
import { SqlFindingInputs } from '../findings/inputs';
import { findingsOfBodies } from '../findings/finding-versions';
import { linksOf } from '../findings/links';
import type { FindingRules } from '../findings/rules';
import { FACT_SELECT, factOfRow, NOT_REVERSED_AT, type FactTuple } from '../engine/fact-rows';
import { isSpendingKind, sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export const FINDINGS_PAGE_MAX = 1_000;
export const FINDINGS_PAGE_DEFAULT = 100;
/** How many of an entity's findings its own answer lists (the rest are a filter of the list away). */
export const ENTITY_FINDINGS_LISTED = 20;

/** Where a finding's review stands; `open` when none is recorded. */
export type ReviewFilter = ReviewState | 'open' | 'reviewed';

export interface FindingReview {
  readonly reviewId: string;
  readonly state: ReviewState;
  readonly note: string;
  /** The review's business date. */
  readonly on: string;
  readonly position: number;
  /** The principal who recorded it. */
  readonly actor: string | null;
  /** The finding changed after it was reviewed (a larger overrun, another event): look again. */
  readonly stale: boolean;
  /** How many reviews it has had, this one included. */
  readonly reviews: number;
}

export interface ListedFinding extends Finding {
  readonly review: FindingReview | null;
}

export interface FindingsAnswer extends AnswerCut {
  /** How many findings match, over all pages. */
  readonly count: number;
  readonly byKind: Readonly<Record<string, number>>;
  readonly findings: readonly ListedFinding[];
  /** Pass as `offset` for the next page; null on the last. */
  readonly next: number | null;
}

export interface FindingsFilter {
  readonly kind?: FindingKind;
  /** A stream id (`budget-…`, `programme-…`, `party-…`, `contract-…`, a grant's or purchase's). */
  readonly entity?: string;
  /** Touching the party: as the one it is about, a supplier or recipient, a funder, or the buyer. */
  readonly party?: string;
  /** The fiscal (calendar) year of the finding's date. */
  readonly year?: number;
  readonly review?: ReviewFilter;
  readonly offset?: number;
  readonly limit?: number;
}

/** A finding as kept: its body, since when this version is known, and what it touches. */
interface KeptFinding {
  readonly finding: Finding;
  readonly knownFrom: number;
}

export function findings(reader: LedgerReader, cut: Cut, rules: FindingRules, filter: FindingsFilter = {}): FindingsAnswer {
  const offset = filter.offset ?? 0;
  const limit = Math.min(filter.limit ?? FINDINGS_PAGE_DEFAULT, FINDINGS_PAGE_MAX);
  // Now, unless it filters by review: only the reviews of the findings on the page are read.
  if (reader.isNow(cut)) return currentPage(reader, cut, filter, filter.review === undefined ? undefined : reviewsAt(reader, cut), offset, limit);
  const reviews = reviewsAt(reader, cut);
  const entity = entityOf(filter);
  const listed = (cut.on === null ? known(reader, cut, entity) : derivedAt(reader, cut, rules, entity))
    .filter((kept) => matches(kept.finding, filter))
    .map((kept) => withReview(kept, reviews.get(kept.finding.id)))
    .filter((finding) => reviewMatches(finding.review, filter.review));
  const byKind: Record<string, number> = {};
  for (const finding of listed) byKind[finding.kind] = (byKind[finding.kind] ?? 0) + 1;
  return {
    count: listed.length,
    byKind,
    findings: listed.slice(offset, offset + limit),
    next: offset + limit < listed.length ? offset + limit : null,
    ...answerCut(cut),
  };
}

/** The findings that touch one entity, for its own answer: how many, of which kinds, the first few. */
export function findingsOf(reader: LedgerReader, cut: Cut, rules: FindingRules, entity: string): Pick<FindingsAnswer, 'count' | 'byKind' | 'findings'> {
  const { count, byKind, findings: listed } = findings(reader, cut, rules, { entity, limit: ENTITY_FINDINGS_LISTED });
  return { count, byKind, findings: listed };
}

/**
 * Every finding the cut sees dated within [from, to] (business dates), in the list's order: read
 * from the kept table for now, from the versions for `asOf`, derived again for `on`.
 */
export function findingsDated(reader: LedgerReader, cut: Cut, rules: FindingRules, from: string, to: string): Finding[] {
  if (reader.isNow(cut)) {
    const bodies = reader.statement('SELECT body FROM findings WHERE date >= ? AND date <= ? ORDER BY date, id').pluck().all(from, to) as string[];
    return findingsOfBodies((positions) => reader.references(positions), bodies);
  }
  const kept = cut.on === null ? known(reader, cut, undefined) : derivedAt(reader, cut, rules, undefined);
  return kept.map((k) => k.finding).filter((f) => f.date >= from && f.date <= to);
}

function entityOf(filter: FindingsFilter): string | undefined {
  return filter.entity ?? (filter.party === undefined ? undefined : `party-${filter.party}`);
}

function matches(finding: Finding, filter: FindingsFilter): boolean {
  return (filter.kind === undefined || finding.kind === filter.kind) && (filter.year === undefined || finding.date.startsWith(`${filter.year}-`));
}

function reviewMatches(review: FindingReview | null, wanted: ReviewFilter | undefined): boolean {
  if (wanted === undefined) return true;
  if (wanted === 'open') return review === null;
  if (wanted === 'reviewed') return review !== null;
  return review?.state === wanted;
}

/** One page of the findings as now known, selected and ordered in SQL from the kept table. */
function currentPage(reader: LedgerReader, cut: Cut, filter: FindingsFilter, allReviews: Map<string, Review> | undefined, offset: number, limit: number): FindingsAnswer {
  const { from, conditions, params } = currentConditions(filter, allReviews ?? new Map());
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const counts = reader.statement(`SELECT f.kind, count(*) FROM ${from} ${where} GROUP BY f.kind ORDER BY f.kind`).raw().all(params) as [string, number][];
  const count = counts.reduce((sum, [, n]) => sum + n, 0);
  const rows =
    count <= offset ? [] : (reader.statement(`SELECT f.body, f.since FROM ${from} ${where} ORDER BY f.date, f.id LIMIT @limit OFFSET @offset`).raw().all({ ...params, limit, offset }) as [string, number][]);
  const onPage = findingsOfBodies((positions) => reader.references(positions), rows.map(([body]) => body));
  const listed = rows.map(([, since], i) => ({ finding: onPage[i], knownFrom: since }));
  const reviews = allReviews ?? (listed.length === 0 ? new Map<string, Review>() : reviewsAt(reader, cut, listed.map((kept) => kept.finding.id)));
  return {
    count,
    byKind: Object.fromEntries(counts),
    findings: listed.map((kept) => withReview(kept, reviews.get(kept.finding.id))),
    next: offset + limit < count ? offset + limit : null,
    ...answerCut(cut),
  };
}

/**
 * The filter as SQL over the kept findings (`f`). One entity's findings are read from its links
 * first (CROSS JOIN keeps that order): an entity has a few of the ledger's findings, and walking
 * every finding in list order to test each for a link costs what the whole ledger has.
 */
function currentConditions(filter: FindingsFilter, reviews: Map<string, Review>): { from: string; conditions: string[]; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (condition: string, values: Record<string, unknown>): void => {
    conditions.push(condition);
    Object.assign(params, values);
  };
  if (filter.kind !== undefined) add('f.kind = @kind', { kind: filter.kind });
  if (filter.year !== undefined) add('f.date BETWEEN @yearFrom AND @yearTo', { yearFrom: `${filter.year}-01-01`, yearTo: `${filter.year}-12-31` });
  const entity = entityOf(filter);
  if (entity !== undefined) add('l.entity = @entity AND l.linked_to IS NULL', { entity });
  if (filter.review === 'open') add('f.id NOT IN (SELECT value FROM json_each(@reviewed))', { reviewed: JSON.stringify([...reviews.keys()]) });
  else if (filter.review !== undefined) {
    const ids = [...reviews.values()].filter((r) => filter.review === 'reviewed' || r.state === filter.review).map((r) => r.findingId);
    add('f.id IN (SELECT value FROM json_each(@reviewed))', { reviewed: JSON.stringify(ids) });
  }
  return { from: entity === undefined ? 'findings f' : 'finding_links l CROSS JOIN findings f ON f.id = l.id', conditions, params };
}

/** The findings as known at an earlier position: the versions known then (of one entity's, if asked). */
function known(reader: LedgerReader, cut: Cut, entity: string | undefined): KeptFinding[] {
  const linked =
    entity === undefined ? '' : 'AND EXISTS (SELECT 1 FROM finding_links l WHERE l.entity = @entity AND l.id = v.id AND l.linked_from <= @at AND (l.linked_to IS NULL OR l.linked_to > @at))';
  const rows = reader.statement(
    `SELECT v.body, v.known_from FROM finding_versions v LEFT JOIN finding_version_ends e ON e.id = v.id AND e.known_from = v.known_from
     WHERE v.known_from <= @at AND (e.known_to IS NULL OR e.known_to > @at) ${linked}`,
  )
    .raw()
    .all({ at: cut.position, ...(entity === undefined ? {} : { entity }) }) as [string, number][];
  const kept = findingsOfBodies((positions) => reader.references(positions), rows.map(([body]) => body));
  return rows.map(([, knownFrom], i) => ({ finding: kept[i], knownFrom })).sort((a, b) => compareFindings(a.finding, b.finding));
}

/**
 * Derived at the cut: every budget and its lines, contract and supplier (a limit can be passed by
 * a date and not since), the spending of every programme ended by then, and every other subject
 * that has had a finding. For one entity's findings: the subjects that ever touched it, its own
 * limits, and what it can be the subject of.
 */
function derivedAt(reader: LedgerReader, cut: Cut, rules: FindingRules, entity: string | undefined): KeptFinding[] {
  const candidates = entity === undefined ? allSubjects(reader, cut) : subjectsOf(reader, cut, entity);
  const inputs = new SqlFindingInputs(reader.readStore.db, { position: cut.position, on: cut.on }, {
    // A budget as known, as every answer takes it (LedgerReader.budget); the rest as the date sees them.
    unit: (unitId) => (unitId.startsWith('budget-') ? reader.budgetUnit(unitId, cut) : reader.unit(unitId, cut)),
    budgetFigures: (budgetId) => budgetFigures(reader, budgetId, cut),
    lineFigures: (budgetId, lineId) => lineFigures(reader, budgetId, lineId, cut),
    calledOff: (contractId, supplierPartyId) =>
      calledOffOf(
        reader
          .scopeRows('party', supplierPartyId, cut)
          .filter((r) => r.group.contract_id === contractId)
          .map((r) => ({ budgetId: r.group.budget_id, committedCents: r.measures.committedCents })),
      ),
  });
  const lookup = linkLookup(reader, cut);
  return [...candidates]
    .sort()
    .flatMap((subject) => deriveFindings(subject, inputs, rules))
    .filter((finding) => entity === undefined || linksOf(finding, lookup).includes(entity))
    .sort(compareFindings)
    .map((finding) => ({ finding, knownFrom: knownFrom(reader, finding.id, cut.position) }));
}

function allSubjects(reader: LedgerReader, cut: Cut): Set<Subject> {
  const candidates = new Set<Subject>(reader.statement('SELECT DISTINCT subject FROM finding_versions WHERE known_from <= ?').pluck().all(cut.position) as string[]);
  for (const unit of reader.unitsOf('budget', cut)) {
    if (unit.kind !== 'budget') continue;
    candidates.add(subjects.budget(unit.state.budgetId));
    for (const lineId of chargedLines(reader, unit.state.budgetId, cut)) candidates.add(subjects.line(unit.state.budgetId, lineId));
  }
  for (const unit of reader.unitsOf('contract', cut)) if (unit.kind === 'contract') candidates.add(subjects.contract(unit.state.contractId));
  for (const partyId of [...reader.providers(cut), ...reader.payees(cut)]) candidates.add(subjects.supplier(partyId));
  // A programme can end more than once; the end a date sees can make spending late that no later end did.
  for (const unit of reader.unitsOf('programme', cut)) if (unit.kind === 'programme' && unit.state.ended) addLateSpending(reader, cut, unit.state.programmeId, candidates);
  for (const unitId of expensesCommittedLater(reader, cut)) candidates.add(subjects.entity(unitId));
  for (const position of flaggedEvents(reader, cut)) candidates.add(subjects.event(position));
  return candidates;
}

/**
 * The flagged grant and purchase events the cut sees (of these budgets or this entity, if given). A
 * flag is a finding while its entity is past the flag's limit (findings/excess.ts), which on a date
 * can hold though at no position it did: no version kept names it then.
 */
function flaggedEvents(reader: LedgerReader, cut: Cut, of?: { readonly budgetIds: readonly string[]; readonly unitId: string }): number[] {
  const where = of === undefined ? '' : 'AND (f.budget_id IN (SELECT value FROM json_each(@budgets)) OR f.unit_id = @unit)';
  return reader
    .statement(
      // The flagged rows alone, by their index (schema.ts): a scan of every fact else.
      `SELECT f.position FROM facts f INDEXED BY facts_flagged WHERE json_extract(f.data, '$.flags') IS NOT NULL AND (f.unit_id LIKE 'grant-%' OR f.unit_id LIKE 'purchase-%')
       AND f.position <= @at AND (@on IS NULL OR f.effective_date <= @on) ${where} AND ${NOT_REVERSED_AT}`,
    )
    .pluck()
    .all({ at: cut.position, on: cut.on, ...(of === undefined ? {} : { budgets: JSON.stringify(of.budgetIds), unit: of.unitId }) }) as number[];
}

/**
 * The expenses with a commitment dated after the date asked: on that date they may have been paid
 * above what was committed by then, though never at any position (the raise was recorded with the
 * order, dated later). Only these: every other expense's findings are in the versions kept.
 */
function expensesCommittedLater(reader: LedgerReader, cut: Cut): string[] {
  if (cut.on === null) return [];
  return reader
    .statement(
      `SELECT DISTINCT f.unit_id FROM facts f WHERE f.type IN ('ExpenseCommitted', 'ExpenseCommitmentRaised') AND f.effective_date > @on AND f.position <= @at AND ${NOT_REVERSED_AT}`,
    )
    .pluck()
    .all({ on: cut.on, at: cut.position }) as string[];
}

function subjectsOf(reader: LedgerReader, cut: Cut, entity: string): Set<Subject> {
  const candidates = new Set<Subject>(
    reader.statement('SELECT DISTINCT v.subject FROM finding_links l JOIN finding_versions v ON v.id = l.id AND v.known_from = l.linked_from WHERE l.entity = ? AND l.linked_from <= ?')
      .pluck()
      .all(entity, cut.position) as string[],
  );
  const [category, id] = [entity.slice(0, entity.indexOf('-')), entity.slice(entity.indexOf('-') + 1)];
  if (category === 'budget' && reader.budget(id, cut)) {
    candidates.add(subjects.budget(id));
    for (const lineId of chargedLines(reader, id, cut)) candidates.add(subjects.line(id, lineId));
  }
  if (category === 'contract') candidates.add(subjects.contract(id));
  if (category === 'party') candidates.add(subjects.supplier(id));
  // Few (see expensesCommittedLater); which of their findings touch the entity is filtered after.
  for (const unitId of expensesCommittedLater(reader, cut)) candidates.add(subjects.entity(unitId));
  if (category === 'expense') candidates.add(subjects.entity(entity));
  if (category === 'programme') {
    const unit = reader.unit(entity, cut);
    if (unit.kind === 'programme' && unit.state.ended) addLateSpending(reader, cut, id, candidates);
  }
  for (const subject of subjectsReached(reader, cut, category, id)) candidates.add(subject);
  // A flag touches its entity's budget (and through it the owner, the programme, the parties): found by the budgets reached.
  const budgetIds = [...candidates].filter((subject) => subject.startsWith('budget:')).map((subject) => subject.slice('budget:'.length));
  for (const position of flaggedEvents(reader, cut, { budgetIds, unitId: entity })) candidates.add(subjects.event(position));
  return candidates;
}

const MOVED_BY: Readonly<Record<string, string>> = { programme: 'programme_id', party: 'party_id', budget: 'budget_id', contract: 'contract_id' };

/**
 * The budgets, lines, contracts and suppliers the entity's own spending and funding went through
 * (a party's also as the owner of a budget, the buyer of what it was charged, and as a contract's
 * buyer), and the late spending among its own of an ended programme. A limit can be passed by a
 * date and never at any position, so the findings on a date of such a subject can name the
 * entity's events when no version known ever did. Read from the sums as now known, which hold
 * every group any cut sees (sums are never deleted): more subjects than needed, never fewer. The
 * subjects are few; deriving them is not (a supplier's orders are folded as the date sees them).
 */
function subjectsReached(reader: LedgerReader, cut: Cut, category: string, id: string): Subject[] {
  const column = MOVED_BY[category];
  if (!column) return [];
  const rows = (sql: string, ...params: unknown[]) => reader.statement(sql).raw().all(...params) as string[][];
  const budgetRows = (where: string, ...params: unknown[]) => rows(`SELECT DISTINCT budget_id, line_id, programme_id, party_id, counter_budget_id FROM budget_totals WHERE ${where}`, ...params);
  const [budgets, lines, contracts, suppliers, programmes] = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
  const fromBudgetRows = (found: string[][]) => {
    for (const [budgetId, lineId, programmeId, partyId, counterBudgetId] of found) {
      budgets.add(budgetId);
      if (lineId) lines.add(`${budgetId}:${lineId}`);
      if (programmeId) programmes.add(programmeId);
      if (partyId) suppliers.add(partyId);
      if (counterBudgetId) budgets.add(counterBudgetId);
    }
  };
  const fromPartyRows = (found: string[][]) => {
    for (const [partyId, budgetId, contractId] of found) {
      suppliers.add(partyId);
      if (budgetId) budgets.add(budgetId);
      if (contractId) contracts.add(contractId);
    }
  };
  const owned = category === 'party' ? reader.budgets(cut).filter((b) => b.ownerPartyId === id).map((b) => b.budgetId) : [];
  if (category === 'programme') {
    for (const [budgetId] of rows('SELECT DISTINCT budget_id FROM programme_totals WHERE programme_id = ?', id)) if (budgetId) fromBudgetRows(budgetRows('budget_id = ? AND programme_id = ?', budgetId, id));
  }
  if (category === 'budget') fromBudgetRows([...budgetRows('budget_id = ?', id), ...budgetRows('counter_budget_id = ?', id)]);
  if (category === 'party') {
    for (const budgetId of owned) fromBudgetRows([...budgetRows('budget_id = ?', budgetId), ...budgetRows('counter_budget_id = ?', budgetId)]);
    fromBudgetRows(budgetRows('party_id = ?', id));
    fromPartyRows(rows('SELECT DISTINCT party_id, budget_id, contract_id FROM party_totals WHERE party_id = ?', id));
    // A contract touches its buyer and its supplier from its award on, called off or not.
    for (const unit of reader.unitsOf('contract', cut)) {
      if (unit.kind === 'contract' && unit.state.opened && (unit.state.buyerPartyId === id || unit.state.supplierPartyId === id)) contracts.add(unit.state.contractId);
    }
  }
  if (category === 'contract') fromPartyRows(rows('SELECT DISTINCT party_id, budget_id, contract_id FROM party_totals WHERE contract_id = ?', id));
  // The contracts the suppliers reached were called off under, charged to the budgets reached.
  for (const partyId of [...suppliers]) {
    for (const [budgetId, contractId] of rows("SELECT DISTINCT budget_id, contract_id FROM party_totals WHERE party_id = ? AND contract_id <> ''", partyId)) {
      if (budgets.has(budgetId)) contracts.add(contractId);
    }
  }
  const reached: Subject[] = [
    ...[...budgets].filter(Boolean).map((budgetId) => subjects.budget(budgetId)),
    ...[...lines].map((line) => subjects.line(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1))),
    ...[...contracts].map((contractId) => subjects.contract(contractId)),
    ...[...suppliers].map((partyId) => subjects.supplier(partyId)),
  ];
  // Spending among the entity's own of an ended programme: an end the date sees can make it late.
  const moved = `(${column} = @id OR budget_id IN (SELECT value FROM json_each(@owned))) AND q <= @at AND (@on IS NULL OR date <= @on)`;
  const late = reader.statement(`SELECT DISTINCT event_position FROM movements WHERE programme_id = @programme AND ${moved}`).pluck();
  for (const programmeId of programmes) {
    if (category === 'programme') continue;
    const unit = reader.unit(`programme-${programmeId}`, cut);
    if (unit.kind !== 'programme' || !unit.state.ended) continue;
    const params = { id, owned: JSON.stringify(owned), at: cut.position, on: cut.on, programme: programmeId };
    for (const position of late.all(params) as number[]) reached.push(subjects.spent(programmeId, position));
  }
  return reached;
}

function addLateSpending(reader: LedgerReader, cut: Cut, programmeId: string, candidates: Set<Subject>): void {
  for (const movement of reader.movementsAt('programme', programmeId, cut)) candidates.add(subjects.spent(programmeId, movement.eventPosition));
}

/** Since when the finding, as derived, has been known in this form (the version kept at the position). */
/** The position from which the finding's version as known at `position` is known. */
export function knownFrom(reader: LedgerReader, id: string, position: number): number {
  return (
    (reader.statement('SELECT known_from FROM finding_versions WHERE id = ? AND known_from <= ? ORDER BY known_from DESC LIMIT 1')
      .pluck()
      .get(id, position) as number | undefined) ?? position
  );
}

function linkLookup(reader: LedgerReader, cut: Cut) {
  return {
    eventData: (position: number) => reader.facts([position])[0]?.data as Readonly<Record<string, unknown>> | undefined,
    budgetOwner: (budgetId: string) => reader.budget(budgetId, cut)?.ownerPartyId ?? null,
  };
}

function budgetFigures(reader: LedgerReader, budgetId: string, cut: Cut): { limitCents: number; chargedCents: number } | undefined {
  if (!reader.budget(budgetId, cut)) return undefined;
  const rows = reader.scopeRows('budget', budgetId, cut);
  const m = sumRows(rows).measures;
  return { limitCents: m.fundedCents + m.amendedCents + m.transferredInCents - m.transferredOutCents, chargedCents: sumRows(rows.filter((r) => isSpendingKind(r.group.kind))).measures.committedCents };
}

function lineFigures(reader: LedgerReader, budgetId: string, lineId: string, cut: Cut): { limitCents: number; chargedCents: number } | undefined {
  if (!reader.budget(budgetId, cut)) return undefined;
  const rows = reader.scopeRows('budget', budgetId, cut).filter((r) => r.group.line_id === lineId);
  return { limitCents: sumRows(rows).measures.allocatedCents, chargedCents: sumRows(rows.filter((r) => isSpendingKind(r.group.kind))).measures.committedCents };
}

/** The lines of a budget that anything is charged to or allocated on, at the cut. */
function chargedLines(reader: LedgerReader, budgetId: string, cut: Cut): string[] {
  const lines = reader.scopeRows('budget', budgetId, cut).map((r) => r.group.line_id);
  return [...new Set(lines.filter((line): line is string => typeof line === 'string' && line !== ''))];
}

interface Review {
  readonly findingId: string;
  readonly reviewId: string;
  readonly state: ReviewState;
  readonly note: string;
  readonly on: string;
  readonly position: number;
  readonly actor: string | null;
  readonly reviews: number;
}

/** Each finding's latest review the cut sees (in business order), with how many it has had. */
export function reviewsAt(reader: LedgerReader, cut: Cut, findingIds?: readonly string[]): Map<string, Review> {
  const on = cut.on === null ? '' : 'AND f.effective_date <= @on';
  const of = findingIds === undefined ? '' : "AND json_extract(f.data, '$.findingId') IN (SELECT value FROM json_each(@ids))";
  const rows = reader.statement(`SELECT ${FACT_SELECT} FROM facts f ${findingIds === undefined ? '' : 'INDEXED BY facts_finding_review'} WHERE f.type = 'FindingReviewed' ${of} AND f.ledger = 1 AND f.position <= @at ${on} AND ${NOT_REVERSED_AT} ORDER BY f.effective_date, f.position`)
    .raw()
    .all({ at: cut.position, ...(cut.on === null ? {} : { on: cut.on }), ...(findingIds === undefined ? {} : { ids: JSON.stringify(findingIds) }) }) as FactTuple[];
  const latest = new Map<string, Review>();
  for (const fact of rows.map(factOfRow)) {
    if (fact.type !== 'FindingReviewed') continue;
    const { findingId, reviewId, state, note } = fact.data;
    const reviews = (latest.get(findingId)?.reviews ?? 0) + 1;
    latest.set(findingId, { findingId, reviewId, state, note, on: fact.effectiveDate, position: fact.position, actor: fact.actor, reviews });
  }
  return latest;
}

function withReview(kept: KeptFinding, review: Review | undefined): ListedFinding {
  if (!review) return { ...kept.finding, review: null };
  const { reviewId, state, note, on, position, actor, reviews } = review;
  return { ...kept.finding, review: { reviewId, state, note, on, position, actor, stale: kept.knownFrom > position, reviews } };
}

/**
 * Whether the ledger has had a finding of this id: one listed now, or one it once listed (a
 * controller may still explain a finding that a later correction resolved).
 */
export function findingExists(reader: LedgerReader, findingId: string): boolean {
  const found = reader.statement('SELECT 1 FROM findings WHERE id = ? UNION ALL SELECT 1 FROM finding_versions WHERE id = ? LIMIT 1').pluck().get(findingId, findingId);
  return found !== undefined;
}
