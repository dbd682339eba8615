// The read models as a global module, and the interceptor that tells every answer how they stand.
import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ReadModels } from './read-models';
import { ReadModelsStatusInterceptor } from './read-models-status.interceptor';

export { ReadModels, type ProjectionLag } from './read-models';

@Global()
@Module({
  providers: [ReadModels, { provide: APP_INTERCEPTOR, useClass: ReadModelsStatusInterceptor }],
  exports: [ReadModels],
})
export class ProjectionsModule {}
