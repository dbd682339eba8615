// Folds any stream of the ledger into its decider's state, by the category in its name.
import type { EventStore, JsonObject, RecordedEvent } from '@geldstroom/event-store';
import { StreamNotFoundError } from '@geldstroom/event-store';
import { DECIDERS, type DomainEvent } from '@geldstroom/ledger';

export interface LoadedStream {
  readonly streamId: string;
  /** Revision of the last event; undefined when the stream does not exist. */
  readonly revision: number | undefined;
  readonly state: unknown;
  readonly events: readonly RecordedEvent[];
}

/** Stream names are `<category>-<id>` and categories are one word. */
export function categoryOf(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}

export async function loadStream(store: Pick<EventStore, 'readStream'>, streamId: string): Promise<LoadedStream> {
  const events: RecordedEvent[] = [];
  try {
    for await (const recorded of store.readStream(streamId)) events.push(recorded);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return foldStream(streamId, events);
}

/** Folds events into the state of their stream's decider, onto a state already folded when given. */
export function foldStream(streamId: string, events: readonly RecordedEvent[], from?: LoadedStream): LoadedStream {
  const decider = DECIDERS[categoryOf(streamId) as keyof typeof DECIDERS];
  if (!decider) throw new Error(`no decider for stream ${streamId}`);
  const evolve = decider.evolve as (s: unknown, e: unknown) => unknown;
  let state: unknown = from ? from.state : decider.initialState();
  for (const recorded of events) {
    const event: DomainEvent = { type: recorded.type, data: recorded.data as JsonObject };
    state = evolve(state, { eventId: recorded.id, event });
  }
  const all = from ? [...from.events, ...events] : events;
  const revision = all.length > 0 ? all[all.length - 1].revision : undefined;
  return { streamId, revision, state, events: all };
}
