// RFC 9457 problem details: every error the API gives is one of these kinds, each with a
// stable `type` a client can switch on.
import { HttpException } from '@nestjs/common';
import { InvalidAppendError, StoreUnavailableError, WrongExpectedRevisionError } from '@geldstroom/event-store';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Each kind, its HTTP status and its title. The `type` URI is `/problems/<kind>`. */
export const PROBLEM_KINDS = {
  'validation': { status: 400, title: 'The request does not have the expected shape' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'undecodable-body': { status: 400, title: 'The request body cannot be decoded as its Content-Encoding says' },
  'invalid-amount': { status: 400, title: 'An amount is not a valid money amount' },
  'invalid-date': { status: 400, title: 'A date is not a valid calendar date (YYYY-MM-DD)' },
  'invalid-value': { status: 422, title: 'A value cannot be a fact' },
  'personal-data': { status: 422, title: 'The request contains personal data, which the ledger never stores' },
  'unauthorized': { status: 401, title: 'Authentication is required' },
  'forbidden': { status: 403, title: 'You may not do this' },
  'not-found': { status: 404, title: 'No such resource' },
  'unknown-reference': { status: 422, title: 'The request refers to something the ledger does not know' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'already-exists': { status: 409, title: 'That entity already exists' },
  'invalid-state': { status: 409, title: 'The entity is not in a state that allows this' },
  'revision-conflict': { status: 409, title: 'The entity was changed since you read it' },
  'idempotency-conflict': { status: 409, title: 'That id was already used for a different request' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  // One title for every occurrence (RFC 9457): the detail says what this endpoint takes.
  'unsupported-media-type': { status: 415, title: 'The request body is not of a type this endpoint takes' },
  'precondition-failed': { status: 412, title: 'The If-Match header is not a stream revision' },
  // Said by Node's HTTP parser before there is a request (answered on the socket, framework-errors.ts).
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'headers-too-large': { status: 431, title: 'The request line and headers are larger than the server reads' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'internal': { status: 500, title: 'Internal error' },
  'document-integrity': { status: 500, title: 'The stored document is missing or does not match its recorded hash' },
  'unavailable': { status: 503, title: 'The ledger is not available' },
  'verify-aborted': { status: 503, title: 'The journal verify stopped on an error before it was done' },
  'read-models-behind': { status: 503, title: 'The read models have not yet taken in every write this question must include' },
} as const;

export type ProblemKind = keyof typeof PROBLEM_KINDS;

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemType(kind: ProblemKind): string {
  return `/problems/${kind}`;
}

/** Throw this anywhere in the API: the filter renders it as problem+json. */
export class ProblemException extends HttpException {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    /** Response headers that belong to the problem, e.g. WWW-Authenticate on a 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? PROBLEM_KINDS[kind].title, PROBLEM_KINDS[kind].status);
  }

  body(instance?: string): ProblemBody {
    const { status, title } = PROBLEM_KINDS[this.kind];
    return {
      type: problemType(this.kind),
      title,
      status,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

/** The problem an event store's refusal is to whoever sent the command; undefined for other errors. */
export function storeProblem(exception: unknown): ProblemException | undefined {
  if (exception instanceof WrongExpectedRevisionError) {
    return new ProblemException('revision-conflict', `someone else changed ${exception.streamId} first`, {
      currentRevision: exception.actual ?? null,
    });
  }
  if (exception instanceof InvalidAppendError) return new ProblemException('invalid-value', exception.message);
  if (exception instanceof StoreUnavailableError) {
    // Not "nothing was written": an append that timed out may have been. The same command
    // again, with the same idempotency key, answers as a replay if it was.
    const detail = exception.outcomeUnknown
      ? 'The event store did not answer in time; this may have been recorded. Send the same request again.'
      : 'The event store cannot be reached; nothing was written. Try again shortly.';
    return new ProblemException('unavailable', detail);
  }
  return undefined;
}
