// An event of the ledger as the read side sees it: the typed event from @geldstroom/ledger's union
// with its place in the journal. Every projection switches over `fact.type` exhaustively, so a new
// event type that one of them ignores is a compile error, not a silent zero.
import { EVENT_TYPES, type LedgerEvent, type LedgerEventType } from '@geldstroom/ledger';
import type { RecordedEvent } from '@geldstroom/event-store';

export interface FactPlace {
  readonly position: number;
  readonly eventId: string;
  readonly streamId: string;
  readonly revision: number;
  readonly recordedAt: string;
  /** The business date: the event's own effectiveDate. */
  readonly effectiveDate: string;
  readonly hash: string;
  /** For a mirror (a transfer's incoming side, a contract award's copy), the event it mirrors. */
  readonly mirrorOf: string | null;
  readonly sourceReference: string | null;
  /** Who recorded it (metadata.actor): a principal of the access stream. */
  readonly actor: string | null;
}

export type LedgerFact = FactPlace & LedgerEvent;
export type FactOf<T extends LedgerEventType> = FactPlace & Extract<LedgerEvent, { type: T }>;

/** The streams of the ledger; others in the log (access control) are not ledger facts. */
export const LEDGER_CATEGORIES: ReadonlySet<string> = new Set(['party', 'budget', 'programme', 'grant', 'procurement', 'contract', 'purchase', 'expense', 'finding', 'document']);

const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

export function categoryOf(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}

export function entityIdOf(streamId: string): string {
  return streamId.slice(streamId.indexOf('-') + 1);
}

export function isLedgerStream(streamId: string): boolean {
  return LEDGER_CATEGORIES.has(categoryOf(streamId));
}

/**
 * The typed fact of a recorded ledger event, or undefined for an event of another stream (access
 * control). The store holds what the deciders wrote, so the data is taken as the union says; a
 * type the catalogue does not know is an error, never a silent skip.
 */
export function ledgerFactOf(event: RecordedEvent): LedgerFact | undefined {
  if (!isLedgerStream(event.streamId)) return undefined;
  if (!KNOWN_TYPES.has(event.type)) throw new Error(`event ${event.id} at ${event.position} has a type the ledger does not know: ${event.type}`);
  const data = event.data as { effectiveDate?: unknown };
  const mirrorOf = (event.metadata.mirrorOf as { eventId?: unknown } | undefined)?.eventId;
  const source = event.metadata.sourceReference;
  const actor = event.metadata.actor;
  return {
    position: event.position,
    eventId: event.id,
    streamId: event.streamId,
    revision: event.revision,
    recordedAt: event.recordedAt,
    effectiveDate: typeof data.effectiveDate === 'string' ? data.effectiveDate : event.recordedAt.slice(0, 10),
    hash: event.hash,
    mirrorOf: typeof mirrorOf === 'string' ? mirrorOf : null,
    sourceReference: typeof source === 'string' ? source : null,
    actor: typeof actor === 'string' ? actor : null,
    type: event.type,
    data: event.data,
  } as LedgerFact;
}

/** The event a reversal of this fact names: a mirror is reversed through its origin. */
export function originOf(fact: Pick<FactPlace, 'eventId' | 'mirrorOf'>): string {
  return fact.mirrorOf ?? fact.eventId;
}

/** Business order: by effective date, then by journal position. */
export function compareBusiness(a: BusinessKey, b: BusinessKey): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.position - b.position;
}

export interface BusinessKey {
  readonly date: string;
  readonly position: number;
}

export function businessKeyOf(fact: Pick<FactPlace, 'effectiveDate' | 'position'>): BusinessKey {
  return { date: fact.effectiveDate, position: fact.position };
}

/** For the default branch of an exhaustive switch: compiles only when every case is handled. */
export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
