// Feeds the read models from the store's catch-up subscription: every event once, in order, in
// batches of one transaction each with the checkpoint, so a restart resumes exactly where the last
// committed batch ended and never applies an event twice. One projector writes a read-model file:
// it holds the file's lock for as long as it runs. A rebuild from nothing runs in a worker thread,
// so a process that serves requests keeps answering them (with what it has) meanwhile; on a SQLite
// store the live projector runs in a thread of its own as well (live-worker.ts), so folding events
// into the read models does not take the time of the thread that answers and decides.
import type { Worker } from 'node:worker_threads';
import { startWorkerThread, workerFile, type EventStore, type Position, type RecordedEvent, type Subscription } from '@geldstroom/event-store';
import { ReadModelWriter, type WriterState } from './engine/read-model-writer';
import type { FindingRules } from './findings/rules';
import { ReadModelLock } from './store/lock';
import type { ReadStore } from './store/read-store';
import type { DeriveMessage, DeriveRequest } from './derive-worker';
import type { LiveCommand, LiveMessage, LiveRequest } from './live-worker';

const BATCH_MAX = 2_000;

/** From this many events on, a rebuild from nothing runs in a worker thread. */
const WORKER_FROM_EVENTS = 20_000;

export interface ProjectorOptions {
  readonly rules: FindingRules;
  /** Called after each committed batch with the events applied so far in this run. */
  readonly onProgress?: (applied: number, position: Position) => void;
  /**
   * A rebuild from nothing of at least this many events runs in a worker thread (default 20,000;
   * Infinity: never). It needs a store that can be opened again by address.
   */
  readonly workerFromEvents?: number;
  /** Said in the lock's holder file: where this process's API listens. */
  readonly url?: string;
  /**
   * Follow the journal in a worker thread (default: on a SQLite store opened by address). False
   * folds every event on the calling thread.
   */
  readonly liveInWorker?: boolean;
}

interface Waiter {
  readonly position: Position;
  readonly resolve: () => void;
}

export class Projector {
  private subscription: Subscription | undefined;
  private worker: Worker | undefined;
  private lock: ReadModelLock | undefined;
  private writer: ReadModelWriter;
  private stopping = false;
  private running: Promise<void> | undefined;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private applied = 0;
  private waiters: Waiter[] = [];
  private failure: unknown;
  private paused: Promise<void> | undefined;
  /** The live worker, and the writer's state as it last posted it. */
  private live: Worker | undefined;
  private liveState: WriterState | undefined;
  private onLivePaused: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: ProjectorOptions,
  ) {
    this.writer = new ReadModelWriter(readStore, options.rules);
  }

  /** The position of the last event the read models hold. */
  get checkpoint(): Position {
    return this.liveState?.position ?? this.writer.checkpoint;
  }

  /** The journal position, tree head and read-model digest of the last committed batch. */
  get state(): WriterState {
    return this.liveState ?? this.writer.state;
  }

  /**
   * Takes the read models' lock (throws ReadModelsLockedError when another process holds it) and
   * starts; with `fromNothing`, drops every read model first and rebuilds them from the log.
   */
  start(options: { readonly fromNothing?: boolean } = {}): void {
    if (this.running) return;
    this.lock ??= ReadModelLock.acquire(this.readStore.path, this.options.url ? { url: this.options.url } : {});
    if (options.fromNothing) {
      this.readStore.reset();
      this.writer = new ReadModelWriter(this.readStore, this.options.rules);
    }
    this.stopping = false;
    this.failure = undefined;
    this.running = this.run().catch((error: unknown) => this.fail(error));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.tell({ kind: 'stop' });
    await this.worker?.terminate();
    await this.subscription?.close();
    await this.running;
    this.flush();
    this.running = undefined;
    this.subscription = undefined;
    this.lock?.release();
    this.lock = undefined;
  }

  /** Resolves once the read models hold every event up to `position` (read-your-writes). */
  async catchUpTo(position: Position | undefined): Promise<void> {
    if (this.failure) throw this.failure;
    if (position === undefined || this.checkpoint >= position) return;
    const caughtUp = new Promise<void>((resolve) => this.waiters.push({ position, resolve }));
    this.tell({ kind: 'nudge' });
    await caughtUp;
    if (this.failure) throw this.failure;
  }

  async catchUp(): Promise<void> {
    await this.catchUpTo(await this.store.headPosition());
  }

  get lastError(): unknown {
    return this.failure;
  }

  /** Announces, in the lock's holder file, where this process's API can be reached. */
  announce(url: string): void {
    this.lock?.announce({ url });
  }

  /**
   * Runs `work` between two batches: nothing is written meanwhile (a verify takes its snapshot of
   * the live read models here).
   */
  async between<T>(work: () => T | Promise<T>): Promise<T> {
    while (this.paused) await this.paused;
    let resume!: () => void;
    this.paused = new Promise((resolve) => (resume = resolve));
    try {
      if (this.live) {
        const paused = new Promise<void>((resolve) => (this.onLivePaused = resolve));
        this.tell({ kind: 'pause' });
        await paused;
      }
      return await work();
    } finally {
      this.tell({ kind: 'resume' });
      this.paused = undefined;
      resume();
      this.scheduleFlush();
    }
  }

  private async run(): Promise<void> {
    const head = (await this.store.headPosition()) ?? 0;
    if (this.writer.checkpoint === 0 && head > 0) {
      this.readStore.dropDeferredIndexes();
      if (this.store.address && (await this.eventsUpTo(head)) >= (this.options.workerFromEvents ?? WORKER_FROM_EVENTS)) {
        await this.deriveInWorker(head);
        if (this.stopping) return;
      }
    }
    if (this.followsInWorker()) {
      if (!this.stopping) await this.followInWorker();
      return;
    }
    if (!this.readStore.hasDeferredIndexes()) this.whenCaughtUp(head, () => this.readStore.createDeferredIndexes());
    this.tellWaiters();
    this.subscription = this.store.subscribeToAll(this.writer.checkpoint > 0 ? { after: this.writer.checkpoint } : {});
    for await (const event of this.subscription) this.enqueue(event);
    this.flush();
  }

  /** How many events the log holds up to `head`, counted only as far as the threshold needs. */
  private async eventsUpTo(head: Position): Promise<number> {
    if (this.store.densePositions) return head;
    let events = 0;
    const enough = this.options.workerFromEvents ?? WORKER_FROM_EVENTS;
    for await (const _event of this.store.readAll({ maxCount: enough })) events += 1;
    return events;
  }

  /** Derives the read models up to `until` in a worker thread writing the same file, then carries on here. */
  private async deriveInWorker(until: Position): Promise<void> {
    const request: DeriveRequest = { address: this.store.address!, readStorePath: this.readStore.path, until, rules: this.options.rules };
    const worker = startWorkerThread(workerFile(__dirname, 'derive-worker', __filename), request);
    this.worker = worker;
    try {
      await new Promise<void>((resolve, reject) => {
        worker.on('message', (message: DeriveMessage) => {
          if (message.kind === 'progress') this.options.onProgress?.((this.applied = message.applied), message.position);
          if (message.kind === 'done') resolve();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    } finally {
      this.worker = undefined;
      await worker.terminate();
    }
    // Carry on from what the worker committed.
    this.writer = new ReadModelWriter(this.readStore, this.options.rules);
  }

  private followsInWorker(): boolean {
    return this.options.liveInWorker ?? this.store.address?.kind === 'sqlite';
  }

  /**
   * Runs the live projector in its thread until it stops: the main thread keeps only the state
   * it posts, and tells it when a question waits for more (see live-worker.ts).
   */
  private async followInWorker(): Promise<void> {
    const request: LiveRequest = { address: this.store.address!, readStorePath: this.readStore.path, rules: this.options.rules };
    const worker = startWorkerThread(workerFile(__dirname, 'live-worker', __filename), { live: request });
    this.live = worker;
    try {
      await new Promise<void>((resolve) => {
        worker.on('message', (message: LiveMessage) => {
          if (message.kind === 'state') {
            this.liveState = message.state;
            this.applied = message.applied;
            if (message.applied > 0) this.options.onProgress?.(this.applied, message.state.position);
            this.tellWaiters();
          }
          if (message.kind === 'paused') this.onLivePaused?.();
          if (message.kind === 'failed') this.fail(Object.assign(new Error(message.message), { stack: message.stack }));
        });
        worker.on('error', (error) => this.fail(error));
        worker.on('exit', () => {
          if (!this.stopping && !this.failure) this.fail(new Error('the live projector thread stopped'));
          resolve();
        });
      });
    } finally {
      this.live = undefined;
      this.onLivePaused?.();
      // From here the file is this thread's to read again: its checkpoint is what the thread committed.
      this.writer = new ReadModelWriter(this.readStore, this.options.rules);
      this.liveState = undefined;
    }
  }

  private tell(command: LiveCommand): void {
    this.live?.postMessage(command);
  }

  /** Kept for every later question: answers from read models that stopped are not answers. */
  private fail(error: unknown): void {
    this.failure ??= error;
    for (const waiter of this.waiters) waiter.resolve();
    this.waiters = [];
  }

  private whenCaughtUp(position: Position, then: () => void): void {
    const done = () => {
      if (!this.stopping) then();
    };
    if (this.writer.checkpoint >= position) done();
    else this.waiters.unshift({ position, resolve: done });
  }

  private enqueue(event: RecordedEvent): void {
    this.buffer.push(event);
    if (this.buffer.length >= BATCH_MAX) this.flush();
    else this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.buffer.length === 0) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.paused || this.buffer.length === 0 || this.failure) return;
    const events = this.buffer;
    this.buffer = [];
    try {
      this.writer.write(events);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.applied += events.length;
    this.options.onProgress?.(this.applied, this.writer.checkpoint);
    this.tellWaiters();
  }

  /** Those waiting for a position the read models now hold; the index build first, if due. */
  private tellWaiters(): void {
    const checkpoint = this.checkpoint;
    const due = this.waiters.filter((w) => w.position <= checkpoint);
    this.waiters = this.waiters.filter((w) => w.position > checkpoint);
    for (const waiter of due) waiter.resolve();
  }
}
