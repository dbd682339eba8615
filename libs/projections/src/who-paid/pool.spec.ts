// Who paid, on its own: a budget's pool of inflows by ultimate funder, drawn earmarks first and
// then pro rata by largest remainder. (A reversal folds the pool again without the reversed event:
// read-side.property.spec.ts checks the answers against the ledger folded without it.)
import fc from 'fast-check';
import { composition, draw, drawForGrant, fill, newPool, poolFromJson, poolToJson, reclaim, type Pool } from './pool';
import { splitProRata, total } from './split';

const funds = (entries: Record<string, number>) => new Map(Object.entries(entries));
const shares = (drawn: { byFunder: Map<string, number> }) => Object.fromEntries([...drawn.byFunder].sort());
/** What one part of a pool holds: the general part, or a programme's earmark. */
const held = (p: Pool, part: string) => composition({ ...p, general: part === 'general' ? p.general : { basis: new Map(), drawnCents: 0 }, earmarked: new Map([...p.earmarked].filter(([k]) => k === part)) });

function pool(entries: Record<string, number>): Pool {
  const p = newPool('b');
  p.ownerPartyId = 'gemeente';
  for (const [funder, cents] of Object.entries(entries)) fill(p, funds({ [funder]: cents }));
  return p;
}

describe('a pool drawn pro rata', () => {
  it('gives the funders of many payments their shares of the sum, to the cent: 4/7 Rijk of three payments of 30.000', () => {
    const p = pool({ rijk: 40_000_000, gemeente: 30_000_000 });
    const drawn = [draw(p, 3_000_000), draw(p, 3_000_000), draw(p, 3_000_000)];
    // Each payment adds up to itself; together they are 4/7 and 3/7 of 90.000 (51.428,57 and 38.571,43).
    expect(drawn.map(shares)).toEqual([
      { gemeente: 1_285_714, rijk: 1_714_286 },
      { gemeente: 1_285_715, rijk: 1_714_285 },
      { gemeente: 1_285_714, rijk: 1_714_286 },
    ]);
    expect(Object.fromEntries(composition(p))).toEqual({ rijk: 40_000_000 - 5_142_857, gemeente: 30_000_000 - 3_857_143 });
  });

  it('does not drift over 10,000 payments: the Rijk pays 4/7 of their sum, to the cent', () => {
    const p = pool({ rijk: 400_000_000, gemeente: 300_000_000 });
    let rijk = 0;
    for (let i = 0; i < 10_000; i += 1) rijk += draw(p, 1_234).byFunder.get('rijk') ?? 0;
    // 4/7 of 123.400,00 is 70.514,285…: 70.514,29. Each payment rounded by itself gave 70.500,00.
    expect(rijk).toBe(7_051_429);
  });

  it('draws an earmark for its programme first, then the rest pro rata; another programme never draws the earmark', () => {
    const p = pool({ gemeente: 10_000_000 });
    fill(p, funds({ provincie: 1_000_000 }), 'pilot');
    expect(shares(draw(p, 600_000, 'other'))).toEqual({ gemeente: 600_000 });
    expect(shares(draw(p, 1_500_000, 'pilot'))).toEqual({ provincie: 1_000_000, gemeente: 500_000 });
    expect(shares(draw(p, 100_000, 'pilot'))).toEqual({ gemeente: 100_000 });
  });

  it("lays what a pool does not hold on its owner, marked uncovered", () => {
    const p = pool({ rijk: 100_000 });
    const drawn = draw(p, 250_000);
    expect(shares(drawn)).toEqual({ rijk: 100_000, gemeente: 150_000 });
    expect(drawn.uncoveredCents).toBe(150_000);
  });

  it("takes a grant's reclaim back by what the grant drew, and draws it again like any inflow", () => {
    const p = pool({ rijk: 60_000, gemeente: 40_000 });
    drawForGrant(p, 'g', 50_000);
    expect(Object.fromEntries(reclaim(p, 'g', 10_000))).toEqual({ rijk: 6_000, gemeente: 4_000 });
    expect(Object.fromEntries(composition(p))).toEqual({ rijk: 36_000, gemeente: 24_000 });
  });
});

type Step =
  | { kind: 'fill'; funder: string; cents: number; earmark: string | null }
  | { kind: 'draw'; cents: number; programme: string | null; grant: string | null }
  | { kind: 'reclaim'; grant: string; cents: number };

const FUNDERS = ['rijk', 'provincie', 'gemeente', 'fonds'];
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('fill' as const), funder: fc.constantFrom(...FUNDERS), cents: fc.integer({ min: 1, max: 5_000_000 }), earmark: fc.constantFrom(null, null, 'p1', 'p2') }),
  fc.record({ kind: fc.constant('draw' as const), cents: fc.integer({ min: 1, max: 3_000_000 }), programme: fc.constantFrom(null, 'p1', 'p2', 'p3'), grant: fc.constantFrom(null, 'g1', 'g2') }),
  fc.record({ kind: fc.constant('reclaim' as const), grant: fc.constantFrom('g1', 'g2'), cents: fc.integer({ min: 1, max: 500_000 }) }),
);

/** Folds the steps, calling `after` with each step and what it drew or took back. */
function run(steps: readonly Step[], after: (p: Pool, s: Step, moved: Map<string, number>, uncovered: number) => void = () => undefined, start = pool({})): Pool {
  const p = start;
  const grantNet = new Map<string, number>();
  for (const s of steps) {
    if (s.kind === 'fill') {
      fill(p, funds({ [s.funder]: s.cents }), s.earmark);
      after(p, s, funds({ [s.funder]: s.cents }), 0);
    } else if (s.kind === 'draw') {
      const drawn = s.grant ? drawForGrant(p, s.grant, s.cents, s.programme) : draw(p, s.cents, s.programme);
      if (s.grant) grantNet.set(s.grant, (grantNet.get(s.grant) ?? 0) + s.cents);
      after(p, s, drawn.byFunder, drawn.uncoveredCents);
    } else {
      // A grant takes back at most what it drew.
      const cents = Math.min(s.cents, grantNet.get(s.grant) ?? 0);
      if (cents === 0) continue;
      grantNet.set(s.grant, (grantNet.get(s.grant) ?? 0) - cents);
      after(p, s, reclaim(p, s.grant, cents), 0);
    }
  }
  return p;
}

describe('a pool, whatever flows in and out (properties)', () => {
  const steps = fc.array(step, { maxLength: 60 });

  it('splits every draw into shares that add up exactly to it, none below zero', () => {
    fc.assert(
      fc.property(steps, (s) => {
        run(s, (_p, at, moved) => {
          if (at.kind !== 'draw') return;
          expect(total(moved)).toBe(at.cents);
          for (const cents of moved.values()) expect(cents).toBeGreaterThan(0);
        });
      }),
    );
  });

  it('holds what flowed in less what was drawn from it, by funder', () => {
    fc.assert(
      fc.property(steps, (s) => {
        const expected = new Map<string, number>();
        const p = run(s, (_p, at, moved, uncovered) => {
          const sign = at.kind === 'draw' ? -1 : 1;
          for (const [funder, cents] of moved) {
            // What no inflow covered was never in the pool.
            const counted = at.kind === 'draw' && funder === 'gemeente' ? cents - uncovered : cents;
            expected.set(funder, (expected.get(funder) ?? 0) + sign * counted);
          }
        });
        const held = composition(p);
        for (const funder of FUNDERS) expect(held.get(funder) ?? 0).toBe(expected.get(funder) ?? 0);
      }),
    );
  });

  it("draws a programme's earmark before anything else, and only for that programme", () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 1, max: 3_000_000 }), fc.constantFrom('p1', 'p3'), (s, cents, programme) => {
        const p = run(s);
        const [earmarkBefore, generalBefore, otherBefore] = [total(held(p, programme)), total(held(p, 'general')), total(held(p, programme === 'p1' ? 'p2' : 'p1'))];
        const drawn = draw(p, cents, programme);
        const fromEarmark = Math.min(cents, earmarkBefore);
        const fromGeneral = Math.min(cents - fromEarmark, generalBefore);
        expect(total(held(p, programme))).toBe(earmarkBefore - fromEarmark);
        expect(total(held(p, 'general'))).toBe(generalBefore - fromGeneral);
        expect(total(held(p, programme === 'p1' ? 'p2' : 'p1'))).toBe(otherBefore);
        expect(drawn.uncoveredCents).toBe(cents - fromEarmark - fromGeneral);
      }),
    );
  });

  it('gives the draws of one composition, together, its largest-remainder shares of their sum (two funders)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 50_000 }), { maxLength: 300 }), (rijk, gemeente, payments) => {
        const inflows = { rijk, provincie: gemeente };
        const p = pool(inflows);
        const sum = new Map<string, number>();
        let drawnCents = 0;
        for (const cents of payments) {
          if (drawnCents + cents > rijk + gemeente) break;
          drawnCents += cents;
          for (const [funder, part] of draw(p, cents).byFunder) sum.set(funder, (sum.get(funder) ?? 0) + part);
        }
        expect(sum).toEqual(splitProRata(drawnCents, funds(inflows)));
      }),
    );
  });

  it('draws the same after being written as JSON and read back, at any step', () => {
    fc.assert(
      fc.property(steps, steps, (before, after) => {
        const kept = run(before);
        const restored = poolFromJson(JSON.parse(JSON.stringify(poolToJson(kept))));
        const moves = (p: Pool) => {
          const seen: string[] = [];
          run(after, (_p, _s, moved) => seen.push(JSON.stringify([...moved].sort())), p);
          return { seen, json: JSON.stringify(poolToJson(p)) };
        };
        expect(moves(restored)).toEqual(moves(kept));
      }),
    );
  });
});
