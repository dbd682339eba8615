// What a dry run decides its lines on: the store as it is, plus what the run's earlier lines would
// have written, kept here and never written. So a dry run goes through the one command path
// (deciders, idempotency) and answers as the real run would: a line already in the ledger as
// already recorded, a line the file holds twice as a replay the second time, an invoice on an
// order the file commits earlier as written. What it would write is kept for the most recent
// STAGED_STREAMS_MAX streams: a duplicate further apart than that is counted as would be written.
import {
  CURRENT_HASH_SCHEME,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '@geldstroom/event-store';
import type { LedgerStreams } from '@geldstroom/application/write/staged-streams';

/** Streams whose would-be events a dry run keeps: about a kilobyte an event, so tens of megabytes at most. */
export const STAGED_STREAMS_MAX = 50_000;
/** Stand-in positions, far above any a store reaches (as an atomic batch's stage gives them). */
const STAGED_POSITION_BASE = 2 ** 52;

export class DryRunStreams implements LedgerStreams {
  /** In the order last written to: the first is the one dropped when there are too many. */
  private readonly staged = new Map<string, RecordedEvent[]>();
  private nextPosition = STAGED_POSITION_BASE;

  constructor(
    private readonly store: EventStore,
    private readonly streamsMax = STAGED_STREAMS_MAX,
  ) {}

  async *readStream(streamId: string): AsyncIterable<RecordedEvent> {
    const events = [...(await this.stored(streamId)), ...(this.staged.get(streamId) ?? [])];
    if (events.length === 0) throw new StreamNotFoundError(streamId);
    yield* events;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const staged = this.staged.get(streamId) ?? [];
    const head = staged.length > 0 ? staged[staged.length - 1].revision : await this.store.streamRevision(streamId);
    const holds = expected === 'any' || (expected === 'no_stream' ? head === undefined : expected === 'stream_exists' ? head !== undefined : expected === head);
    if (!holds) throw new WrongExpectedRevisionError(streamId, expected, head);
    const recordedAt = new Date().toISOString();
    const firstPosition = this.nextPosition;
    const recorded = events.map((event, i): RecordedEvent => ({
      ...event, streamId, revision: (head ?? -1) + 1 + i, position: this.nextPosition++, recordedAt, hash: '', previousHash: '', hashScheme: CURRENT_HASH_SCHEME,
    }));
    this.staged.delete(streamId);
    this.staged.set(streamId, [...staged, ...recorded]);
    if (this.staged.size > this.streamsMax) this.staged.delete(this.staged.keys().next().value!);
    return { streamId, nextExpectedRevision: recorded[recorded.length - 1].revision, firstPosition, lastPosition: this.nextPosition - 1, recordedAt };
  }

  private async stored(streamId: string): Promise<RecordedEvent[]> {
    const read: RecordedEvent[] = [];
    try {
      for await (const event of this.store.readStream(streamId)) read.push(event);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return read;
  }
}
