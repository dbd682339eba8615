// What a programme cost, what it will still cost, who paid, how many took part, and what it
// cost per participant against its norm band; every figure with the events behind it.
import type { Cut } from './cut';
import { visible } from './cut';
import { Evidence } from './evidence';
import type { Fact } from './facts';
import { divideCents, money } from './money';
import type { LedgerReader, ResolvedCut } from './reader';
import { addInto, splitProRata } from './split';

export interface PartyAmount {
  readonly partyId: string;
  readonly name: string | null;
  readonly amount: string;
  /** Percentage of the total with two decimals; the shares add up to 100.00 exactly. */
  readonly share: string;
}

export interface DirectPayer {
  readonly partyId: string;
  readonly name: string | null;
  readonly budgetId: string;
  readonly committed: string;
  readonly realised: string;
  /** What this budget paid, by ultimate funder: adds up to `realised` (a funding-flow diagram's links). */
  readonly funders: readonly PartyAmount[];
}

export interface ProgrammeCost {
  readonly programmeId: string;
  readonly name: string | null;
  readonly ownerPartyId: string | null;
  readonly status: 'running' | 'ended' | 'unknown';
  readonly launchedOn: string | null;
  readonly endedOn: string | null;
  readonly continued: boolean | null;
  readonly endReason: string | null;
  readonly committed: string;
  readonly realised: string;
  readonly stillToPay: string;
  readonly settled: string;
  readonly byKind: {
    readonly grants: { readonly count: number; readonly committed: string; readonly realised: string; readonly settled: string };
    readonly purchases: { readonly count: number; readonly trajectories: number; readonly committed: string; readonly realised: string };
  };
  readonly participants: number;
  readonly outcomes: Readonly<Record<string, number>>;
  readonly positiveOutcomes: number;
  readonly costPerParticipant: string | null;
  readonly costPerPositiveOutcome: string | null;
  readonly normBand: { readonly min: string; readonly max: string } | null;
  readonly againstNorm: 'below' | 'within' | 'above' | null;
  readonly whoPaid: {
    /** Realised, split by who paid it: adds up to `realised` exactly. */
    readonly total: string;
    readonly directPayers: readonly DirectPayer[];
    readonly ultimateFunders: readonly PartyAmount[];
    /** Paid beyond what flowed into the budgets: borne by their owners (included above). */
    readonly uncovered: string;
  };
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  readonly evidence?: Record<string, unknown>;
}

interface GrantFigures {
  awarded: number;
  settled?: number;
  withdrawn: boolean;
  paid: number;
  budgetId: string;
}

interface PurchaseFigures {
  total: number;
  count: number;
  cancelled: boolean;
  paid: number;
  budgetId: string;
}

const POSITIVE_OUTCOMES = new Set(['work', 'education']);

export function programmeCost(reader: LedgerReader, programmeId: string, cut: ResolvedCut, explain = false): ProgrammeCost | undefined {
  const all = reader.factsOfProgramme(programmeId);
  const facts = visible(all, cut);
  const launched = facts.find((f) => f.type === 'ProgrammeLaunched' && f.streamId === `programme-${programmeId}`);
  if (!launched) return undefined;
  const evidence = new Evidence();
  evidence.add('programme', launched);

  const grants = new Map<string, GrantFigures>();
  const purchases = new Map<string, PurchaseFigures>();
  let participants = 0;
  const outcomes: Record<string, number> = {};
  let ended: Fact | undefined;
  const payments: Fact[] = [];

  for (const fact of facts) {
    const d = fact.data;
    switch (fact.type) {
      case 'ParticipantsEnrolled':
        participants += Number(d.count);
        evidence.add('participants', fact);
        break;
      case 'OutcomesRecorded':
        outcomes[String(d.kind)] = (outcomes[String(d.kind)] ?? 0) + Number(d.count);
        evidence.add('outcomes', fact);
        break;
      case 'ProgrammeEnded':
        ended = fact;
        evidence.add('status', fact);
        break;
      case 'GrantAwarded':
        grants.set(String(d.grantId), { awarded: Number(d.amountCents), withdrawn: false, paid: 0, budgetId: String(d.budgetId) });
        evidence.add('committed', fact);
        break;
      case 'GrantSettled': {
        const grant = grants.get(String(d.grantId));
        if (grant) grant.settled = Number(d.settledAmountCents);
        evidence.add('committed', fact);
        evidence.add('settled', fact);
        break;
      }
      case 'GrantWithdrawn': {
        const grant = grants.get(String(d.grantId));
        if (grant) grant.withdrawn = true;
        evidence.add('committed', fact);
        break;
      }
      case 'GrantAdvancePaid':
      case 'GrantReclaimed': {
        const grant = grants.get(String(d.grantId));
        const sign = fact.type === 'GrantReclaimed' ? -1 : 1;
        if (grant) grant.paid += sign * Number(d.amountCents);
        payments.push(fact);
        evidence.add('realised', fact);
        break;
      }
      case 'TrajectoriesPurchased':
        purchases.set(String(d.purchaseId), {
          total: Number(d.totalCents),
          count: Number(d.count),
          cancelled: false,
          paid: 0,
          budgetId: String(d.budgetId),
        });
        evidence.add('committed', fact);
        break;
      case 'PurchaseCancelled': {
        const purchase = purchases.get(String(d.purchaseId));
        if (purchase) purchase.cancelled = true;
        evidence.add('committed', fact);
        break;
      }
      case 'PurchasePaid': {
        const purchase = purchases.get(String(d.purchaseId));
        if (purchase) purchase.paid += Number(d.amountCents);
        payments.push(fact);
        evidence.add('realised', fact);
        break;
      }
    }
  }

  // A grant commits its settled amount once settled, nothing more once withdrawn (what was paid
  // stays spent until reclaimed); a purchase commits count × price until cancelled.
  const grantCommitted = (g: GrantFigures) => (g.withdrawn ? Math.max(g.paid, 0) : Math.max(g.settled ?? g.awarded, g.paid));
  const purchaseCommitted = (p: PurchaseFigures) => (p.cancelled ? p.paid : Math.max(p.total, p.paid));
  const sum = <T>(items: Iterable<T>, f: (item: T) => number) => [...items].reduce((acc, item) => acc + f(item), 0);

  const grantsCommitted = sum(grants.values(), grantCommitted);
  const grantsRealised = sum(grants.values(), (g) => g.paid);
  const grantsSettled = sum(grants.values(), (g) => g.settled ?? 0);
  const purchasesCommitted = sum(purchases.values(), purchaseCommitted);
  const purchasesRealised = sum(purchases.values(), (p) => p.paid);
  const committed = grantsCommitted + purchasesCommitted;
  const realised = grantsRealised + purchasesRealised;

  // Who paid: each payment attributed through its budget's pool to the ultimate funders.
  const budgets = new Set([...grants.values(), ...purchases.values()].map((x) => x.budgetId));
  const fold = reader.pools(budgets, cut as Cut);
  const byFunder = new Map<string, number>();
  const byBudgetFunder = new Map<string, Map<string, number>>();
  let uncovered = 0;
  for (const payment of payments) {
    const attribution = fold.attributions.get(payment.eventId);
    if (!attribution) continue;
    addInto(byFunder, attribution.byFunder);
    if (!byBudgetFunder.has(attribution.budgetId)) byBudgetFunder.set(attribution.budgetId, new Map());
    addInto(byBudgetFunder.get(attribution.budgetId)!, attribution.byFunder);
    uncovered += attribution.uncovered;
    evidence.add('whoPaid', payment);
  }
  for (const pool of fold.pools.values()) evidence.add('whoPaid', ...pool.inflows);

  const direct = new Map<string, { committed: number; realised: number }>();
  for (const g of grants.values()) addDirect(direct, g.budgetId, grantCommitted(g), g.paid);
  for (const p of purchases.values()) addDirect(direct, p.budgetId, purchaseCommitted(p), p.paid);

  const normBand = launched.data.normBand as { minCents: number; maxCents: number } | undefined;
  const perParticipant = divideCents(committed, participants);
  const positiveOutcomes = sum(Object.entries(outcomes), ([kind, count]) => (POSITIVE_OUTCOMES.has(kind) ? count : 0));
  const perOutcome = divideCents(committed, positiveOutcomes);
  if (perParticipant !== undefined) evidence.add('costPerParticipant', ...facts.filter((f) => f.type === 'ParticipantsEnrolled'));

  return {
    programmeId,
    name: typeof launched.data.name === 'string' ? launched.data.name : null,
    ownerPartyId: typeof launched.data.ownerPartyId === 'string' ? launched.data.ownerPartyId : null,
    status: ended ? 'ended' : 'running',
    launchedOn: launched.effectiveDate,
    endedOn: ended?.effectiveDate ?? null,
    continued: ended ? Boolean(ended.data.continued) : null,
    endReason: ended ? String(ended.data.reason) : null,
    committed: money(committed),
    realised: money(realised),
    stillToPay: money(Math.max(committed - realised, 0)),
    settled: money(grantsSettled),
    byKind: {
      grants: { count: grants.size, committed: money(grantsCommitted), realised: money(grantsRealised), settled: money(grantsSettled) },
      purchases: {
        count: purchases.size,
        trajectories: sum([...purchases.values()].filter((p) => !p.cancelled), (p) => p.count),
        committed: money(purchasesCommitted),
        realised: money(purchasesRealised),
      },
    },
    participants,
    outcomes,
    positiveOutcomes,
    costPerParticipant: perParticipant === undefined ? null : money(perParticipant),
    costPerPositiveOutcome: perOutcome === undefined ? null : money(perOutcome),
    normBand: normBand ? { min: money(normBand.minCents), max: money(normBand.maxCents) } : null,
    againstNorm:
      normBand && perParticipant !== undefined
        ? perParticipant > normBand.maxCents
          ? 'above'
          : perParticipant < normBand.minCents
            ? 'below'
            : 'within'
        : null,
    whoPaid: {
      total: money(realised),
      directPayers: [...direct].map(([budgetId, amounts]) => {
        const owner = fold.pools.get(budgetId)?.ownerPartyId ?? budgetId;
        return {
          partyId: owner,
          name: reader.partyName(owner) ?? null,
          budgetId,
          committed: money(amounts.committed),
          realised: money(amounts.realised),
          funders: partyAmounts(reader, byBudgetFunder.get(budgetId) ?? new Map()),
        };
      }),
      ultimateFunders: partyAmounts(reader, byFunder),
      uncovered: money(uncovered),
    },
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(explain ? { evidence: evidence.toJSON() } : {}),
  };
}

function addDirect(direct: Map<string, { committed: number; realised: number }>, budgetId: string, committed: number, realised: number): void {
  const current = direct.get(budgetId) ?? { committed: 0, realised: 0 };
  direct.set(budgetId, { committed: current.committed + committed, realised: current.realised + realised });
}

/** Amounts by party, largest first, with shares in hundredths of a percent by largest remainder. */
export function partyAmounts(reader: LedgerReader, amounts: ReadonlyMap<string, number>): PartyAmount[] {
  const positive = new Map([...amounts].filter(([, cents]) => cents !== 0));
  const shares = splitProRata(10_000, new Map([...positive].filter(([, c]) => c > 0)));
  return [...positive]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([partyId, cents]) => ({
      partyId,
      name: reader.partyName(partyId) ?? null,
      amount: money(cents),
      share: money(shares.get(partyId) ?? 0),
    }));
}
