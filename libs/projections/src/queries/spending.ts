// What a party's budgets spent, per fiscal year, by Iv3 taakveld and by kind: money leaving its
// budgets as grants and purchases, committed, realised and the obligo between them. Transfers
// between budgets move money; they are never spending.
import type { BudgetHeader } from '../folds/headers';
import { money } from '../model/money';
import type { ScopeRow } from '../engine/scopes';
import { Evidence, eventsMoving } from './evidence';
import { isSpendingKind, sumRows } from './figures';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export interface SpendingFigures {
  /** Everything awarded or ordered, paid or not. */
  readonly committed: string;
  /** Committed and not yet paid. */
  readonly obligo: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
}

export interface SpendingByKind extends SpendingFigures {
  readonly grants: SpendingFigures;
  readonly purchases: SpendingFigures;
}

export interface SpendingYear extends SpendingByKind {
  /** The fiscal year of the budgets charged (a payment counts for the year of its budget). */
  readonly year: number;
  readonly budgets: readonly string[];
  readonly byTaakveld: readonly (SpendingByKind & { readonly taakveld: string })[];
}

export interface PartySpending extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly SpendingYear[];
  /** By `<year>.<taakveld>.<grants|purchases>`: the events of each commitment counted there. */
  readonly evidence?: Record<string, unknown>;
}

export function partySpending(
  reader: LedgerReader,
  partyId: string,
  cut: Cut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): PartySpending | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const budgets = ownBudgets(reader, partyId, cut).filter((b) => options.year === undefined || b.fiscalYear === options.year);
  const rowsOf = new Map(budgets.map((b) => [b.budgetId, reader.scopeRows('budget', b.budgetId, cut).filter((r) => isSpendingKind(r.group.kind))]));
  const years = [...new Set([...budgets.map((b) => b.fiscalYear), ...(options.year === undefined ? [] : [options.year])])].sort((a, b) => a - b);
  return {
    partyId,
    name: party.name,
    kind: party.kind,
    years: years.map((year) => yearAnswer(year, budgets.filter((b) => b.fiscalYear === year), rowsOf)),
    ...answerCut(cut),
    ...(options.explain ? { evidence: spendingEvidence(reader, budgets, cut) } : {}),
  };
}

/** The budgets a party owns as the cut sees them. */
export function ownBudgets(reader: LedgerReader, partyId: string, cut: Cut): BudgetHeader[] {
  return reader.budgets(cut).filter((b) => b.ownerPartyId === partyId);
}

function yearAnswer(year: number, budgets: readonly BudgetHeader[], rowsOf: ReadonlyMap<string, ScopeRow[]>): SpendingYear {
  const rows = (of: readonly BudgetHeader[]) => of.flatMap((b) => rowsOf.get(b.budgetId) ?? []);
  const taakvelden = [...new Set(budgets.map((b) => b.taakveld))].sort(compareTaakveld);
  return {
    year,
    budgets: budgets.map((b) => b.budgetId).sort(),
    ...byKind(rows(budgets)),
    byTaakveld: taakvelden.map((taakveld) => ({ taakveld, ...byKind(rows(budgets.filter((b) => b.taakveld === taakveld))) })),
  };
}

function byKind(rows: readonly ScopeRow[]): SpendingByKind {
  return { ...figures(rows), grants: figures(rows.filter((r) => r.group.kind === 'grant')), purchases: figures(rows.filter((r) => r.group.kind === 'purchase')) };
}

function figures(rows: readonly ScopeRow[]): SpendingFigures {
  const { committedCents, realisedCents } = sumRows(rows).measures;
  return { committed: money(committedCents), obligo: money(committedCents - realisedCents), realised: money(realisedCents) };
}

/** Iv3 taakvelden in their own order: 6.4 before 6.71 before 6.81. */
export function compareTaakveld(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

function spendingEvidence(reader: LedgerReader, budgets: readonly BudgetHeader[], cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  for (const budget of budgets) {
    const movements = reader.movementsAt('budget', budget.budgetId, cut);
    for (const kind of ['grant', 'purchase'] as const) {
      const ofKind = movements.filter((m) => m.dims.kind === kind);
      const positions = eventsMoving(ofKind, ['committedCents', 'realisedCents', 'settledCents', 'entities']);
      if (positions.length > 0) evidence.add(`${budget.fiscalYear}.${budget.taakveld}.${kind}s`, positions);
    }
  }
  return evidence.toJSON();
}
