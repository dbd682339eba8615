// What every command endpoint takes from the HTTP request besides its body: who acts, the
// correlation id, If-Match. And the one function that dispatches and shapes the answer.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { ApiProperty } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LedgerCommand } from '@geldstroom/ledger';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedRequest } from '../access/auth.guard';
import type { Principal } from '../access/principal';
import type { CommandSource } from '../shared/command.dto';
import { ProblemException } from '../problem/problem';
import { RecordCommand, type RecordResult } from './record.command';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

export interface HttpCommandMeta {
  /** The authenticated principal (set by AuthGuard): the actor of every event written. */
  readonly principal: Principal;
  readonly correlationId: string;
  readonly ifMatch?: number;
  readonly response: Response;
}

export const CommandMeta = createParamDecorator((_: unknown, context: ExecutionContext): HttpCommandMeta => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new ProblemException('unauthorized', 'send Authorization: Bearer <token>');
  const response = context.switchToHttp().getResponse<Response>();
  const correlation = request.header('x-correlation-id');
  if (correlation !== undefined && !CORRELATION_ID.test(correlation)) {
    throw new ProblemException('validation', 'X-Correlation-Id must be 1 to 100 letters, digits or ._:-');
  }
  const ifMatchHeader = request.header('if-match');
  let ifMatch: number | undefined;
  if (ifMatchHeader !== undefined) {
    const match = IF_MATCH.exec(ifMatchHeader.trim());
    if (!match) throw new ProblemException('validation', 'If-Match must be a stream revision, e.g. "3"');
    ifMatch = Number(match[1]);
  }
  return {
    principal: request.principal,
    correlationId: correlation ?? uuidv7(),
    response,
    ...(ifMatch !== undefined ? { ifMatch } : {}),
  };
});

export class CommandResponse {
  @ApiProperty({ description: 'The entity the command was about', example: 'heerlen-pilot-2024' })
  id!: string;
  @ApiProperty({ example: 'grant-heerlen-pilot-2024' })
  streamId!: string;
  @ApiProperty({ description: 'Stream revision after the command: send it as If-Match next time', example: 2 })
  revision!: number;
  @ApiProperty({ description: 'Global journal position of the last event written', example: 17 })
  position!: number;
  @ApiProperty({ type: [String], description: 'Ids of the events written' })
  eventIds!: string[];
}

export interface Dispatch {
  readonly entityId: string;
  readonly streamId: string;
  readonly mustExist: boolean;
  readonly command: LedgerCommand;
  /** The client-chosen id that makes a retry recognisable. */
  readonly idempotencyId: string;
  readonly source: CommandSource;
}

export async function dispatch(bus: CommandBus, meta: HttpCommandMeta, request: Dispatch): Promise<CommandResponse> {
  const result = await bus.execute<RecordCommand, RecordResult>(
    new RecordCommand({
      streamId: request.streamId,
      mustExist: request.mustExist,
      command: request.command,
      idempotencyKey: `${request.command.type}:${request.idempotencyId}`,
      ...(meta.ifMatch !== undefined ? { ifMatch: meta.ifMatch } : {}),
      context: {
        actor: meta.principal.principalId,
        scope: meta.principal.scope,
        role: meta.principal.role,
        correlationId: meta.correlationId,
        ...(request.source.sourceReference !== undefined ? { sourceReference: request.source.sourceReference } : {}),
        ...(request.source.effectiveDatePrecision !== undefined ? { effectiveDatePrecision: request.source.effectiveDatePrecision } : {}),
      },
    }),
  );
  meta.response.setHeader('ETag', `"${result.revision}"`);
  if (result.replayed) meta.response.setHeader('Idempotent-Replayed', 'true');
  return {
    id: request.entityId,
    streamId: result.streamId,
    revision: result.revision,
    position: result.position,
    eventIds: [...result.eventIds],
  };
}

/** A command that starts an entity: its id is the idempotency id. */
export function dispatchCreate(
  bus: CommandBus,
  meta: HttpCommandMeta,
  category: string,
  entityId: string,
  source: CommandSource,
  command: Dispatch['command'],
): Promise<CommandResponse> {
  const streamId = `${category}-${entityId}`;
  return dispatch(bus, meta, { entityId, streamId, mustExist: false, idempotencyId: entityId, source, command });
}

/** A command on an existing entity (a payment on a grant), recognised by its own client id. */
export function dispatchOn(
  bus: CommandBus,
  meta: HttpCommandMeta,
  category: string,
  entityId: string,
  idempotencyId: string,
  source: CommandSource,
  command: Dispatch['command'],
): Promise<CommandResponse> {
  const streamId = `${category}-${entityId}`;
  return dispatch(bus, meta, { entityId, streamId, mustExist: true, idempotencyId, source, command });
}
