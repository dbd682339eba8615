// Source documents: the decision, invoice or payment order behind a recorded fact. Uploaded as
// multipart/form-data, kept under their SHA-256 beside the store, recorded as DocumentAttached
// naming the fact; listed with the fact and downloadable by anyone who may read the ledger.
import { createHash } from 'node:crypto';
import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import contentDisposition from 'content-disposition';
import type { HttpReply } from '../shared/http';
import { FileUpload } from '../shared/upload.interceptor';
import { describePersonalData, findPersonalData } from '@geldstroom/ledger';
import { documentOf, documentsSupporting, ledgerEventOf, type DocumentView as Document } from '@geldstroom/projections';
import { Access } from '../access/access.decorators';
import { ProblemException } from '@geldstroom/application/problem/problem';
import { ReadModels } from '../queries/projections.module';
import { AsOfQueryDto, cutRequest } from '../queries/query.dto';
import { EntityIdParam } from '../shared/entity-id.param';
import { create } from '@geldstroom/application/commands/command-kind';
import { CommandMeta, dispatch, type HttpCommandMeta } from '../write/command-request';
import { checkTextForPersonalData, contentTypeOf, type UploadedDocument } from './document-content';
import { DocumentFiles } from './document-files';
import { ATTACH_DOCUMENT_BODY, AttachDocumentDto, DocumentAttachedResponse } from './documents.dto';
import type { DocumentAnswer, FactDocumentsAnswer } from '../openapi/answers';

/** The multipart field the file is sent in. */
export const DOCUMENT_FILE_FIELD = 'file';

/** A document comes with a few short fields; anything more is no document upload. */
const FIELDS_MAX = 8;
const FIELD_BYTES_MAX = 4 * 1024;

const eventIdPipe = () => new ParseUUIDPipe({ exceptionFactory: () => new ProblemException('validation', 'the event id in the path must be a UUID') });

@ApiTags('documents')
@ApiBearerAuth()
@Controller('v1')
export class DocumentsController {
  constructor(
    private readonly bus: CommandBus,
    private readonly readModels: ReadModels,
    private readonly files: DocumentFiles,
  ) {}

  @Post('documents')
  @Access('attach')
  @UseInterceptors(
    FileUpload(DOCUMENT_FILE_FIELD, (config) => ({
      // In memory: its hash is taken before anything is kept, and it is bounded by fileSize.
      limits: { fileSize: config.get('GELDSTROOM_DOCUMENT_LIMIT_BYTES', { infer: true }), files: 1, fields: FIELDS_MAX, fieldSize: FIELD_BYTES_MAX, parts: FIELDS_MAX + 1 },
      // File names in UTF-8, as browsers and curl send them.
      defParamCharset: 'utf8',
    })),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: ATTACH_DOCUMENT_BODY })
  @ApiCreatedResponse({ type: DocumentAttachedResponse })
  @ApiOperation({
    summary:
      'Attach a source document (PDF, PNG, JPEG, plain text or CSV) to a recorded fact (DocumentAttached). A recorder for the facts of its parties; controllers and accountants too.',
  })
  async attach(
    @UploadedFile() file: UploadedDocument | undefined,
    @Body() dto: AttachDocumentDto,
    @CommandMeta() meta: HttpCommandMeta,
  ): Promise<DocumentAttachedResponse> {
    if (!file) throw new ProblemException('validation', `send the document as a multipart/form-data part named "${DOCUMENT_FILE_FIELD}"`, { field: DOCUMENT_FILE_FIELD });
    refusePersonalData(dto);
    const contentType = contentTypeOf(file);
    checkTextForPersonalData(file, contentType);
    const supportsEventId = dto.supportsEventId.toLowerCase();
    const supported = ledgerEventOf(await this.readModels.current(), supportsEventId);
    if (!supported) {
      throw new ProblemException(
        'unknown-reference',
        `the ledger has no event ${supportsEventId} to attach a document to (a decision written on two streams is named by the event it was decided as)`,
        { field: 'supportsEventId' },
      );
    }
    const staged = await this.files.store.stage(file.buffer);
    const { contentHash, sizeBytes } = staged;
    const documentId = dto.documentId ?? documentIdOf(supportsEventId, contentHash);
    const command = {
      type: 'AttachDocument' as const,
      documentId,
      supportsEventId,
      supportsStreamId: supported.streamId,
      contentHash,
      name: dto.name ?? file.originalname,
      contentType,
      sizeBytes,
      effectiveDate: dto.effectiveDate ?? supported.effectiveDate,
    };
    let response;
    try {
      response = await dispatch(this.bus, meta, create('document', documentId, dto.sourceReference !== undefined ? { sourceReference: dto.sourceReference } : {}, command));
    } catch (error) {
      await staged.discard();
      throw error;
    }
    // Only now, with the fact recorded, the bytes take their name: a refused upload keeps nothing.
    await staged.commit();
    return { ...response, documentId, contentHash, contentType, sizeBytes };
  }

  @Get('documents/:id')
  @ApiOperation({ summary: 'A document’s metadata: the fact it supports, its hash, name, type and size, and who attached it when' })
  async metadata(@EntityIdParam() id: string): Promise<DocumentAnswer> {
    return withContentUrl(await this.document(id));
  }

  @Get('documents/:id/content')
  @ApiProduces('application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv')
  @ApiOkResponse({ description: 'The file as attached; its ETag is its SHA-256' })
  @ApiOperation({ summary: 'Download a document, checked against its recorded hash first' })
  async content(@EntityIdParam() id: string, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: HttpReply): Promise<void> {
    const document = await this.document(id);
    const bytes = await this.files.store.read(document.contentHash);
    // Never hand out bytes that are not what the journal recorded: verify names the failure too.
    if (!bytes || createHash('sha256').update(bytes).digest('hex') !== document.contentHash) {
      throw new ProblemException('document-integrity', `the file of document ${id} is ${bytes ? 'altered' : 'missing'}: it does not match hash ${document.contentHash}`, {
        documentId: id,
        contentHash: document.contentHash,
      });
    }
    const etag = `"${document.contentHash}"`;
    // A client holding these bytes (its If-None-Match names the hash) is told so, without them.
    if (holds(ifNoneMatch, etag)) {
      await reply.headers({ ETag: etag, 'Cache-Control': 'private, no-cache' }).code(304).send();
      return;
    }
    await reply
      .headers({
        'Content-Disposition': contentDisposition(document.name),
        'Content-Type': document.contentType.startsWith('text/') ? `${document.contentType}; charset=utf-8` : document.contentType,
        ETag: etag,
        'Cache-Control': 'private, no-cache',
      })
      .send(bytes);
  }

  @Get('events/:eventId/documents')
  @ApiParam({ name: 'eventId', description: 'The id of a ledger event, as the audit trail names it' })
  @ApiOperation({ summary: 'The documents attached to a recorded fact, oldest first; with asOf, as the ledger knew them then' })
  async ofEvent(@Param('eventId', eventIdPipe()) eventId: string, @Query() query: AsOfQueryDto): Promise<FactDocumentsAnswer> {
    const reader = await this.readModels.current();
    const cut = reader.resolveCut(cutRequest(query));
    const id = eventId.toLowerCase();
    const event = ledgerEventOf(reader, id, cut);
    if (!event) throw new ProblemException('not-found', `the ledger has no event ${id}${query.asOf === undefined ? '' : ' as of then'}`);
    return { eventId: id, streamId: event.streamId, documents: documentsSupporting(reader, id, cut).map(withContentUrl) };
  }

  private async document(id: string): Promise<Document> {
    const reader = await this.readModels.current();
    const document = documentOf(reader, id, reader.resolveCut());
    if (!document) throw new ProblemException('not-found', `the ledger has no document ${id}`);
    return document;
  }
}

/** The same file for the same fact is the same document: a retry is recognised, not kept twice. */
function documentIdOf(supportsEventId: string, contentHash: string): string {
  return `doc-${createHash('sha256').update(`${supportsEventId}:${contentHash}`, 'utf8').digest('hex').slice(0, 24)}`;
}

function withContentUrl(document: Document): DocumentAnswer {
  return { ...document, contentUrl: `/v1/documents/${document.documentId}/content` };
}

/** A multipart body reaches the handler after the check every JSON body has: made here instead. */
function refusePersonalData(dto: AttachDocumentDto): void {
  const found = findPersonalData({ ...dto });
  if (found !== undefined) {
    throw new ProblemException('personal-data', `body.${found.path} holds ${describePersonalData(found.kind)}`, { field: `body.${found.path}` });
  }
}

/** If-None-Match (RFC 9110 13.1.2): any of its tags, weak or strong, or `*`, names these bytes. */
function holds(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const given = tag.trim();
    return given === '*' || given === etag || given === `W/${etag}`;
  });
}
