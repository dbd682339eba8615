// What every query takes: knowledge time (`asOf`), business time (`on`) and `explain`.
import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsIsoDate } from '@geldstroom/application/commands/validators';

// The parts of an `asOf`, each only what exists: every asOf and `then` of the API and the CLI is
// checked against AS_OF alone, so it is the calendar too (2024-02-30 and 25:00 would reach the
// reader's Date, which rolls the first over into March and throws on the second).
/** A year isIsoDate takes (1900–2199), a month and a day that month always has. */
const DATE_COMMON = '(?:19|2[01])\\d{2}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))';
/** 29 February of a leap year: divisible by 4, not by 100 unless by 400 (2000, not 1900 or 2100). */
const LEAP_DAY = '(?:(?:19|2[01])(?:0[48]|[2468][048]|[13579][26])|2000)-02-29';
/** 00:00 to 23:59, seconds 00 to 59 (no leap second, no 24:00), milliseconds at most. */
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d{1,3})?)?';
const OFFSET = '(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)';

/** A journal position, a date or an ISO instant: what `asOf` may be (the CLI checks it the same way). */
export const AS_OF = new RegExp(`^(?:\\d{1,15}|(?:${DATE_COMMON}|${LEAP_DAY})(?:T${TIME}${OFFSET})?)$`);

export class QueryDto {
  @ApiPropertyOptional({
    description:
      'Knowledge time: only events recorded by then. A date (its whole day, until midnight in the Netherlands), an ISO instant, or a journal position.',
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

/** Knowledge time alone: for what has no business date of its own (an audit trail, the documents of a fact). */
export class AsOfQueryDto extends PickType(QueryDto, ['asOf'] as const) {}

export function cutRequest(query: QueryDto): { asOf?: string; on?: string } {
  return { ...(query.asOf ? { asOf: query.asOf } : {}), ...(query.on ? { on: query.on } : {}) };
}
