// Figures on the wire: money as a two-decimal string, never a float.
import { formatMoney } from '@geldstroom/ledger';

export const money = (cents: number): string => formatMoney(cents);

/** amount / count in cents, rounded half away from zero; undefined when count is 0. */
export function divideCents(amount: number, count: number): number | undefined {
  if (count <= 0) return undefined;
  const a = BigInt(amount);
  const n = BigInt(count);
  const q = a / n;
  const r = a % n;
  const roundUp = (r < 0n ? -r : r) * 2n >= n;
  return Number(roundUp ? q + (a < 0n ? -1n : 1n) : q);
}
