// Source documents: a file uploaded as multipart/form-data, with fields naming the fact it supports.
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_CONTENT_TYPES } from '@geldstroom/ledger';
import { CommandResponse } from '../write/command-request';
import { IsIsoDate, NOT_BLANK_PATTERN, OptionalEntityId, SOURCE_REFERENCE_LENGTH_MAX, Text } from '@geldstroom/application/commands/validators';

export class AttachDocumentDto {
  @ApiProperty({ description: 'The event the document supports, as the audit trail names it (for a transfer: its outgoing side)', example: '0190f3c4-9d7e-7c1a-8e2b-3a4b5c6d7e8f' })
  @IsUUID()
  supportsEventId!: string;

  @Text('What the document is, never whom it is about; the uploaded file’s own name when left out', 'Factuur 2024-118 Uitzendbureau Zuid.pdf', true)
  name?: string;

  @OptionalEntityId('Client-chosen id of the document; when left out, one made from the fact and the file, so the same file sent again for the same fact is the same document', 'factuur-2024-118')
  documentId?: string;

  @ApiPropertyOptional({ description: 'The business date of the document; the date of the fact it supports when left out', example: '2024-09-30', format: 'date' })
  @IsOptional() @IsIsoDate()
  effectiveDate?: string;

  @ApiPropertyOptional({ description: 'Where the document comes from (a register number)', example: 'Postregistratie 2024-4411', maxLength: SOURCE_REFERENCE_LENGTH_MAX, pattern: NOT_BLANK_PATTERN })
  @IsOptional() @IsString() @MaxLength(SOURCE_REFERENCE_LENGTH_MAX) @Matches(/\S/, { message: '$property must not be blank' })
  sourceReference?: string;
}

/** The multipart body as the OpenAPI document states it: the file and the fields above. */
export const ATTACH_DOCUMENT_BODY: SchemaObject = {
  type: 'object',
  required: ['file', 'supportsEventId'],
  properties: {
    file: { type: 'string', format: 'binary', description: `The document: ${DOCUMENT_CONTENT_TYPES.join(', ')} (application/octet-stream: told from its bytes)` },
    supportsEventId: { type: 'string', format: 'uuid' },
    name: { type: 'string', maxLength: 500 },
    documentId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,63}$' },
    effectiveDate: { type: 'string', format: 'date' },
    sourceReference: { type: 'string', maxLength: SOURCE_REFERENCE_LENGTH_MAX },
  },
};

export class DocumentAttachedResponse extends CommandResponse {
  @ApiProperty({ example: 'factuur-2024-118' })
  documentId!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes kept', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  contentHash!: string;
  @ApiProperty({ enum: DOCUMENT_CONTENT_TYPES })
  contentType!: string;
  @ApiProperty({ example: 182113 })
  sizeBytes!: number;
}
