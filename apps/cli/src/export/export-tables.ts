// The tables an export can hold, each built from the same queries the API answers with, as of
// one cut of the journal. Figures stay the queries' two-decimal strings all the way to the writer.
import type { EventStore } from '@geldstroom/event-store';
import { formatMoney, parseMoney } from '@geldstroom/ledger';
import {
  budgetExecution,
  CHANGE_REPORTS,
  fundingAccountability,
  iv3Matrix,
  journalPage,
  JOURNAL_PAGE_MAX,
  partySpending,
  programmeCost,
  providerSpend,
  rechtmatigheidRegister,
  REPORTS_NEEDING_YEAR,
  thenAndNow,
  type BudgetExecution,
  type ChangeReport,
  type FindingRules,
  type LedgerReader,
  type ProgrammeCost,
  type ProviderSpend,
  type ReportRules,
  type Cut,
} from '@geldstroom/projections';
import {
  FUNDING_COLUMNS, fundingRows, IV3_COLUMNS, iv3Rows, PARTY_SPENDING_COLUMNS, partySpendingRows, RECHTMATIGHEID_COLUMNS, rechtmatigheidRows,
  THEN_AND_NOW_COLUMNS, thenAndNowRows,
} from './report-tables';
import { column, type Cell, type Column } from './table';

export const EXPORTS = [
  'journal', 'programme-cost', 'budget-execution', 'provider-spend', 'party-spending', 'iv3-matrix', 'funding-accountability', 'rechtmatigheid', 'then-and-now',
] as const;
export type ExportKind = (typeof EXPORTS)[number];

export interface TableSource {
  readonly store: EventStore;
  readonly reader: LedgerReader;
  readonly cut: Cut;
  readonly rules: { readonly findings: FindingRules; readonly reports: ReportRules };
  /** The fiscal year of a report of one year (iv3-matrix, rechtmatigheid), or up to which (the others). */
  readonly year?: number;
  /** then-and-now: which report, and the knowledge time it was told then. */
  readonly report?: string;
  readonly then?: string;
}

export interface TableBody {
  readonly columns: readonly Column[];
  readonly rows: AsyncIterable<readonly Cell[]>;
}

export function tableOf(kind: ExportKind, source: TableSource, id: string | undefined): TableBody {
  switch (kind) {
    case 'journal':
      return { columns: JOURNAL_COLUMNS, rows: journalRows(source) };
    case 'programme-cost':
      return { columns: PROGRAMME_COLUMNS, rows: rowsOf(answers(source, 'programme', id, programmeCost), programmeRows) };
    case 'budget-execution':
      return { columns: BUDGET_COLUMNS, rows: rowsOf(answers(source, 'budget', id, budgetExecution), budgetRows) };
    case 'provider-spend': {
      const spend = (reader: LedgerReader, partyId: string, cut: Cut) => providerSpend(reader, partyId, cut);
      // Without an id: every party something was spent with, not every party registered.
      const all = answers(source, 'party', id, spend).filter((answer) => id !== undefined || answer.years.length > 0);
      return { columns: PROVIDER_COLUMNS, rows: rowsOf(all, providerRows) };
    }
    default:
      return reportTableOf(kind, source, id);
  }
}

/** The reports a municipality files; without an id, for every party that has something in them. */
function reportTableOf(kind: Exclude<ExportKind, 'journal' | 'programme-cost' | 'budget-execution' | 'provider-spend'>, source: TableSource, id: string | undefined): TableBody {
  const { rules, year } = source;
  const upTo = year === undefined ? {} : { year };
  switch (kind) {
    case 'party-spending': {
      const all = answers(source, 'party', id, (reader, partyId, cut) => partySpending(reader, partyId, cut, upTo)).filter((a) => id !== undefined || a.years.length > 0);
      return { columns: PARTY_SPENDING_COLUMNS, rows: rowsOf(all, partySpendingRows) };
    }
    case 'iv3-matrix': {
      const fiscalYear = yearOf(kind, year);
      const all = answers(source, 'party', id, (reader, partyId, cut) => iv3Matrix(reader, partyId, fiscalYear, cut, rules.reports)).filter((a) => id !== undefined || a.rows.length > 0);
      return { columns: IV3_COLUMNS, rows: rowsOf(all, iv3Rows) };
    }
    case 'funding-accountability': {
      const all = answers(source, 'party', id, (reader, partyId, cut) => fundingAccountability(reader, partyId, cut, rules, upTo)).filter((a) => id !== undefined || a.statements.length > 0);
      return { columns: FUNDING_COLUMNS, rows: rowsOf(all, fundingRows) };
    }
    case 'rechtmatigheid': {
      const fiscalYear = yearOf(kind, year);
      const all = answers(source, 'party', id, (reader, partyId, cut) => rechtmatigheidRegister(reader, partyId, fiscalYear, cut, rules))
        .filter((a) => id !== undefined || a.entries.length + a.signals.length > 0);
      return { columns: RECHTMATIGHEID_COLUMNS, rows: rowsOf(all, rechtmatigheidRows) };
    }
    case 'then-and-now':
      return { columns: THEN_AND_NOW_COLUMNS, rows: rowsOf([thenAndNowOf(source, id)], thenAndNowRows) };
  }
}

function yearOf(kind: string, year: number | undefined): number {
  if (year === undefined) throw new Error(`${kind} is a report of one year: give --year`);
  return year;
}

function thenAndNowOf(source: TableSource, id: string | undefined) {
  const { report, then } = source;
  if (id === undefined || report === undefined || then === undefined) throw new Error('then-and-now needs an id, --report and --then');
  if (!(CHANGE_REPORTS as readonly string[]).includes(report)) throw new Error(`--report must be one of ${CHANGE_REPORTS.join(', ')}, not ${report}`);
  if (REPORTS_NEEDING_YEAR.includes(report as ChangeReport) && source.year === undefined) throw new Error(`${report} is a report of one year: give --year`);
  const now = { ...(source.cut.asOf === null ? {} : { asOf: source.cut.asOf }), ...(source.cut.on === null ? {} : { on: source.cut.on }) };
  const answer = thenAndNow(source.reader, { report: report as ChangeReport, id, then, now, ...(source.year === undefined ? {} : { year: source.year }) }, source.rules);
  if (!answer) throw new Error(`the ledger knows no ${report} ${id} then nor now`);
  return answer;
}

/** The answer for one entity, or for every entity of the category the cut knows. */
function answers<T>(
  { reader, cut }: TableSource,
  category: string,
  id: string | undefined,
  query: (reader: LedgerReader, id: string, cut: Cut) => T | undefined,
): T[] {
  if (id !== undefined) {
    const answer = query(reader, id, cut);
    if (answer === undefined) throw new Error(`the ledger knows no ${category} ${id} as of journal position ${cut.position}`);
    return [answer];
  }
  const kind = category as 'programme' | 'budget' | 'party';
  const ids = reader.unitsOf(kind, cut, true).flatMap((unit) => (unit.kind === kind && unit.state.opened ? [idOf(unit)] : []));
  return ids.map((each) => query(reader, each, cut)).filter((answer): answer is T => answer !== undefined);
}

function idOf(unit: ReturnType<LedgerReader['unit']>): string {
  switch (unit.kind) {
    case 'programme':
      return unit.state.programmeId;
    case 'budget':
      return unit.state.budgetId;
    case 'party':
      return unit.state.partyId;
    default:
      throw new Error(`no export per ${unit.kind}`);
  }
}

async function* rowsOf<T>(answers: readonly T[], toRows: (answer: T) => Cell[][]): AsyncIterable<readonly Cell[]> {
  for (const answer of answers) yield* toRows(answer);
}

const JOURNAL_COLUMNS = [
  column('position', 'integer'),
  column('recorded at'),
  column('stream'),
  column('revision', 'integer'),
  column('type'),
  column('effective date'),
  column('event id'),
  column('actor'),
  column('source reference'),
  column('hash'),
  column('previous hash'),
  column('data'),
  column('metadata'),
];

/** Every event up to the cut, as the API's journal listing gives it (token hashes withheld). */
async function* journalRows({ store, reader, cut }: TableSource): AsyncIterable<readonly Cell[]> {
  let after = 0;
  for (;;) {
    const page = await journalPage(store, reader, after, JOURNAL_PAGE_MAX);
    for (const event of page.events) {
      if (event.position > cut.position) return;
      const { metadata, data } = event;
      yield [
        event.position,
        event.recordedAt,
        event.streamId,
        event.revision,
        event.type,
        typeof data.effectiveDate === 'string' ? data.effectiveDate : null,
        event.eventId,
        typeof metadata.actor === 'string' ? metadata.actor : null,
        typeof metadata.sourceReference === 'string' ? metadata.sourceReference : null,
        event.hash,
        event.previousHash,
        JSON.stringify(data),
        JSON.stringify(metadata),
      ];
    }
    if (page.next === null || page.next >= cut.position) return;
    after = page.next;
  }
}

const PROGRAMME_COLUMNS = [
  column('programme id'),
  column('programme'),
  column('figure'),
  column('party id'),
  column('party'),
  column('budget id'),
  column('amount (EUR)', 'money'),
  column('count', 'integer'),
  column('share (%)', 'percent'),
  column('note'),
];

/** One row per figure (long form), so direct payers and funders fit beside the totals. */
function programmeRows(cost: ProgrammeCost): Cell[][] {
  const row = (figure: string, values: { party?: [string, string | null]; budgetId?: string; amount?: string | null; count?: number; share?: string; note?: string | null }): Cell[] => [
    cost.programmeId,
    cost.name,
    figure,
    values.party?.[0] ?? null,
    values.party?.[1] ?? null,
    values.budgetId ?? null,
    values.amount ?? null,
    values.count ?? null,
    values.share ?? null,
    values.note ?? null,
  ];
  const status = cost.status === 'ended' ? `ended ${cost.endedOn}${cost.continued === false ? ', not continued' : ''}` : cost.status;
  return [
    row('status', { note: cost.endReason ? `${status}: ${cost.endReason}` : status }),
    row('committed', { amount: cost.committed }),
    row('realised', { amount: cost.realised }),
    row('obligo', { amount: cost.obligo, note: 'committed and not yet paid' }),
    row('settled', { amount: cost.settled }),
    row('grants', { amount: cost.byKind.grants.committed, count: cost.byKind.grants.count, note: 'committed' }),
    row('purchases', { amount: cost.byKind.purchases.committed, count: cost.byKind.purchases.count, note: 'committed' }),
    row('trajectories', { count: cost.byKind.purchases.trajectories }),
    row('participants', { count: cost.participants }),
    ...Object.entries(cost.outcomes).map(([kind, count]) => row('outcomes', { count, note: kind })),
    row('positive outcomes', { count: cost.positiveOutcomes }),
    row('cost per participant', { amount: cost.costPerParticipant }),
    row('cost per positive outcome', { amount: cost.costPerPositiveOutcome }),
    row('norm band minimum', { amount: cost.normBand?.min ?? null }),
    row('norm band maximum', { amount: cost.normBand?.max ?? null }),
    row('against norm', { note: cost.againstNorm }),
    ...cost.whoPaid.directPayers.flatMap((payer) => [
      row('direct payer: committed', { party: [payer.partyId, payer.name], budgetId: payer.budgetId, amount: payer.committed }),
      row('direct payer: realised', { party: [payer.partyId, payer.name], budgetId: payer.budgetId, amount: payer.realised }),
    ]),
    ...cost.whoPaid.ultimateFunders.map((funder) =>
      row('ultimate funder', { party: [funder.partyId, funder.name], amount: funder.amount, share: funder.share }),
    ),
    row('uncovered', { amount: cost.whoPaid.uncovered, note: 'paid beyond what flowed into the budgets, borne by their owners' }),
  ];
}

const BUDGET_COLUMNS = [
  column('budget id'),
  column('budget'),
  column('owner id'),
  column('owner'),
  column('fiscal year', 'integer'),
  column('taakveld'),
  column('row'),
  column('line id'),
  column('description'),
  column('initial', 'money'),
  column('amendments', 'money'),
  column('transfers in', 'money'),
  column('transfers out', 'money'),
  column('current', 'money'),
  column('allocated', 'money'),
  column('committed', 'money'),
  column('obligo', 'money'),
  column('realised', 'money'),
  column('available', 'money'),
  column('overrun', 'money'),
];

/** A row per allocation line, one for spending without a line, and the budget's totals. */
function budgetRows(execution: BudgetExecution): Cell[][] {
  const head: Cell[] = [execution.budgetId, execution.name, execution.ownerPartyId, execution.ownerName, execution.fiscalYear, execution.taakveld];
  const { totals } = execution;
  return [
    ...execution.lines.map((line): Cell[] => [
      ...head, 'line', line.lineId, line.description, null, null, null, null, null, line.allocated, line.committed, line.obligo, line.realised, line.available, null,
    ]),
    [...head, 'without line', null, null, null, null, null, null, null, null, execution.withoutLine.committed, execution.withoutLine.obligo, execution.withoutLine.realised, null, null],
    [
      ...head, 'total', null, null, execution.initial, execution.amendments, execution.transfersIn, execution.transfersOut, execution.current,
      totals.allocated, totals.committed, totals.obligo, totals.realised, totals.available, totals.overrunAmount,
    ],
  ];
}

const PROVIDER_COLUMNS = [
  column('provider id'),
  column('provider'),
  column('kind'),
  column('year', 'integer'),
  column('contracts', 'integer'),
  column('contract ceilings', 'money'),
  column('called off', 'money'),
  column('orders', 'integer'),
  column('cancelled', 'integer'),
  column('trajectories', 'integer'),
  column('committed', 'money'),
  column('average price per trajectory', 'money'),
  column('invoiced', 'money'),
  column('paid', 'money'),
  column('grants', 'integer'),
  column('grants awarded', 'money'),
  column('grants paid', 'money'),
  column('grants reclaimed', 'money'),
];

function providerRows(spend: ProviderSpend): Cell[][] {
  return spend.years.map((year) => [
    spend.partyId,
    spend.name,
    spend.kind,
    year.year,
    year.contracts.length,
    sumMoney(year.contracts.map((c) => c.ceiling)),
    sumMoney(year.contracts.map((c) => c.calledOff)),
    year.purchases.count,
    year.purchases.cancelled,
    year.purchases.trajectories,
    year.purchases.committed,
    year.purchases.averagePricePerTrajectory,
    year.purchases.invoiced,
    year.purchases.paid,
    year.grants.count,
    year.grants.awarded,
    year.grants.paid,
    year.grants.reclaimed,
  ]);
}

/** Adds two-decimal amounts in integer cents: a sum of money is never done in floats. */
function sumMoney(amounts: readonly string[]): string {
  let cents = 0;
  for (const amount of amounts) {
    const parsed = parseMoney(amount, { allowNegative: true });
    if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
    cents += parsed.cents;
  }
  return formatMoney(cents);
}
