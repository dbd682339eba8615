// Hands one mapped command to the write path as a principal, and shapes the answer every command
// endpoint gives. The HTTP endpoints, the batch endpoint and the in-process scenario loader all
// send through here.
import type { Principal } from '../access/principal';
import { RecordCommand, type RecordResult } from '../write/record.command';
import type { Dispatch } from './command-kind';
import type { CommandResponse } from './command-response';

/** The write path: the CommandBus in an application, a RecordCommandHandler of its own elsewhere. */
export type RecordExecutor = (command: RecordCommand) => Promise<RecordResult>;

/** Who sends: the actor of every event written, and the scope and role the write path checks. */
export type Sender = Pick<Principal, 'principalId' | 'scope' | 'role'>;

export interface SendOptions {
  readonly correlationId: string;
  /** The stream revision the client last saw (If-Match). */
  readonly ifMatch?: number;
}

export interface Sent {
  readonly response: CommandResponse;
  /** True when the command had been recorded before: nothing was written. */
  readonly replayed: boolean;
}

export async function sendCommand(record: RecordExecutor, sender: Sender, options: SendOptions, dispatch: Dispatch): Promise<Sent> {
  const result = await record(recordCommandOf(sender, options, dispatch));
  return {
    replayed: result.replayed,
    response: {
      id: dispatch.entityId,
      streamId: result.streamId,
      revision: result.revision,
      position: result.position,
      eventIds: [...result.eventIds],
      ...(result.reversedBy ? { reversedBy: result.reversedBy.map((r) => ({ ...r })) } : {}),
    },
  };
}

export function recordCommandOf(sender: Sender, options: SendOptions, dispatch: Dispatch): RecordCommand {
  const { source } = dispatch;
  return new RecordCommand({
    streamId: dispatch.streamId,
    mustExist: dispatch.mustExist,
    command: dispatch.command,
    idempotencyKey: `${dispatch.command.type}:${dispatch.idempotencyId}`,
    ...(options.ifMatch !== undefined ? { ifMatch: options.ifMatch } : {}),
    context: {
      actor: sender.principalId,
      scope: sender.scope,
      role: sender.role,
      correlationId: options.correlationId,
      ...(source.sourceReference !== undefined ? { sourceReference: source.sourceReference } : {}),
      ...(source.effectiveDatePrecision !== undefined ? { effectiveDatePrecision: source.effectiveDatePrecision } : {}),
    },
  });
}
