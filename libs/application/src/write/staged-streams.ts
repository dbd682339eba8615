// An atomic batch decides each command on the streams as the batch's earlier commands left them,
// through the one write path, without writing: appends are staged here, over one snapshot of each
// stream read from the store, and written at the end in one atomic append that expects every
// stream at the revision of its snapshot. A writer that came in between makes that append fail
// whole (the batch is then decided again on the new state); nothing is ever half written.
import {
  CURRENT_HASH_SCHEME,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
  type StreamAppend,
} from '@geldstroom/event-store';

/** What the write path reads and writes: the whole store, or a stage over it. */
export type LedgerStreams = Pick<EventStore, 'readStream' | 'append'>;

/**
 * Stand-in positions start here, far above any position a store reaches, so they are never taken
 * for the store's own and still grow in the order the events were staged (the write path takes
 * the largest position of a command's appends as its answer).
 */
export const STAGED_POSITION_BASE = 2 ** 52;

interface StagedPart extends StreamAppend {
  /** The stand-in positions the stage gave the part's events, first and last. */
  readonly stagedFirst: number;
  readonly stagedLast: number;
}

export class StagedStreams implements LedgerStreams {
  private readonly snapshots = new Map<string, readonly RecordedEvent[]>();
  private readonly staged = new Map<string, RecordedEvent[]>();
  private readonly parts: StagedPart[] = [];
  private nextStagedPosition = STAGED_POSITION_BASE;

  constructor(private readonly store: EventStore) {}

  async *readStream(streamId: string): AsyncIterable<RecordedEvent> {
    const events = [...(await this.snapshot(streamId)), ...(this.staged.get(streamId) ?? [])];
    if (events.length === 0) throw new StreamNotFoundError(streamId);
    yield* events;
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const head = await this.headOf(streamId);
    assertExpected(streamId, expected, head);
    const recorded = stagedEvents(streamId, events, head, this.nextStagedPosition);
    this.nextStagedPosition += recorded.length;
    this.staged.set(streamId, [...(this.staged.get(streamId) ?? []), ...recorded]);
    const [first, last] = [recorded[0], recorded[recorded.length - 1]];
    this.parts.push({ streamId, events, expected: head ?? 'no_stream', stagedFirst: first.position, stagedLast: last.position });
    return { streamId, nextExpectedRevision: last.revision, firstPosition: first.position, lastPosition: last.position, recordedAt: last.recordedAt };
  }

  /** Whether anything was staged: a batch of nothing but replays writes nothing. */
  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** Writes everything staged at once; answers where each stand-in position landed. */
  async commit(): Promise<(stagedPosition: number) => number> {
    const results = await this.store.appendAtomically(this.parts);
    const dense = this.store.densePositions;
    return (stagedPosition) => {
      if (stagedPosition < STAGED_POSITION_BASE) return stagedPosition;
      const index = this.parts.findIndex((part) => stagedPosition >= part.stagedFirst && stagedPosition <= part.stagedLast);
      const result = results[index];
      return dense ? result.firstPosition + (stagedPosition - this.parts[index].stagedFirst) : result.lastPosition;
    };
  }

  private async snapshot(streamId: string): Promise<readonly RecordedEvent[]> {
    let events = this.snapshots.get(streamId);
    if (events) return events;
    events = await storedEvents(this.store, streamId);
    this.snapshots.set(streamId, events);
    return events;
  }

  private async headOf(streamId: string): Promise<number | undefined> {
    const staged = this.staged.get(streamId);
    if (staged && staged.length > 0) return staged[staged.length - 1].revision;
    const snapshot = await this.snapshot(streamId);
    return snapshot.length > 0 ? snapshot[snapshot.length - 1].revision : undefined;
  }
}

/** A stream's events as the store holds them; none for a stream it does not know. */
export async function storedEvents(store: Pick<EventStore, 'readStream'>, streamId: string): Promise<RecordedEvent[]> {
  const read: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) read.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return read;
}

/** Events as a stage keeps them: after `head`, at stand-in positions from `firstPosition`, not hashed (never written). */
export function stagedEvents(streamId: string, events: readonly EventToAppend[], head: number | undefined, firstPosition: number): RecordedEvent[] {
  const recordedAt = new Date().toISOString();
  return events.map((event, i): RecordedEvent => ({
    ...event,
    streamId,
    revision: (head ?? -1) + 1 + i,
    position: firstPosition + i,
    recordedAt,
    hash: '',
    previousHash: '',
    hashScheme: CURRENT_HASH_SCHEME,
  }));
}

export function assertExpected(streamId: string, expected: ExpectedRevision, actual: number | undefined): void {
  const holds =
    expected === 'any' ||
    (expected === 'no_stream' && actual === undefined) ||
    (expected === 'stream_exists' && actual !== undefined) ||
    (typeof expected === 'number' && actual === expected);
  if (!holds) throw new WrongExpectedRevisionError(streamId, expected, actual);
}
