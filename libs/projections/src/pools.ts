// Who paid. A budget is a pool; its composition is the sum of its inflows by ultimate source:
// own means or an outside funder count for that funder, a transfer in counts for whatever
// composed the sending budget at that moment. An outflow is attributed to its budget's
// composition pro rata, except that an inflow earmarked for a programme is drawn first by that
// programme's outflows. Transfers between budgets move composition, never count as cost.
// What a budget pays beyond what flowed into it is borne by its owner, and marked uncovered.
import type { Fact } from './facts';
import { addInto, splitProRata, total, type Composition } from './split';

export interface Attribution {
  readonly eventId: string;
  readonly budgetId: string;
  readonly programmeId: string | null;
  /** Cents; negative for money coming back (a reclaim). */
  readonly amount: number;
  /** Ultimate funder party → cents; adds up to `amount` exactly. */
  readonly byFunder: ReadonlyMap<string, number>;
  /** Of `amount`, what no inflow covered: borne by the budget's owner. */
  readonly uncovered: number;
}

export interface PoolState {
  readonly budgetId: string;
  readonly ownerPartyId: string | undefined;
  readonly general: Map<string, number>;
  readonly earmarked: Map<string, Map<string, number>>;
  /** Everything that flowed in, by ultimate funder (transfers in by their composition). */
  readonly inflowByFunder: Map<string, number>;
  /** The inflow events (fundings, transfers in): the evidence of the composition. */
  readonly inflows: Fact[];
}

export interface PoolFold {
  readonly pools: ReadonlyMap<string, PoolState>;
  /** Outflows (payments, reclaims) and transfers out, by event id. */
  readonly attributions: ReadonlyMap<string, Attribution>;
}

const OUTFLOWS = new Set(['GrantAdvancePaid', 'PurchasePaid']);

/** Folds the facts of a set of budgets, closed under transfers in, in business-time order. */
export function foldPools(facts: readonly Fact[]): PoolFold {
  const pools = new Map<string, PoolState>();
  const attributions = new Map<string, Attribution>();
  const inTransit = new Map<string, Composition>();
  const grantNet = new Map<string, Map<string, number>>();

  const pool = (budgetId: string): PoolState => {
    let state = pools.get(budgetId);
    if (!state) {
      state = { budgetId, ownerPartyId: undefined, general: new Map(), earmarked: new Map(), inflowByFunder: new Map(), inflows: [] };
      pools.set(budgetId, state);
    }
    return state;
  };
  const fill = (state: PoolState, composition: Composition, earmark: string | undefined) => {
    const target = earmark ? getOrCreate(state.earmarked, earmark) : state.general;
    addInto(target, composition);
    addInto(state.inflowByFunder, composition);
  };

  for (const fact of facts) {
    const d = fact.data;
    const budgetId = fact.budgetId;
    if (!budgetId) continue;
    switch (fact.type) {
      case 'BudgetOpened':
        pools.set(budgetId, { ...pool(budgetId), ownerPartyId: String(d.ownerPartyId) });
        break;
      case 'BudgetFunded':
        fill(pool(budgetId), new Map([[String(d.funderPartyId), Number(d.amountCents)]]), optional(d.earmarkProgrammeId));
        pool(budgetId).inflows.push(fact);
        break;
      case 'BudgetTransferredOut': {
        const state = pool(budgetId);
        const drawn = draw(state, Number(d.amountCents), optional(d.earmarkProgrammeId));
        inTransit.set(`${budgetId}/${String(d.transferId)}`, drawn.byFunder);
        attributions.set(fact.eventId, { eventId: fact.eventId, budgetId, programmeId: optional(d.earmarkProgrammeId) ?? null, amount: Number(d.amountCents), ...drawn });
        break;
      }
      case 'BudgetTransferredIn': {
        const composition = inTransit.get(`${String(d.fromBudgetId)}/${String(d.transferId)}`);
        // A sender outside the facts folded (it should not happen: callers close the set).
        fill(pool(budgetId), composition ?? new Map([[`budget:${String(d.fromBudgetId)}`, Number(d.amountCents)]]), optional(d.earmarkProgrammeId));
        pool(budgetId).inflows.push(fact);
        break;
      }
      case 'GrantReclaimed': {
        const grantId = String(d.grantId);
        const net = grantNet.get(grantId) ?? new Map<string, number>();
        const back = splitProRata(Number(d.amountCents), net.size > 0 ? net : new Map([[pool(budgetId).ownerPartyId ?? budgetId, 1]]));
        addInto(net, back, -1);
        grantNet.set(grantId, net);
        addInto(pool(budgetId).general, back);
        attributions.set(fact.eventId, {
          eventId: fact.eventId,
          budgetId,
          programmeId: fact.programmeId,
          amount: -Number(d.amountCents),
          byFunder: negate(back),
          uncovered: 0,
        });
        break;
      }
      default:
        if (OUTFLOWS.has(fact.type)) {
          const drawn = draw(pool(budgetId), Number(d.amountCents), fact.programmeId ?? undefined);
          attributions.set(fact.eventId, { eventId: fact.eventId, budgetId, programmeId: fact.programmeId, amount: Number(d.amountCents), ...drawn });
          if (fact.type === 'GrantAdvancePaid') addInto(getOrCreate(grantNet, String(d.grantId)), drawn.byFunder);
        }
    }
  }
  return { pools, attributions };
}

function draw(state: PoolState, amount: number, programmeId: string | undefined): { byFunder: Map<string, number>; uncovered: number } {
  const byFunder = new Map<string, number>();
  let remaining = amount;
  const earmark = programmeId ? state.earmarked.get(programmeId) : undefined;
  for (const source of earmark ? [earmark, state.general] : [state.general]) {
    if (remaining <= 0) break;
    const available = positive(source);
    const take = Math.min(remaining, total(available));
    if (take <= 0) continue;
    const part = splitProRata(take, available);
    addInto(source, part, -1);
    addInto(byFunder, part);
    remaining -= take;
  }
  const uncovered = remaining;
  if (uncovered > 0) addInto(byFunder, new Map([[state.ownerPartyId ?? `budget:${state.budgetId}`, uncovered]]));
  return { byFunder, uncovered };
}

function positive(composition: Map<string, number>): Map<string, number> {
  return new Map([...composition].filter(([, cents]) => cents > 0));
}

function negate(composition: Composition): Map<string, number> {
  return new Map([...composition].map(([key, cents]) => [key, -cents]));
}

function optional(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function getOrCreate<K, V>(map: Map<K, Map<string, V>>, key: K): Map<string, V> {
  let value = map.get(key);
  if (!value) {
    value = new Map();
    map.set(key, value);
  }
  return value;
}
