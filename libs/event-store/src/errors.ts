// Typed failures of the store port; adapters translate their driver's errors into these.
import type { ExpectedRevision, StreamRevision } from './event-store.port';

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
