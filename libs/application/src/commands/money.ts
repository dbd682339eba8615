// From the wire's money string to cents, after DTO validation has proved it parses.
import { parseMoney } from '@geldstroom/ledger';

export function toCents(wire: string, options: { allowNegative?: boolean } = {}): number {
  const parsed = parseMoney(wire, { allowNegative: options.allowNegative ?? false });
  // Unreachable after validation: reaching it means a DTO lacks its @IsMoney.
  if (!parsed.ok) throw new Error(`money field was not validated: ${JSON.stringify(wire)}`);
  return parsed.cents;
}
