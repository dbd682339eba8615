// What a programme cost, what it will still cost, who paid, how many took part, and what it
// cost per participant against its norm band: read from the programme's rows, with the events
// behind every figure on request. Consolidated: money that passed through transfers is traced to
// its ultimate funders, and a transfer is never a cost.
import type { DatePrecision, ExpenseKind, PurchaseUnit } from '@geldstroom/ledger';
import type { ProgrammeHeader } from '../folds/headers';
import { divideCents, money } from '../model/money';
import { SPENDING_KINDS, type SpendingKind } from '../model/movement';
import type { ScopeRow } from '../engine/scopes';
import { isSpendingKind, sumRows } from './figures';
import { Evidence } from './evidence';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';
import { partyAmounts, type PartyAmount } from './party-amounts';
import { whoPaidEvidence } from './who-paid-evidence';

export interface DirectPayer {
  readonly partyId: string;
  readonly name: string | null;
  readonly budgetId: string;
  readonly budgetName: string | null;
  readonly committed: string;
  readonly realised: string;
  /** What this budget paid, by ultimate funder: adds up to `realised` (a funding-flow diagram's links). */
  readonly funders: readonly PartyAmount[];
}

export interface ProgrammeCost extends AnswerCut {
  readonly programmeId: string;
  readonly name: string | null;
  readonly ownerPartyId: string | null;
  readonly status: 'running' | 'ended';
  readonly launchedOn: string | null;
  /** How exactly `launchedOn` is known: `month` or `year` when the sources give no day. */
  readonly launchedOnPrecision: DatePrecision;
  readonly endedOn: string | null;
  /** How exactly `endedOn` is known ("medio juni 2024" is `month`); `day` when not ended. */
  readonly endedOnPrecision: DatePrecision;
  readonly continued: boolean | null;
  readonly endReason: string | null;
  /** Everything awarded or ordered, paid or not. */
  readonly committed: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
  /** Committed and not yet paid. */
  readonly obligo: string;
  readonly settled: string;
  /** Every kind of cost (SpendingKind, as a party's own view names them), at zero when none: each figure adds up to the total above. */
  readonly byKind: ProgrammeCostByKind;
  readonly participants: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly positiveOutcomes: number;
  readonly costPerParticipant: string | null;
  readonly costPerPositiveOutcome: string | null;
  readonly normBand: {
    readonly min: string;
    readonly max: string;
    /** Where the band comes from, as recorded with it; null when the launch did not say. */
    readonly source: string | null;
  } | null;
  readonly againstNorm: 'below' | 'within' | 'above' | null;
  readonly whoPaid: {
    /** Realised, split by who paid it: adds up to `realised` exactly. */
    readonly total: string;
    readonly directPayers: readonly DirectPayer[];
    readonly ultimateFunders: readonly PartyAmount[];
    /** Paid beyond what flowed into the budgets: borne by their owners (included above). */
    readonly uncovered: string;
  };
  readonly evidence?: Record<string, unknown>;
}

/** What one kind of cost contributed to a programme. */
export interface ProgrammeKindCost {
  /** Grants awarded, purchases ordered, expenses committed or booked (withdrawn and cancelled ones too). */
  readonly count: number;
  readonly committed: string;
  readonly obligo: string;
  readonly realised: string;
}

/** Every kind of cost by its SpendingKind: grants and purchases with what only they have, and each kind of expense. */
export type ProgrammeCostByKind = {
  readonly grant: ProgrammeKindCost & { readonly settled: string };
  /**
   * `trajectories`: the trajectories ordered, of orders not cancelled; `units`: what every order
   * not cancelled counts, by unit (trajectories, hours, months, ...), none left out.
   */
  readonly purchase: ProgrammeKindCost & { readonly trajectories: number; readonly units: Readonly<Partial<Record<PurchaseUnit, number>>> };
} & Readonly<Record<ExpenseKind, ProgrammeKindCost>>;

export function programmeCost(reader: LedgerReader, programmeId: string, cut: Cut, explain = false): ProgrammeCost | undefined {
  const unit = reader.unit(`programme-${programmeId}`, cut);
  if (unit.kind !== 'programme' || !unit.state.opened) return undefined;
  const header = unit.state;
  const rows = reader.scopeRows('programme', programmeId, cut);
  const spending = rows.filter((r) => isSpendingKind(r.group.kind));
  const all = sumRows(spending);
  const people = sumRows(rows.filter((r) => r.group.kind === 'programme')).measures;
  const outcomes = Object.fromEntries(
    ([['work', people.outcomesWork], ['education', people.outcomesEducation], ['other', people.outcomesOther]] as const).filter(([, n]) => n !== 0),
  );
  const positiveOutcomes = people.outcomesWork + people.outcomesEducation;
  const perParticipant = divideCents(all.measures.committedCents, people.participants);
  const perOutcome = divideCents(all.measures.committedCents, positiveOutcomes);
  return {
    programmeId,
    ...describe(header),
    committed: money(all.measures.committedCents),
    realised: money(all.measures.realisedCents),
    obligo: money(all.measures.committedCents - all.measures.realisedCents),
    settled: money(all.measures.settledCents),
    byKind: byKind(spending),
    participants: people.participants,
    outcomes,
    positiveOutcomes,
    costPerParticipant: perParticipant === undefined ? null : money(perParticipant),
    costPerPositiveOutcome: perOutcome === undefined ? null : money(perOutcome),
    normBand: header.normBand ? { min: money(header.normBand.minCents), max: money(header.normBand.maxCents), source: header.normBand.source ?? null } : null,
    againstNorm: againstNorm(header, perParticipant),
    whoPaid: {
      total: money(all.measures.realisedCents),
      directPayers: directPayers(reader, spending, cut),
      ultimateFunders: partyAmounts(reader, all.funders, cut),
      uncovered: money(all.measures.uncoveredCents),
    },
    ...answerCut(cut),
    ...(explain ? { evidence: programmeEvidence(reader, programmeId, cut) } : {}),
  };
}

/** Each kind's figures from its own rows (every spending row has one kind: the parts add up to the whole); a kind the programme never had is there at zero. */
function byKind(spending: readonly ScopeRow[]): ProgrammeCostByKind {
  const rowsOf = new Map<SpendingKind, ScopeRow[]>(SPENDING_KINDS.map((kind) => [kind, []]));
  for (const row of spending) rowsOf.get(row.group.kind as SpendingKind)!.push(row);
  const sums = new Map([...rowsOf].map(([kind, rows]) => [kind, sumRows(rows)]));
  const kindCost = (kind: SpendingKind): ProgrammeKindCost => {
    const m = sums.get(kind)!.measures;
    return { count: m.entities, committed: money(m.committedCents), obligo: money(m.committedCents - m.realisedCents), realised: money(m.realisedCents) };
  };
  const grant = sums.get('grant')!.measures;
  const units: Partial<Record<PurchaseUnit, number>> = {};
  for (const row of rowsOf.get('purchase')!) {
    const unit = (row.group.unit || 'trajectory') as PurchaseUnit;
    if (row.measures.units !== 0) units[unit] = (units[unit] ?? 0) + row.measures.units;
  }
  return {
    ...(Object.fromEntries(SPENDING_KINDS.map((kind) => [kind, kindCost(kind)])) as Record<SpendingKind, ProgrammeKindCost>),
    grant: { ...kindCost('grant'), settled: money(grant.settledCents) },
    purchase: { ...kindCost('purchase'), trajectories: units.trajectory ?? 0, units: Object.fromEntries(Object.entries(units).sort(([a], [b]) => (a < b ? -1 : 1))) },
  };
}

function describe(header: ProgrammeHeader): Pick<ProgrammeCost, 'name' | 'ownerPartyId' | 'status' | 'launchedOn' | 'launchedOnPrecision' | 'endedOn' | 'endedOnPrecision' | 'continued' | 'endReason'> {
  return {
    name: header.name,
    ownerPartyId: header.ownerPartyId,
    status: header.ended ? ('ended' as const) : ('running' as const),
    launchedOn: header.launchedOn,
    launchedOnPrecision: header.launchedOnPrecision ?? 'day',
    endedOn: header.ended?.on ?? null,
    endedOnPrecision: header.ended?.precision ?? 'day',
    continued: header.ended ? header.ended.continued : null,
    endReason: header.ended?.reason ?? null,
  };
}

function againstNorm(header: ProgrammeHeader, perParticipant: number | undefined): ProgrammeCost['againstNorm'] {
  if (!header.normBand || perParticipant === undefined) return null;
  if (perParticipant > header.normBand.maxCents) return 'above';
  return perParticipant < header.normBand.minCents ? 'below' : 'within';
}

/** Per budget that paid (or committed) for the programme: its owner, and by whom what it paid was funded. */
function directPayers(reader: LedgerReader, spending: Parameters<typeof sumRows>[0], cut: Cut): DirectPayer[] {
  const budgetIds = [...new Set(spending.map((r) => String(r.group.budget_id)))].filter((id) => id !== '').sort();
  return budgetIds.map((budgetId) => {
    const sums = sumRows(spending.filter((r) => r.group.budget_id === budgetId));
    const budget = reader.budget(budgetId, cut);
    const owner = budget?.ownerPartyId ?? budgetId;
    return {
      partyId: owner,
      name: reader.partyName(owner, cut),
      budgetId,
      budgetName: budget?.name ?? null,
      committed: money(sums.measures.committedCents),
      realised: money(sums.measures.realisedCents),
      funders: partyAmounts(reader, sums.funders, cut),
    };
  });
}

/** The events behind each figure, as the cut sees them. */
function programmeEvidence(reader: LedgerReader, programmeId: string, cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  const header = reader.visibleFacts(`programme-${programmeId}`, cut);
  evidence.add('programme', header.filter((f) => f.type === 'ProgrammeLaunched').map((f) => f.position));
  evidence.add('status', header.filter((f) => f.type === 'ProgrammeEnded').map((f) => f.position));
  const movements = reader.movementsAt('programme', programmeId, cut);
  evidence.addMoving('participants', movements, ['participants']);
  evidence.addMoving('outcomes', movements, ['outcomesWork', 'outcomesEducation', 'outcomesOther']);
  evidence.addMoving('committed', movements, ['committedCents']);
  evidence.addMoving('settled', movements, ['settledCents']);
  evidence.addMoving('realised', movements, ['realisedCents']);
  // A quotient rests on the events of both its terms: the costs and the people (or outcomes).
  evidence.addMoving('costPerParticipant', movements, ['committedCents', 'participants']);
  evidence.addMoving('costPerPositiveOutcome', movements, ['committedCents', 'outcomesWork', 'outcomesEducation']);
  evidence.add('whoPaid', whoPaidEvidence(reader, movements, cut));
  return evidence.toJSON();
}
