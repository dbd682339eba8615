// The port's Subscription over the client's catch-up subscription to $all, opened again from
// the last event it delivered whenever the connection drops (a leader election, a node restart,
// a network blip), so the consumer sees one unbroken stream of events.
import type { AllStreamResolvedEvent, AllStreamSubscription, Position as EsdbPosition } from '@eventstore/db-client';
import type { RecordedEvent, Subscription, SubscriptionStatus } from '../event-store.port';
import { comparePositions, toSafeNumber } from './eventstoredb-records';

export interface ResumeOptions {
  /** Wait before the first attempt to open again; doubled after each failure in a row. */
  readonly retryDelayMsMin: number;
  readonly retryDelayMsMax: number;
}

const RESUME_DEFAULT: ResumeOptions = { retryDelayMsMin: 250, retryDelayMsMax: 30_000 };
const STOPPED = Symbol('stopped');

/** How one opened source ended: `close` was called, or it dropped with this error. */
type Ending = typeof STOPPED | { readonly dropped: unknown };

/**
 * On top of the server's catch-up subscription: nothing at or before the checkpoint (the
 * server's inclusiveness of a start position is not something to rely on), no event twice,
 * resuming after a drop, and a `close` that ends the loop even while it waits (cancelling the
 * client's stream does not end its iterator).
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private stop: (value: typeof STOPPED) => void = () => undefined;
  private readonly stoppedSignal = new Promise<typeof STOPPED>((resolve) => {
    this.stop = resolve;
  });
  private closing: Promise<void> | undefined;
  private source: AllStreamSubscription | undefined;
  /** Drops since the connection last worked: sets how long to wait before the next attempt. */
  private failuresInRow = 0;
  private current: SubscriptionStatus = { state: 'catching-up', since: new Date().toISOString(), reconnects: 0 };

  constructor(
    /** Opens the client's subscription after a position (undefined: from the first event). */
    private readonly open: (after: EsdbPosition | undefined) => AllStreamSubscription,
    /** Maps a server event to the port's, or undefined for one the port does not see. */
    private readonly toPortEvent: (resolved: AllStreamResolvedEvent) => RecordedEvent | undefined,
    /** Deliver only events strictly after this; undefined: from the first. */
    private checkpoint: EsdbPosition | undefined,
    private readonly onClosed: () => void,
    private readonly resume: ResumeOptions = RESUME_DEFAULT,
  ) {}

  get status(): SubscriptionStatus {
    return this.current;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    try {
      while (!this.stopped) {
        const source = this.openSource();
        const ending = source instanceof Error ? { dropped: source } : yield* this.deliver(source);
        if (ending === STOPPED || this.stopped) return;
        this.markDropped(ending.dropped);
        if ((await this.backOff()) === STOPPED) return;
      }
    } finally {
      await this.close();
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  /** The client's subscription from the checkpoint, or the error opening it threw. */
  private openSource(): AllStreamSubscription | Error {
    try {
      const source = this.open(this.checkpoint);
      this.source = source;
      // Emitted by the client as the server says so (EventStore-Client-NodeJS,
      // packages/db-client/src/streams/utils/Subscription.ts): the connection works again.
      source.on('confirmation', () => this.connected());
      source.on('caughtUp', () => this.connected('live'));
      source.on('fellBehind', () => this.connected('catching-up'));
      return source;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }

  /** Yields the source's events until it ends: closed (STOPPED) or dropped. */
  private async *deliver(source: AllStreamSubscription): AsyncGenerator<RecordedEvent, Ending> {
    const iterator = (source as AsyncIterable<AllStreamResolvedEvent>)[Symbol.asyncIterator]();
    for (;;) {
      const pending = iterator.next();
      // After close or a drop the pending read may reject (premature close); not an error here.
      pending.catch(() => undefined);
      let next: IteratorResult<AllStreamResolvedEvent> | typeof STOPPED;
      try {
        next = await Promise.race([pending, this.stoppedSignal]);
      } catch (error) {
        return { dropped: error };
      }
      if (next === STOPPED) return STOPPED;
      // The server never ends a subscription it keeps: an end not asked for is a drop too.
      if (next.done === true) return { dropped: new Error('the server ended the subscription') };
      this.connected();
      const event = this.accept(next.value);
      if (event !== undefined) yield event;
    }
  }

  /** The port's event for one from the server, unless it is at or before the checkpoint. */
  private accept(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
    const position = resolved.event?.position;
    if (position === undefined) return undefined;
    if (this.checkpoint !== undefined && comparePositions(position, this.checkpoint) <= 0) return undefined;
    this.checkpoint = position;
    this.current = { ...this.current, checkpoint: toSafeNumber(position.commit, '$all commit position') };
    return this.toPortEvent(resolved);
  }

  private markDropped(error: unknown): void {
    this.discardSource();
    this.failuresInRow += 1;
    const lastError = error instanceof Error ? error.message : String(error);
    const since = this.current.state === 'reconnecting' ? this.current.since : new Date().toISOString();
    this.current = { ...this.current, state: 'reconnecting', since, lastError, reconnects: this.current.reconnects + 1 };
  }

  /** Waits min × 2^(failures in a row − 1), at most max, or until closed. */
  private backOff(): Promise<typeof STOPPED | undefined> {
    const { retryDelayMsMin, retryDelayMsMax } = this.resume;
    const delayMs = Math.min(retryDelayMsMax, retryDelayMsMin * 2 ** Math.min(this.failuresInRow - 1, 20));
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), delayMs);
    });
    return Promise.race([waited, this.stoppedSignal]).finally(() => clearTimeout(timer));
  }

  /** The server answered: a reconnect has worked, and the state is what it says (or catching up). */
  private connected(state?: 'catching-up' | 'live'): void {
    this.failuresInRow = 0;
    const next = state ?? (this.current.state === 'reconnecting' ? 'catching-up' : this.current.state);
    if (this.current.state !== next) this.current = { ...this.current, state: next, since: new Date().toISOString() };
  }

  private discardSource(): void {
    const source = this.source;
    this.source = undefined;
    if (source === undefined) return;
    source.unsubscribe().catch(() => undefined);
    source.destroy();
  }

  private async shutDown(): Promise<void> {
    this.stopped = true;
    this.stop(STOPPED);
    const source = this.source;
    this.source = undefined;
    try {
      await source?.unsubscribe();
    } finally {
      source?.destroy();
      this.onClosed();
    }
  }
}
