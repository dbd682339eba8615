// A batch of commands from another system, in order. Each command is checked and decided exactly
// as its own endpoint would (kind, role, personal data, validation, scope, decider). Not atomic:
// each command is answered on its own, like its endpoint, and the ones refused write nothing.
// Atomic: every command is decided on the state the batch's earlier commands leave (staged, not
// written), and all of it is written in one atomic append, or nothing is. A dry run decides the
// same way and writes nothing, so it answers no revision, position or event id: none exists.
import {
  WrongExpectedRevisionError,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type RecordedEvent,
} from '@geldstroom/event-store';
import { ProblemException } from '../problem/problem';
import { RecordCommandHandler, type RecordCommand, type RecordRequest } from '../write/record.command';
import { StagedStreams, type LedgerStreams } from '../write/staged-streams';
import { refusedOutcome, prepareCommand, submitCommand, type CommandInput, type CommandOutcome, type SubmitContext } from './submit-command';
import { sendCommand, type Sent } from './send-command';
import type { Dispatch } from './command-kind';
import type { CommandResponse } from './command-response';

/** An atomic batch that lost a race to another writer is decided again this often at most. */
const ATOMIC_ATTEMPTS_MAX = 3;

export interface BatchContext extends SubmitContext {
  readonly store: EventStore;
  /** Decide every command as an atomic batch would, and write nothing: a check of the whole against the ledger as it is. */
  readonly dryRun?: boolean;
}

/**
 * A command a dry run would take: what it is about, and whether it is a replay. Nothing was
 * written, so it has no revision, position or event ids to name.
 */
export interface CheckedOutcome {
  readonly ok: true;
  readonly status: 201;
  readonly replayed: boolean;
  readonly checked: { readonly id: string; readonly streamId: string; readonly reversedBy?: CommandResponse['reversedBy'] };
}

export type BatchOutcome = CommandOutcome | CheckedOutcome;

/** A batch answered: every command's outcome, or (atomic) the one command that stopped it. */
export type BatchAnswer =
  | { readonly kind: 'answered'; readonly outcomes: readonly BatchOutcome[] }
  | { readonly kind: 'refused'; readonly index: number; readonly outcome: Extract<CommandOutcome, { ok: false }> };

/** Each command on its own, in order: a later command sees what an earlier one wrote. */
export async function runBatch(commands: readonly CommandInput[], context: SubmitContext): Promise<BatchAnswer> {
  const outcomes: CommandOutcome[] = [];
  for (const command of commands) outcomes.push(await submitCommand(command, context));
  return { kind: 'answered', outcomes };
}

/** All or nothing: the first command refused stops the batch, and nothing is written. */
export async function runAtomicBatch(commands: readonly CommandInput[], context: BatchContext): Promise<BatchAnswer> {
  const dispatches: Dispatch[] = [];
  for (const [index, command] of commands.entries()) {
    try {
      dispatches.push(await prepareCommand(command, context.sender, context.lookups));
    } catch (error) {
      return refusedAt(index, error);
    }
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await decideAndCommit(dispatches, context);
    } catch (error) {
      // Another writer changed a stream between the snapshot and the commit: decide again on what it left.
      if (!(error instanceof WrongExpectedRevisionError) || attempt === ATOMIC_ATTEMPTS_MAX) throw error;
    }
  }
}

async function decideAndCommit(dispatches: readonly Dispatch[], context: BatchContext): Promise<BatchAnswer> {
  const stage = new BatchStage(new StagedStreams(context.store));
  const handler = new RecordCommandHandler(stage);
  // The request the write path was given for the command being decided: its refusal is about it.
  const asked: { request?: RecordRequest } = {};
  const record = (command: RecordCommand) => {
    asked.request = command.request;
    return handler.execute(command);
  };
  const sent: Sent[] = [];
  for (const [index, dispatch] of dispatches.entries()) {
    stage.commandIndex = index;
    asked.request = undefined;
    try {
      sent.push(await sendCommand(record, context.sender, { correlationId: context.correlationId }, dispatch));
    } catch (error) {
      // A conflict on the stage itself (two commands of the batch on one stream with If-Match) is a refusal too.
      return refusedAt(index, (asked.request && stage.conflictWithin(error, asked.request)) ?? error);
    }
  }
  if (context.dryRun) return checked(sent);
  if (stage.staged.isEmpty) return answered(sent, (position) => position);
  try {
    return answered(sent, await stage.staged.commit());
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw error;
    // The store refused the batch as a whole (EventStoreDB and several streams): no command's fault.
    return refusedAt(-1, error);
  }
}

/**
 * The stage, remembering which command of the batch staged each idempotency key on each stream
 * (a transfer's incoming side included): a later command conflicting with one of them conflicts
 * with that command, not with anything recorded.
 */
class BatchStage implements LedgerStreams {
  /** The command being decided. */
  commandIndex = 0;
  private readonly stagedBy = new Map<string, number>();

  constructor(readonly staged: StagedStreams) {}

  readStream(streamId: string): AsyncIterable<RecordedEvent> {
    return this.staged.readStream(streamId);
  }

  async append(streamId: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    const result = await this.staged.append(streamId, events, expected);
    for (const event of events) {
      const key = stagedKey(streamId, event.metadata.idempotencyKey);
      if (!this.stagedBy.has(key)) this.stagedBy.set(key, this.commandIndex);
    }
    return result;
  }

  /**
   * An idempotency conflict with what an earlier command of this batch staged, said as such: the
   * write path's own problem names a recordedAt of a recording that does not exist.
   */
  conflictWithin(error: unknown, request: RecordRequest): ProblemException | undefined {
    if (!(error instanceof ProblemException) || error.kind !== 'idempotency-conflict') return undefined;
    const earlier = this.stagedBy.get(stagedKey(request.streamId, request.idempotencyKey));
    if (earlier === undefined) return undefined;
    return new ProblemException(
      'idempotency-conflict',
      `${request.idempotencyKey} was sent earlier in this batch, as command ${earlier}, with other content`,
      { conflictsWithCommandIndex: earlier },
    );
  }
}

function stagedKey(streamId: string, idempotencyKey: unknown): string {
  return JSON.stringify([streamId, idempotencyKey]);
}

function answered(sent: readonly Sent[], positionOf: (staged: number) => number): BatchAnswer {
  return {
    kind: 'answered',
    outcomes: sent.map((s) => ({ ok: true, status: 201, replayed: s.replayed, response: { ...s.response, position: positionOf(s.response.position) } })),
  };
}

/** A dry run: what each command is about, without the stage's stand-in positions and the ids of events never written. */
function checked(sent: readonly Sent[]): BatchAnswer {
  return {
    kind: 'answered',
    outcomes: sent.map((s) => ({
      ok: true,
      status: 201,
      replayed: s.replayed,
      // A retry of a command reversed since says so here too: those reversals are in the journal.
      checked: { id: s.response.id, streamId: s.response.streamId, ...(s.response.reversedBy ? { reversedBy: s.response.reversedBy } : {}) },
    })),
  };
}

function refusedAt(index: number, error: unknown): BatchAnswer {
  const outcome = refusedOutcome(error);
  if (outcome.ok) throw new Error('a refusal cannot be an acceptance');
  return { kind: 'refused', index, outcome };
}
