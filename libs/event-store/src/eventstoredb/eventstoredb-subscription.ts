// The port's Subscription over the client's catch-up subscription to $all.
import type { AllStreamResolvedEvent, AllStreamSubscription, Position as EsdbPosition } from '@eventstore/db-client';
import type { RecordedEvent, Subscription } from '../event-store.port';
import { comparePositions } from './eventstoredb-records';

const STOPPED = Symbol('stopped');

/**
 * The server already reads history, then goes live without a gap. This adds what the port
 * promises on top: nothing at or before the checkpoint (the server's inclusiveness of a start
 * position is not something to rely on), no event twice, and a `close` that ends the loop even
 * while it waits (cancelling the client's stream does not end its iterator).
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private stop: (value: typeof STOPPED) => void = () => undefined;
  private readonly stoppedSignal = new Promise<typeof STOPPED>((resolve) => {
    this.stop = resolve;
  });
  private closing: Promise<void> | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    /** Maps a server event to the port's, or undefined for one the port does not see. */
    private readonly toPortEvent: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined,
    /** Deliver only events strictly after this; undefined: from the first. */
    private checkpoint: EsdbPosition | undefined,
    private readonly onClosed: () => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    const iterator = (this.source as AsyncIterable<AllStreamResolvedEvent>)[Symbol.asyncIterator]();
    try {
      while (!this.stopped) {
        const pending = iterator.next();
        // After close the pending read may reject (premature close); that is not an error here.
        pending.catch(() => undefined);
        const next = await Promise.race([pending, this.stoppedSignal]);
        if (next === STOPPED || next.done === true) return;
        const position = next.value.event?.position;
        if (position === undefined) continue;
        if (this.checkpoint !== undefined && comparePositions(position, this.checkpoint) <= 0) continue;
        this.checkpoint = position;
        const event = this.toPortEvent(next.value);
        if (event !== undefined) yield event;
      }
    } finally {
      await this.close();
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.stopped = true;
    this.stop(STOPPED);
    try {
      await this.source.unsubscribe();
    } finally {
      this.source.destroy();
      this.onClosed();
    }
  }
}
