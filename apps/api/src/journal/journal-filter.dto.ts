// The journal's filters as a query: the same for the journal's pages and its export, so a
// filtered page and the file made from it hold the same events.
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { ENTITY_ID_PATTERN, EVENT_TYPES } from '@geldstroom/ledger';
import { JOURNAL_PAGE_MAX, LEDGER_CATEGORIES, type JournalFilter } from '@geldstroom/projections';
import { toCents } from '@geldstroom/application/commands/money';
import { IsIsoDate, IsMoney } from '@geldstroom/application/commands/validators';
import { AS_OF } from '../queries/query.dto';

/** A ledger stream: one of the ledger's categories, a dash, an entity id. */
const STREAM_ID = new RegExp(`^(${[...LEDGER_CATEGORIES].join('|')})-${ENTITY_ID_PATTERN.source.slice(1)}`);

export class JournalFilterDto {
  @ApiPropertyOptional({
    description: 'Only events of these types: repeat the parameter or separate with commas',
    example: 'PurchasePaid,GrantAdvancePaid',
    type: String,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : value))
  @ArrayMaxSize(EVENT_TYPES.length)
  @IsIn(EVENT_TYPES, { each: true, message: `type must be one of ${EVENT_TYPES.join(', ')}` })
  type?: string[];

  @ApiPropertyOptional({
    description: "Only the events of this entity, `<category>-<id>`; for a budget or programme also what is charged to it or serves it",
    example: 'programme-pilot-werkvoorheerlen-2024',
  })
  @IsOptional()
  @Matches(STREAM_ID, { message: 'entity must be <category>-<id>, e.g. budget-heerlen-maatwerk-reintegratie-2024' })
  entity?: string;

  @ApiPropertyOptional({ description: 'Only events naming this party (funder, recipient, supplier, payee, buyer, owner) or charged to its budgets', example: 'reha' })
  @IsOptional()
  @Matches(ENTITY_ID_PATTERN, { message: `party must match ${ENTITY_ID_PATTERN.source}` })
  party?: string;

  @ApiPropertyOptional({ description: 'Business date from (inclusive), YYYY-MM-DD', example: '2024-01-01', format: 'date' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Business date to (inclusive), YYYY-MM-DD', example: '2024-12-31', format: 'date' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Smallest amount (inclusive), two decimals', example: '1000.00' })
  @IsOptional()
  @IsMoney({ allowNegative: true })
  amountMin?: string;

  @ApiPropertyOptional({ description: 'Largest amount (inclusive), two decimals', example: '100000.00' })
  @IsOptional()
  @IsMoney({ allowNegative: true })
  amountMax?: string;

  @ApiPropertyOptional({
    description: 'Knowledge time: the journal as recorded by then (a date, an ISO instant or a journal position)',
    example: '2024-07-08',
  })
  @IsOptional()
  @Matches(AS_OF, { message: 'asOf must be a date YYYY-MM-DD, an ISO instant, or a journal position' })
  asOf?: string;
}

export class JournalPageQueryDto extends JournalFilterDto {
  @ApiPropertyOptional({ description: 'Events strictly after this journal position (the `next` or `previous` of another page)', example: 0, minimum: 0 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ description: 'Events per page', example: 100, minimum: 1, maximum: JOURNAL_PAGE_MAX })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(JOURNAL_PAGE_MAX)
  limit?: number;
}

/** The filter the projections take: amounts in cents. */
export function journalFilterOf(query: JournalFilterDto): JournalFilter {
  return {
    ...(query.type !== undefined ? { types: [...new Set(query.type)] } : {}),
    ...(query.entity !== undefined ? { entity: query.entity } : {}),
    ...(query.party !== undefined ? { party: query.party } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
    ...(query.amountMin !== undefined ? { amountMinCents: toCents(query.amountMin, { allowNegative: true }) } : {}),
    ...(query.amountMax !== undefined ? { amountMaxCents: toCents(query.amountMax, { allowNegative: true }) } : {}),
  };
}
