// A double of the EventStoreDB client for the adapter's unit tests: the five calls the adapter
// makes, answering as the server and client 6.2.1 document it for the cases the tests pin. It is
// not a server (no $all filters, no subscriptions of its own, no transactions, no ACLs, no
// scavenging) and never stands in for the contract suite, which runs against a real node.
import { PassThrough } from 'node:stream';
import {
  BACKWARDS,
  END,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type AppendResult,
  type AppendToStreamOptions,
  type EventData,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
} from '@eventstore/db-client';
import type { EsdbClient } from './eventstoredb-client';

type Held = RecordedEvent & { readonly position: Position };

/** Answers an append instead of the server: a test's way to script a failure or an odd answer. */
export type AppendAnswer = (streamName: string, events: EventData[], options: AppendToStreamOptions) => Promise<AppendResult> | undefined;

export class ClientDouble implements EsdbClient {
  /** Every event the server holds, in $all order. */
  readonly log: Held[] = [];
  readonly calls = { appendToStream: 0, readStream: 0, readStreamBackwards: 0, readAll: 0, subscribeToAll: 0 };
  /** Consulted first on every append; undefined lets the server's own rule answer. */
  answerAppend: AppendAnswer = () => undefined;
  /** What each subscribeToAll call was asked, and the stream the test feeds it through. */
  readonly subscriptions: { readonly options: unknown; readonly stream: PassThrough & { unsubscribe(): Promise<void> } }[] = [];
  private nextPosition = 1_000n;

  appendToStream = (async (streamName: string, event: EventData | EventData[], options: AppendToStreamOptions = {}) => {
    this.calls.appendToStream += 1;
    const events = Array.isArray(event) ? event : [event];
    const scripted = this.answerAppend(streamName, events, options);
    if (scripted !== undefined) return scripted;
    return this.checkCommit(streamName, events, options.expectedRevision ?? 'any');
  }) as EsdbClient['appendToStream'];

  readStream = ((streamName: string, options: ReadStreamOptions = {}) => {
    this.calls.readStream += 1;
    if (options.direction === BACKWARDS) this.calls.readStreamBackwards += 1;
    return this.streamEvents(streamName, options);
  }) as unknown as EsdbClient['readStream'];

  readAll = ((options: ReadAllOptions = {}) => {
    this.calls.readAll += 1;
    return this.allEvents(options);
  }) as unknown as EsdbClient['readAll'];

  subscribeToAll = ((options: unknown) => {
    this.calls.subscribeToAll += 1;
    const stream = Object.assign(new PassThrough({ objectMode: true }), { unsubscribe: async () => undefined });
    this.subscriptions.push({ options, stream });
    return stream;
  }) as unknown as EsdbClient['subscribeToAll'];

  dispose = async (): Promise<void> => undefined;

  /** Puts an event on the server as another writer (or another application) would. */
  hold(streamName: string, event: { readonly id: string; readonly type: string; readonly data: unknown; readonly metadata: unknown }): Held {
    const revision = BigInt(this.streamOf(streamName).length);
    this.nextPosition += 137n; // positions are byte offsets in the log: growing, never dense
    const held = {
      streamId: streamName,
      id: event.id,
      revision,
      type: event.type,
      data: JSON.parse(JSON.stringify(event.data)),
      metadata: JSON.parse(JSON.stringify(event.metadata)),
      isJson: true,
      created: new Date(),
      position: { commit: this.nextPosition, prepare: this.nextPosition },
    } as Held;
    this.log.push(held);
    return held;
  }

  /**
   * The server's decision on an append (EventStore/EventStore, src/EventStore.Core/Services/
   * Storage/ReaderIndex/IndexWriter.cs, CheckCommit): at the expected revision it writes; where
   * the events right after the expected revision carry exactly these ids it writes nothing and
   * answers success with their revisions (Idempotent), content unread; otherwise it refuses,
   * which client 6.2.1 throws as WrongExpectedVersionError (throwOnAppendFailure is its default).
   */
  private async checkCommit(streamName: string, events: EventData[], expected: AppendExpectedRevision): Promise<AppendResult> {
    const stream = this.streamOf(streamName);
    const current = BigInt(stream.length) - 1n;
    const expectedNumber = expected === 'no_stream' ? -1n : typeof expected === 'bigint' ? expected : undefined;
    const writes = expected === 'any' || (expected === 'stream_exists' ? current >= 0n : expectedNumber === current);
    if (writes) {
      const held = events.map((event) => this.hold(streamName, event));
      const last = held[held.length - 1];
      return { success: true, nextExpectedRevision: last.revision, position: last.position };
    }
    if (expectedNumber !== undefined && expectedNumber < current) {
      const following = stream.slice(Number(expectedNumber + 1n), Number(expectedNumber + 1n) + events.length);
      if (following.length === events.length && following.every((held, i) => held.id === events[i].id)) {
        const last = following[following.length - 1];
        return { success: true, nextExpectedRevision: last.revision, position: last.position };
      }
    }
    throw new WrongExpectedVersionError(undefined, { streamName, current: current < 0n ? 'no_stream' : current, expected } as never);
  }

  private streamOf(streamName: string): Held[] {
    return this.log.filter((event) => event.streamId === streamName);
  }

  /** As the client reads a stream: a missing stream throws StreamNotFoundError when iterated. */
  private async *streamEvents(streamName: string, options: ReadStreamOptions): AsyncGenerator<{ event: Held }> {
    const stream = this.streamOf(streamName);
    if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === BACKWARDS;
    const from = options.fromRevision ?? (backwards ? END : START);
    const start = from === START ? 0 : from === END ? stream.length - 1 : Number(from);
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const picked = backwards ? stream.slice(0, start + 1).reverse() : stream.slice(start);
    for (const event of picked.slice(0, maxCount)) yield { event };
  }

  /** $all from a position: forwards inclusive of it, backwards before it. */
  private async *allEvents(options: ReadAllOptions): AsyncGenerator<AllStreamResolvedEvent> {
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const maxCount = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const ordered = backwards ? [...this.log].reverse() : this.log;
    const picked = ordered.filter((event) => {
      if (from === START || from === END) return true;
      return backwards ? event.position.commit < from.commit : event.position.commit >= from.commit;
    });
    for (const event of picked.slice(0, maxCount)) yield { event } as AllStreamResolvedEvent;
  }
}
