// The one way anything is written: load the stream, check idempotency and If-Match, load the
// referenced streams, decide, append at the expected revision. Every command endpoint
// dispatches a RecordCommand; only the domain command inside differs.
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import canonicalize from 'canonicalize';
import type { EventStore, JsonObject, JsonValue, RecordedEvent } from '@geldstroom/event-store';
import { sha256Hex, WrongExpectedRevisionError } from '@geldstroom/event-store';
import {
  DECIDERS,
  type Decider,
  type DomainEvent,
  type AccessCommand,
  type LedgerCommand,
  type EventData,
  accountabilityOf,
  accountabilityOfData,
  supportableStream,
  type Refusal,
  type DatePrecision,
  withDatePrecision,
} from '@geldstroom/ledger';
import type { Role, Scope } from '../access/principal';
import { ProblemException, type ProblemKind } from '../problem/problem';
import { EVENT_STORE } from './store.tokens';
import { completeOutbox, toAppend } from './outbox';
import type { LedgerStreams } from './staged-streams';
import { loadStream, type LoadedStream } from './stream-loader';
import { StreamStates } from './stream-states';

/** Who asks, and why: becomes the metadata of every event the command writes. */
export interface CommandContext {
  /** The authenticated principal's id. */
  readonly actor: string;
  /** The parties the principal may write for. */
  readonly scope: Scope;
  /** The principal's role, when a principal asks (the command line and the ledger's first start do not). */
  readonly role?: Role;
  readonly correlationId: string;
  readonly sourceReference?: string;
  /** How exactly the command's effective date is known; absent: to the day. */
  readonly effectiveDatePrecision?: DatePrecision;
  /**
   * The line of an imported file the command was made from (its SHA-256 and line number), kept in
   * the metadata so every imported fact names its source line. Not part of the fingerprint: the
   * same line in a later export of the same bookings is the same fact.
   */
  readonly sourceLine?: { readonly fileSha256: string; readonly line: number };
}

export interface RecordRequest {
  /** The stream the command is decided on, e.g. `grant-heerlen-pilot`. */
  readonly streamId: string;
  /** Set for commands on an existing entity (a payment on a grant): absent is a 404. */
  readonly mustExist: boolean;
  /** The domain command, `type` first: exactly what the decider gets. */
  readonly command: LedgerCommand | AccessCommand;
  /** Idempotency key: the command type and the client-chosen id it carries. */
  readonly idempotencyKey: string;
  /** From If-Match: the stream revision the client last saw. */
  readonly ifMatch?: number;
  readonly context: CommandContext;
  /**
   * The key is made from a source that cannot name another (a booking line's natural key): once
   * everything recorded under it was reversed, other content is recorded anew under it. A client
   * of the API names a new id instead, and other content under a used key stays a conflict.
   */
  readonly anewAfterReversal?: boolean;
}

export interface RecordResult {
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly eventIds: readonly string[];
  /** True when this was a retry of a command already recorded: nothing was written. */
  readonly replayed: boolean;
  /** On a replay: the reversals, recorded since, of the events the command wrote (they no longer count). */
  readonly reversedBy?: readonly ReversalReference[];
}

/** An EntryReversed on the command's stream that took back one of the events it wrote. */
export interface ReversalReference {
  readonly eventId: string;
  readonly position: number;
  readonly reversedEventId: string;
}

export class RecordCommand {
  constructor(readonly request: RecordRequest) {}
}

const REFUSAL_KINDS: Record<Refusal['code'], ProblemKind> = {
  'not-found': 'unknown-reference',
  'already-exists': 'already-exists',
  'invalid-state': 'invalid-state',
  'invalid-amount': 'invalid-amount',
  'invalid-date': 'invalid-date',
  'invalid-value': 'invalid-value',
  'personal-data': 'personal-data',
};

/** Without If-Match, a lost race is decided again on the new state this often at most. */
export const CONFLICT_ATTEMPTS_MAX = 3;

type AnyDecider = Decider<unknown, DomainEvent, unknown>;
type StreamLoad = (streamId: string) => Promise<LoadedStream>;

/** Whom a command answers to, as far as the write side can tell before deciding. */
type Answerable = { readonly kind: 'party'; readonly partyId: string } | { readonly kind: 'reviewers' | 'any-recorder' | 'unknown' };

@CommandHandler(RecordCommand)
export class RecordCommandHandler implements ICommandHandler<RecordCommand, RecordResult> {
  /** Stream state kept between commands, checked against the store's revision on every load. */
  private readonly streams: { load(streamId: string): Promise<LoadedStream>; loadAssumingNew?(streamId: string): Promise<LoadedStream> };

  constructor(@Inject(EVENT_STORE) private readonly store: LedgerStreams) {
    // A stage of an atomic batch (no revisions of its own to check against) is read whole each time.
    this.streams = hasRevisions(store) ? new StreamStates(store) : { load: (streamId) => loadStream(store, streamId) };
  }

  async execute({ request }: RecordCommand): Promise<RecordResult> {
    // A command that would create its stream is first decided as if the stream were new, without
    // reading its head: the append at 'no_stream' proves it was. Anything else (the stream was
    // there after all, a refusal, a scope problem) and the command is decided again as below, on
    // the stream as stored, so its answer is exactly what it would have been.
    if (this.streams.loadAssumingNew && !request.mustExist && request.ifMatch === undefined) {
      try {
        return await this.attempt(request, true);
      } catch {
        // Decided again on the stream as stored.
      }
    }
    // Without If-Match, losing a race to another writer is no reason to fail: decide again
    // on the new state (a concurrent identical retry then answers as a replay).
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(request, false);
      } catch (error) {
        const retry = error instanceof WrongExpectedRevisionError && request.ifMatch === undefined;
        if (!retry || attempt === CONFLICT_ATTEMPTS_MAX) throw error;
      }
    }
  }

  /** One decision; `assumingNew`: the command's own stream taken to be new (see execute). */
  private async attempt(request: RecordRequest, assumingNew: boolean): Promise<RecordResult> {
    const decider = deciderFor(request.streamId);
    // Each stream read once per attempt: the budget a scope check reads is the one the decider gets.
    const loaded = new Map<string, Promise<LoadedStream>>();
    const load = (streamId: string): Promise<LoadedStream> => {
      let stream = loaded.get(streamId);
      if (!stream) loaded.set(streamId, (stream = this.streams.load(streamId)));
      return stream;
    };
    if (assumingNew && this.streams.loadAssumingNew) loaded.set(request.streamId, this.streams.loadAssumingNew(request.streamId));
    const stream = await load(request.streamId);
    // The source reference is recorded content too: a retry citing another decision is not a retry.
    const precision = request.context.effectiveDatePrecision;
    const fingerprint = fingerprintOf({
      command: request.command,
      sourceReference: request.context.sourceReference ?? null,
      // Only when given: commands recorded before precisions existed keep their fingerprint.
      ...(precision !== undefined && precision !== 'day' ? { effectiveDatePrecision: precision } : {}),
    });
    if (request.mustExist && stream.revision === undefined) {
      throw new ProblemException('not-found', `${request.streamId} does not exist`);
    }
    // Scope first: a replay, or the conflict of one with other content, tells what was recorded
    // and when, which a recorder outside the party's books may not learn.
    await this.checkScope(request, stream, load);
    const earlier = stream.events.filter((e) => e.metadata.idempotencyKey === request.idempotencyKey);
    const anew = request.anewAfterReversal === true && earlier.length > 0 && takenBackWhole(earlier, fingerprint, stream.events);
    if (earlier.length > 0 && !anew) return this.replay(request, earlier, fingerprint, stream.events);
    if (request.ifMatch !== undefined && request.ifMatch !== stream.revision) {
      throw new ProblemException('revision-conflict', `${request.streamId} is at another revision than If-Match`, {
        currentRevision: stream.revision ?? null,
      });
    }
    const references = await this.loadReferences(decider, request.command, load);
    const decision = decider.decide(request.command, stream.state, references);
    if (decision.kind === 'refused') throw refusalProblem(decision.refusal);
    const date = (request.command as { effectiveDate?: string }).effectiveDate ?? '';
    const dated = <E extends { readonly data: object }>(events: readonly E[]) => withDatePrecision(events, date, precision);
    const mirrors = (decision.mirrors ?? []).map((m) => ({ streamId: m.streamId, events: dated(m.events).map(({ type, data }) => ({ type, data })) }));
    // A decision with mirrors (a transfer's incoming side) writes two streams. The first event
    // carries them as an outbox: if the process dies between the two appends, the OutboxCompleter
    // (or a retry) writes what is missing.
    const metadata = { ...eventMetadata(request, fingerprint), ...(mirrors.length > 0 ? { mirrors: mirrors as unknown as JsonValue } : {}) };
    const appends = dated(decision.events).map((event) => toAppend(event, metadata));
    const result = await this.store.append(request.streamId, appends, stream.revision ?? 'no_stream');
    const mirrorPosition = await completeOutbox(this.store, request.streamId, appends[0].id, metadata);
    return {
      streamId: request.streamId,
      revision: result.nextExpectedRevision,
      position: Math.max(result.lastPosition, mirrorPosition ?? 0),
      eventIds: appends.map((e) => e.id),
      replayed: false,
    };
  }

  /**
   * A retry: same key and same content answers as the first time, and says which of its events
   * were reversed since (the client must not take them to count); other content is a 409.
   */
  private async replay(request: RecordRequest, earlier: readonly RecordedEvent[], fingerprint: string, streamEvents: readonly RecordedEvent[]): Promise<RecordResult> {
    const last = earlier[earlier.length - 1];
    if (last.metadata.commandFingerprint !== fingerprint) {
      throw new ProblemException('idempotency-conflict', `${request.idempotencyKey} was already recorded with other content`, {
        recordedAt: last.recordedAt,
      });
    }
    const mirrorPosition = await completeOutbox(this.store, request.streamId, earlier[0].id, earlier[0].metadata);
    const reversedBy = reversalsOf(earlier, streamEvents);
    return {
      streamId: request.streamId,
      revision: last.revision,
      position: Math.max(last.position, mirrorPosition ?? 0),
      eventIds: earlier.map((e) => e.id),
      replayed: true,
      ...(reversedBy.length > 0 ? { reversedBy } : {}),
    };
  }

  /**
   * A recorder writes only in the books of the parties it is scoped to, and never in a finding's
   * reviews (nor attaches documents to them): those are the controllers' and accountants'.
   */
  private async checkScope(request: RecordRequest, stream: LoadedStream, load: StreamLoad): Promise<void> {
    const { scope, role } = request.context;
    const accountable = await this.accountable(request.command as LedgerCommand & EventData, stream.events[0]?.data, load);
    if (accountable.kind === 'reviewers') {
      if (role === 'recorder') throw new ProblemException('forbidden', "a finding's reviews are recorded by a controller or an accountant");
      return;
    }
    if (scope === 'all' || accountable.kind !== 'party') return;
    if (!scope.includes(accountable.partyId)) {
      throw new ProblemException('forbidden', `you do not record for party ${accountable.partyId}`, { party: accountable.partyId });
    }
  }

  /** The party a command answers to, looked up through a budget or the stream a document supports. */
  private async accountable(
    command: LedgerCommand & EventData,
    creation: EventData | undefined,
    load: StreamLoad,
  ): Promise<Answerable> {
    let accountable = accountabilityOf(command, creation);
    if (accountable.kind === 'stream') {
      const supported = supportableStream(accountable.streamId);
      // A stream that is not a ledger fact's is the decider's to refuse (a 422 naming it), not a scope question.
      if (!supported) return { kind: 'unknown' };
      const first = (await load(supported)).events[0];
      if (!first) return { kind: 'unknown' };
      accountable = accountabilityOfData(first.data);
    }
    if (accountable.kind !== 'budget') return accountable.kind === 'stream' ? { kind: 'unknown' } : accountable;
    const budget = await load(`budget-${accountable.budgetId}`);
    const owner = budget.events[0]?.data.ownerPartyId;
    // An unknown budget is the decider's to refuse (a 422 naming it), not a scope question.
    return typeof owner === 'string' ? { kind: 'party', partyId: owner } : { kind: 'unknown' };
  }

  private async loadReferences(decider: AnyDecider, command: unknown, load: StreamLoad): Promise<Map<string, unknown>> {
    const loaded: LoadedStream[] = await Promise.all(decider.references(command).map(load));
    return new Map(loaded.filter((s) => s.revision !== undefined).map((s) => [s.streamId, s.state]));
  }
}

function hasRevisions(store: LedgerStreams): store is LedgerStreams & Pick<EventStore, 'streamRevision'> {
  return typeof (store as Partial<EventStore>).streamRevision === 'function';
}

function deciderFor(streamId: string): AnyDecider {
  const category = streamId.slice(0, streamId.indexOf('-'));
  const decider = (DECIDERS as Record<string, AnyDecider | undefined>)[category];
  if (!decider) throw new Error(`no decider for ${streamId}`);
  return decider;
}

function fingerprintOf(command: object): string {
  return sha256Hex(canonicalize(command) ?? '');
}

function refusalProblem(refusal: Refusal): ProblemException {
  const detail = wireNames(refusal.detail);
  return new ProblemException(REFUSAL_KINDS[refusal.code], detail, refusal.field ? { field: wireNames(refusal.field) } : {});
}

/**
 * The deciders name amounts as they hold them, in cents (`amountCents`, `reclaim.amountCents`);
 * the client sent them as `amount`, `reclaim.amount`: a problem names the field it can fix.
 */
function wireNames(text: string): string {
  return text.replace(/\b([a-z][A-Za-z.]*)Cents\b/g, '$1');
}

function eventMetadata(request: RecordRequest, fingerprint: string): JsonObject {
  // An access change has no business date: it takes effect when recorded.
  const effectiveDate = 'effectiveDate' in request.command ? request.command.effectiveDate : undefined;
  return {
    actor: request.context.actor,
    idempotencyKey: request.idempotencyKey,
    commandFingerprint: fingerprint,
    correlationId: request.context.correlationId,
    causationId: uuidv7(),
    ...(effectiveDate !== undefined ? { effectiveDate } : {}),
    ...(request.context.sourceReference ? { sourceReference: request.context.sourceReference } : {}),
    ...(request.context.sourceLine ? { sourceLine: { ...request.context.sourceLine } } : {}),
  };
}

/** The reversals on a stream of the given events of it: a reversal names its target by id on the target's own stream. */
/**
 * The latest recording under an idempotency key had other content and every event of it was
 * reversed since: the key is free for the corrected content, where the request says it may be
 * (a booking line corrected in the financial system, imported again after its fact was
 * reversed). The same content again still answers as a replay that names its reversal.
 */
function takenBackWhole(earlier: readonly RecordedEvent[], fingerprint: string, streamEvents: readonly RecordedEvent[]): boolean {
  const last = earlier[earlier.length - 1];
  if (last.metadata.commandFingerprint === fingerprint) return false;
  const ofLast = earlier.filter((e) => e.metadata.commandFingerprint === last.metadata.commandFingerprint);
  const reversed = new Set(reversalsOf(ofLast, streamEvents).map((r) => r.reversedEventId));
  return ofLast.every((e) => reversed.has(e.id));
}

function reversalsOf(written: readonly RecordedEvent[], streamEvents: readonly RecordedEvent[]): ReversalReference[] {
  const ids = new Set(written.map((e) => e.id));
  return streamEvents.flatMap((event) => {
    const target = event.type === 'EntryReversed' ? (event.data as { reversedEventId?: unknown }).reversedEventId : undefined;
    return typeof target === 'string' && ids.has(target) ? [{ eventId: event.id, position: event.position, reversedEventId: target }] : [];
  });
}
