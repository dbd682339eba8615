// The business date of "now" where a command may leave its date out: the date in the Netherlands.
import { dutchDateOf } from '@geldstroom/ledger';

export function todayInTheNetherlands(now: Date = new Date()): string {
  return dutchDateOf(now);
}
