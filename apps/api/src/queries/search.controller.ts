// Finding things by name, and the names of the taakvelden beside their codes.
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FISCAL_YEAR_MAX, FISCAL_YEAR_MIN } from '@geldstroom/ledger';
import { search, SEARCH_QUERY_LENGTH_MAX, taakveldenOf } from '@geldstroom/projections';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ReadModels } from './projections.module';
import { cutRequest, QueryDto } from './query.dto';

export class SearchQueryDto extends PickType(QueryDto, ['asOf'] as const) {
  @ApiProperty({ description: 'A part of a name or id: at least two characters', example: 'heerlen', minLength: 2, maxLength: SEARCH_QUERY_LENGTH_MAX })
  @IsString()
  @MinLength(2)
  @MaxLength(SEARCH_QUERY_LENGTH_MAX)
  @Matches(/\S/, { message: 'q must not be blank' })
  q!: string;
}

export class TaakveldenQueryDto {
  @ApiPropertyOptional({ description: 'The (fiscal) year whose catalogue applies; default: this year', example: 2024, minimum: FISCAL_YEAR_MIN, maximum: FISCAL_YEAR_MAX })
  @Type(() => Number) @IsInt() @Min(FISCAL_YEAR_MIN) @Max(FISCAL_YEAR_MAX)
  year: number = new Date().getUTCFullYear();
}

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('v1')
export class SearchController {
  constructor(private readonly readModels: ReadModels) {}

  @Get('search')
  @ApiOperation({ summary: 'Programmes, budgets and parties (providers marked) whose name or id holds the query, as the ledger knew them then' })
  async search(@Query() query: SearchQueryDto) {
    const reader = await this.readModels.current();
    return search(reader, query.q, reader.resolveCut(cutRequest(query)));
  }

  @Get('taakvelden')
  @ApiOperation({ summary: 'The Iv3 taakvelden with their names, as the catalogue in force for a year lists them, with its source' })
  taakvelden(@Query() query: TaakveldenQueryDto) {
    const answer = taakveldenOf(this.readModels.taakvelden, query.year);
    if (!answer) throw new ProblemException('not-found', `no taakveld catalogue covers ${query.year}`);
    return answer;
  }
}
