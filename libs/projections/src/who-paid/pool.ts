// Who paid: a budget is a pool. Its composition is what flowed in, by ultimate source: own means
// or an outside funder count for that funder, a transfer in counts for whatever composed the
// sending budget at that moment. An outflow is drawn from an inflow earmarked for its programme
// first, then from the rest pro rata; what it takes beyond what the pool holds is borne by the
// budget's owner and marked uncovered. A grant's reclaim flows back by what the grant drew.
// Pure: the read models fold these operations in business order and keep the state as JSON.
//
// Each part of the pool (the general part, each earmark) keeps the composition it had when money
// last came in and how much was drawn from it since, not what each funder has left: a draw takes
// the largest-remainder shares of everything drawn since, less those of what was drawn before it.
// Rounding each draw by itself rounds them all the same way, a cent at a time: 10,000 payments of
// 12,34 from a pool of 4/7 Rijk gave the Rijk 70.500,00 of 70.514,29. This way the draws of one
// composition add up to its shares of their sum, to the cent (pool.spec.ts).
import { addInto, splitProRata, total, type Composition } from './split';

/** Money of some funders, drawn pro rata: its composition at the last inflow, and what was drawn from it since. */
interface Part {
  /** Funder → cents, each positive, when money last came in. */
  basis: Map<string, number>;
  /** Drawn since then; at most the basis's total. */
  drawnCents: number;
}

export interface Pool {
  readonly budgetId: string;
  ownerPartyId: string | null;
  /** Not earmarked. */
  readonly general: Part;
  /** Earmarked for a programme: programme → its part. */
  readonly earmarked: Map<string, Part>;
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
  return { budgetId, ownerPartyId: null, general: newPart(), earmarked: new Map(), grantNet: new Map() };
}

/** Money entering the pool: a funding (one funder) or a transfer in (the sender's composition). */
export function fill(pool: Pool, composition: Composition, earmarkProgrammeId?: string | null): void {
  const part = earmarkProgrammeId ? partIn(pool.earmarked, earmarkProgrammeId) : pool.general;
  const now = held(part);
  addInto(now, composition);
  rebase(part, now);
}

/**
 * Money leaving the pool (a payment, a transfer out): the programme's earmark first, then the
 * general part pro rata to what each funder still has in it, by largest remainder.
 */
export function draw(pool: Pool, amountCents: number, programmeId?: string | null): Draw {
  const byFunder = new Map<string, number>();
  let remaining = amountCents;
  const earmark = programmeId ? pool.earmarked.get(programmeId) : undefined;
  for (const part of earmark ? [earmark, pool.general] : [pool.general]) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, total(part.basis) - part.drawnCents);
    if (take <= 0) continue;
    addInto(byFunder, drawFrom(part, take));
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
  fill(pool, back);
  return back;
}

/** Everything the pool holds, earmarks included, by funder. */
export function composition(pool: Pool): Map<string, number> {
  const all = held(pool.general);
  for (const earmark of pool.earmarked.values()) addInto(all, held(earmark));
  return all;
}

function newPart(): Part {
  return { basis: new Map(), drawnCents: 0 };
}

/** What each funder still has in a part. */
function held(part: Part): Map<string, number> {
  const now = new Map(part.basis);
  addInto(now, splitProRata(part.drawnCents, part.basis), -1);
  return now;
}

/** Money came in: the part's composition is what it holds now, nothing drawn from it yet. */
function rebase(part: Part, now: Map<string, number>): void {
  part.basis = positive(now);
  part.drawnCents = 0;
}

/**
 * Takes `take` cents from a part: the shares of all drawn since its last inflow less those of what
 * was drawn before. Largest remainder may, with three funders or more, give one funder a cent less
 * of a larger sum than of a smaller one (the Alabama paradox): a share below zero. Such a draw is
 * split by itself over what each funder still has, and the part starts again from what is left.
 */
function drawFrom(part: Part, take: number): Map<string, number> {
  const before = splitProRata(part.drawnCents, part.basis);
  const after = splitProRata(part.drawnCents + take, part.basis);
  addInto(after, before, -1);
  if ([...after.values()].every((cents) => cents >= 0)) {
    part.drawnCents += take;
    return after;
  }
  const now = held(part);
  const drawn = splitProRata(take, positive(now));
  addInto(now, drawn, -1);
  rebase(part, now);
  return drawn;
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

function partIn(map: Map<string, Part>, key: string): Part {
  let value = map.get(key);
  if (!value) {
    value = newPart();
    map.set(key, value);
  }
  return value;
}

/** A part as JSON: its composition at the last inflow and what was drawn since. */
export interface PartJson {
  readonly basis: [string, number][];
  readonly drawnCents: number;
}

/** The pool as JSON (sorted, so equal pools give equal text: the read models' digest hashes it). */
export interface PoolJson {
  readonly budgetId: string;
  readonly ownerPartyId: string | null;
  readonly general: PartJson;
  readonly earmarked: [string, PartJson][];
  readonly grantNet: [string, [string, number][]][];
}

export function poolToJson(pool: Pool): PoolJson {
  const entries = (map: Map<string, number>) => [...map].filter(([, c]) => c !== 0).sort(byKey);
  const part = (p: Part): PartJson => ({ basis: entries(p.basis), drawnCents: p.drawnCents });
  return {
    budgetId: pool.budgetId,
    ownerPartyId: pool.ownerPartyId,
    general: part(pool.general),
    earmarked: [...pool.earmarked]
      .filter(([, p]) => total(p.basis) > p.drawnCents)
      .map(([key, p]): [string, PartJson] => [key, part(p)])
      .sort(byKey),
    grantNet: [...pool.grantNet]
      .map(([key, inner]): [string, [string, number][]] => [key, entries(inner)])
      .filter(([, inner]) => inner.length > 0)
      .sort(byKey),
  };
}

export function poolFromJson(json: PoolJson): Pool {
  const part = (p: PartJson): Part => ({ basis: new Map(p.basis), drawnCents: p.drawnCents });
  return {
    budgetId: json.budgetId,
    ownerPartyId: json.ownerPartyId,
    general: part(json.general),
    earmarked: new Map(json.earmarked.map(([key, p]) => [key, part(p)])),
    grantNet: new Map(json.grantNet.map(([key, inner]) => [key, new Map(inner)])),
  };
}

function byKey(a: [string, unknown], b: [string, unknown]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
