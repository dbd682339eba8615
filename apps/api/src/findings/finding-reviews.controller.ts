// Reviews of findings: a controller or accountant records where a finding stands, with a note.
// The finding is the read side's; its reviews are events of the journal, with their actor.
import { Body, Controller, Param, Post, type PipeTransform } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FINDING_ID_PATTERN } from '@geldstroom/ledger';
import { Access } from '../access/access.decorators';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ReadModels } from '../queries/projections.module';
import { findingLookups } from '../queries/finding-lookups';
import { REVIEW_FINDING } from '@geldstroom/application/commands/own-costs.kinds';
import { CommandMeta, dispatch, type HttpCommandMeta } from '../write/command-request';
import { ReviewFindingDto, ReviewResponse } from '@geldstroom/application/commands/finding-reviews.dto';

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
    await REVIEW_FINDING.check?.(findingId, findingLookups(this.readModels));
    const request = REVIEW_FINDING.toDispatch(dto, findingId);
    const response = await dispatch(this.bus, meta, request);
    const reviewId = request.idempotencyId;
    return { ...response, reviewId };
  }
}
