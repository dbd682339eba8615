// Typed failures of the store port; adapters translate their driver's errors into these.
import type { ExpectedRevision, Position, StreamRevision } from './event-store.port';

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's revision now, or undefined when it does not exist. */
    readonly actual: StreamRevision | undefined,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual ?? 'no stream'}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** The caller broke the port's contract (bad id, empty append, oversize batch). */
export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

/** The append is larger than the store takes in one write (EventStoreDB's MaxAppendSize). */
export class AppendTooLargeError extends InvalidAppendError {
  constructor(
    readonly streamId: string,
    /** The store's limit on one append, as it counts bytes. */
    readonly appendSizeMaxBytes: number,
  ) {
    super(`an append to ${streamId} is larger than the store takes in one write (${appendSizeMaxBytes} bytes): split it`);
    this.name = 'AppendTooLargeError';
  }
}

/** The stream was deleted in the store. This ledger never deletes a stream: it was done behind its back. */
export class StreamDeletedError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was deleted in the store, and cannot be written again`);
    this.name = 'StreamDeletedError';
  }
}

/**
 * The store did not answer in time, or could not be reached (a deadline passed, no leader, the
 * connection dropped). When `outcomeUnknown`, an append may have been written all the same:
 * send it again with the same event ids, and a store never writes the replay twice.
 */
export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    readonly outcomeUnknown: boolean,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * A stored event a reader cannot take as the store wrote it (its hash scheme turned into a blob,
 * say): the file was changed outside the store. Replay stops on it, naming its position, rather
 * than pass on a value of another type than the event says; verify names the row as well.
 */
export class UnreadableEventError extends Error {
  constructor(
    readonly position: Position,
    detail: string,
  ) {
    super(`the event at position ${position} cannot be read as the store wrote it: ${detail} (the file was changed outside the ledger)`);
    this.name = 'UnreadableEventError';
  }
}
