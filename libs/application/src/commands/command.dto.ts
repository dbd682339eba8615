// Fields every command carries: where the fact comes from and when it took effect.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DATE_PRECISIONS, type DatePrecision } from '@geldstroom/ledger';
import { EffectiveDate, NOT_BLANK_PATTERN, SOURCE_REFERENCE_LENGTH_MAX } from './validators';

/**
 * The client id of an entity's end or cancellation when none is sent: a plain retry is then still
 * recognised. Without an id of its own, an end or cancellation that was reversed (a wrong date)
 * could never be recorded again: every later one would be taken for a retry of the reversed one.
 */
export const DEFAULT_END_ID = 'end';
export const DEFAULT_CANCELLATION_ID = 'cancel';

export abstract class CommandDto {
  @ApiProperty({
    description: 'The decision, letter or document this fact comes from',
    example: 'Besluit B&W 2024-0412',
    maxLength: SOURCE_REFERENCE_LENGTH_MAX,
    pattern: NOT_BLANK_PATTERN,
  })
  @IsString()
  @MaxLength(SOURCE_REFERENCE_LENGTH_MAX)
  @Matches(/\S/, { message: '$property must not be blank' })
  sourceReference!: string;

  @EffectiveDate('2024-01-15')
  effectiveDate!: string;

  @ApiPropertyOptional({
    enum: DATE_PRECISIONS,
    description:
      'How exactly the effective date is known: `day` when left out; `month` when the source says "medio juni 2024" (send a date ' +
      'in that month), `year` when it gives only the year. Carried in the event data; answers then say "in juni 2024".',
    example: 'day',
  })
  @IsOptional()
  @IsIn(DATE_PRECISIONS)
  effectiveDatePrecision?: DatePrecision;
}

/**
 * What a command's body says about where its fact comes from and how exactly its date is known
 * (a review or an attached document may leave out its source: the finding or the fact is its source).
 */
export interface CommandSource {
  readonly sourceReference?: string;
  readonly effectiveDatePrecision?: DatePrecision;
}
