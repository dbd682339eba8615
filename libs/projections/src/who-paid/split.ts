// Splitting an amount pro rata in cents, by largest remainder: the parts always add up to the
// whole exactly. Ties go to the larger weight, then to the key that sorts first, so the split
// is the same on every run.

export type Composition = ReadonlyMap<string, number>;

export function total(composition: Composition): number {
  let sum = 0;
  for (const cents of composition.values()) sum += cents;
  return sum;
}

/**
 * Splits `amount` cents over the keys of `weights` in proportion to them. Weights must be
 * positive; with none, the result is empty (the caller decides who bears an uncovered amount).
 */
export function splitProRata(amount: number, weights: Composition): Map<string, number> {
  const entries = [...weights.entries()].filter(([, w]) => w > 0);
  const result = new Map<string, number>();
  if (entries.length === 0 || amount === 0) return result;
  const sign = amount < 0 ? -1n : 1n;
  const whole = BigInt(Math.abs(amount));
  const sum = entries.reduce((acc, [, w]) => acc + BigInt(w), 0n);
  let assigned = 0n;
  const parts = entries.map(([key, weight]) => {
    const exact = whole * BigInt(weight);
    const floor = exact / sum;
    assigned += floor;
    return { key, weight, floor, remainder: exact % sum };
  });
  let left = whole - assigned;
  const byRemainder = [...parts].sort(
    (a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : 0) || b.weight - a.weight || (a.key < b.key ? -1 : 1),
  );
  for (const part of byRemainder) {
    if (left === 0n) break;
    part.floor += 1n;
    left -= 1n;
  }
  for (const part of parts) if (part.floor !== 0n) result.set(part.key, Number(sign * part.floor));
  return result;
}

export function addInto(target: Map<string, number>, source: Composition, factor = 1): void {
  for (const [key, cents] of source) {
    const next = (target.get(key) ?? 0) + factor * cents;
    if (next === 0) target.delete(key);
    else target.set(key, next);
  }
}
