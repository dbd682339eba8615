// A controller's or accountant's review of a finding: explained, accepted, to be corrected, escalated.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REVIEW_STATES, type ReviewState } from '@geldstroom/ledger';
import { CommandResponse } from './command-response';
import { IsIsoDate, NOT_BLANK_PATTERN, OptionalEntityId, SOURCE_REFERENCE_LENGTH_MAX, Text } from './validators';

export class ReviewFindingDto {
  @ApiProperty({ enum: REVIEW_STATES, example: 'explained', description: 'Where the finding stands after this review; it stands until the next review' })
  @IsIn(REVIEW_STATES)
  state!: ReviewState;

  @Text('Why: what was found out, decided or asked (never about a person)', 'Overschrijding gedekt door de begrotingswijziging van december')
  note!: string;

  @ApiPropertyOptional({ description: 'The business date of the review; today in the Netherlands when left out', example: '2024-12-15', format: 'date' })
  @IsOptional() @IsIsoDate()
  effectiveDate?: string;

  @OptionalEntityId('Client-chosen id of the review; when left out, one made from its state, note and date (so a retry is the same review)', 'review-2024-12')
  reviewId?: string;

  @ApiPropertyOptional({ description: 'The memo or minutes the review is recorded in', example: 'Memo concerncontrol 2024-12', maxLength: SOURCE_REFERENCE_LENGTH_MAX, pattern: NOT_BLANK_PATTERN })
  @IsOptional() @IsString() @MaxLength(SOURCE_REFERENCE_LENGTH_MAX) @Matches(/\S/, { message: '$property must not be blank' })
  sourceReference?: string;
}

export class ReviewResponse extends CommandResponse {
  @ApiProperty({ description: 'The review recorded (the one sent, or the one made from its content)', example: 'review-2024-12' })
  reviewId!: string;
}
