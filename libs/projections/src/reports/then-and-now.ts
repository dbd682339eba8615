// "What we told the council then, and what changed since": a report as the ledger knew it at a
// past knowledge time (the date a letter went out, or the journal position it cites) beside the
// same report now, every figure that differs, and the events recorded in between that explain the
// difference (a correction, a late invoice, a reversal, an earlier-dated payment), each with its
// position and hash and what it moved. Both answers name their tree head, so a letter that cites
// one can be checked a year later.
import { parseMoney } from '@geldstroom/ledger';
import type { FindingRules } from '../findings/rules';
import { MEASURES, QUOTIENT_MEASURES, type Measure } from '../model/movement';
import { money } from '../model/money';
import { budgetExecution } from '../queries/budget-execution';
import { reference, type EventReference } from '../queries/evidence';
import { findingsOf } from '../queries/findings';
import { programmeCost } from '../queries/programme-cost';
import { answerCut, InvalidCutError, type AnswerCut, type Cut, type CutRequest, type LedgerReader } from '../queries/reader';
import { partySpending } from '../queries/spending';
import { measureColumn } from '../engine/scopes';
import { fundingAccountability } from './funding-accountability';
import { iv3Matrix } from './iv3-matrix';
import { ownBudgets } from './own-books';
import { rechtmatigheidRegister } from './rechtmatigheid-register';
import type { ReportRules } from './rules/report-rules';

export const CHANGE_REPORTS = ['programme-cost', 'budget-execution', 'party-spending', 'iv3-matrix', 'funding-accountability', 'rechtmatigheid'] as const;
export type ChangeReport = (typeof CHANGE_REPORTS)[number];

/** The reports about a party that need a year. */
export const REPORTS_NEEDING_YEAR: readonly ChangeReport[] = ['iv3-matrix', 'rechtmatigheid'];
/** The reports not given per year: a year asked of them would narrow nothing. */
const REPORTS_WITHOUT_YEAR: readonly ChangeReport[] = ['programme-cost', 'budget-execution'];

/** What is wrong with the year asked of a report (undefined: nothing). */
export function reportYearProblem(report: ChangeReport, year: number | undefined): string | undefined {
  if (REPORTS_NEEDING_YEAR.includes(report) && year === undefined) return `${report} is a report of one year: give the year`;
  if (REPORTS_WITHOUT_YEAR.includes(report) && year !== undefined) return `${report} is not given per year: leave out year`;
  return undefined;
}

export interface FigureChange {
  /** Where in the answer: `years[year=2023].realised`. */
  readonly path: string;
  readonly then: string | number | boolean | null;
  readonly now: string | number | boolean | null;
  /** For amounts and counts: now − then. */
  readonly difference: string | number | null;
}

export interface ExplainingEvent extends EventReference {
  /** The figures it moved in the report's scope, summed (money as two-decimal strings). */
  readonly moved: Readonly<Record<string, string | number>>;
  /** The events whose figures it changed, where those are others (a reversal, a refold). */
  readonly changedEvents: readonly number[];
  /** The findings about the report's entities it raised, changed or ended (by id): why an event that moved no figure is listed. */
  readonly changedFindings: readonly string[];
}

export interface ThenAndNow extends AnswerCut {
  readonly report: ChangeReport;
  readonly id: string;
  readonly year: number | null;
  readonly then: { readonly asOf: string; readonly journal: AnswerCut['journal']; readonly answer: unknown };
  readonly now: { readonly journal: AnswerCut['journal']; readonly answer: unknown };
  readonly changes: readonly FigureChange[];
  readonly events: readonly ExplainingEvent[];
  /** Events recorded in between, beyond those listed (at most EVENTS_MAX are listed). */
  readonly eventsNotListed: number;
}

export const EVENTS_MAX = 1_000;

export interface ThenAndNowRequest {
  readonly report: ChangeReport;
  readonly id: string;
  /** Knowledge time of the earlier answer: a journal position, a date or an ISO instant. */
  readonly then: string;
  readonly year?: number;
  /** Knowledge and business time of the later answer (default: now). */
  readonly now?: CutRequest;
}

type Rules = { findings: FindingRules; reports: ReportRules };

/** Undefined when the entity is unknown at both times. */
export function thenAndNow(reader: LedgerReader, request: ThenAndNowRequest, rules: Rules): ThenAndNow | undefined {
  const nowCut = reader.resolveCut(request.now ?? {});
  const thenCut = reader.resolveCut({ asOf: request.then, ...(nowCut.on === null ? {} : { on: nowCut.on }) });
  if (thenCut.position > nowCut.position) {
    throw new InvalidCutError(`then (journal position ${thenCut.position}) is later than now (position ${nowCut.position}): ask with a then before asOf`);
  }
  const before = answer(reader, request, thenCut, rules);
  const after = answer(reader, request, nowCut, rules);
  if (before === undefined && after === undefined) return undefined;
  const explaining = explainingPositions(reader, request, nowCut, thenCut.position, nowCut.position);
  const listed = [...explaining.keys()].sort((a, b) => a - b).slice(0, EVENTS_MAX);
  const facts = new Map(reader.facts(listed).map((fact) => [fact.position, fact]));
  return {
    report: request.report,
    id: request.id,
    year: request.year ?? null,
    then: { asOf: request.then, journal: thenCut.journal, answer: before ?? null },
    now: { journal: nowCut.journal, answer: after ?? null },
    changes: changesBetween(strip(before), strip(after)),
    events: listed.flatMap((position) => {
      const fact = facts.get(position);
      const found = explaining.get(position)!;
      const changedEvents = [...found.events].filter((p) => p !== position).sort((a, b) => a - b);
      return fact ? [{ ...reference(fact), moved: movedOf(found.measures), changedEvents, changedFindings: [...found.findings].sort() }] : [];
    }),
    eventsNotListed: Math.max(0, explaining.size - EVENTS_MAX),
    ...answerCut(nowCut),
  };
}

function answer(reader: LedgerReader, request: ThenAndNowRequest, cut: Cut, rules: Rules): object | undefined {
  const { id, year } = request;
  switch (request.report) {
    // As their own endpoints give them: with the findings about the entity as known at the cut.
    case 'programme-cost':
      return withFindings(programmeCost(reader, id, cut), reader, cut, rules, `programme-${id}`);
    case 'budget-execution':
      return withFindings(budgetExecution(reader, id, cut), reader, cut, rules, `budget-${id}`);
    case 'party-spending':
      return partySpending(reader, id, cut, year === undefined ? {} : { year });
    case 'iv3-matrix':
      return iv3Matrix(reader, id, requiredYear(request), cut, rules.reports);
    case 'funding-accountability':
      return fundingAccountability(reader, id, cut, rules, year === undefined ? {} : { year });
    case 'rechtmatigheid':
      return rechtmatigheidRegister(reader, id, requiredYear(request), cut, rules);
  }
}

function withFindings<T extends object>(answer: T | undefined, reader: LedgerReader, cut: Cut, rules: Rules, entity: string): object | undefined {
  return answer && { ...answer, findings: findingsOf(reader, cut, rules.findings, entity) };
}

function requiredYear(request: ThenAndNowRequest): number {
  if (request.year === undefined) throw new RangeError(`${request.report} is a report of one year: give the year`);
  return request.year;
}

interface Explaining {
  readonly measures: Record<string, number>;
  readonly events: Set<number>;
  readonly findings: Set<string>;
}

/**
 * The events recorded in (from, to] that moved a figure of the report's entities (the journal
 * position a movement was learnt at is the event that explains it), that changed a finding of
 * theirs, or that belong to the entity's own stream (an end, a new name).
 */
function explainingPositions(reader: LedgerReader, request: ThenAndNowRequest, cut: Cut, from: number, to: number): Map<number, Explaining> {
  const found = new Map<number, Explaining>();
  if (to <= from) return found;
  const { column, keys, units } = scopeOf(reader, request, cut);
  const sums = MEASURES.map((m) => `sum(${measureColumn(m)})`).join(', ');
  const byQ = reader.readStore.db.prepare(`SELECT q, event_position, ${sums} FROM movements WHERE ${column} = ? AND q > ? AND q <= ? GROUP BY q, event_position`).raw();
  for (const key of keys) {
    for (const row of byQ.all(key, from, to) as number[][]) {
      const entry = explainingAt(found, row[0]);
      entry.events.add(row[1]);
      MEASURES.forEach((m, i) => (entry.measures[m] = (entry.measures[m] ?? 0) + row[2 + i]));
    }
  }
  const own = reader.readStore.db.prepare('SELECT position FROM facts WHERE unit_id = ? AND position > ? AND position <= ?').pluck();
  for (const unitId of units) for (const position of own.all(unitId, from, to) as number[]) explainingAt(found, position).events.add(position);
  // The findings about the report's entities, changed by an event that moved none of their figures:
  // a budget's overrun, or a contract's call-off on another budget that took it past its ceiling.
  const findingChanges = reader.readStore.db
    .prepare(
      `SELECT v.known_from, l.id FROM finding_links l JOIN finding_versions v ON v.id = l.id
        WHERE l.entity = @entity AND v.known_from > @from AND v.known_from <= @to AND l.linked_from <= v.known_from AND (l.linked_to IS NULL OR l.linked_to >= v.known_from)
       UNION
       SELECT e.known_to, l.id FROM finding_links l JOIN finding_version_ends e ON e.id = l.id
        WHERE l.entity = @entity AND e.known_to > @from AND e.known_to <= @to AND l.linked_from < e.known_to AND (l.linked_to IS NULL OR l.linked_to >= e.known_to)`,
    )
    .raw();
  for (const entity of units) {
    for (const [position, findingId] of findingChanges.all({ entity, from, to }) as [number, string][]) explainingAt(found, position).findings.add(findingId);
  }
  return found;
}

function explainingAt(found: Map<number, Explaining>, position: number): Explaining {
  let entry = found.get(position);
  if (!entry) {
    entry = { measures: {}, events: new Set(), findings: new Set() };
    found.set(position, entry);
  }
  return entry;
}

/** Whose movements a report is made of: one programme, one budget, or the budgets a party owns. */
function scopeOf(reader: LedgerReader, request: ThenAndNowRequest, cut: Cut): { column: 'programme_id' | 'budget_id'; keys: string[]; units: string[] } {
  switch (request.report) {
    case 'programme-cost':
      return { column: 'programme_id', keys: [request.id], units: [`programme-${request.id}`] };
    case 'budget-execution':
      return { column: 'budget_id', keys: [request.id], units: [`budget-${request.id}`] };
    default: {
      const budgets = ownBudgets(reader, request.id, cut)
        .filter((b) => figuresOfYearMayMove(request, b.fiscalYear))
        .map((b) => b.budgetId)
        .sort();
      return { column: 'budget_id', keys: budgets, units: budgets.map((b) => `budget-${b}`) };
    }
  }
}

/**
 * Whether money on a budget of this fiscal year can move the figures of the year asked: party
 * spending counts its year's budgets alone; the Iv3 matrix carries a specific grant's balance from
 * the years before, and the accountability per funding adds up to the year; the register places a
 * contract's excess in the budgets of the call-offs that went past its ceiling, later years' too.
 */
function figuresOfYearMayMove(request: ThenAndNowRequest, fiscalYear: number): boolean {
  if (request.year === undefined) return true;
  switch (request.report) {
    case 'party-spending':
      return fiscalYear === request.year;
    case 'iv3-matrix':
    case 'funding-accountability':
      return fiscalYear <= request.year;
    default:
      return true;
  }
}

const MONEY_MEASURES: ReadonlySet<Measure> = new Set(MEASURES.filter((m) => m.endsWith('Cents')));

function movedOf(measures: Readonly<Record<string, number>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const m of MEASURES) {
    const value = measures[m] ?? 0;
    if (value === 0 || QUOTIENT_MEASURES.has(m)) continue;
    if (MONEY_MEASURES.has(m)) out[m.slice(0, -'Cents'.length)] = money(value);
    else out[m] = value;
  }
  return out;
}

/** What the comparison leaves out: when and from what an answer was computed, and prose. */
// A finding's events and review are where to look, not figures: its kind, id and detail are compared.
const NOT_FIGURES: ReadonlySet<string> = new Set(['journal', 'readModels', 'asOf', 'on', 'evidence', 'rule', 'note', 'source', 'sources', 'events', 'review', 'description']);

function strip(answer: object | undefined): unknown {
  if (answer === undefined) return null;
  return JSON.parse(JSON.stringify(answer, (key, value) => (NOT_FIGURES.has(key) ? undefined : value)));
}

/** Fields that name an element of a list, so a list compares element by element whatever its order. */
const IDENTIFIERS = ['year', 'taakveld', 'code', 'group', 'kind', 'partyId', 'funderPartyId', 'regulationCode', 'budgetId', 'toBudgetId', 'lineId', 'programmeId', 'findingId', 'criterion', 'state', 'via', 'id'];

function flatten(value: unknown, path: string, out: Map<string, FigureChange['then']>): void {
  if (Array.isArray(value)) {
    value.forEach((element, index) => flatten(element, `${path}[${keyOf(element, index)}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, value as FigureChange['then']);
  }
}

function keyOf(element: unknown, index: number): string {
  if (element === null || typeof element !== 'object') return String(index);
  const named = IDENTIFIERS.filter((f) => f in element).map((f) => `${f}=${String((element as Record<string, unknown>)[f])}`);
  return named.length > 0 ? named.join(',') : String(index);
}

function changesBetween(before: unknown, after: unknown): FigureChange[] {
  const [then, now] = [new Map<string, FigureChange['then']>(), new Map<string, FigureChange['then']>()];
  flatten(before, '', then);
  flatten(after, '', now);
  const paths = [...new Set([...then.keys(), ...now.keys()])].sort();
  return paths.flatMap((path) => {
    const [a, b] = [then.get(path) ?? null, now.get(path) ?? null];
    // A code that names an element (a taakveld 6.71, a year) is no figure, whatever it looks like.
    return a === b ? [] : [{ path, then: a, now: b, difference: isIdentifierPath(path) ? null : differenceOf(a, b) }];
  });
}

/** A path that ends in a field that names its element (IDENTIFIERS): a code, not an amount or count. */
export function isIdentifierPath(path: string): boolean {
  return IDENTIFIERS.includes(path.slice(path.lastIndexOf('.') + 1));
}

/** A two-decimal amount (or percentage) as the answers give it. */
export const AMOUNT = /^-?\d+\.\d{2}$/;

/** now − then for two counts, or for two amounts (an amount that was not there counts as 0.00). */
function differenceOf(a: FigureChange['then'], b: FigureChange['then']): FigureChange['difference'] {
  if (typeof a === 'number' && typeof b === 'number') return b - a;
  const cents = (v: unknown): number | undefined => {
    if (v === null) return 0;
    if (typeof v !== 'string' || !AMOUNT.test(v)) return undefined;
    const parsed = parseMoney(v, { allowNegative: true });
    return parsed.ok ? parsed.cents : undefined;
  };
  const [x, y] = [cents(a), cents(b)];
  return x !== undefined && y !== undefined && (typeof a === 'string' || typeof b === 'string') ? money(y - x) : null;
}
