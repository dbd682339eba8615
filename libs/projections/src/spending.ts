// What a party's budgets spent, per fiscal year, by Iv3 taakveld and by kind: money leaving its
// budgets as grant and purchase payments (realised) and what is committed and not yet paid
// (obligo). Transfers between budgets move money; they are never spending.
import { committedCents, foldCommitments, type Commitment } from './commitments';
import { visible } from './cut';
import { Evidence } from './evidence';
import { knownParty } from './known-party';
import type { Fact } from './facts';
import { money } from './money';
import type { LedgerReader, ResolvedCut } from './reader';

export interface SpendingFigures {
  /** Obligo: awarded or ordered, not yet paid. */
  readonly committed: string;
  /** Paid, net of reclaims. */
  readonly realised: string;
  /** committed + realised: what the year's spending comes to when all is paid. */
  readonly total: string;
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

export interface PartySpending {
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
  readonly years: readonly SpendingYear[];
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  /** By `<year>.<taakveld>.<grants|purchases>`: the events of each commitment counted there. */
  readonly evidence?: Record<string, unknown>;
}

interface Sums {
  committed: number;
  realised: number;
}

type KindSums = Record<Commitment['kind'], Sums>;

interface BudgetInfo {
  readonly fiscalYear: number;
  readonly taakveld: string;
}

const SPENDING = new Set([
  'GrantAwarded', 'GrantAdvancePaid', 'GrantSettled', 'GrantReclaimed', 'GrantWithdrawn',
  'TrajectoriesPurchased', 'PurchasePaid', 'PurchaseCancelled',
]);

export function partySpending(
  reader: LedgerReader,
  partyId: string,
  cut: ResolvedCut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): PartySpending | undefined {
  const registered = knownParty(reader, partyId, cut);
  if (!registered) return undefined;
  const facts = visible(reader.factsOfBudgets(reader.budgetsOwnedBy(partyId)), cut);
  const budgets = ownBudgets(facts, partyId, options.year);
  const evidence = new Evidence();
  // year → taakveld → kind → sums
  const years = new Map<number, Map<string, KindSums>>();
  for (const info of budgets.values()) taakveldSums(years, info);
  if (options.year !== undefined && !years.has(options.year)) years.set(options.year, new Map());

  const commitments = foldCommitments(facts, ({ fact, commitment }) => {
    const info = commitment.budgetId ? budgets.get(commitment.budgetId) : undefined;
    if (info && SPENDING.has(fact.type)) evidence.add(`${info.fiscalYear}.${info.taakveld}.${commitment.kind}s`, fact);
  });
  for (const commitment of commitments.values()) {
    const info = commitment.budgetId ? budgets.get(commitment.budgetId) : undefined;
    if (!info) continue;
    const sums = taakveldSums(years, info)[commitment.kind];
    sums.committed += committedCents(commitment) - commitment.paidCents;
    sums.realised += commitment.paidCents;
  }

  return {
    partyId,
    name: typeof registered.data.name === 'string' ? registered.data.name : null,
    kind: typeof registered.data.kind === 'string' ? registered.data.kind : null,
    years: [...years].sort(([a], [b]) => a - b).map(([year, byTaakveld]) => yearAnswer(year, byTaakveld, budgets)),
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(options.explain ? { evidence: evidence.toJSON() } : {}),
  };
}

/** The budgets the party owns as the cut sees them, of the year asked or all. */
function ownBudgets(facts: readonly Fact[], partyId: string, year: number | undefined): Map<string, BudgetInfo> {
  const budgets = new Map<string, BudgetInfo>();
  for (const fact of facts) {
    if (fact.type !== 'BudgetOpened' || fact.data.ownerPartyId !== partyId || fact.budgetId === null) continue;
    const fiscalYear = Number(fact.data.fiscalYear);
    if (year === undefined || fiscalYear === year) budgets.set(fact.budgetId, { fiscalYear, taakveld: String(fact.data.taakveld) });
  }
  return budgets;
}

function taakveldSums(years: Map<number, Map<string, KindSums>>, info: BudgetInfo): KindSums {
  let byTaakveld = years.get(info.fiscalYear);
  if (!byTaakveld) {
    byTaakveld = new Map();
    years.set(info.fiscalYear, byTaakveld);
  }
  let sums = byTaakveld.get(info.taakveld);
  if (!sums) {
    sums = { grant: { committed: 0, realised: 0 }, purchase: { committed: 0, realised: 0 } };
    byTaakveld.set(info.taakveld, sums);
  }
  return sums;
}

function yearAnswer(year: number, byTaakveld: ReadonlyMap<string, KindSums>, budgets: ReadonlyMap<string, BudgetInfo>): SpendingYear {
  const all: KindSums = { grant: { committed: 0, realised: 0 }, purchase: { committed: 0, realised: 0 } };
  for (const sums of byTaakveld.values()) {
    for (const kind of ['grant', 'purchase'] as const) {
      all[kind].committed += sums[kind].committed;
      all[kind].realised += sums[kind].realised;
    }
  }
  return {
    year,
    budgets: [...budgets].filter(([, info]) => info.fiscalYear === year).map(([id]) => id).sort(),
    ...byKind(all),
    byTaakveld: [...byTaakveld]
      .sort(([a], [b]) => compareTaakveld(a, b))
      .map(([taakveld, sums]) => ({ taakveld, ...byKind(sums) })),
  };
}

function byKind(sums: KindSums): SpendingByKind {
  const committed = sums.grant.committed + sums.purchase.committed;
  const realised = sums.grant.realised + sums.purchase.realised;
  return { ...figures({ committed, realised }), grants: figures(sums.grant), purchases: figures(sums.purchase) };
}

function figures(sums: Sums): SpendingFigures {
  return { committed: money(sums.committed), realised: money(sums.realised), total: money(sums.committed + sums.realised) };
}

/** Iv3 taakvelden in their own order: 6.4 before 6.71 before 6.81. */
function compareTaakveld(a: string, b: string): number {
  const [pa, pb] = [a.split('.').map(Number), b.split('.').map(Number)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}
