// What the tables share: the answer for one entity or for every one the cut knows, rows streamed
// from answers, and sums of money in cents.
import { formatMoney, parseMoney } from '@geldstroom/ledger';
import type { Cut, LedgerReader } from '../../queries/reader';
import { ExportSubjectUnknownError, type Cell } from '../table';

type Category = 'programme' | 'budget' | 'party';

const CATEGORY_NL: Record<Category, string> = { programme: 'programma', budget: 'begroting', party: 'partij' };

/** The answer for one entity, or for every entity of the category the cut knows. */
export function answers<T>(
  reader: LedgerReader,
  cut: Cut,
  category: Category,
  id: string | undefined,
  query: (id: string) => T | undefined,
): T[] {
  if (id !== undefined) {
    const answer = query(id);
    if (answer === undefined) throw new ExportSubjectUnknownError(`the ledger knows no ${CATEGORY_NL[category]} ${id} as of journal position ${cut.position}`);
    return [answer];
  }
  const ids = reader.unitsOf(category, cut, true).flatMap((unit) => (unit.kind === category && unit.state.opened ? [idOf(unit)] : []));
  return ids.map(query).filter((answer): answer is T => answer !== undefined);
}

function idOf(unit: ReturnType<LedgerReader['unit']>): string {
  switch (unit.kind) {
    case 'programme':
      return unit.state.programmeId;
    case 'budget':
      return unit.state.budgetId;
    case 'party':
      return unit.state.partyId;
    default:
      throw new Error(`no export per ${unit.kind}`);
  }
}

export async function* rowsOf<T>(answers: readonly T[], toRows: (answer: T) => Cell[][]): AsyncIterable<readonly Cell[]> {
  for (const answer of answers) yield* toRows(answer);
}

/** Adds two-decimal amounts in integer cents: a sum of money is never done in floats. */
export function sumMoney(amounts: readonly string[]): string {
  let cents = 0;
  for (const amount of amounts) {
    const parsed = parseMoney(amount, { allowNegative: true });
    if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
    cents += parsed.cents;
  }
  return formatMoney(cents);
}

/** a − b of two two-decimal amounts, in integer cents. */
export function differenceMoney(a: string, b: string): string {
  const [x, y] = [parseMoney(a, { allowNegative: true }), parseMoney(b, { allowNegative: true })];
  if (!x.ok || !y.ok) throw new Error(`not an amount: ${x.ok ? b : a}`);
  return formatMoney(x.cents - y.cents);
}
