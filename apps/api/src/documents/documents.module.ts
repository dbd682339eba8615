// Source documents: the upload endpoint with its limits, and the files behind the documents,
// which verify and /health check (hence global).
import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MulterModule } from '@nestjs/platform-express';
import type { Configuration } from '../config/configuration';
import { DocumentFiles } from './document-files';
import { DocumentsController } from './documents.controller';

/** A document comes with a few short fields; anything more is no document upload. */
const FIELDS_MAX = 8;
const FIELD_BYTES_MAX = 4 * 1024;

@Global()
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Configuration, true>) => ({
        // In memory: its hash is taken before anything is kept, and it is bounded by fileSize.
        limits: { fileSize: config.get('GELDSTROOM_DOCUMENT_LIMIT_BYTES', { infer: true }), files: 1, fields: FIELDS_MAX, fieldSize: FIELD_BYTES_MAX, parts: FIELDS_MAX + 1 },
        // File names in UTF-8, as browsers and curl send them.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DocumentsController],
  providers: [DocumentFiles],
  exports: [DocumentFiles],
})
export class DocumentsModule {}
