// Who paid: a budget is a pool. Its composition is what flowed in, by ultimate source: own means
// or an outside funder count for that funder, a transfer in counts for whatever composed the
// sending budget at that moment. An outflow is drawn from an inflow earmarked for its programme
// first, then from the rest pro rata; what it takes beyond what the pool holds is borne by the
// budget's owner and marked uncovered. A grant's reclaim flows back by what the grant drew.
// Pure: the read models fold these operations in business order and keep the state as JSON.
import { addInto, splitProRata, total, type Composition } from './split';

export interface Pool {
  readonly budgetId: string;
  ownerPartyId: string | null;
  /** Not earmarked: ultimate funder party → cents. */
  readonly general: Map<string, number>;
  /** Earmarked for a programme: programme → funder → cents. */
  readonly earmarked: Map<string, Map<string, number>>;
  /** What each grant drew, net of reclaims, by funder: a reclaim flows back the same way. */
  readonly grantNet: Map<string, Map<string, number>>;
}

export interface Draw {
  /** Funder → cents; adds up to the amount drawn exactly. */
  readonly byFunder: Map<string, number>;
  /** Of the amount, what no inflow covered: included in byFunder under the owner. */
  readonly uncoveredCents: number;
}

export function newPool(budgetId: string): Pool {
  return { budgetId, ownerPartyId: null, general: new Map(), earmarked: new Map(), grantNet: new Map() };
}

/** Money entering the pool: a funding (one funder) or a transfer in (the sender's composition). */
export function fill(pool: Pool, composition: Composition, earmarkProgrammeId?: string | null): void {
  addInto(earmarkProgrammeId ? mapIn(pool.earmarked, earmarkProgrammeId) : pool.general, composition);
}

/**
 * Money leaving the pool (a payment, a transfer out): the programme's earmark first, then the
 * general part pro rata to what each funder still has in it, by largest remainder.
 */
export function draw(pool: Pool, amountCents: number, programmeId?: string | null): Draw {
  const byFunder = new Map<string, number>();
  let remaining = amountCents;
  const earmark = programmeId ? pool.earmarked.get(programmeId) : undefined;
  for (const source of earmark ? [earmark, pool.general] : [pool.general]) {
    if (remaining <= 0) break;
    const available = positive(source);
    const take = Math.min(remaining, total(available));
    if (take <= 0) continue;
    const part = splitProRata(take, available);
    addInto(source, part, -1);
    addInto(byFunder, part);
    remaining -= take;
  }
  if (remaining > 0) addInto(byFunder, new Map([[ownerOf(pool), remaining]]));
  return { byFunder, uncoveredCents: Math.max(remaining, 0) };
}

/** A payment on a grant: drawn like any outflow, and remembered for a later reclaim. */
export function drawForGrant(pool: Pool, grantId: string, amountCents: number, programmeId?: string | null): Draw {
  const drawn = draw(pool, amountCents, programmeId);
  addInto(mapIn(pool.grantNet, grantId), drawn.byFunder);
  return drawn;
}

/**
 * Money coming back from a grant's recipient: split by what the grant drew (net of earlier
 * reclaims), back into the general part. Returns the composition that came back (positive).
 */
export function reclaim(pool: Pool, grantId: string, amountCents: number): Map<string, number> {
  const net = mapIn(pool.grantNet, grantId);
  const weights = positive(net);
  const back = splitProRata(amountCents, weights.size > 0 ? weights : new Map([[ownerOf(pool), 1]]));
  addInto(net, back, -1);
  addInto(pool.general, back);
  return back;
}

/** Everything the pool holds, earmarks included, by funder. */
export function composition(pool: Pool): Map<string, number> {
  const all = new Map(pool.general);
  for (const earmark of pool.earmarked.values()) addInto(all, earmark);
  return all;
}

function ownerOf(pool: Pool): string {
  return pool.ownerPartyId ?? `budget:${pool.budgetId}`;
}

function positive(source: Map<string, number>): Map<string, number> {
  return new Map([...source].filter(([, cents]) => cents > 0));
}

function mapIn(map: Map<string, Map<string, number>>, key: string): Map<string, number> {
  let value = map.get(key);
  if (!value) {
    value = new Map();
    map.set(key, value);
  }
  return value;
}

/** The pool as JSON (sorted, so equal pools give equal text: the read models' digest hashes it). */
export interface PoolJson {
  readonly budgetId: string;
  readonly ownerPartyId: string | null;
  readonly general: [string, number][];
  readonly earmarked: [string, [string, number][]][];
  readonly grantNet: [string, [string, number][]][];
}

export function poolToJson(pool: Pool): PoolJson {
  const entries = (map: Map<string, number>) => [...map].filter(([, c]) => c !== 0).sort(byKey);
  const nested = (map: Map<string, Map<string, number>>) =>
    [...map].map(([key, inner]): [string, [string, number][]] => [key, entries(inner)]).filter(([, inner]) => inner.length > 0).sort(byKey);
  return { budgetId: pool.budgetId, ownerPartyId: pool.ownerPartyId, general: entries(pool.general), earmarked: nested(pool.earmarked), grantNet: nested(pool.grantNet) };
}

export function poolFromJson(json: PoolJson): Pool {
  const nested = (list: [string, [string, number][]][]) => new Map(list.map(([key, inner]) => [key, new Map(inner)]));
  return { budgetId: json.budgetId, ownerPartyId: json.ownerPartyId, general: new Map(json.general), earmarked: nested(json.earmarked), grantNet: nested(json.grantNet) };
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
