// The group commit on a thread of its own, for a store in a file. Writing a commit (each event's
// canonical text and hash, the inserts, and SQLite's COMMIT with its fsync) took about a third of
// the thread that decides commands in an import of booking lines: done here, on a connection of
// its own to the same file, it runs beside that thread's work on the next commands instead of
// between them. What is written, and when an append is acknowledged (after COMMIT returned, with
// synchronous=FULL), is exactly as with the group commit in the calling thread (group-commit.ts):
// the worker runs that same code.
//
// Appends are sent in messages of at most UNITS_PER_MESSAGE units as they come, the rest at the
// end of the turn of the event loop, so the worker commits one part while this thread decides the
// next. The worker joins whatever has arrived into one commit. A small group with nothing on its
// way to the worker (one append awaited after the other) is written in the calling thread, on its
// own connection, as before: nothing enqueued earlier can then be written after it.
import type { Worker } from 'node:worker_threads';
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors';
import type { AppendResult, ExpectedRevision, StreamRevision } from '../event-store.port';
import { startWorkerThread, workerFile } from '../worker-thread';
import { settle, type AppendRequest, type Committed, type GroupCommitter, type Outcome, type PendingUnit } from './group-commit';

/** Units per message: enough to fill a commit, few enough that the worker starts before the turn ends. */
const UNITS_PER_MESSAGE = 64;
/**
 * A group this small, with nothing on its way to the worker, is written in the calling thread:
 * alone, a trip to the worker and back costs more than it saves (one append awaited after the
 * other went from 0.73 to 0.47 of raw SQLite's rate).
 */
const UNITS_WRITTEN_HERE_MAX = 8;

/** A refusal as it crosses between threads: errors are rebuilt as the classes the callers test for. */
export type WireError =
  | { readonly kind: 'wrong-expected-revision'; readonly streamId: string; readonly expected: ExpectedRevision; readonly actual: StreamRevision | undefined }
  | { readonly kind: 'invalid-append'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

export type WireOutcome = { readonly ok: true; readonly results: AppendResult[] } | { readonly ok: false; readonly error: WireError };

export type ToCommitWorker = { readonly kind: 'commit'; readonly id: number; readonly units: readonly (readonly AppendRequest[])[] } | { readonly kind: 'close' };
export type FromCommitWorker = { readonly kind: 'committed'; readonly id: number; readonly outcomes: readonly WireOutcome[] };

/**
 * What a worker threw, as it comes over: a copy, not always an Error (better-sqlite3's SqliteError
 * arrives as its `code` alone).
 */
function textOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  const { message, code } = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; code?: unknown };
  return typeof message === 'string' ? message : typeof code === 'string' ? code : String(error);
}

export function wireError(error: unknown): WireError {
  if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong-expected-revision', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof InvalidAppendError) return { kind: 'invalid-append', message: error.message };
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

export function errorOfWire(wire: WireError): Error {
  if (wire.kind === 'wrong-expected-revision') return new WrongExpectedRevisionError(wire.streamId, wire.expected, wire.actual);
  if (wire.kind === 'invalid-append') return new InvalidAppendError(wire.message);
  return new Error(`the commit failed: ${wire.message}`);
}

export class CommitThread {
  private worker: Worker | undefined;
  private queue: PendingUnit[] = [];
  private scheduled = false;
  private nextId = 1;
  /** Sent and not answered yet, by message id (answered in the order sent). */
  private readonly sent = new Map<number, readonly PendingUnit[]>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly path: string,
    private readonly onCommitted: (commit: Committed) => void,
    /** The group commit on the calling thread's connection, for a small group with nothing on its way. */
    private readonly here: GroupCommitter,
  ) {}

  /** One append, or the appends of an atomic batch: written whole or not at all. */
  enqueue(appends: readonly AppendRequest[]): Promise<AppendResult[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ appends, resolve, reject });
      if (this.queue.length >= UNITS_PER_MESSAGE) {
        this.send();
      } else if (!this.scheduled) {
        this.scheduled = true;
        // As the group commit in the calling thread: every command running reaches its append first.
        setImmediate(() => {
          this.scheduled = false;
          this.send();
        });
      }
    });
  }

  /** Whether anything enqueued is not answered yet. */
  busy(): boolean {
    return this.queue.length > 0 || this.sent.size > 0;
  }

  /** Resolves when every append enqueued so far has been answered. */
  drained(): Promise<void> {
    if (!this.busy()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Once drained: the worker closes its connection and ends. */
  async close(): Promise<void> {
    await this.drained();
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ kind: 'close' } satisfies ToCommitWorker);
    await exited;
  }

  private send(): void {
    if (this.queue.length === 0) return;
    const units = this.queue;
    this.queue = [];
    // Nothing on its way, so nothing enqueued before these can be written after them.
    if (this.sent.size === 0 && units.length <= UNITS_WRITTEN_HERE_MAX) {
      this.here.commitNow(units);
      this.afterAnswer();
      return;
    }
    const id = this.nextId;
    this.nextId += 1;
    this.sent.set(id, units);
    const worker = this.started();
    // Kept alive while anything is on its way: an append waits for its answer.
    worker.ref();
    try {
      worker.postMessage({ kind: 'commit', id, units: units.map((unit) => unit.appends) } satisfies ToCommitWorker);
    } catch (error) {
      // Nothing was sent (validateAppend lets only what JSON holds this far): told, never thrown at the event loop.
      this.sent.delete(id);
      for (const unit of units) unit.reject(error);
      this.afterAnswer();
    }
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorkerThread(workerFile(__dirname, 'commit-worker', __filename), { path: this.path });
    worker.on('message', (message: FromCommitWorker) => this.answered(message.id, message.outcomes));
    worker.on('error', (error: unknown) => this.stopped(worker, new Error(`the commit thread failed: ${textOf(error)}`)));
    worker.on('exit', (code) => this.stopped(worker, new Error(`the commit thread ended (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private answered(id: number, wire: readonly WireOutcome[]): void {
    const units = this.sent.get(id);
    if (!units) return;
    this.sent.delete(id);
    const outcomes: Outcome[] = wire.map((outcome) => (outcome.ok ? outcome : { ok: false, error: errorOfWire(outcome.error) }));
    settle(units, outcomes, this.onCommitted);
    this.afterAnswer();
  }

  /**
   * The worker failed or ended with appends on their way: each is told it failed, as when a commit
   * fails in the calling thread (whether it was written before the failure is not known here; a
   * command retried with its idempotency key is answered from the journal). The next append
   * starts a new worker. A worker no longer the current one (its 'exit' after its 'error', or after
   * close) has nothing on its way: what is on its way now went to its successor.
   */
  private stopped(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    const units = [...this.sent.values()].flat();
    this.sent.clear();
    for (const unit of units) unit.reject(error);
    this.afterAnswer();
  }

  private afterAnswer(): void {
    if (this.sent.size === 0) this.worker?.unref();
    if (this.busy()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
