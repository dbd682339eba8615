// Decided stream state kept between commands, checked against the store's own revision of the
// stream before every use: a stream another writer (another process, another API instance on the
// same EventStoreDB) has appended to since is read on from where the kept state stops, never
// decided on as it was. Each command then reads one indexed revision and the events it has not
// seen, instead of every event of every stream it touches.
import { LRUCache } from 'lru-cache';
import type { EventStore, RecordedEvent } from '@geldstroom/event-store';
import { foldStream, loadStream, type LoadedStream } from './stream-loader';

/** Streams kept at most; the least recently used goes first. A stream's events stay with it (idempotency looks them up). */
export const KEPT_STREAMS_MAX = 10_000;

export class StreamStates {
  private readonly kept: LRUCache<string, LoadedStream>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'streamRevision'>,
    keptMax = KEPT_STREAMS_MAX,
  ) {
    // Not a Map dropping its first key: each such drop leaves a hole that the next one walks over,
    // which made keeping a stream cost more than deciding on it in an import of new streams.
    this.kept = new LRUCache({ max: keptMax });
  }

  async load(streamId: string): Promise<LoadedStream> {
    const revision = await this.store.streamRevision(streamId);
    const kept = this.kept.get(streamId);
    if (kept && kept.revision === revision) return this.keep(kept);
    // Absent now but kept: the stream was deleted behind the ledger's back, or kept from another
    // store. Never trusted: read again from the start.
    const from = kept && kept.revision !== undefined && revision !== undefined && kept.revision < revision ? kept : undefined;
    const loaded = from ? await this.readOn(from) : revision === undefined ? foldStream(streamId, []) : await loadStream(this.store, streamId);
    return this.keep(loaded);
  }

  /**
   * A stream this handler keeps nothing of, taken to be new without asking the store: a command
   * that creates it appends at 'no_stream', which the store checks inside its commit, so the
   * assumption is proven by the append or the command is decided again on a real load (see
   * RecordCommandHandler.execute). Saves a lookup of an absent key per creating command. A kept
   * stream is loaded as ever: its revision checked against the store's.
   */
  async loadAssumingNew(streamId: string): Promise<LoadedStream> {
    return this.kept.has(streamId) ? this.load(streamId) : foldStream(streamId, []);
  }

  /** Only the events after the kept revision, folded onto the kept state. */
  private async readOn(kept: LoadedStream): Promise<LoadedStream> {
    const newer: RecordedEvent[] = [];
    for await (const event of this.store.readStream(kept.streamId, { fromRevision: (kept.revision ?? -1) + 1 })) newer.push(event);
    return foldStream(kept.streamId, newer, kept);
  }

  private keep(loaded: LoadedStream): LoadedStream {
    this.kept.set(loaded.streamId, loaded);
    return loaded;
  }
}
