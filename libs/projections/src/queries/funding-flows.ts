// The money between parties as a graph for a Sankey diagram: funders into budgets (fundings),
// budgets into budgets (transfers), budgets out to the parties paid (grants, purchases and
// expenses, net of reclaims). Budgets are the intermediate nodes, so money that passes through a
// joint arrangement's budget is drawn once in and once out, never counted twice. What a budget
// pays its own owner (own staff's salaries) stays within that party: no flow between parties.
import type { BudgetHeader } from '../folds/headers';
import { money } from '../model/money';
import { isSpendingKind, type Movement } from '../model/movement';
import { Evidence, eventsMoving } from './evidence';
import { answerCut, type AnswerCut, type Cut, type LedgerReader } from './reader';

export type FlowKind = 'funding' | 'transfer' | 'grant' | 'purchase' | 'expense';

export interface PartyNode {
  /** `party:<partyId>`: party and budget ids are separate namespaces. */
  readonly id: string;
  readonly type: 'party';
  readonly partyId: string;
  readonly name: string | null;
  readonly kind: string | null;
}

export interface BudgetNode {
  /** `budget:<budgetId>`. */
  readonly id: string;
  readonly type: 'budget';
  readonly budgetId: string;
  readonly name: string | null;
  readonly ownerPartyId: string | null;
  readonly fiscalYear: number | null;
  readonly taakveld: string | null;
}

export interface FlowEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowKind;
  /** Positive; a flow netted to nothing (a grant reclaimed in full) is left out. */
  readonly amount: string;
}

export interface FundingFlows extends AnswerCut {
  /** The budgets' fiscal year the flows belong to; null for every year. */
  readonly year: number | null;
  readonly nodes: readonly (PartyNode | BudgetNode)[];
  readonly edges: readonly FlowEdge[];
  readonly totals: Readonly<Record<FlowKind, string>>;
  /** By `<kind>:<from>-><to>`: the events each edge adds up. */
  readonly evidence?: Record<string, unknown>;
}

interface EdgeSum {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowKind;
  cents: number;
}

/** Which rows of a budget make which edge, and by how much. */
function edgesOf(
  budget: { readonly budgetId: string; readonly ownerPartyId: string | null },
  row: { group: Record<string, unknown>; measures: Record<string, number> },
): [from: string, to: string, kind: FlowKind, cents: number] | undefined {
  const { budgetId } = budget;
  const { kind, party_id: party, counter_budget_id: counter } = row.group as { kind: string; party_id: string; counter_budget_id: string };
  if (isSpendingKind(kind) && kind !== 'grant' && kind !== 'purchase') {
    return party && party !== budget.ownerPartyId ? [`budget:${budgetId}`, `party:${party}`, 'expense', row.measures.realisedCents] : undefined;
  }
  switch (kind) {
    case 'funding':
      return [`party:${party}`, `budget:${budgetId}`, 'funding', row.measures.fundedCents];
    case 'transfer-out':
      return [`budget:${budgetId}`, `budget:${counter}`, 'transfer', row.measures.transferredOutCents];
    case 'grant':
    case 'purchase':
      return [`budget:${budgetId}`, `party:${party}`, kind, row.measures.realisedCents];
    default:
      return undefined;
  }
}

export function fundingFlows(reader: LedgerReader, cut: Cut, options: { readonly year?: number; readonly explain?: boolean } = {}): FundingFlows {
  const budgets = new Map(reader.budgets(cut).map((b) => [b.budgetId, b]));
  const inYear = (budgetId: string) => options.year === undefined || budgets.get(budgetId)?.fiscalYear === options.year;
  const sums = new Map<string, EdgeSum>();
  for (const [budgetId, budget] of budgets) {
    for (const row of reader.scopeRows('budget', budgetId, cut)) {
      const edge = edgesOf(budget, row);
      if (!edge) continue;
      const [from, to, kind, cents] = edge;
      if (!inYear(budgetId) && !(kind === 'transfer' && inYear(to.slice('budget:'.length)))) continue;
      const key = `${kind}:${from}->${to}`;
      const sum = sums.get(key) ?? { from, to, kind, cents: 0 };
      sum.cents += cents;
      sums.set(key, sum);
    }
  }
  const kept = [...sums.entries()].filter(([, sum]) => sum.cents > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const totals: Record<FlowKind, number> = { funding: 0, transfer: 0, grant: 0, purchase: 0, expense: 0 };
  for (const [, sum] of kept) totals[sum.kind] += sum.cents;
  const nodeIds = [...new Set(kept.flatMap(([, sum]) => [sum.from, sum.to]))].sort();
  return {
    year: options.year ?? null,
    nodes: nodeIds.map((id) => node(reader, id, budgets, cut)),
    edges: kept.map(([, sum]) => ({ from: sum.from, to: sum.to, kind: sum.kind, amount: money(sum.cents) })),
    totals: { funding: money(totals.funding), transfer: money(totals.transfer), grant: money(totals.grant), purchase: money(totals.purchase), expense: money(totals.expense) },
    ...answerCut(cut),
    ...(options.explain ? { evidence: flowEvidence(reader, kept.map(([key]) => key), budgets, cut) } : {}),
  };
}

/** A node as the cut knows it: a party or budget not yet recorded then has no name. */
function node(reader: LedgerReader, id: string, budgets: ReadonlyMap<string, BudgetHeader>, cut: Cut): PartyNode | BudgetNode {
  const [type, key] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (type === 'party') {
    const party = reader.party(key, cut);
    return { id, type: 'party', partyId: key, name: party?.name ?? null, kind: party?.kind || null };
  }
  const budget = budgets.get(key);
  return {
    id,
    type: 'budget',
    budgetId: key,
    name: budget?.name ?? null,
    ownerPartyId: budget?.ownerPartyId ?? null,
    fiscalYear: budget?.fiscalYear ?? null,
    taakveld: budget?.taakveld ?? null,
  };
}

function flowEvidence(reader: LedgerReader, keys: readonly string[], budgets: ReadonlyMap<string, BudgetHeader>, cut: Cut): Record<string, unknown> {
  const evidence = new Evidence(reader, cut);
  const wanted = new Set(keys);
  // The budget whose rows make each edge: the one receiving a funding, the one paying otherwise.
  const budgetIds = new Set(keys.map((key) => key.slice(key.indexOf('budget:') + 'budget:'.length).split('->')[0]));
  for (const budgetId of budgetIds) {
    const byEdge = new Map<string, Movement[]>();
    for (const movement of reader.movementsAt('budget', budgetId, cut)) {
      const { kind, partyId, counterBudgetId } = movement.dims;
      const edge = edgesOf({ budgetId, ownerPartyId: budgets.get(budgetId)?.ownerPartyId ?? null }, { group: { kind, party_id: partyId ?? '', counter_budget_id: counterBudgetId ?? '' }, measures: {} });
      const key = edge ? `${edge[2]}:${edge[0]}->${edge[1]}` : undefined;
      if (key && wanted.has(key)) byEdge.set(key, [...(byEdge.get(key) ?? []), movement]);
    }
    for (const [key, movements] of byEdge) evidence.add(key, eventsMoving(movements, ['fundedCents', 'transferredOutCents', 'realisedCents']));
  }
  return evidence.toJSON();
}
