// The journal, for auditors: every event as stored, paged; the current signed digest, a
// consistency proof from a digest they kept, and a full verify.
import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsInt, IsISO8601, IsOptional, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JournalDigester, type EventStore, type VerifyReport } from '@geldstroom/event-store';
import { journalPage, type ReadModelsReport } from '@geldstroom/projections';
import { Access } from '../access/access.decorators';
import { IntegrityMonitor, UntrustedCheckpointError, VerifyAbortedError, VerifyBusyError } from '../health/integrity-monitor';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { DocumentFiles, type DocumentsReport } from '../documents/document-files';
import { ReadModels } from '../queries/projections.module';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { journalFilterOf, JournalPageQueryDto } from './journal-filter.dto';

const JOURNAL_PAGE_DEFAULT = 100;

/** Seconds a caller told "busy" waits before asking again: about one verify of a large journal. */
const VERIFY_RETRY_AFTER_S = 10;

class DigestSignatureDto {
  @Equals('Ed25519')
  algorithm!: 'Ed25519';

  @Matches(/^[A-Za-z0-9+/=]{1,200}$/)
  publicKey!: string;

  @Matches(/^[A-Za-z0-9+/=]{1,200}$/)
  value!: string;
}

class TrustedDigestDto {
  @IsInt() @Min(1) @Max(Number.MAX_SAFE_INTEGER)
  treeSize!: number;

  @Matches(/^[0-9a-f]{64}$/)
  rootHash!: string;

  /** With a signature: as `GET /v1/journal/digest` gave it, every field signed. */
  @IsOptional() @IsInt() @Min(0) @Max(Number.MAX_SAFE_INTEGER)
  headPosition?: number;

  @IsOptional() @IsISO8601({ strict: true }) @MaxLength(40)
  issuedAt?: string;

  @IsOptional() @ValidateNested() @Type(() => DigestSignatureDto)
  signature?: DigestSignatureDto;
}

export class VerifyRequestDto {
  /**
   * Digests the auditor kept earlier; the log must still extend each of them. Unsigned ones are
   * checked for this request only; ones the ledger signed itself count for /health as well.
   */
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
    private readonly readModels: ReadModels,
    private readonly documents: DocumentFiles,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The journal, oldest first: every ledger and access event as stored, with its amount and counterparty; filters by type, entity, ' +
      'party, business dates and amount; `next` and `previous` cursors and the tree head after the page',
  })
  async list(@Query() query: JournalPageQueryDto) {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(query.asOf ? { asOf: query.asOf } : {});
    return journalPage(this.store, reader, { after: query.after ?? 0, limit: query.limit ?? JOURNAL_PAGE_DEFAULT, filter: journalFilterOf(query), cut });
  }

  @Get('digest')
  @ApiOperation({ summary: 'The current journal digest (RFC 6962 tree head), signed when a key is configured' })
  digest() {
    return this.digester.current();
  }

  @Post('verify')
  @Access('read')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Recompute every hash and the tree head, and check the log extends every kept digest and the digests sent; ' +
      'then derive the read models again and check every attached document\'s file against its recorded hash (`documents`). ' +
      'Requests made while a verify runs share the next one; too many waiting is a 429. ' +
      'A verify that stops on an error before it is done is a 503 `verify-aborted`, and counts as failed in `/health`.',
  })
  async verify(@Body() body: VerifyRequestDto): Promise<VerifyReport & { readModels?: ReadModelsReport; documents?: DocumentsReport }> {
    const digests = (body.digests ?? []).map((digest) => ({ ...digest, issuedAt: digest.issuedAt ?? '' }));
    let journal: VerifyReport;
    try {
      journal = await this.integrity.verifyFor(digests);
    } catch (error) {
      throw verifyProblem(error);
    }
    if (!journal.ok) return journal;
    // The read models, derived again from the journal found intact (shared with any verify running),
    // and the file of every document attached, against the hash the journal recorded for it.
    const readModels = await this.readModels.verify();
    const documents = await this.documents.verify();
    return { ...journal, ...(readModels ? { readModels } : {}), documents };
  }
}

/**
 * A journal verify that did not answer, as the problem a caller is told. Any error, not only the
 * monitor's own: an exception is never taken for a verify that held, nor shown as an internal error.
 */
function verifyProblem(error: unknown): ProblemException {
  if (error instanceof VerifyBusyError) {
    return new ProblemException('too-many-requests', `${error.message}: ask again later`, {}, { 'Retry-After': String(VERIFY_RETRY_AFTER_S) });
  }
  if (error instanceof UntrustedCheckpointError) return new ProblemException('invalid-value', error.message, { field: 'digests' });
  const report = error instanceof VerifyAbortedError ? error.report : undefined;
  return new ProblemException(
    'verify-aborted',
    'The verify stopped on an error before it was done, so the journal is not known to hold; it counts as a failed verify. The server\'s log says why.',
    report ? { failure: report.failure, verifiedAt: report.verifiedAt } : {},
  );
}
