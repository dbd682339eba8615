// The journal's integrity, for auditors: the current signed digest, a consistency proof
// from a digest they kept, and a full verify.
import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Matches, Min, ValidateNested } from 'class-validator';
import { JournalDigester, type EventStore, type VerifyReport } from '@geldstroom/event-store';
import { Access } from '../access/access.decorators';
import { IntegrityMonitor } from '../health/integrity-monitor';
import { EVENT_STORE } from '../store/store.tokens';

class TrustedDigestDto {
  @IsInt() @Min(1)
  treeSize!: number;

  @Matches(/^[0-9a-f]{64}$/)
  rootHash!: string;
}

export class VerifyRequestDto {
  /** Digests the auditor kept earlier; the log must still extend each of them. */
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => TrustedDigestDto)
  digests?: TrustedDigestDto[];
}

@ApiTags('journal')
@ApiBearerAuth()
@Controller('v1/journal')
export class JournalController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly digester: JournalDigester,
    private readonly integrity: IntegrityMonitor,
  ) {}

  @Get('digest')
  @ApiOperation({ summary: 'The current journal digest (RFC 6962 tree head), signed when a key is configured' })
  digest() {
    return this.digester.current();
  }

  @Post('verify')
  @Access('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recompute every hash and the tree head, and check the log extends every kept digest' })
  verify(@Body() body: VerifyRequestDto): Promise<VerifyReport> {
    return this.integrity.verify(body.digests ?? []);
  }
}
