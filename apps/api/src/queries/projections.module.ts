// The read models as a global module (every answer's status of them: read-models-status.ts).
import { Global, Module } from '@nestjs/common';
import { ReadModels } from './read-models';

export { ReadModels, type ProjectionLag } from './read-models';

@Global()
@Module({
  providers: [ReadModels],
  exports: [ReadModels],
})
export class ProjectionsModule {}
