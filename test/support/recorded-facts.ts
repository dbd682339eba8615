// Facts this branch has no command for yet (expenses, reviews of findings), written through the
// store port as the ledger writes them: typed by the event union, on their own stream, with an
// actor and a source reference. The read side folds them like any event from the journal.
import { v7 as uuidv7 } from 'uuid';
import { ANY, type EventStore, type JsonObject } from '@geldstroom/event-store';
import { EVENT_SCHEMA_VERSIONS, parseMoney, type ExpenseEvent, type FindingReviewed, type ExpenseKind, type ReviewState } from '@geldstroom/ledger';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { Harness } from './api-harness';

export interface Written {
  readonly position: number;
  readonly eventId: string;
}

/** Euros as on the wire to cents, refusing anything but a two-decimal amount. */
function cents(amount: string): number {
  const parsed = parseMoney(amount);
  if (!parsed.ok) throw new Error(`not an amount: ${amount}`);
  return parsed.cents;
}

export interface ExpenseCharge {
  readonly kind: ExpenseKind;
  readonly budgetId: string;
  readonly payeePartyId: string;
  readonly programmeId?: string;
}

export class RecordedFacts {
  constructor(
    private readonly api: Harness,
    private readonly actor = 'recorder-test',
  ) {}

  /** A cost booked as incurred and paid at once (own salaries): ExpenseBooked. */
  book(expenseId: string, bookingId: string, charge: ExpenseCharge, amount: string, effectiveDate: string): Promise<Written> {
    return this.expense(expenseId, { type: 'ExpenseBooked', data: { expenseId, bookingId, ...charge, description: 'Salarissen', amountCents: cents(amount) as never, effectiveDate } });
  }

  commit(expenseId: string, charge: ExpenseCharge, amount: string, effectiveDate: string): Promise<Written> {
    return this.expense(expenseId, { type: 'ExpenseCommitted', data: { expenseId, ...charge, description: 'Opdracht', amountCents: cents(amount) as never, effectiveDate } });
  }

  pay(expenseId: string, paymentId: string, charge: ExpenseCharge, amount: string, effectiveDate: string): Promise<Written> {
    return this.expense(expenseId, { type: 'ExpensePaid', data: { expenseId, paymentId, ...charge, amountCents: cents(amount) as never, effectiveDate } });
  }

  /** A controller's review of a finding, on the finding's stream (named after the review). */
  review(findingId: string, reviewId: string, state: ReviewState, note: string, effectiveDate: string): Promise<Written> {
    const event: FindingReviewed = { type: 'FindingReviewed', data: { findingId, reviewId, state, note, effectiveDate } };
    return this.append(`finding-${reviewId}`, event.type, event.data);
  }

  private expense(expenseId: string, event: ExpenseEvent): Promise<Written> {
    return this.append(`expense-${expenseId}`, event.type, event.data);
  }

  private async append(streamId: string, type: string, data: object): Promise<Written> {
    const store = this.api.app.get<symbol, EventStore>(EVENT_STORE);
    const id = uuidv7();
    const metadata: JsonObject = { actor: this.actor, sourceReference: 'Testdossier geldstromen', schemaVersion: EVENT_SCHEMA_VERSIONS[type] ?? 1 };
    const result = await store.append(streamId, [{ id, type, data: data as JsonObject, metadata }], ANY);
    return { position: result.lastPosition, eventId: id };
  }
}
