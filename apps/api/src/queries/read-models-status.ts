// Every answer read from the read models says whether they were last found to match the journal:
// in its `readModels` block, in a `warning` at the top of the answer when they were not, and in a
// response header, so that no client can take figures from read models that failed their verify
// without being told.
//
// A hook of Fastify's, run on every object an answer sends just before it is serialised, rather
// than a global Nest interceptor: Nest wraps each request of every route in two AsyncResource
// binds and an rxjs pipe for an interceptor, measured at ~40 µs of the API's thread per command.
import type { FastifyInstance } from 'fastify';
import type { VerifyReport } from '@geldstroom/event-store';
import type { JournalFailure } from '@geldstroom/projections';
import type { HttpReply } from '../shared/http';
import type { ReadModels } from './read-models';

export const READ_MODELS_HEADER = 'Geldstroom-Read-Models';
/** `does-not-verify` while the ledger's own last verify of the journal failed; absent otherwise. */
export const JOURNAL_HEADER = 'Geldstroom-Journal';

export type ReadModelsStatus = 'verified' | 'not-verified-yet' | 'do-not-match-journal';

/** Whether the read models were last found to match the journal: what every answer says of them. */
export function readModelsStatus(readModels: ReadModels): ReadModelsStatus {
  const verified = readModels.verification;
  return !verified ? 'not-verified-yet' : verified.ok ? 'verified' : 'do-not-match-journal';
}

/** How the journal failed the ledger's own last verify; undefined while it holds (or before the first). */
export function journalFailureOf(report: VerifyReport | undefined): JournalFailure | undefined {
  if (!report || report.ok) return undefined;
  const failure = report.failure;
  return { kind: failure?.kind ?? 'failed', ...(failure?.position !== undefined ? { position: failure.position } : {}) };
}

/** What a file is told of what it was read from, as an answer is told it: the read models' status and the journal's failure. */
export interface AnswerIntegrity {
  readonly readModels: ReadModelsStatus;
  readonly journalFailure?: JournalFailure;
}

export function answerIntegrity(readModels: ReadModels, journal: VerifyReport | undefined): AnswerIntegrity {
  const journalFailure = journalFailureOf(journal);
  return { readModels: readModelsStatus(readModels), ...(journalFailure ? { journalFailure } : {}) };
}

/**
 * Adds the read models' status to every answer that carries a `readModels` block, and a warning
 * when the journal itself failed the ledger's own last verify (`journal`: that report). Before the routes.
 */
export function tellReadModelsStatus(fastify: FastifyInstance, readModels: ReadModels, journal: () => VerifyReport | undefined = () => undefined): void {
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    done(null, journalWarned(annotated(payload, reply, readModels), reply, journal()));
  });
}

/** An answer read from a journal that failed its verify says so first, whatever its read models say. */
function journalWarned(body: unknown, reply: HttpReply, report: VerifyReport | undefined): unknown {
  const failure = journalFailureOf(report);
  if (!failure || typeof body !== 'object' || body === null || !('readModels' in body)) return body;
  reply.header(JOURNAL_HEADER, 'does-not-verify');
  const where = `${failure.kind}${failure.position !== undefined ? ` at position ${failure.position}` : ''}`;
  const journalWarning = `The journal does not verify (${where}): no figure read from it can be relied on until it is restored and verifies.`;
  const { warning, ...rest } = body as { warning?: string };
  return { warning: warning ? `${journalWarning} ${warning}` : journalWarning, ...rest };
}

function annotated(body: unknown, reply: HttpReply, readModels: ReadModels): unknown {
  if (typeof body !== 'object' || body === null || !('readModels' in body)) return body;
  const verified = readModels.verification;
  const status = readModelsStatus(readModels);
  reply.header(READ_MODELS_HEADER, status);
  const block = {
    ...(body as { readModels: object }).readModels,
    status,
    ...(verified ? { verifiedAt: verified.verifiedAt, verifiedPosition: verified.position } : {}),
  };
  if (status !== 'do-not-match-journal') return { ...body, readModels: block };
  const warning = `The read models do not match the journal (verified at ${verified!.verifiedAt}): these figures cannot be relied on until they verify again.`;
  return { warning, ...body, readModels: block };
}
