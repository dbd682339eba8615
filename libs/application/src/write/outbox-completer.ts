// Completes pending outboxes without waiting for a client's retry: a decision that writes two
// streams may have had only its first append when the process died (see outbox.ts).
//
// It follows the whole log from the start, so an outbox left pending before this process started
// is found as surely as one another API instance leaves while it runs. An origin's mirror comes
// right after it in the log, so an origin is only held until its mirror goes by; one still held
// GRACE_MS after it was seen (its own request would have written the mirror by then) is completed
// here. Completing is idempotent, so two instances, or this and a retry, write each mirror once.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@geldstroom/event-store';
import { EVENT_STORE } from './store.tokens';
import { completeOutbox, mirroredEventId, OUTBOX_METADATA_KEYS, outboxStreams } from './outbox';

/** An origin's own request writes its mirror within this time; after it, this service does. */
export const OUTBOX_GRACE_MS = 2_000;
const SWEEP_EVERY_MS = 1_000;
/** Origins held at most: more at once would be a log of nothing but unfinished decisions. */
const HELD_MAX = 10_000;
/** After the subscription failed (a connection to EventStoreDB lost, a read that failed), it follows again this much later. */
export const OUTBOX_FOLLOW_AGAIN_MS = 5_000;

interface HeldOrigin {
  readonly event: RecordedEvent;
  readonly waitingFor: Set<string>;
  readonly seenAtMs: number;
}

@Injectable()
export class OutboxCompleter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxCompleter');
  private readonly held = new Map<string, HeldOrigin>();
  private subscription: Subscription | undefined;
  private following: Promise<void> | undefined;
  /** The last position seen: following again goes on from there. */
  private seenUpTo: number | undefined;
  private pause: { readonly timer: NodeJS.Timeout; readonly resolve: () => void } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopping = false;

  /** How long after a failed subscription it follows again. */
  followAgainMs = OUTBOX_FOLLOW_AGAIN_MS;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onApplicationBootstrap(): void {
    this.following = this.follow();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pause) {
      clearTimeout(this.pause.timer);
      this.pause.resolve();
    }
    await this.subscription?.close();
    await this.following;
    await this.sweeping;
  }

  /** Completes every origin held longer than the grace period; answers when done. */
  sweep(now = Date.now()): Promise<void> {
    this.sweeping ??= this.completeDue(now).finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** Follows the log until shutdown; a subscription that fails is taken up again where it stopped. */
  private async follow(): Promise<void> {
    while (!this.stopping) {
      // Only origins and mirrors: a store that can leave the other events out reads none of them.
      this.subscription = this.store.subscribeToAll({ ...(this.seenUpTo === undefined ? {} : { after: this.seenUpTo }), metadataKeys: OUTBOX_METADATA_KEYS });
      try {
        for await (const event of this.subscription) {
          this.see(event);
          this.seenUpTo = event.position;
        }
        return;
      } catch (error) {
        if (this.stopping) return;
        this.logger.error(`stopped following the log at position ${this.seenUpTo ?? 0}: ${String(error)}; following again in ${this.followAgainMs} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.followAgainMs);
          timer.unref();
          this.pause = { timer, resolve };
        });
        this.pause = undefined;
      }
    }
  }

  private see(event: RecordedEvent): void {
    const streams = outboxStreams(event);
    if (streams.length > 0 && this.held.size < HELD_MAX) {
      this.held.set(event.id, { event, waitingFor: new Set(streams), seenAtMs: Date.now() });
    }
    const origin = mirroredEventId(event);
    const held = origin === undefined ? undefined : this.held.get(origin);
    if (!held) return;
    held.waitingFor.delete(event.streamId);
    if (held.waitingFor.size === 0) this.held.delete(origin!);
  }

  private async completeDue(now: number): Promise<void> {
    for (const [id, { event, seenAtMs }] of this.held) {
      if (this.stopping) return;
      if (now - seenAtMs < OUTBOX_GRACE_MS) continue;
      try {
        await completeOutbox(this.store, event.streamId, event.id, event.metadata);
        this.held.delete(id);
        this.logger.warn(`completed the pending outbox of event ${event.id} (${event.streamId} at position ${event.position})`);
      } catch (error) {
        // Left held: the next sweep tries again.
        if (!this.stopping) this.logger.error(`could not complete the outbox of event ${event.id}: ${String(error)}`);
      }
    }
  }
}
