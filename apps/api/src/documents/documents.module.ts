// Source documents: the upload endpoint with its limits, and the files behind the documents,
// which verify and /health check (hence global).
import { Global, Module } from '@nestjs/common';
import { DocumentFiles } from './document-files';
import { DocumentsController } from './documents.controller';

@Global()
@Module({
  controllers: [DocumentsController],
  providers: [DocumentFiles],
  exports: [DocumentFiles],
})
export class DocumentsModule {}
