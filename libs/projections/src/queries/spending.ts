// A party's own view: what it spent per fiscal year (its lasten), by Iv3 taakveld and by kind of
// cost: grants, purchases, each kind of expense, and its contributions (bijdragen) to other
// parties, both as expenses and as transfers to budgets they own. Transfers between its own
// budgets move money; they are never lasten. A payment counts for the fiscal year of the budget
// it is charged to. See reports/own-books.ts for the rule, beside the consolidated view.
import type { BudgetHeader } from '../folds/headers';
import { money } from '../model/money';
import { SPENDING_KINDS, type SpendingKind } from '../model/movement';
import { ownBooks, ownBudgets, type LastenLine } from '../reports/own-books';
import { Evidence, eventsMoving } from './evidence';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export { ownBudgets } from '../reports/own-books';

export interface SpendingFigures {
  /** Everything awarded, ordered or committed, paid or not. */
  readonly committed: string;
  /** Committed and not yet paid. */
  readonly obligo: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
}

export interface SpendingByKind extends SpendingFigures {
  readonly grants: SpendingFigures;
  readonly purchases: SpendingFigures;
  /** Every kind of cost: grant, purchase, personnel, hired-staff, operating, wage-cost-subsidy, contribution, other. */
  readonly byKind: Readonly<Record<SpendingKind, SpendingFigures>>;
}

export interface Contribution {
  /** The party contributed to: the owner of the receiving budget, or the expense's payee. */
  readonly partyId: string | null;
  readonly name: string | null;
  /** `transfer`: moved to a budget of theirs; `expense`: paid as an expense of kind contribution. */
  readonly via: 'transfer' | 'expense';
  readonly budgetId: string;
  /** For a transfer: the receiving budget. */
  readonly toBudgetId: string | null;
  readonly committed: string;
  readonly realised: string;
}

export interface SpendingYear extends SpendingByKind {
  /** The fiscal year of the budgets charged (a payment counts for the year of its budget). */
  readonly year: number;
  readonly budgets: readonly string[];
  readonly byTaakveld: readonly (SpendingByKind & { readonly taakveld: string })[];
  /** The contributions among the lasten, one per budget and receiving party. */
  readonly contributions: readonly Contribution[];
  /** Moved between the party's own budgets of the year and others of its own: not lasten. */
  readonly betweenOwnBudgets: string;
}

export interface PartySpending extends AnswerCut {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  /** This is the party's own view: its lasten, contributions to others included. */
  readonly view: 'own';
  readonly rule: string;
  readonly years: readonly SpendingYear[];
  /** By `<year>.<taakveld>.<kind>`: the events of each figure counted there. */
  readonly evidence?: Record<string, unknown>;
}

export const OWN_VIEW_RULE =
  "The party's own lasten: what left the budgets it owns as grants, purchases and expenses, and what it moved to budgets " +
  'owned by other parties (shown as contributions, bijdragen). Transfers between its own budgets are not lasten. ' +
  'Programme cost, who paid and funding flows are consolidated: they trace transfers to the ultimate funders and never count them as cost.';

export function partySpending(
  reader: LedgerReader,
  partyId: string,
  cut: Cut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): PartySpending | undefined {
  const party = reader.party(partyId, cut);
  if (!party) return undefined;
  const budgets = ownBudgets(reader, partyId, cut).filter((b) => options.year === undefined || b.fiscalYear === options.year);
  const years = [...new Set([...budgets.map((b) => b.fiscalYear), ...(options.year === undefined ? [] : [options.year])])].sort((a, b) => a - b);
  return {
    partyId,
    name: party.name,
    kind: party.kind,
    view: 'own',
    rule: OWN_VIEW_RULE,
    years: years.map((year) => yearAnswer(reader, partyId, year, budgets.filter((b) => b.fiscalYear === year), cut)),
    ...answerCut(cut),
    ...(options.explain ? { evidence: spendingEvidence(reader, partyId, budgets, cut) } : {}),
  };
}

function yearAnswer(reader: LedgerReader, partyId: string, year: number, budgets: readonly BudgetHeader[], cut: Cut): SpendingYear {
  const books = ownBooks(reader, partyId, budgets, cut);
  const taakvelden = [...new Set(budgets.map((b) => b.taakveld))].sort(compareTaakveld);
  return {
    year,
    budgets: budgets.map((b) => b.budgetId).sort(),
    ...byKind(books.lasten),
    byTaakveld: taakvelden.map((taakveld) => ({ taakveld, ...byKind(books.lasten.filter((l) => l.budget.taakveld === taakveld)) })),
    contributions: contributions(reader, books.lasten, cut),
    betweenOwnBudgets: money(books.betweenOwnBudgetsCents),
  };
}

function byKind(lines: readonly LastenLine[]): SpendingByKind {
  const ofKind = (kind: SpendingKind) => figures(lines.filter((l) => l.kind === kind));
  return {
    ...figures(lines),
    grants: ofKind('grant'),
    purchases: ofKind('purchase'),
    byKind: Object.fromEntries(SPENDING_KINDS.map((kind) => [kind, ofKind(kind)])) as Record<SpendingKind, SpendingFigures>,
  };
}

function figures(lines: readonly LastenLine[]): SpendingFigures {
  let [committedCents, realisedCents] = [0, 0];
  for (const line of lines) {
    committedCents += line.committedCents;
    realisedCents += line.realisedCents;
  }
  return { committed: money(committedCents), obligo: money(committedCents - realisedCents), realised: money(realisedCents) };
}

/** The contributions, added up per budget, way and receiving party. */
function contributions(reader: LedgerReader, lines: readonly LastenLine[], cut: Cut): Contribution[] {
  const byKey = new Map<string, { line: LastenLine; committedCents: number; realisedCents: number }>();
  for (const line of lines.filter((l) => l.kind === 'contribution')) {
    const key = [line.budget.budgetId, line.via, line.counterpartyId, line.counterBudgetId].join('|');
    const sum = byKey.get(key) ?? { line, committedCents: 0, realisedCents: 0 };
    sum.committedCents += line.committedCents;
    sum.realisedCents += line.realisedCents;
    byKey.set(key, sum);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .filter(([, sum]) => sum.committedCents !== 0 || sum.realisedCents !== 0)
    .map(([, { line, committedCents, realisedCents }]) => ({
      partyId: line.counterpartyId,
      name: line.counterpartyId === null ? null : reader.partyName(line.counterpartyId, cut),
      via: line.via === 'transfer' ? ('transfer' as const) : ('expense' as const),
      budgetId: line.budget.budgetId,
      toBudgetId: line.counterBudgetId,
      committed: money(committedCents),
      realised: money(realisedCents),
    }));
}

/** Iv3 taakvelden in their own order: 6.4 before 6.71 before 6.81. */
export function compareTaakveld(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map((part) => parseInt(part, 10)), b.split('.').map((part) => parseInt(part, 10))];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function spendingEvidence(reader: LedgerReader, partyId: string, budgets: readonly BudgetHeader[], cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  for (const budget of budgets) {
    const movements = reader.movementsAt('budget', budget.budgetId, cut);
    for (const kind of SPENDING_KINDS) {
      const ofKind = movements.filter((m) => m.dims.kind === kind);
      const positions = eventsMoving(ofKind, ['committedCents', 'realisedCents', 'settledCents', 'entities']);
      if (positions.length > 0) evidence.add(`${budget.fiscalYear}.${budget.taakveld}.${kind === 'grant' || kind === 'purchase' ? `${kind}s` : kind}`, positions);
    }
    // A transfer counts as a contribution when the receiving budget is another party's.
    const out = movements.filter((m) => m.dims.kind === 'transfer-out' && reader.budget(m.dims.counterBudgetId ?? '', cut)?.ownerPartyId !== partyId);
    const positions = eventsMoving(out, ['transferredOutCents']);
    if (positions.length > 0) evidence.add(`${budget.fiscalYear}.${budget.taakveld}.contribution`, positions);
  }
  return evidence.toJSON();
}
