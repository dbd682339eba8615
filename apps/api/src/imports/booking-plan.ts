// What a booking line becomes in the ledger. The rules, as the README says them:
//   - expense     a cost booked and paid at once (salaries, most invoices paid without an order):
//                 BookExpense, an expense of its own, committed and realised together;
//   - commitment  a purchase order: CommitExpense, an expense named by the order number; a
//                 commitment line of an order that another line committed raises it
//                 (RaiseExpenseCommitment), in this export or a later one;
//   - invoice     InvoiceExpense on the order's expense (the order column names it);
//   - payment     PayExpense on the order's expense;
//   - income      FundBudget: the budget owner's own means, or an outside funder the rule names.
// A cost line is a debit and an income a credit; a line of the other sign is a correction in the
// financial system, which the ledger records as a reversal of the fact it corrects, never as a
// negative cost: it is refused with that reason. Every id is made from the line's natural key, so
// the same line imported twice is the same command, answered as a replay.
import { sha256Hex } from '@geldstroom/event-store';
import { describePersonalData, personalDataIn, TEXT_LENGTH_MAX, type LedgerCommand } from '@geldstroom/ledger';
import { firstMatch, type BookingMapping, type LineRole } from './booking-mapping';
import { withheldOf, type BookingLine } from './booking-line';
import { quoted } from './quoted-value';

/** What the ledger knows of a budget the mapping names, read before the import starts. */
export interface KnownBudget {
  readonly ownerPartyId: string;
}

export interface PlannedLine {
  readonly lineNumber: number;
  readonly role: LineRole;
  readonly streamId: string;
  /** An invoice or payment is on an order's expense, which must exist. */
  readonly mustExist: boolean;
  readonly command: LedgerCommand;
  readonly idempotencyKey: string;
  readonly sourceReference: string;
  /** What the reconciliation adds up. */
  readonly budgetId: string;
  readonly lineId: string;
  readonly partyId: string;
  /** YYYY-MM of the business date. */
  readonly month: string;
  readonly amountCents: number;
  /** The expense an order opens and its invoices and payments follow. */
  readonly expenseId: string;
  /** The id made of the line's natural key: the ledger holds one fact of it, wherever that is. */
  readonly bookingLineId: string;
  /** Sent instead when the order's expense was committed by another line (a commitment line only). */
  readonly otherwise?: { readonly command: LedgerCommand; readonly idempotencyKey: string };
}

export type Planning = { readonly ok: true; readonly plan: PlannedLine } | { readonly ok: false; readonly reason: string };

/**
 * Identifies lines of a system that exports no line number: the same content is counted over the
 * whole file (an export sorted by date or account need not keep a document's lines together), the
 * second of two identical lines being a line of its own. Counted by a digest of the content: a
 * number and a short text per distinct line, not the line.
 */
export class LineIdentity {
  private readonly seen = new Map<string, number>();

  constructor(private readonly mapping: BookingMapping) {}

  /** The natural key: system, fiscal year, journal, document and line; or the line's content and its occurrence. */
  keyOf(line: BookingLine): string {
    const { system } = this.mapping;
    if (this.mapping.columns.line) return [system, line.fiscalYear, line.journal, line.document, line.line].join('\u001f');
    const content = [system, line.fiscalYear, line.journal, line.document, line.date, line.account, line.costCentre, line.creditor, line.order, line.amountCents, line.description].join('\u001f');
    const digest = sha256Hex(content).slice(0, 32);
    const occurrence = (this.seen.get(digest) ?? 0) + 1;
    this.seen.set(digest, occurrence);
    return `${content}\u001f${occurrence}`;
  }
}

/** A ledger id from a natural key: the system's name, then a digest (ids are at most 64 characters). */
export function idOf(system: string, kind: 'b' | 'po', key: string): string {
  return `${system}-${kind}-${sha256Hex(key).slice(0, 24)}`;
}

export function planLine(mapping: BookingMapping, budgets: ReadonlyMap<string, KnownBudget>, line: BookingLine, key: string): Planning {
  const values = { fiscalYear: String(line.fiscalYear), journal: line.journal, account: line.account, costCentre: line.costCentre, taakveld: line.taakveld, creditor: line.creditor, order: line.order };
  const quote = (value: string) => quoted(value, withheldOf(mapping));
  const rule = firstMatch(mapping.lines, values);
  if (!rule) return refused(`no rule in lines says what a line of journal ${quote(line.journal)} on account ${quote(line.account)} is`);
  const charge = firstMatch(mapping.budgets, values);
  if (!charge) return refused(`no rule in budgets names the budget of account ${quote(line.account)}${line.costCentre ? `, cost centre ${quote(line.costCentre)}` : ''}`);
  const signed = rule.as === 'income' ? -line.amountCents : line.amountCents;
  if (signed === 0) return refused('the amount is zero: nothing to record');
  if (signed < 0) {
    return refused(`a ${rule.as === 'income' ? 'debit on an income' : 'credit on a cost'} line is a correction: record it as a reversal of the fact it corrects`);
  }
  if ((rule.as === 'invoice' || rule.as === 'payment') && line.order === '') {
    return refused(`an ${rule.as === 'invoice' ? 'invoice' : 'payment'} follows a purchase order, and ${mapping.columns.order ?? 'the order column'} is empty`);
  }
  if (rule.as === 'commitment' && line.order === '') {
    return refused(`a commitment is a purchase order, named by its order number, and ${mapping.columns.order ?? 'the order column'} is empty`);
  }
  const owner = budgets.get(charge.budget)?.ownerPartyId ?? '';
  const payee = payeeOf(mapping, line, owner);
  if (!payee.ok && (rule.as === 'commitment' || rule.as === 'expense')) return payee;
  const lineId = idOf(mapping.system, 'b', key);
  const expenseId = rule.as === 'commitment' || rule.as === 'invoice' || rule.as === 'payment' ? idOf(mapping.system, 'po', `${mapping.system}\u001f${line.order}`) : lineId;
  const description = descriptionOf(line, rule.as, payee.ok && payee.naturalPerson);
  const personal = personalDataIn(description);
  if (personal) return refused(`${mapping.columns.description ?? 'the description'} holds ${describePersonalData(personal)}: the ledger never stores personal data`);
  const common = { budgetId: charge.budget, ...(charge.line ? { budgetLineId: charge.line } : {}), ...(charge.programme ? { programmeId: charge.programme } : {}) };
  const effectiveDate = line.date;
  let command: LedgerCommand;
  let otherwise: PlannedLine['otherwise'];
  switch (rule.as) {
    case 'expense':
    case 'commitment': {
      const period = rule.kind === 'wage-cost-subsidy' ? { period: monthOf(line.date) } : {};
      const charge = { kind: rule.kind!, ...common, payeePartyId: payee.ok ? payee.partyId : '' };
      const opening = { expenseId, ...charge, description, amountCents: signed, ...period, effectiveDate };
      if (rule.as === 'expense') {
        command = { type: 'BookExpense', ...opening, bookingId: lineId };
        break;
      }
      // Every commitment line is a commitment of its own id: the order's first opens the expense,
      // any other raises it, charged as the order is, and none is counted twice.
      command = { type: 'CommitExpense', ...opening, commitmentId: lineId };
      const raise: LedgerCommand = { type: 'RaiseExpenseCommitment', expenseId, commitmentId: lineId, description, amountCents: signed, effectiveDate, charge };
      otherwise = { command: raise, idempotencyKey: `RaiseExpenseCommitment:${lineId}` };
      break;
    }
    case 'invoice':
      command = { type: 'InvoiceExpense', expenseId, invoiceId: lineId, amountCents: signed, effectiveDate };
      break;
    case 'payment':
      command = { type: 'PayExpense', expenseId, paymentId: lineId, amountCents: signed, effectiveDate };
      break;
    case 'income': {
      const funder = rule.funder ? { source: 'outside-funder' as const, funderPartyId: rule.funder, ...(rule.regulationCode ? { regulationCode: rule.regulationCode } : {}) } : { source: 'own-means' as const };
      command = { type: 'FundBudget', budgetId: charge.budget, fundingId: lineId, ...funder, amountCents: signed, ...(charge.programme ? { earmarkProgrammeId: charge.programme } : {}), effectiveDate };
      break;
    }
  }
  return {
    ok: true,
    plan: {
      lineNumber: line.lineNumber,
      role: rule.as,
      streamId: rule.as === 'income' ? `budget-${charge.budget}` : `expense-${expenseId}`,
      mustExist: rule.as === 'invoice' || rule.as === 'payment',
      command,
      idempotencyKey: `${command.type}:${idempotencyIdOf(command, lineId)}`,
      sourceReference: sourceReferenceOf(mapping, line, lineId),
      budgetId: charge.budget,
      lineId: charge.line ?? '',
      partyId: rule.as === 'income' ? (rule.funder ?? owner) : payee.ok ? payee.partyId : '',
      month: line.date.slice(0, 7),
      amountCents: signed,
      expenseId,
      bookingLineId: lineId,
      ...(otherwise ? { otherwise } : {}),
    },
  };
}

function refused(reason: string): Planning {
  return { ok: false, reason };
}

/** The idempotency key the API's own endpoints would give the same command. */
function idempotencyIdOf(command: LedgerCommand, lineId: string): string {
  return command.type === 'BookExpense' || command.type === 'CommitExpense' ? command.expenseId : lineId;
}

type Payee = { ok: true; partyId: string; naturalPerson: boolean } | { ok: false; reason: string };

/**
 * Who is paid. A creditor that is a natural person is recorded under the one party the mapping
 * names for them all, never by name or number; a line without a creditor is the budget owner's own
 * cost (salaries, internal charges).
 */
function payeeOf(mapping: BookingMapping, line: BookingLine, owner: string): Payee {
  if (line.creditor === '') return { ok: true, partyId: owner, naturalPerson: false };
  if (mapping.naturalPersons?.creditors.includes(line.creditor)) return { ok: true, partyId: mapping.naturalPersons.party, naturalPerson: true };
  const party = mapping.creditors[line.creditor] ?? mapping.otherCreditors;
  if (party) return { ok: true, partyId: party, naturalPerson: false };
  return { ok: false, reason: `creditor ${quoted(line.creditor, withheldOf(mapping))} is not in the mapping's creditors (nor naturalPersons), and it names no otherCreditors` };
}

/** What the cost is for. A natural person's line may name the person in its text: that text is not kept. */
function descriptionOf(line: BookingLine, role: LineRole, naturalPerson: boolean): string {
  if (naturalPerson) return `Boeking op grootboekrekening ${line.account} aan een natuurlijk persoon`;
  const text = line.description !== '' ? line.description : `Boeking ${line.journal} ${line.document}`.trim();
  return cutText(text === 'Boeking' ? `${role} op grootboekrekening ${line.account}` : text, TEXT_LENGTH_MAX);
}

/** The first `max` UTF-16 units of a text, never half a character (an emoji is two). */
export function cutText(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** The source the fact cites: the line in the system's words, unless it could be read as personal data. */
function sourceReferenceOf(mapping: BookingMapping, line: BookingLine, lineId: string): string {
  const citation = `${mapping.system} ${line.fiscalYear} ${line.journal} ${line.document}${line.line ? ` regel ${line.line}` : ''}`;
  const cited = cutText(citation.replace(/\s+/g, ' '), 200);
  return personalDataIn(cited) ? `${mapping.system} boekingsregel ${lineId}` : cited;
}

function monthOf(date: string): { from: string; to: string } {
  const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}
