// The audit trail of one entity: every event of its stream with metadata and hash chain.
import { Controller, Get, Inject, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { parseStreamId } from '@geldstroom/ledger';
import type { EventStore } from '@geldstroom/event-store';
import { auditTrail, documentsOfStream } from '@geldstroom/projections';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { ReadModels } from './projections.module';
import { AsOfQueryDto, cutRequest } from './query.dto';

/** Knowledge time only: an audit trail shows what was recorded, whatever its business date. */
class LedgerStreamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !parseStreamId(value)) {
      throw new ProblemException('validation', 'the stream must be <category>-<id> of a ledger category, e.g. grant-heerlen-pilot-2024');
    }
    return value;
  }
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditQueriesController {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('streams/:streamId')
  @ApiParam({ name: 'streamId', example: 'grant-azl-werkvoorheerlen-pilot-2024', description: '<category>-<id> of a ledger entity' })
  @ApiOperation({
    summary: 'Every event of an entity with its metadata, position, recordedAt, hash and previous hash, and the documents attached to its events by then',
  })
  async stream(@Param('streamId', new LedgerStreamPipe()) streamId: string, @Query() query: AsOfQueryDto) {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(cutRequest(query));
    const trail = await auditTrail(this.store, streamId, cut);
    if (!trail) throw new ProblemException('not-found', `${streamId} has no events in the ledger as of then`);
    // Attached by the cut and not reversed by then (the trail shows a reversal on its own stream).
    const documents = documentsOfStream(reader, streamId, cut);
    return { ...trail, documents };
  }
}
