// The client's failures as the port's: no `@eventstore/db-client` error reaches a caller.
import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as EsdbStreamDeletedError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { AppendTooLargeError, StoreUnavailableError, StreamDeletedError } from '../errors';

/** What was being done when the client failed: `append` names the port stream written to. */
export type Operation = { readonly append: string } | { readonly read: string };

/**
 * Maps what the client throws (for batch appends it unpacks the server's status into these:
 * EventStore-Client-NodeJS, packages/db-client/src/streams/appendToStream/unpackError.ts) to
 * the port's errors; anything else is passed through as it is.
 */
export function portErrorOf(error: unknown, operation: Operation): unknown {
  const streamId = 'append' in operation ? operation.append : undefined;
  if (error instanceof EsdbStreamDeletedError && streamId !== undefined) return new StreamDeletedError(streamId);
  if (error instanceof MaxAppendSizeExceededError && streamId !== undefined) {
    return new AppendTooLargeError(streamId, error.maxAppendSize);
  }
  // A node that is not the leader refuses a write before it is made; after a deadline, a
  // timeout or a dropped connection the write may have been made all the same.
  if (error instanceof NotLeaderError) return unavailable('the node is not the leader (an election is under way?)', false, error);
  const unknownOutcome = streamId !== undefined;
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError) {
    return unavailable('EventStoreDB did not answer before the deadline', unknownOutcome, error);
  }
  if (error instanceof UnavailableError || error instanceof CancelledError) {
    return unavailable('EventStoreDB could not be reached, or the call was dropped', unknownOutcome, error);
  }
  return error;
}

function unavailable(reason: string, outcomeUnknown: boolean, cause: Error): StoreUnavailableError {
  const outcome = outcomeUnknown ? ': the append may have been written; send it again with the same event ids' : '';
  return new StoreUnavailableError(`${reason} (${cause.message})${outcome}`, outcomeUnknown, { cause });
}
