// The shape of all business logic: one decider per stream kind (Emmett's pattern).
// A decider is pure: no NestJS, no I/O, no clock. The write side folds a stream with
// `evolve`, hands `decide` the command, the state and the referenced streams' states, and
// appends what comes back.

/** JSON-safe event payload; money inside events is integer cents (`...Cents` fields). */
export type EventData = { [key: string]: unknown };

export interface DomainEvent<Type extends string = string, Data extends EventData = EventData> {
  readonly type: Type;
  readonly data: Data;
}

/** An event as folded back from its stream: the store's id lets a reversal name it. */
export interface EventWithId<E extends DomainEvent = DomainEvent> {
  readonly eventId: string;
  readonly event: E;
}

export type RefusalCode =
  | 'not-found' // a referenced entity does not exist
  | 'already-exists' // the entity's stream was already started
  | 'invalid-state' // the lifecycle does not allow this step now
  | 'invalid-amount' // a money amount that cannot be a fact
  | 'invalid-date'
  | 'invalid-value' // any other value that cannot be a fact
  | 'personal-data'; // free text holding a BSN-like number, an e-mail address or an IBAN

/** A typed business refusal: a value, never an exception. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly detail: string;
  /** The field or reference the refusal is about, e.g. "budgetId". */
  readonly field?: string;
}

/** Events to append to another stream in the same decision (e.g. a transfer's mirror). */
export interface MirrorAppend {
  readonly streamId: string;
  readonly events: readonly DomainEvent[];
}

export type Decision<E extends DomainEvent = DomainEvent> =
  | { readonly kind: 'accepted'; readonly events: readonly E[]; readonly mirrors?: readonly MirrorAppend[] }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export const accept = <E extends DomainEvent>(events: readonly E[], mirrors?: readonly MirrorAppend[]): Decision<E> => ({
  kind: 'accepted',
  events,
  ...(mirrors && mirrors.length > 0 ? { mirrors } : {}),
});

export const refuse = (code: RefusalCode, detail: string, field?: string): Decision<never> => ({
  kind: 'refused',
  refusal: { code, detail, ...(field ? { field } : {}) },
});

/**
 * The states of the streams a command refers to, loaded by the write side before deciding.
 * Keyed by stream id (`budget-heerlen-2024`); a missing key means the stream does not exist.
 */
export type References = ReadonlyMap<string, unknown>;

export interface Decider<Command, E extends DomainEvent, State> {
  /** The stream category, e.g. "grant": streams are named `grant-<id>`. */
  readonly category: string;
  initialState(): State;
  evolve(state: State, event: EventWithId<E>): State;
  /** Stream ids whose states `decide` needs (unknown ones are refused as not-found). */
  references(command: Command): readonly string[];
  decide(command: Command, state: State, references: References): Decision<E>;
}

/** Refuses with a refusal a check already built (see shared/checks.ts). */
export const refuseWith = (refusal: Refusal): Decision<never> => ({ kind: 'refused', refusal });
