// Fields every command carries: where the fact comes from and when it took effect.
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { EffectiveDate, NOT_BLANK_PATTERN, SOURCE_REFERENCE_LENGTH_MAX } from './validators';

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
}
