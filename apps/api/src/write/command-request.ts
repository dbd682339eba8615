// What every command endpoint takes from the HTTP request besides its body: who acts, the
// correlation id, If-Match. And the one function that dispatches and shapes the answer.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandBus } from '@nestjs/cqrs';
import { v7 as uuidv7 } from 'uuid';
import type { AuthenticatedRequest } from '../access/auth.guard';
import { headerOf, type HttpReply } from '../shared/http';
import type { Principal } from '@geldstroom/application/access/principal';
import type { Dispatch } from '@geldstroom/application/commands/command-kind';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { RecordCommand, type RecordResult } from '@geldstroom/application/write/record.command';
import { CommandResponse } from '@geldstroom/application/commands/command-response';
import { sendCommand } from '@geldstroom/application/commands/send-command';

export { CommandResponse };

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const IF_MATCH = /^(?:W\/)?"?(\d{1,15})"?$/;

export interface HttpCommandMeta {
  /** The authenticated principal (set by AuthGuard): the actor of every event written. */
  readonly principal: Principal;
  readonly correlationId: string;
  readonly ifMatch?: number;
  readonly response: HttpReply;
}

export const CommandMeta = createParamDecorator((_: unknown, context: ExecutionContext): HttpCommandMeta => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new ProblemException('unauthorized', 'send Authorization: Bearer <token>');
  const response = context.switchToHttp().getResponse<HttpReply>();
  const correlation = headerOf(request, 'x-correlation-id');
  if (correlation !== undefined && !CORRELATION_ID.test(correlation)) {
    throw new ProblemException('validation', 'X-Correlation-Id must be 1 to 100 letters, digits or ._:-');
  }
  const ifMatchHeader = headerOf(request, 'if-match');
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

export async function dispatch(bus: CommandBus, meta: HttpCommandMeta, request: Dispatch): Promise<CommandResponse> {
  const execute = (command: RecordCommand) => bus.execute<RecordCommand, RecordResult>(command);
  const options = { correlationId: meta.correlationId, ...(meta.ifMatch !== undefined ? { ifMatch: meta.ifMatch } : {}) };
  const { response, replayed } = await sendCommand(execute, meta.principal, options, request);
  meta.response.header('ETag', `"${response.revision}"`);
  if (replayed) meta.response.header('Idempotent-Replayed', 'true');
  return response;
}
