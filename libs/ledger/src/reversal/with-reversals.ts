// One reversal mechanism for every stream kind. A kind's decider knows only its live facts;
// this wrapper keeps every event with its id, and when an event is reversed it refolds the
// kind's state from the events still live, so the state is as if the reversed event never
// happened.
import type { Decider, Decision, DomainEvent, EventWithId, MirrorAppend, References } from '../shared/decider';
import { accept, refuseWith } from '../shared/decider';
import { checkDate, checkId, checkText, firstRefusal, refusal } from '../shared/checks';
import type { ReverseEntry } from './reversal.commands';
import type { EntryReversed } from './reversal.events';

/** What a stream kind decides itself: the live facts only. */
export interface KindDecider<C extends { type: string }, E extends DomainEvent, S extends { readonly exists: boolean }> {
  readonly category: string;
  initialState(): S;
  evolve(state: S, event: E): S;
  references(command: C): readonly string[];
  decide(command: C, state: S, references: References): Decision<E>;
  readonly mirroring?: Mirroring<E>;
}

/** How a kind's events relate to mirrors on other streams, for reversing them together. */
export interface Mirroring<E extends DomainEvent> {
  /** For an event written here that has a mirror elsewhere: where, of what type, named how. */
  mirrorOf?(event: E): { streamId: string; eventType: string; key: string } | undefined;
  /** For a mirror written here: its key. Mirrors are reversed on their origin stream only. */
  keyOfMirror?(event: E): string | undefined;
}

export interface StreamState<S> {
  /** Every event of the stream, in order, reversals included. */
  readonly entries: readonly EventWithId[];
  readonly reversedEventIds: readonly string[];
  readonly reversalIds: readonly string[];
  /** The kind's state folded from the live events only. */
  readonly live: S;
}

export type WithReversals<C, E extends DomainEvent, S> = Decider<C | ReverseEntry, E | EntryReversed, StreamState<S>>;

export function withReversals<C extends { type: string }, E extends DomainEvent, S extends { readonly exists: boolean }>(
  kind: KindDecider<C, E, S>,
): WithReversals<C, E, S> {
  return {
    category: kind.category,
    initialState: () => ({ entries: [], reversedEventIds: [], reversalIds: [], live: kind.initialState() }),
    evolve: (state, { eventId, event }) => evolve(kind, state, { eventId, event }),
    references: (command) => (command.type === 'ReverseEntry' ? [] : kind.references(command as C)),
    decide: (command, state, references) =>
      command.type === 'ReverseEntry'
        ? decideReversal(kind, command as ReverseEntry, state)
        : kind.decide(command as C, state.live, references),
  };
}

function evolve<C extends { type: string }, E extends DomainEvent, S extends { readonly exists: boolean }>(
  kind: KindDecider<C, E, S>,
  state: StreamState<S>,
  entry: EventWithId<E | EntryReversed>,
): StreamState<S> {
  const entries = [...state.entries, entry];
  if (entry.event.type !== 'EntryReversed') {
    return { ...state, entries, live: kind.evolve(state.live, entry.event as E) };
  }
  const reversal = entry.event as EntryReversed;
  const reversedId = reversal.data.reversedEventId ?? findMirror(kind, state, reversal);
  // An unresolvable reversal (its target is not here) changes nothing: folding never throws.
  const reversedEventIds = reversedId ? [...state.reversedEventIds, reversedId] : state.reversedEventIds;
  return {
    entries,
    reversedEventIds,
    reversalIds: [...state.reversalIds, reversal.data.reversalId],
    live: liveEntries(entries, reversedEventIds).reduce((live, e) => kind.evolve(live, e.event as E), kind.initialState()),
  };
}

function findMirror<E extends DomainEvent>(
  kind: { readonly mirroring?: Mirroring<E> },
  state: StreamState<unknown>,
  reversal: EntryReversed,
): string | undefined {
  const key = reversal.data.reversedEventKey;
  const match = liveEntries(state.entries, state.reversedEventIds).find(
    (e) => e.event.type === reversal.data.reversedEventType && kind.mirroring?.keyOfMirror?.(e.event as E) === key,
  );
  return match?.eventId;
}

function liveEntries(entries: readonly EventWithId[], reversedEventIds: readonly string[]): EventWithId[] {
  return entries.filter((e) => e.event.type !== 'EntryReversed' && !reversedEventIds.includes(e.eventId));
}

function decideReversal<E extends DomainEvent, S>(
  kind: { readonly mirroring?: Mirroring<E> },
  command: ReverseEntry,
  state: StreamState<S>,
) {
  const invalid = firstRefusal(
    checkId(command.reversalId, 'reversalId'),
    checkDate(command.effectiveDate),
    checkText(command.reason, 'reason'),
    typeof command.eventId === 'string' && command.eventId.length > 0
      ? undefined
      : refusal('invalid-value', 'eventId must name an event', 'eventId'),
  );
  if (invalid) return refuseWith(invalid);
  if (state.entries.length === 0) return refuseWith(refusal('not-found', 'the stream has no events', 'eventId'));
  if (state.reversalIds.includes(command.reversalId)) {
    return refuseWith(refusal('already-exists', `reversal ${command.reversalId} was already recorded`, 'reversalId'));
  }
  const target = state.entries.find((e) => e.eventId === command.eventId);
  if (!target) return refuseWith(refusal('not-found', `event ${command.eventId} is not in this stream`, 'eventId'));
  const wrong = whyNotReversible(kind, state, target);
  if (wrong) return refuseWith(refusal('invalid-state', wrong, 'eventId'));
  const event: EntryReversed = {
    type: 'EntryReversed',
    data: {
      reversalId: command.reversalId,
      reversedEventId: target.eventId,
      reversedEventType: target.event.type,
      reason: command.reason,
      effectiveDate: command.effectiveDate,
    },
  };
  return accept<EntryReversed>([event], mirrorsOf(kind, command, target));
}

function whyNotReversible<E extends DomainEvent>(
  kind: { readonly mirroring?: Mirroring<E> },
  state: StreamState<unknown>,
  target: EventWithId,
): string | undefined {
  if (target.event.type === 'EntryReversed') return 'a reversal cannot itself be reversed';
  if (state.reversedEventIds.includes(target.eventId)) return 'the event was already reversed';
  if (kind.mirroring?.keyOfMirror?.(target.event as E) !== undefined) {
    return 'a mirrored event is reversed on the stream it was decided on';
  }
  const live = liveEntries(state.entries, state.reversedEventIds);
  // The first live event creates the entity; everything after it depends on it.
  if (live[0]?.eventId === target.eventId && live.length > 1) {
    return 'the event that created this entity can only be reversed after the entries that follow it';
  }
  return undefined;
}

function mirrorsOf<E extends DomainEvent>(
  kind: { readonly mirroring?: Mirroring<E> },
  command: ReverseEntry,
  target: EventWithId,
): MirrorAppend[] {
  const mirror = kind.mirroring?.mirrorOf?.(target.event as E);
  if (!mirror) return [];
  const event: EntryReversed = {
    type: 'EntryReversed',
    data: {
      reversalId: command.reversalId,
      reversedEventType: mirror.eventType,
      reversedEventKey: mirror.key,
      originEventId: target.eventId,
      reason: command.reason,
      effectiveDate: command.effectiveDate,
    },
  };
  return [{ streamId: mirror.streamId, events: [event] }];
}
