// POST /v1/batches: many commands in one request, each checked and decided as its own endpoint
// would, answered one by one or (atomic) all or nothing. See libs/application/src/commands/batch.ts.
import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { HttpReply } from '../shared/http';
import type { EventStore } from '@geldstroom/event-store';
import { runAtomicBatch, runBatch, type BatchAnswer, type BatchOutcome } from '@geldstroom/application/commands/batch';
import { commandKindNamed } from '@geldstroom/application/commands/command-catalogue';
import type { CommandInput } from '@geldstroom/application/commands/submit-command';
import { ProblemException, type ProblemKind } from '@geldstroom/application/problem/problem';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import type { RecordCommand, RecordResult } from '@geldstroom/application/write/record.command';
import { Access } from '../access/access.decorators';
import type { Configuration } from '../config/configuration';
import type { BatchAnswer as BatchAnswerWire, BatchCommandAnswer } from '../openapi/answers';
import { ReadModels } from '../queries/projections.module';
import { findingLookups } from '../queries/finding-lookups';
import { CommandMeta, type HttpCommandMeta } from '../write/command-request';
import { BATCH_EXAMPLES } from './batch-examples';
import { BatchDto, type BatchCommandDto } from './batches.dto';

@ApiTags('batches')
@Controller('v1/batches')
export class BatchesController {
  constructor(
    private readonly bus: CommandBus,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly config: ConfigService<Configuration, true>,
  ) {}

  @Post()
  @HttpCode(200)
  // Any principal that may send some command; each command is held to its own kind's rule.
  @Access('command')
  @ApiOperation({
    summary: 'Send many commands at once: each answered like its own endpoint, or with atomic: true all written or none',
    description:
      'Each command is validated, authorised (a recorder only for its parties) and decided exactly as on its own endpoint, in order. ' +
      'Not atomic: 200 with one result per command (its status, and its answer or problem); a command sent again answers as a replay. ' +
      'Atomic: 201 when all were written; when one is refused nothing is written and the answer is that command\'s problem, ' +
      'naming it (commandIndex, commandKind; conflictsWithCommandIndex when it reuses an earlier command\'s id with other content). ' +
      'Dry run: decided as atomic, nothing written, 200; each command\'s status, replayed, and what it is about (checked), ' +
      'with no revision, position or event id, since none was written. On EventStoreDB an atomic batch may write one stream only.',
  })
  @ApiBody({ type: BatchDto, examples: BATCH_EXAMPLES })
  async send(@Body() dto: BatchDto, @CommandMeta() meta: HttpCommandMeta, @Res({ passthrough: true }) response: HttpReply): Promise<BatchAnswerWire> {
    const max = this.config.get('GELDSTROOM_BATCH_COMMANDS_MAX', { infer: true });
    if (dto.commands.length > max) throw new ProblemException('payload-too-large', `a batch holds at most ${max} commands; this one holds ${dto.commands.length}`, { commandsMax: max });
    const inputs = dto.commands.map(toInput);
    const context = {
      record: (command: RecordCommand) => this.bus.execute<RecordCommand, RecordResult>(command),
      sender: meta.principal,
      correlationId: meta.correlationId,
      lookups: findingLookups(this.readModels),
    };
    const dryRun = dto.dryRun === true;
    const atomic = dto.atomic === true || dryRun;
    const answer = atomic ? await runAtomicBatch(inputs, { ...context, store: this.store, dryRun }) : await runBatch(inputs, context);
    if (answer.kind === 'refused') throw refusalOf(answer, dto.commands, dryRun);
    if (atomic && !dryRun) response.status(201);
    return { atomic, ...(dryRun ? { dryRun } : {}), results: answer.outcomes.map((outcome, index) => resultOf(outcome, index, dto.commands[index].kind)) };
  }
}

function toInput(command: BatchCommandDto): CommandInput {
  const kind = commandKindNamed(command.kind);
  // Unreachable after validation: the DTO allows only the catalogue's names.
  if (!kind) throw new ProblemException('validation', `no command kind ${command.kind}`);
  return { kind, id: command.id ?? '', body: command.body };
}

function resultOf(outcome: BatchOutcome, index: number, kind: string): BatchCommandAnswer {
  if (!outcome.ok) return { index, kind, status: outcome.status, problem: outcome.problem };
  // A dry run wrote nothing: what the command is about, and no revision, position or event id.
  if ('checked' in outcome) return { index, kind, status: outcome.status, replayed: outcome.replayed, checked: outcome.checked };
  return { index, kind, status: outcome.status, replayed: outcome.replayed, answer: outcome.response };
}

/** The refused command's own problem, naming which command of the batch it was. */
function refusalOf(answer: Extract<BatchAnswer, { kind: 'refused' }>, commands: readonly BatchCommandDto[], dryRun: boolean): ProblemException {
  const { type, title: _title, status: _status, detail, instance: _instance, ...extensions } = answer.outcome.problem;
  const kind = type.slice('/problems/'.length) as ProblemKind;
  if (answer.index < 0) return new ProblemException(kind, `nothing was written: ${detail ?? ''}`.trim(), extensions);
  const command = commands[answer.index];
  const said = dryRun ? 'a dry run, nothing written' : 'nothing was written';
  return new ProblemException(kind, `${said}: command ${answer.index} (${command.kind}) was refused: ${detail ?? ''}`, {
    ...extensions,
    commandIndex: answer.index,
    commandKind: command.kind,
  });
}
