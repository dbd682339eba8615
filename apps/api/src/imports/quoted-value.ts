// How a refusal's reason quotes a value of the export. Reasons are kept in the import's run report
// and served again by GET /v1/imports/{id}, where the ledger keeps no personal data: a value the
// personal-data check finds (a BSN, an e-mail address, an IBAN) or a natural person's creditor
// number is said by its kind, never repeated. Every reason that quotes a value quotes it here.
import { describePersonalData, personalDataIn } from '@geldstroom/ledger';
import { cutText } from './booking-plan';

/** The characters of a value a reason quotes: enough to find it in the file. */
export const QUOTED_LENGTH_MAX = 40;

/**
 * A value as a reason quotes it: `"4380000"`, or what it is without repeating it. `withheld`: the
 * creditor numbers of natural persons (the mapping's naturalPersons), never repeated either.
 */
export function quoted(value: string, withheld: readonly string[] = []): string {
  const cut = cutText(value, QUOTED_LENGTH_MAX);
  // The cut is read too: ten digits cut to nine can pass the elfproef where the ten did not.
  const kind = withheldKind(value, withheld) ?? (cut === value ? undefined : withheldKind(cut, withheld));
  if (kind) return `(${kind}, not repeated here)`;
  return `"${cut}${cut === value ? '' : '…'}"`;
}

/**
 * A text from elsewhere (the CSV parser's reason, the ledger's) in a reason whole, unless it
 * holds what a reason never repeats: such a text may quote a value of the line.
 */
export function guardedText(text: string, withheld: readonly string[] = []): string {
  const kind = withheldKind(text, withheld);
  return kind ? `(a reason that would repeat ${kind}, not repeated here)` : text;
}

function withheldKind(text: string, withheld: readonly string[]): string | undefined {
  const personal = personalDataIn(text);
  if (personal) return `a value holding ${describePersonalData(personal)}`;
  // Anywhere in the text: a cell read as an amount has lost its spaces ("nr 300001" is "nr300001").
  if (withheld.some((number) => number !== '' && text.includes(number))) return "a natural person's creditor number";
  return undefined;
}
