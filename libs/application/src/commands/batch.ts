// A batch of commands from another system, in order. Each command is checked and decided exactly
// as its own endpoint would (kind, role, personal data, validation, scope, decider). Not atomic:
// each command is answered on its own, like its endpoint, and the ones refused write nothing.
// Atomic: every command is decided on the state the batch's earlier commands leave (staged, not
// written), and all of it is written in one atomic append, or nothing is. A dry run decides the
// same way and writes nothing.
import { WrongExpectedRevisionError, type EventStore } from '@geldstroom/event-store';
import { RecordCommandHandler } from '../write/record.command';
import { StagedStreams } from '../write/staged-streams';
import { refusedOutcome, prepareCommand, submitCommand, type CommandInput, type CommandOutcome, type SubmitContext } from './submit-command';
import { sendCommand } from './send-command';
import type { Dispatch } from './command-kind';

/** An atomic batch that lost a race to another writer is decided again this often at most. */
const ATOMIC_ATTEMPTS_MAX = 3;

export interface BatchContext extends SubmitContext {
  readonly store: EventStore;
  /** Decide every command as an atomic batch would, and write nothing: a check of the whole against the ledger as it is. */
  readonly dryRun?: boolean;
}

/** A batch answered: every command's outcome, or (atomic) the one command that stopped it. */
export type BatchAnswer =
  | { readonly kind: 'answered'; readonly outcomes: readonly CommandOutcome[] }
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
  const stage = new StagedStreams(context.store);
  const handler = new RecordCommandHandler(stage);
  const record = (command: Parameters<RecordCommandHandler['execute']>[0]) => handler.execute(command);
  const sent = [];
  for (const [index, dispatch] of dispatches.entries()) {
    try {
      sent.push(await sendCommand(record, context.sender, { correlationId: context.correlationId }, dispatch));
    } catch (error) {
      // A conflict on the stage itself (two commands of the batch on one stream with If-Match) is a refusal too.
      return refusedAt(index, error);
    }
  }
  if (stage.isEmpty || context.dryRun) return answered(sent, (position) => position);
  try {
    return answered(sent, await stage.commit());
  } catch (error) {
    if (error instanceof WrongExpectedRevisionError) throw error;
    // The store refused the batch as a whole (EventStoreDB and several streams): no command's fault.
    return refusedAt(-1, error);
  }
}

function answered(sent: readonly Awaited<ReturnType<typeof sendCommand>>[], positionOf: (staged: number) => number): BatchAnswer {
  return {
    kind: 'answered',
    outcomes: sent.map((s) => ({ ok: true, status: 201, replayed: s.replayed, response: { ...s.response, position: positionOf(s.response.position) } })),
  };
}

function refusedAt(index: number, error: unknown): BatchAnswer {
  const outcome = refusedOutcome(error);
  if (outcome.ok) throw new Error('a refusal cannot be an acceptance');
  return { kind: 'refused', index, outcome };
}
