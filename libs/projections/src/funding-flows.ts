// The money between parties as a graph for a Sankey diagram: funders into budgets (fundings),
// budgets into budgets (transfers), budgets out to the parties paid (grants and purchases, net of
// reclaims). Budgets are the intermediate nodes, so money that passes through a joint
// arrangement's budget is drawn once in and once out, never counted twice.
import { visible } from './cut';
import { Evidence } from './evidence';
import type { Fact } from './facts';
import { money } from './money';
import type { LedgerReader, ResolvedCut } from './reader';

export type FlowKind = 'funding' | 'transfer' | 'grant' | 'purchase';

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

export interface FundingFlows {
  /** The budgets' fiscal year the flows belong to; null for every year. */
  readonly year: number | null;
  readonly nodes: readonly (PartyNode | BudgetNode)[];
  readonly edges: readonly FlowEdge[];
  readonly totals: Readonly<Record<FlowKind, string>>;
  readonly asOf: string | null;
  readonly on: string | null;
  readonly journal: ResolvedCut['journal'];
  /** By `<kind>:<from>-><to>`: the events each edge adds up. */
  readonly evidence?: Record<string, unknown>;
}

interface EdgeSum {
  readonly from: string;
  readonly to: string;
  readonly kind: FlowKind;
  cents: number;
}

const FLOW_TYPES = [
  'BudgetOpened', 'BudgetFunded', 'BudgetTransferredOut',
  'GrantAdvancePaid', 'GrantReclaimed', 'PurchasePaid', 'EntryReversed',
];

export function fundingFlows(
  reader: LedgerReader,
  cut: ResolvedCut,
  options: { readonly year?: number; readonly explain?: boolean } = {},
): FundingFlows {
  const facts = visible(FLOW_TYPES.flatMap((type) => reader.factsOfType(type)), cut);
  // The register by knowledge time alone, as `knownParty` reads it.
  const register = visible([...reader.factsOfType('PartyRegistered'), ...reader.factsOfType('EntryReversed')], { position: cut.position });
  const parties = new Map(register.filter((f) => f.type === 'PartyRegistered').map((f) => [String(f.data.partyId), f]));
  const budgets = new Map(facts.filter((f) => f.type === 'BudgetOpened' && f.budgetId !== null).map((f) => [f.budgetId!, f]));
  const inYear = (budgetId: unknown) => options.year === undefined || budgets.get(String(budgetId))?.data.fiscalYear === options.year;

  const evidence = new Evidence();
  const sums = new Map<string, EdgeSum>();
  const add = (from: string, to: string, kind: FlowKind, cents: number, fact: Fact) => {
    const key = `${kind}:${from}->${to}`;
    const sum = sums.get(key) ?? { from, to, kind, cents: 0 };
    sum.cents += cents;
    sums.set(key, sum);
    evidence.add(key, fact);
  };
  for (const fact of facts) {
    const d = fact.data;
    const amount = Number(d.amountCents);
    if (fact.type === 'BudgetFunded' && inYear(d.budgetId)) {
      add(`party:${String(d.funderPartyId)}`, `budget:${String(d.budgetId)}`, 'funding', amount, fact);
    } else if (fact.type === 'BudgetTransferredOut' && (inYear(d.budgetId) || inYear(d.toBudgetId))) {
      add(`budget:${String(d.budgetId)}`, `budget:${String(d.toBudgetId)}`, 'transfer', amount, fact);
    } else if ((fact.type === 'GrantAdvancePaid' || fact.type === 'GrantReclaimed') && inYear(d.budgetId)) {
      const sign = fact.type === 'GrantReclaimed' ? -1 : 1;
      add(`budget:${String(d.budgetId)}`, `party:${String(d.recipientPartyId)}`, 'grant', sign * amount, fact);
    } else if (fact.type === 'PurchasePaid' && inYear(d.budgetId)) {
      add(`budget:${String(d.budgetId)}`, `party:${String(d.supplierPartyId)}`, 'purchase', amount, fact);
    }
  }

  const kept = [...sums.entries()].filter(([, sum]) => sum.cents > 0).sort(([a], [b]) => (a < b ? -1 : 1));
  const totals: Record<FlowKind, number> = { funding: 0, transfer: 0, grant: 0, purchase: 0 };
  for (const [, sum] of kept) totals[sum.kind] += sum.cents;
  const nodeIds = [...new Set(kept.flatMap(([, sum]) => [sum.from, sum.to]))].sort();
  return {
    year: options.year ?? null,
    nodes: nodeIds.map((id) => node(id, parties, budgets)),
    edges: kept.map(([, sum]) => ({ from: sum.from, to: sum.to, kind: sum.kind, amount: money(sum.cents) })),
    totals: { funding: money(totals.funding), transfer: money(totals.transfer), grant: money(totals.grant), purchase: money(totals.purchase) },
    asOf: cut.asOf,
    on: cut.on ?? null,
    journal: cut.journal,
    ...(options.explain ? { evidence: onlyKept(evidence.toJSON(), kept.map(([key]) => key)) } : {}),
  };
}

/** A node as the cut knows it: a party or budget not yet recorded then has no name. */
function node(id: string, parties: ReadonlyMap<string, Fact>, budgets: ReadonlyMap<string, Fact>): PartyNode | BudgetNode {
  const [type, key] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
  if (type === 'party') {
    const registered = parties.get(key)?.data;
    return { id, type: 'party', partyId: key, name: registered ? String(registered.name) : null, kind: registered ? String(registered.kind) : null };
  }
  const opened = budgets.get(key)?.data;
  return {
    id,
    type: 'budget',
    budgetId: key,
    name: opened ? String(opened.name) : null,
    ownerPartyId: opened ? String(opened.ownerPartyId) : null,
    fiscalYear: opened ? Number(opened.fiscalYear) : null,
    taakveld: opened ? String(opened.taakveld) : null,
  };
}

function onlyKept(evidence: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, evidence[key]]));
}
