// Reviews of findings: a controller or accountant records where a finding stands, with a note.
// The finding is the read side's; its reviews are events of the journal, with their actor.
import { createHash } from 'node:crypto';
import { Body, Controller, Param, Post, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import canonicalize from 'canonicalize';
import { FINDING_ID_PATTERN, findingStreamId } from '@geldstroom/ledger';
import { findingExists } from '@geldstroom/projections';
import { Access } from '../access/access.decorators';
import { ProblemException } from '../problem/problem';
import { ReadModels } from '../queries/projections.module';
import { todayInTheNetherlands } from '../shared/today';
import { CommandMeta, dispatch, type HttpCommandMeta } from '../write/command-request';
import { ReviewFindingDto, ReviewResponse } from './finding-reviews.dto';

class FindingIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || !FINDING_ID_PATTERN.test(value)) {
      throw new ProblemException('validation', `the finding id in the path must be one the findings list gives (${FINDING_ID_PATTERN.source})`);
    }
    return value;
  }
}

@ApiTags('findings')
@ApiBearerAuth()
@Controller('v1/findings')
export class FindingReviewsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly readModels: ReadModels,
  ) {}

  @Post(':findingId/reviews')
  @Access('review')
  @ApiParam({ name: 'findingId', example: 'budget-overrun:budget:heerlen-participatie-2024', description: 'The id the findings list gives' })
  @ApiCreatedResponse({ type: ReviewResponse })
  @ApiOperation({ summary: 'Record a review of a finding: explained, accepted, to be corrected or escalated, with a note (FindingReviewed). Controllers and accountants only.' })
  async review(
    @Param('findingId', new FindingIdPipe()) findingId: string,
    @Body() dto: ReviewFindingDto,
    @CommandMeta() meta: HttpCommandMeta,
  ): Promise<ReviewResponse> {
    const reader = await this.readModels.current();
    if (!findingExists(reader, findingId)) throw new ProblemException('not-found', `the ledger has no finding ${findingId}`);
    const effectiveDate = dto.effectiveDate ?? todayInTheNetherlands();
    const reviewId = dto.reviewId ?? reviewIdOf(dto.state, dto.note, effectiveDate);
    const response = await dispatch(this.bus, meta, {
      entityId: findingId,
      streamId: findingStreamId(findingId),
      mustExist: false,
      idempotencyId: reviewId,
      source: dto.sourceReference !== undefined ? { sourceReference: dto.sourceReference } : {},
      command: { type: 'ReviewFinding', findingId, reviewId, state: dto.state, note: dto.note, effectiveDate },
    });
    return { ...response, reviewId };
  }
}

/** The same review sent again (a retry) gets the same id, so it is recognised and written once. */
function reviewIdOf(state: string, note: string, effectiveDate: string): string {
  const content = canonicalize({ state, note, effectiveDate }) ?? '';
  return `review-${createHash('sha256').update(content, 'utf8').digest('hex').slice(0, 24)}`;
}
