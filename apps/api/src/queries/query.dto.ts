// What every query takes: knowledge time (`asOf`), business time (`on`) and `explain`.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsIsoDate } from '@geldstroom/application/commands/validators';

/** A journal position, a date or an ISO instant: what `asOf` may be (the CLI checks it the same way). */
export const AS_OF = /^(\d{1,15}|\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?)$/;

export class QueryDto {
  @ApiPropertyOptional({
    description:
      'Knowledge time: only events recorded by then. A date (its whole day, UTC), an ISO instant, or a journal position.',
    example: '2024-07-08',
  })
  @IsOptional()
  @Matches(AS_OF, { message: 'asOf must be a date YYYY-MM-DD, an ISO instant, or a journal position' })
  asOf?: string;

  @ApiPropertyOptional({ description: 'Business time: only events effective on or before this date (YYYY-MM-DD)', example: '2024-06-30' })
  @IsOptional()
  @IsIsoDate()
  on?: string;

  @ApiPropertyOptional({ description: 'List the events behind each figure, with positions and hashes', example: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  explain?: boolean;
}

export function cutRequest(query: QueryDto): { asOf?: string; on?: string } {
  return { ...(query.asOf ? { asOf: query.asOf } : {}), ...(query.on ? { on: query.on } : {}) };
}
