// What a dry run decides its lines on: the store as it is, plus what the run's earlier lines would
// have written, kept here and never written. So a dry run goes through the one command path
// (deciders, idempotency) and answers as the real run would: a line already in the ledger as
// already recorded, a line the file holds twice as a replay the second time, an invoice on an
// order the file commits earlier as written. What it would write is kept for the most recent
// STAGED_STREAMS_MAX streams: a duplicate further apart than that is counted as would be written.
import { StreamNotFoundError, type AppendResult, type EventStore, type EventToAppend, type ExpectedRevision, type RecordedEvent } from '@geldstroom/event-store';
import { assertExpected, stagedEvents, STAGED_POSITION_BASE, storedEvents, type LedgerStreams } from '@geldstroom/application/write/staged-streams';

/** Streams whose would-be events a dry run keeps: about a kilobyte an event, so tens of megabytes at most. */
export const STAGED_STREAMS_MAX = 50_000;

/**
 * A stage that is never committed, like an atomic batch's (write/staged-streams.ts) but bounded: it
 * reads the store afresh (no snapshots kept) and forgets the stream written to longest ago.
 */
export class DryRunStreams implements LedgerStreams {
  /** In the order last written to: the first is the one dropped when there are too many. */
  private readonly staged = new Map<string, RecordedEvent[]>();
  private nextPosition = STAGED_POSITION_BASE;

  constructor(
    private readonly store: EventStore,
    private readonly streamsMax = STAGED_STREAMS_MAX,
  ) {}

  async *readStream(streamId: string): AsyncIterable<RecordedEvent> {
    const events = [...(await storedEvents(this.store, streamId)), ...(this.staged.get(streamId) ?? [])];
    if (events.length === 0) throw new StreamNotFoundError(streamId);
    yield* events;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const staged = this.staged.get(streamId) ?? [];
    const head = staged.length > 0 ? staged[staged.length - 1].revision : await this.store.streamRevision(streamId);
    assertExpected(streamId, expected, head);
    const recorded = stagedEvents(streamId, events, head, this.nextPosition);
    this.nextPosition += recorded.length;
    this.staged.delete(streamId);
    this.staged.set(streamId, [...staged, ...recorded]);
    if (this.staged.size > this.streamsMax) this.staged.delete(this.staged.keys().next().value!);
    const [first, last] = [recorded[0], recorded[recorded.length - 1]];
    return { streamId, nextExpectedRevision: last.revision, firstPosition: first.position, lastPosition: last.position, recordedAt: last.recordedAt };
  }
}
