// Given-when-then for deciders, in the words of the domain (after Emmett's DeciderSpecification):
//   given([budgetOpened]).when(fundBudget).then([budgetFunded])
//   given([grantWithdrawn]).when(payAdvance).thenRefused('invalid-state')
// Assertions use node:assert so this file needs no test-runner types and builds with the lib.
import { deepStrictEqual, equal, fail } from 'node:assert/strict';
import type { Decider, DomainEvent, EventWithId, MirrorAppend, References, RefusalCode } from '../shared/decider';

/** The id the spec gives the n-th event of a history (1-based): reversals name events by it. */
export const eventIdAt = (n: number): string => `event-${n}`;

export interface Then<E extends DomainEvent> {
  /** The command is accepted with exactly these events (and these mirrors, none by default). */
  then(events: readonly E[], mirrors?: readonly MirrorAppend[]): void;
  /** The command is refused with this code (and, when given, about this field, in words matching `detail`). */
  thenRefused(code: RefusalCode, field?: string, detail?: RegExp): void;
}

export interface Given<C, E extends DomainEvent, S> {
  /** The streams the command refers to, as the write side would load them. */
  knowing(references: References): Given<C, E, S>;
  when(command: C): Then<E>;
  /** The state folded from the history, for asserting what a fold means. */
  state(): S;
}

export function deciderSpec<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  defaults: { readonly knowing?: References } = {},
): (history: readonly (E | EventWithId<E>)[]) => Given<C, E, S> {
  return (history) => given(decider, history.map(withId), defaults.knowing ?? new Map());
}

function withId<E extends DomainEvent>(entry: E | EventWithId<E>, index: number): EventWithId<E> {
  return 'eventId' in entry ? entry : { eventId: eventIdAt(index + 1), event: entry };
}

function given<C, E extends DomainEvent, S>(
  decider: Decider<C, E, S>,
  history: readonly EventWithId<E>[],
  references: References,
): Given<C, E, S> {
  const fold = () => history.reduce((state, entry) => decider.evolve(state, entry), decider.initialState());
  return {
    knowing: (more) => given(decider, history, more),
    state: fold,
    when: (command) => {
      const state = fold();
      const decision = decider.decide(command, state, references);
      return {
        then(expected, mirrors = []) {
          if (decision.kind === 'refused') fail(`expected acceptance, got refusal ${JSON.stringify(decision.refusal)}`);
          deepStrictEqual(decision.events, expected);
          deepStrictEqual(decision.mirrors ?? [], mirrors);
          for (const event of [...decision.events, ...(decision.mirrors ?? []).flatMap((m) => m.events)]) {
            assertPlainJson(event);
          }
          // Postcondition: what was decided folds back without trouble.
          decision.events.reduce((s, event, i) => decider.evolve(s, { eventId: `decided-${i}`, event }), state);
        },
        thenRefused(code, field, detail) {
          if (decision.kind === 'accepted') fail(`expected refusal ${code}, got events ${JSON.stringify(decision.events)}`);
          equal(decision.refusal.code, code, decision.refusal.detail);
          if (field !== undefined) equal(decision.refusal.field, field, decision.refusal.detail);
          if (detail !== undefined && !detail.test(decision.refusal.detail)) fail(`refusal "${decision.refusal.detail}" does not match ${detail}`);
        },
      };
    },
  };
}

/** Event data must survive the store unchanged: no undefined, no Date, no fractions of cents. */
function assertPlainJson(event: DomainEvent): void {
  deepStrictEqual(JSON.parse(JSON.stringify(event)), event, `${event.type} is not plain JSON`);
  assertIntegerCents(event.data, event.type);
}

function assertIntegerCents(value: unknown, where: string): void {
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (key.endsWith('Cents') && !Number.isSafeInteger(child)) fail(`${where}.${key} is not integer cents: ${child}`);
    assertIntegerCents(child, `${where}.${key}`);
  }
}
